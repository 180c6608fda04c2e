// The ARS's and the nation's pages (issue 12, points 10-12), through the HTTP server on both
// databases: the journal's filters and its sign-in entries, the users page at national scale
// (search, last sign-in, role change, second-factor reset, establishments without a security
// officer), and « qui est en retard sur quoi » read from the stored compliance. Every filter
// narrows the caller's scope and never widens it.
#include <gtest/gtest.h>

#include <tuple>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "common/date.hpp"
#include "common/french.hpp"
#include "evidence/calendar.hpp"
#include "registry/demo.hpp"
#include "store/audit_log.hpp"
#include "test_server.hpp"

namespace carepilot::testing {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

class NationalPagesTest : public ::testing::TestWithParam<const char*> {
 protected:
  TestServer srv_{GetParam(), TestServer::with_accounts()};
  registry::Establishment a_, b_, c_;  // A and B in Pays de la Loire (52), C in Île-de-France

  void SetUp() override {
    auto& repo = srv_.app().repo();
    registry::EstablishmentInput in;
    in.finess_et = in.finess_ej = registry::with_luhn_key("49000001");
    in.name = "Centre hospitalier Alpha";
    in.type = "ch";
    in.department = "49";
    a_ = repo.create(Scope::nation(), in);
    in.finess_et = in.finess_ej = registry::with_luhn_key("44000001");
    in.name = "Centre hospitalier Bravo";
    in.department = "44";
    b_ = repo.create(Scope::nation(), in);
    in.finess_et = in.finess_ej = registry::with_luhn_key("75000001");
    in.name = "Clinique Charlie Hors Region";
    in.department = "75";
    c_ = repo.create(Scope::nation(), in);
  }

  std::string scalar(const std::string& sql) {
    auto s = srv_.db().db().lease();
    std::string v;
    soci::indicator ind = soci::i_null;
    *s << sql, soci::into(v, ind);
    return ind == soci::i_ok ? v : std::string("NULL");
  }
  int number(const std::string& sql) {
    auto s = srv_.db().db().lease();
    int v = 0;
    *s << sql, soci::into(v);
    return v;
  }
  auth::User user(const std::string& email) {
    return *srv_.app().auth_store().user_by_email(email);
  }
};

// ---- point 12: the journal ---------------------------------------------------------------

TEST_P(NationalPagesTest, SignInsAndFailedSignInsAreJournaledWithoutThePassword) {
  make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  EXPECT_EQ(scalar("SELECT last_sign_in_at FROM users WHERE email = 'editeur@alpha.fr'"), "NULL");
  const std::string wrong_password = "mauvais-secret-jamais-ecrit";
  EXPECT_EQ(
      srv_.send("POST", "/connexion", "email=editeur%40alpha.fr&password=" + wrong_password, kForm)
          .status,
      401);
  EXPECT_EQ(srv_.send("POST", "/connexion",
                      "email=inconnu%40ailleurs.fr&password=" + wrong_password, kForm)
                .status,
            401);
  ASSERT_TRUE(sign_in(srv_, "editeur@alpha.fr", kTestPassword));
  EXPECT_NE(scalar("SELECT last_sign_in_at FROM users WHERE email = 'editeur@alpha.fr'"), "NULL");

  EXPECT_EQ(number("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND actor = "
                   "'editeur@alpha.fr'"),
            1);
  EXPECT_EQ(number("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'"), 2);
  // The password tried is written nowhere, the address tried is.
  EXPECT_EQ(number("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%mauvais-secret%' OR "
                   "actor LIKE '%mauvais-secret%'"),
            0);
  EXPECT_EQ(number("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' AND summary "
                   "LIKE '%inconnu@ailleurs.fr%'"),
            1);

  // A's security officer sees A's sign-ins (in French, Paris time), not the attempt on an
  // address that is no account of theirs.
  auto officer = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                           Scope::establishment(a_.id), true);
  auto page = call(srv_, session_for(srv_, officer), "GET", "/journal");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<td>connexion</td>"), std::string::npos);
  EXPECT_NE(page.body.find("<td>échec de connexion</td>"),
            std::string::npos);  // of editeur@alpha.fr
  EXPECT_EQ(page.body.find("inconnu@ailleurs.fr"), std::string::npos);
  EXPECT_EQ(page.body.find("<td>login</td>"), std::string::npos);
  EXPECT_EQ(page.body.find("Z</td>"), std::string::npos);  // no ISO timestamp
  auto admin = make_user(srv_, "admin@national.fr", Role::national_admin, Scope::nation(), true);
  auto national = call(srv_, session_for(srv_, admin), "GET", "/journal");
  EXPECT_NE(national.body.find("inconnu@ailleurs.fr"), std::string::npos);
}

TEST_P(NationalPagesTest, JournalFiltersNarrowTheScopeAndNeverWidenIt) {
  auto manager = make_user(srv_, "ars@paysdelaloire.fr", Role::regional_manager,
                           Scope::region(a_.region_code), true);
  auto admin = make_user(srv_, "admin@national.fr", Role::national_admin, Scope::nation(), true);
  auto sm = session_for(srv_, manager), sa = session_for(srv_, admin);
  for (const auto* e : {&a_, &b_, &c_})
    ASSERT_EQ(call(srv_, sa, "POST", "/api/v1/establishments/" + e->finess_et + "/evidence",
                   R"({"type":"registration","date":"2026-01-10","service":"silene"})",
                   "application/json")
                  .status,
              201);
  auto rows = [&](const Session& s, const std::string& query) {
    auto r = call(srv_, s, "GET", "/journal" + query);
    EXPECT_EQ(r.status, 200) << query;
    return count(r.body, "data-testid=\"audit-row\"");
  };
  const auto all = rows(sm, "");
  EXPECT_GT(all, 0u);
  // Object: evidence of A and B only (C is in another region).
  EXPECT_EQ(rows(sm, "?objet=evidence"), 2u);
  EXPECT_EQ(rows(sa, "?objet=evidence"), 3u);
  // Establishment: A's only; C's FINESS through the filter gives nothing, as an unknown one.
  EXPECT_EQ(rows(sm, "?objet=evidence&etablissement=" + a_.finess_et), 1u);
  auto foreign = call(srv_, sm, "GET", "/journal?etablissement=" + c_.finess_et);
  EXPECT_EQ(count(foreign.body, "data-testid=\"audit-row\""), 0u);
  EXPECT_NE(foreign.body.find("data-testid=\"unknown-establishment\""), std::string::npos);
  EXPECT_EQ(rows(sa, "?objet=evidence&etablissement=" + c_.finess_et), 1u);
  // User: part of the author's address.
  EXPECT_EQ(rows(sm, "?objet=evidence&utilisateur=ADMIN%40national"), 2u);
  EXPECT_EQ(rows(sm, "?objet=evidence&utilisateur=personne"), 0u);
  // Dates, Paris days, both ends included; a day before the entries, or after, has none.
  auto today = format_date(evidence::paris_today());
  auto tomorrow = format_date(add_days(evidence::paris_today(), 1));
  auto yesterday = format_date(add_days(evidence::paris_today(), -1));
  EXPECT_EQ(rows(sm, "?objet=evidence&du=" + today + "&au=" + today), 2u);
  EXPECT_EQ(rows(sm, "?objet=evidence&du=" + tomorrow), 0u);
  EXPECT_EQ(rows(sm, "?objet=evidence&au=" + yesterday), 0u);
  // A wrong filter is said, in French, and the page still answers.
  auto bad = call(srv_, sm, "GET", "/journal?du=31%2F02%2F2026&objet=nimporte");
  EXPECT_EQ(bad.status, 200);
  EXPECT_NE(bad.body.find("Du : la date doit être une date valide"), std::string::npos);
  EXPECT_NE(bad.body.find("Objet : ce type d"), std::string::npos);
  // Objects are named in French.
  EXPECT_NE(call(srv_, sm, "GET", "/journal").body.find("<td>preuve</td>"), std::string::npos);
}

// ---- point 11: users at national scale ---------------------------------------------------

TEST_P(NationalPagesTest, UsersPageSearchesFiltersAndShowsTheLastSignInWithinTheScope) {
  auto manager = make_user(srv_, "ars@paysdelaloire.fr", Role::regional_manager,
                           Scope::region(a_.region_code), true);
  make_user(srv_, "lecteur@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  make_user(srv_, "editeur@bravo.fr", Role::establishment_editor, Scope::establishment(b_.id));
  make_user(srv_, "lecteur@charlie.fr", Role::establishment_reader, Scope::establishment(c_.id));
  ASSERT_TRUE(sign_in(srv_, "lecteur@alpha.fr", kTestPassword));
  auto sm = session_for(srv_, manager);
  auto page = [&](const std::string& q) { return call(srv_, sm, "GET", "/utilisateurs" + q).body; };
  auto all = page("");
  EXPECT_NE(all.find("lecteur@alpha.fr"), std::string::npos);
  EXPECT_NE(all.find("editeur@bravo.fr"), std::string::npos);
  EXPECT_EQ(all.find("lecteur@charlie.fr"), std::string::npos);
  EXPECT_NE(all.find("jamais connecté"), std::string::npos);
  EXPECT_EQ(count(all, "data-testid=\"user-row\""), 3u);
  auto search = page("?q=LECTEUR");
  EXPECT_EQ(count(search, "data-testid=\"user-row\""), 1u);  // not Charlie's
  EXPECT_NE(search.find("lecteur@alpha.fr"), std::string::npos);
  EXPECT_EQ(count(page("?role=establishment_editor"), "data-testid=\"user-row\""), 1u);
  EXPECT_EQ(count(page("?niveau=region"), "data-testid=\"user-row\""), 1u);
  EXPECT_EQ(count(page("?etablissement=" + b_.finess_et), "data-testid=\"user-row\""), 1u);
  EXPECT_EQ(count(page("?etablissement=" + c_.finess_et), "data-testid=\"user-row\""), 0u);
  // The last sign-in of Alpha's reader, in Paris time.
  auto alpha = search.substr(search.find("lecteur@alpha.fr"));
  alpha = alpha.substr(alpha.find("data-testid=\"last-sign-in\""), 80);
  EXPECT_NE(alpha.find(" à "), std::string::npos) << alpha;
  // Pagination: 50 a page.
  for (int i = 0; i < 50; ++i)
    make_user(srv_, "agent" + std::to_string(i) + "@alpha.fr", Role::establishment_reader,
              Scope::establishment(a_.id));
  auto first = page("");
  EXPECT_EQ(count(first, "data-testid=\"user-row\""), 50u);
  EXPECT_NE(first.find("page 1 sur 2"), std::string::npos);
  EXPECT_EQ(count(page("?page=2"), "data-testid=\"user-row\""), 3u);
}

TEST_P(NationalPagesTest, EstablishmentsWithoutSecurityOfficerAreListedWithinTheScope) {
  auto manager = make_user(srv_, "ars@paysdelaloire.fr", Role::regional_manager,
                           Scope::region(a_.region_code), true);
  make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
            Scope::establishment(a_.id), true);
  auto body = call(srv_, session_for(srv_, manager), "GET", "/utilisateurs").body;
  auto list = body.substr(body.find("id=\"sans-rssi\""));
  EXPECT_NE(list.find("Centre hospitalier Bravo"), std::string::npos);
  EXPECT_EQ(list.find("Centre hospitalier Alpha"), std::string::npos);  // has its officer
  EXPECT_EQ(list.find("Charlie"), std::string::npos);                   // another region
  EXPECT_NE(list.find("1 établissement sans compte RSSI actif"), std::string::npos);
  // A disabled officer does not count.
  auto s = srv_.db().db().lease();
  *s << "UPDATE users SET disabled = 1 WHERE email = 'rssi@alpha.fr'";
  body = call(srv_, session_for(srv_, manager), "GET", "/utilisateurs").body;
  EXPECT_NE(body.find("2 établissements sans compte RSSI actif"), std::string::npos);
}

TEST_P(NationalPagesTest, RoleChangeStaysWithinTheGrantersRolesTheLevelAndTheScope) {
  auto officer = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                           Scope::establishment(a_.id), true);
  auto agent =
      make_user(srv_, "agent@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  auto foreign =
      make_user(srv_, "agent@charlie.fr", Role::establishment_reader, Scope::establishment(c_.id));
  auto so = session_for(srv_, officer);
  auto to = [&](const auth::User& u, const std::string& role) {
    return call(srv_, so, "POST", "/utilisateurs/" + std::to_string(u.id) + "/role", "role=" + role,
                kForm)
        .status;
  };
  EXPECT_EQ(to(agent, "establishment_editor"), 303);
  EXPECT_EQ(user("agent@alpha.fr").role, Role::establishment_editor);
  EXPECT_EQ(number("SELECT COUNT(*) FROM audit_log WHERE summary LIKE 'Rôle changé%'"), 1);
  // Above the officer's own grants, or on another level: refused, unchanged.
  EXPECT_EQ(to(agent, "regional_manager"), 422);
  EXPECT_EQ(to(agent, "ght_reader"), 422);
  EXPECT_EQ(user("agent@alpha.fr").role, Role::establishment_editor);
  // Outside the scope: it does not exist. Oneself: forbidden.
  EXPECT_EQ(to(foreign, "establishment_editor"), 404);
  EXPECT_EQ(user("agent@charlie.fr").role, Role::establishment_reader);
  EXPECT_EQ(to(officer, "establishment_reader"), 403);
  // A regional manager is offered the change for the accounts of the region.
  auto manager = make_user(srv_, "ars@paysdelaloire.fr", Role::regional_manager,
                           Scope::region(a_.region_code), true);
  auto page = call(srv_, session_for(srv_, manager), "GET", "/utilisateurs").body;
  EXPECT_NE(page.find("data-testid=\"role-form\""), std::string::npos);
}

TEST_P(NationalPagesTest, SecondFactorResetNeedsTheResettersOwnSecondFactorAndIsAudited) {
  auto officer = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                           Scope::establishment(a_.id), true);
  auto agent = make_user(srv_, "agent@alpha.fr", Role::establishment_editor,
                         Scope::establishment(a_.id), true);
  auto path = "/utilisateurs/" + std::to_string(agent.id) + "/second-facteur/reinitialiser";
  // A manager without a second factor of their own (a national administrator created without
  // one): refused, nothing changes.
  auto admin = make_user(srv_, "admin@national.fr", Role::national_admin, Scope::nation());
  auto refused = call(srv_, session_for(srv_, admin), "POST", path, "", kForm);
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(user("agent@alpha.fr").totp_enabled);
  auto before = number("SELECT COUNT(*) FROM audit_log");
  auto ok = call(srv_, session_for(srv_, officer), "POST", path, "", kForm);
  EXPECT_EQ(ok.status, 303);
  auto after = user("agent@alpha.fr");
  EXPECT_FALSE(after.totp_enabled);
  EXPECT_TRUE(after.totp_secret.empty());
  EXPECT_EQ(number("SELECT COUNT(*) FROM audit_log"), before + 1);
  EXPECT_EQ(number("SELECT COUNT(*) FROM audit_log WHERE actor = 'rssi@alpha.fr' AND summary "
                   "LIKE 'Second facteur réinitialisé%'"),
            1);
  EXPECT_EQ(number("SELECT COUNT(*) FROM sessions WHERE user_id = " + std::to_string(agent.id)), 0);
  // Another establishment's user: 404.
  auto foreign = make_user(srv_, "agent@charlie.fr", Role::establishment_editor,
                           Scope::establishment(c_.id), true);
  EXPECT_EQ(call(srv_, session_for(srv_, officer), "POST",
                 "/utilisateurs/" + std::to_string(foreign.id) + "/second-facteur/reinitialiser",
                 "", kForm)
                .status,
            404);
  EXPECT_TRUE(user("agent@charlie.fr").totp_enabled);
}

// The users API runs the page's search in SQL: filters, sort, LIMIT/OFFSET and the count;
// bad filters answer 400 request.bad_parameter naming the parameter.
TEST_P(NationalPagesTest, UsersApiFiltersSortsAndPagesInTheDatabaseWithinTheScope) {
  auto manager = make_user(srv_, "ars@paysdelaloire.fr", Role::regional_manager,
                           Scope::region(a_.region_code), true);
  make_user(srv_, "zoe@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  make_user(srv_, "bob@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id), true);
  make_user(srv_, "ali@bravo.fr", Role::establishment_security_officer, Scope::establishment(b_.id),
            true);
  make_user(srv_, "eve@charlie.fr", Role::establishment_reader, Scope::establishment(c_.id));
  {
    auto s = srv_.db().db().lease();
    *s << "UPDATE users SET disabled = 1 WHERE email = 'zoe@alpha.fr'";
  }
  auto sm = session_for(srv_, manager);
  auto list = [&](const std::string& q) {
    auto r = call(srv_, sm, "GET", "/api/v1/users" + q);
    EXPECT_EQ(r.status, 200) << q << r.body;
    return nlohmann::json::parse(r.body);
  };
  auto emails = [&](const std::string& q) {
    std::vector<std::string> out;
    const auto answer = list(q);
    for (const auto& u : answer["items"]) out.push_back(u["email"]);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(emails(""),
            (V{"ali@bravo.fr", "ars@paysdelaloire.fr", "bob@alpha.fr", "zoe@alpha.fr"}));
  EXPECT_EQ(emails("?sort=-email"),
            (V{"zoe@alpha.fr", "bob@alpha.fr", "ars@paysdelaloire.fr", "ali@bravo.fr"}));
  EXPECT_EQ(emails("?sort=role").front(), "bob@alpha.fr");  // establishment_editor first
  EXPECT_EQ(emails("?q=ALPHA"), (V{"bob@alpha.fr", "zoe@alpha.fr"}));
  EXPECT_EQ(emails("?status=disabled"), (V{"zoe@alpha.fr"}));
  EXPECT_EQ(emails("?status=active&establishment=" + a_.finess_et), (V{"bob@alpha.fr"}));
  EXPECT_EQ(emails("?status=no_second_factor"), (V{"zoe@alpha.fr"}));
  EXPECT_EQ(emails("?role=establishment_security_officer"), (V{"ali@bravo.fr"}));
  EXPECT_EQ(emails("?scope_level=region"), (V{"ars@paysdelaloire.fr"}));
  EXPECT_EQ(emails("?establishment=" + c_.finess_et), V{});  // outside the region: nothing
  // Pages: counted in the database; past the last page, the last page.
  auto p2 = list("?per_page=3&page=2");
  EXPECT_EQ(p2["total"], 4);
  EXPECT_EQ(p2["page_count"], 2);
  EXPECT_EQ(p2["items"].size(), 1u);
  EXPECT_EQ(p2["items"][0]["email"], "zoe@alpha.fr");
  auto past = list("?per_page=3&page=99");
  EXPECT_EQ(past["page"], 2);
  EXPECT_EQ(past["items"].size(), 1u);
  for (const std::string q : {"?role=chef", "?scope_level=monde", "?status=perdu"}) {
    auto r = call(srv_, sm, "GET", "/api/v1/users" + q);
    EXPECT_EQ(r.status, 400) << q;
    auto e = nlohmann::json::parse(r.body)["error"];
    EXPECT_EQ(e["code"], "request.bad_parameter") << q;
    EXPECT_EQ(e["fields"][0]["field"], q.substr(1, q.find('=') - 1)) << q;
  }
  EXPECT_EQ(call(srv_, sm, "GET", "/api/v1/users?sort=password_hash").status, 400);
  // The page's state filter.
  auto page = call(srv_, sm, "GET", "/utilisateurs?etat=disabled").body;
  EXPECT_EQ(count(page, "data-testid=\"user-row\""), 1u);
  EXPECT_NE(page.find("zoe@alpha.fr"), std::string::npos);
  EXPECT_EQ(page.find("ne connaît pas la valeur"), std::string::npos);
  // A value a filter does not know is said on the page, naming the filter by its label (issue
  // 20 trial: it was ignored silently), and the list is the unfiltered one.
  for (const auto& [q, label, value] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"etat=perdu", "État", "perdu"},
           {"role=chef", "Rôle", "chef"},
           {"niveau=monde", "Périmètre", "monde"}}) {
    auto r = call(srv_, sm, "GET", "/utilisateurs?" + q);
    EXPECT_EQ(r.status, 200) << q;
    EXPECT_NE(r.body.find("Le filtre « " + label + " » ne connaît pas la valeur « " + value +
                          " » : il n&#39;est pas appliqué."),
              std::string::npos)
        << q;
    EXPECT_EQ(count(r.body, "data-testid=\"user-row\""), 4u) << q;
  }
}

// The shared pagination (http/pagination.hpp) on the users page: numbered pages, the current
// one marked, first and last, and every link keeping the active filters.
TEST_P(NationalPagesTest, UsersPagePaginationKeepsTheFiltersAndMarksTheCurrentPage) {
  auto manager = make_user(srv_, "ars@paysdelaloire.fr", Role::regional_manager,
                           Scope::region(a_.region_code), true);
  for (int i = 0; i < 120; ++i)
    make_user(srv_, "agent" + std::to_string(100 + i) + "@alpha.fr", Role::establishment_reader,
              Scope::establishment(a_.id));
  auto sm = session_for(srv_, manager);
  auto first = call(srv_, sm, "GET", "/utilisateurs?role=establishment_reader&q=agent").body;
  EXPECT_EQ(count(first, "data-testid=\"user-row\""), 50u);
  EXPECT_NE(first.find("class=\"fr-pagination"), std::string::npos);
  EXPECT_NE(first.find("Page 1 sur 3"), std::string::npos);
  EXPECT_NE(first.find("aria-current=\"page\" title=\"Page 1\""), std::string::npos);
  EXPECT_EQ(first.find("data-testid=\"page-prev\""), std::string::npos);  // none before page 1
  EXPECT_NE(first.find("href=\"/utilisateurs?role=establishment_reader&amp;q=agent&amp;page=3\" "
                       "data-testid=\"page-last\""),
            std::string::npos)
      << first.substr(first.find("fr-pagination"), 3000);
  auto last = call(srv_, sm, "GET", "/utilisateurs?role=establishment_reader&q=agent&page=3").body;
  EXPECT_EQ(count(last, "data-testid=\"user-row\""), 20u);
  EXPECT_NE(last.find("aria-current=\"page\" title=\"Page 3\""), std::string::npos);
  EXPECT_EQ(last.find("data-testid=\"page-next\""), std::string::npos);
  EXPECT_NE(last.find("href=\"/utilisateurs?role=establishment_reader&amp;q=agent&amp;page=2\" "
                      "data-testid=\"page-prev\""),
            std::string::npos);
  // One page: no pagination.
  auto one = call(srv_, sm, "GET", "/utilisateurs?q=agent100").body;
  EXPECT_EQ(one.find("class=\"fr-pagination"), std::string::npos);
}

// The journal API takes the page's filters, validated; the page is paged with the shared
// pagination, its links keeping the filters.
TEST_P(NationalPagesTest, JournalApiFiltersAreValidatedAndPaged) {
  auto manager = make_user(srv_, "ars@paysdelaloire.fr", Role::regional_manager,
                           Scope::region(a_.region_code), true);
  auto admin = make_user(srv_, "admin@national.fr", Role::national_admin, Scope::nation(), true);
  auto sm = session_for(srv_, manager), sa = session_for(srv_, admin);
  for (const auto* e : {&a_, &b_, &c_})
    ASSERT_EQ(call(srv_, sa, "POST", "/api/v1/establishments/" + e->finess_et + "/evidence",
                   R"({"type":"registration","date":"2026-01-10","service":"silene"})",
                   "application/json")
                  .status,
              201);
  auto list = [&](const Session& s, const std::string& q) {
    auto r = call(srv_, s, "GET", "/api/v1/audit" + q);
    EXPECT_EQ(r.status, 200) << q << r.body;
    return nlohmann::json::parse(r.body);
  };
  EXPECT_EQ(list(sm, "?entity=evidence")["total"], 2);
  EXPECT_EQ(list(sa, "?entity=evidence")["total"], 3);
  EXPECT_EQ(list(sm, "?entity=evidence&establishment=" + a_.finess_et)["total"], 1);
  EXPECT_EQ(list(sm, "?establishment=" + c_.finess_et)["total"], 0);
  EXPECT_EQ(list(sa, "?entity=evidence&establishment=" + c_.finess_et)["total"], 1);
  EXPECT_EQ(list(sm, "?entity=evidence&actor=ADMIN%40national")["total"], 2);
  auto today = format_date(evidence::paris_today());
  auto tomorrow = format_date(add_days(evidence::paris_today(), 1));
  EXPECT_EQ(list(sm, "?entity=evidence&from=" + today + "&to=" + today)["total"], 2);
  EXPECT_EQ(list(sm, "?entity=evidence&from=" + tomorrow)["total"], 0);
  // Newest first by default, oldest first with sort=seq; one per page.
  auto newest = list(sa, "?entity=evidence&per_page=1");
  auto oldest = list(sa, "?entity=evidence&per_page=1&sort=seq");
  EXPECT_EQ(newest["page_count"], 3);
  EXPECT_GT(newest["items"][0]["seq"].get<long long>(), oldest["items"][0]["seq"].get<long long>());
  EXPECT_EQ(list(sa, "?entity=evidence&per_page=1&page=3")["items"][0]["seq"],
            oldest["items"][0]["seq"]);
  // The earlier cursor still works.
  auto before = list(
      sa, "?entity=evidence&before=" + std::to_string(newest["items"][0]["seq"].get<long long>()));
  EXPECT_EQ(before["total"], 2);
  for (const auto& [q, key] :
       std::vector<std::pair<std::string, std::string>>{{"?from=31%2F02%2F2026", "from"},
                                                        {"?to=2026-02-31", "to"},
                                                        {"?entity=nimporte", "entity"},
                                                        {"?before=x", "before"},
                                                        {"?per_page=0", "per_page"}}) {
    auto r = call(srv_, sm, "GET", "/api/v1/audit" + q);
    EXPECT_EQ(r.status, 400) << q;
    auto e = nlohmann::json::parse(r.body)["error"];
    EXPECT_EQ(e["code"], "request.bad_parameter") << q;
    EXPECT_EQ(e["fields"][0]["field"], key) << q;
  }
  EXPECT_EQ(call(srv_, sm, "GET", "/api/v1/audit?sort=actor").status, 400);
  // The page: 50 a page, numbered pages whose links keep the filters.
  for (int i = 0; i < 60; ++i)
    make_user(srv_, "agent" + std::to_string(i) + "@alpha.fr", Role::establishment_reader,
              Scope::establishment(a_.id));
  auto page = call(srv_, sa, "GET", "/journal?objet=user").body;
  EXPECT_EQ(count(page, "data-testid=\"audit-row\""), 50u);
  EXPECT_NE(page.find("href=\"/journal?objet=user&amp;page=2\" title=\"Page 2\""),
            std::string::npos);
  auto second = call(srv_, sa, "GET", "/journal?objet=user&page=2").body;
  EXPECT_GE(count(second, "data-testid=\"audit-row\""), 10u);
  EXPECT_NE(second.find("aria-current=\"page\" title=\"Page 2\""), std::string::npos);
}

// ---- point 10: who is late on what -------------------------------------------------------

TEST_P(NationalPagesTest, LateGridReadsStoredRowsOfTheScopeOnly) {
  auto manager = make_user(srv_, "ars@paysdelaloire.fr", Role::regional_manager,
                           Scope::region(a_.region_code), true);
  auto admin = make_user(srv_, "admin@national.fr", Role::national_admin, Scope::nation(), true);
  auto sm = session_for(srv_, manager), sa = session_for(srv_, admin);
  auto grid = call(srv_, sm, "GET", "/retards");
  ASSERT_EQ(grid.status, 200);
  EXPECT_EQ(count(grid.body, "data-testid=\"late-row\""), 2u);
  EXPECT_EQ(grid.body.find("Charlie"), std::string::npos);
  EXPECT_NE(grid.body.find("/etablissements/" + a_.finess_et + "/conformite#"), std::string::npos);
  // Each cell says its status in words, not by its colour alone.
  const int obligations = number("SELECT COUNT(DISTINCT obligation) FROM compliance_status");
  ASSERT_GT(obligations, 0);
  EXPECT_EQ(count(grid.body, "data-testid=\"late-cell\""), 2u * obligations);
  // An obligation the text gives no date (Club SSI, PAQ, training…), not met: « À réaliser »,
  // never « À échéance », which would promise a date.
  EXPECT_NE(grid.body.find("fr-badge--warning\">À réaliser</span>"), std::string::npos);
  EXPECT_EQ(grid.body.find("Inscription au Club SSI de l&#39;ANSSI : À échéance"),
            std::string::npos);
  // Another region through the filter: said and not applied, the caller's own rows only
  // (never widened; issue 20 trial: an empty grid, unsaid).
  auto other = call(srv_, sm, "GET", "/retards?region=" + c_.region_code);
  EXPECT_EQ(count(other.body, "data-testid=\"late-row\""), 2u);
  EXPECT_EQ(other.body.find("Charlie"), std::string::npos);
  EXPECT_NE(other.body.find("Le filtre « Région » ne connaît pas la valeur « " + c_.region_code +
                            " » : il n&#39;est pas appliqué."),
            std::string::npos);
  EXPECT_EQ(grid.body.find("ne connaît pas la valeur"), std::string::npos);
  // Every other filter given a value it does not know: said, naming it, and not applied.
  for (const auto& [q, label] :
       std::vector<std::pair<std::string, std::string>>{{"obligation=inconnue", "Obligation"},
                                                        {"statut=perdu", "Statut"},
                                                        {"categorie=ehpad", "Catégorie"},
                                                        {"tri=date", "Tri"},
                                                        {"ght=999999", "GHT"},
                                                        {"ght=abc", "GHT"}}) {
    auto r = call(srv_, sm, "GET", "/retards?" + q);
    EXPECT_EQ(r.status, 200) << q;
    EXPECT_NE(r.body.find("Le filtre « " + label + " » ne connaît pas la valeur « " +
                          q.substr(q.find('=') + 1) + " »"),
              std::string::npos)
        << q;
    EXPECT_EQ(count(r.body, "data-testid=\"late-row\""), 2u) << q;
  }
  EXPECT_EQ(count(call(srv_, sa, "GET", "/retards").body, "data-testid=\"late-row\""), 3u);
  // The late filter and a status filter agree with the stored rows.
  const int late =
      number("SELECT COUNT(*) FROM compliance_summary WHERE overdue > 0 AND region_code = '" +
             a_.region_code + "'");
  EXPECT_EQ(count(call(srv_, sm, "GET", "/retards?retard=1").body, "data-testid=\"late-row\""),
            static_cast<std::size_t>(late));
  const int met = number(
      "SELECT COUNT(DISTINCT c.establishment_id) FROM compliance_status c JOIN establishments e "
      "ON e.id = c.establishment_id WHERE c.status = 'met' AND e.region_code = '" +
      a_.region_code + "'");
  EXPECT_EQ(count(call(srv_, sm, "GET", "/retards?statut=met").body, "data-testid=\"late-row\""),
            static_cast<std::size_t>(met));
  // Sorted by name on demand.
  auto by_name = call(srv_, sm, "GET", "/retards?tri=nom").body;
  EXPECT_LT(by_name.find("Alpha"), by_name.find("Bravo"));
  // The establishment list: a status column and the late filter, from the same rows.
  auto list = call(srv_, sm, "GET", "/etablissements?retard=1").body;
  EXPECT_EQ(count(list, "data-testid=\"establishment-row\""), static_cast<std::size_t>(late));
  EXPECT_EQ(count(call(srv_, sm, "GET", "/etablissements").body, "data-testid=\"late-status\""),
            2u);
  // Its filters given a value they do not know (another region's code included): said, naming
  // the filter, and not applied; the caller's own establishments listed.
  for (const auto& [q, label] :
       std::vector<std::pair<std::string, std::string>>{{"region=" + c_.region_code, "Région"},
                                                        {"ght=999999", "GHT"},
                                                        {"type=inconnu", "Type"}}) {
    auto r = call(srv_, sm, "GET", "/etablissements?" + q);
    EXPECT_EQ(r.status, 200) << q;
    EXPECT_NE(r.body.find("Le filtre « " + label + " » ne connaît pas la valeur « " +
                          q.substr(q.find('=') + 1) + " » : il n&#39;est pas appliqué."),
              std::string::npos)
        << q;
    EXPECT_EQ(count(r.body, "data-testid=\"establishment-row\""), 2u) << q;
  }
  EXPECT_EQ(call(srv_, sm, "GET", "/etablissements?type=ch").body.find("ne connaît pas la valeur"),
            std::string::npos);
}

TEST_P(NationalPagesTest, RegionsComparisonShowsTheCallersRegionsOnly) {
  auto manager = make_user(srv_, "ars@paysdelaloire.fr", Role::regional_manager,
                           Scope::region(a_.region_code), true);
  auto admin = make_user(srv_, "admin@national.fr", Role::national_admin, Scope::nation(), true);
  auto mine = call(srv_, session_for(srv_, manager), "GET", "/retards/regions");
  ASSERT_EQ(mine.status, 200);
  auto all = call(srv_, session_for(srv_, admin), "GET", "/retards/regions");
  ASSERT_EQ(all.status, 200);
  EXPECT_GT(count(mine.body, "data-testid=\"region-row\""), 0u);
  EXPECT_EQ(count(all.body, "data-testid=\"region-row\""),
            2 * count(mine.body, "data-testid=\"region-row\""));
  EXPECT_EQ(mine.body.find("/retards?region=" + c_.region_code), std::string::npos);
  EXPECT_NE(all.body.find("/retards?region=" + c_.region_code), std::string::npos);
  EXPECT_NE(mine.body.find(" %</td>"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, NationalPagesTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
