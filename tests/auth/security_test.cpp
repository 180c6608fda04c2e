// Regression tests of the security review (issue 10), one per finding, through the HTTP
// server on both databases: the takeover through the FINESS import, the second factor of GHT
// readers, invitations that outlive their inviter, disables undone from below, national
// lists edited by a region, account enumeration, page personalisation and request ids.
#include <gtest/gtest.h>

#include <regex>

#include "../registry/finess_lines.hpp"
#include "accounts.hpp"
#include "http/request.hpp"
#include "module_fixture.hpp"
#include "registry/demo.hpp"
#include "registry/json.hpp"
#include "store/audit_log.hpp"
#include "test_server.hpp"

namespace carepilot::testing {
namespace {

using auth::User;

constexpr const char* kForm = "application/x-www-form-urlencoded";

class SecurityTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::atomic<std::int64_t> now_{1'790'000'000};  // 2026-09-21
  TestServer srv_{GetParam(), TestServer::with_accounts([this] { return now_.load(); })};
  registry::Establishment a_, c_;  // a_ in Pays de la Loire (52), c_ in Île-de-France (11)
  registry::Ght c_ght_;
  std::vector<std::pair<std::string, std::string>> mails_;

  void SetUp() override {
    auto& repo = srv_.app().repo();
    c_ght_ = repo.create_ght(Scope::nation(), {0, "GHT-IDF-T", "GHT Témoin", "11", false});
    registry::EstablishmentInput in;
    in.finess_et = in.finess_ej = registry::with_luhn_key("49000001");
    in.name = "Centre hospitalier Alpha";
    in.type = "ch";
    in.department = "49";
    a_ = repo.create(Scope::nation(), in);
    in.finess_et = in.finess_ej = registry::with_luhn_key("75000001");
    in.name = "Clinique Charlie Hors Region";
    in.department = "75";
    in.ght_id = c_ght_.id;
    c_ = repo.create(Scope::nation(), in);
    srv_.app().auth().send_mail = [this](const std::string& to, const std::string&,
                                         const std::string& body) {
      mails_.emplace_back(to, body);
    };
  }

  std::string multipart(const std::string& bytes) {
    return "--B0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"finess.csv\"\r\n"
           "Content-Type: text/csv\r\n\r\n" +
           bytes + "\r\n--B0--\r\n";
  }
  HttpResult import(const Session& s, const std::string& bytes) {
    return call(srv_, s, "POST", "/import", multipart(bytes), "multipart/form-data; boundary=B0");
  }
  std::optional<registry::Establishment> establishment(const std::string& finess) {
    return srv_.app().repo().find(Scope::nation(), finess);
  }
  std::vector<store::AuditEntry> journal(const Scope& scope) {
    auto s = srv_.db().db().lease();
    store::AuditQuery q;
    q.scope = scope;
    q.limit = 500;
    return store::list_audit(*s, q);
  }
  std::string link_token() {
    std::smatch m;
    static const std::regex re("/invitation/([0-9a-f]{64})");
    if (mails_.empty() || !std::regex_search(mails_.back().second, m, re)) return {};
    return m[1];
  }
};

// 1. A regional manager cannot take over another region's establishment by importing a row
// with its FINESS number and a département of their own region.
TEST_P(SecurityTest, ImportCannotTakeOverAnotherRegionsEstablishment) {
  auto ars = make_user(srv_, "ars@pdl.fr", Role::regional_manager, Scope::region("52"), true);
  auto s = session_for(srv_, ars);
  auto before = *establishment(c_.finess_et);
  auto r = import(s, structureet(c_.finess_et, c_.finess_ej, "PRISE DE CONTROLE", "49"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("autre région"), std::string::npos);
  auto after = *establishment(c_.finess_et);
  EXPECT_EQ(after.region_code, "11");
  EXPECT_EQ(after.department, "75");
  EXPECT_EQ(after.name, before.name);
  EXPECT_EQ(after.ght_id, c_ght_.id);
  // The same file without the foreign row is accepted: the refusal is about the row.
  auto ok = import(s, structureet(finess_for("49", 77), finess_for("49", 77), "CH NOUVEAU", "49"));
  EXPECT_EQ(ok.status, 200) << ok.body;
  // Updating its own region's establishment through the import still works.
  auto own = import(s, structureet(a_.finess_et, a_.finess_ej, "CH ALPHA RENOMME", "49"));
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(establishment(a_.finess_et)->name, "CH ALPHA RENOMME LONG");
}

// 1. Moving an establishment to another region is national, leaves the GHT of the old
// region, and shows in both regions' journals.
TEST_P(SecurityTest, NationalImportMovesAcrossRegionsVisiblyOnBothSides) {
  auto admin = make_user(srv_, "admin@sante.fr", Role::national_admin, Scope::nation(), true);
  auto r = import(session_for(srv_, admin),
                  structureet(c_.finess_et, c_.finess_ej, "CLINIQUE DEMENAGEE", "49"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto moved = *establishment(c_.finess_et);
  EXPECT_EQ(moved.region_code, "52");
  EXPECT_FALSE(moved.ght_id.has_value()) << "a GHT lies in one region";
  auto has_move = [&](const Scope& scope) {
    for (const auto& e : journal(scope))
      if (e.action == "move" && e.entity_key == c_.finess_et) return true;
    return false;
  };
  EXPECT_TRUE(has_move(Scope::region("11")));
  EXPECT_TRUE(has_move(Scope::region("52")));
}

// 1. The same through the registry API and forms: a region cannot move, only the nation.
TEST_P(SecurityTest, RegistryUpdateCannotMoveAcrossRegionsExceptNationally) {
  auto& repo = srv_.app().repo();
  auto in = registry::input_of(a_);
  in.department = "75";
  try {
    repo.update(Scope::region("52"), a_.finess_et, in);
    FAIL() << "a region must not move its establishment out";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 403);
  }
  EXPECT_EQ(establishment(a_.finess_et)->region_code, "52");
  // A GHT holding establishments keeps its region.
  try {
    repo.update_ght(Scope::nation(), c_ght_.id, {c_ght_.id, c_ght_.code, c_ght_.name, "52", false});
    FAIL() << "a GHT with establishments must keep its region";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 409);
  }
  auto moved = repo.update(Scope::nation(), a_.finess_et, in);
  EXPECT_EQ(moved.region_code, "11");
  for (const char* region : {"52", "11"}) {
    bool found = false;
    for (const auto& e : journal(Scope::region(region)))
      found = found || (e.action == "move" && e.entity_key == a_.finess_et);
    EXPECT_TRUE(found) << "no move entry in the journal of region " << region;
  }
}

// 3. Every role above one establishment must use a second factor.
TEST_P(SecurityTest, GhtReadersMustEnrolASecondFactor) {
  EXPECT_TRUE(role_requires_second_factor(Role::ght_reader));
  EXPECT_FALSE(role_requires_second_factor(Role::establishment_editor));
  EXPECT_FALSE(role_requires_second_factor(Role::establishment_reader));
  make_user(srv_, "ght@idf.fr", Role::ght_reader, Scope::ght(c_ght_.id));
  auto r = srv_.send("POST", "/connexion",
                     "email=ght%40idf.fr&password=" + http::url_encode(kTestPassword), kForm);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion/enrolement", 0), 0u);
  auto page = srv_.get("/etablissements", {"Cookie: " + session_cookie_of(r)});
  EXPECT_EQ(page.status, 303) << "a password alone opens nothing";
}

// 4. Invitations die with their inviter's rights; managers list and revoke them.
TEST_P(SecurityTest, InvitationsDieWithTheirInviterAndCanBeRevoked) {
  auto rssi = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                        Scope::establishment(a_.id), true);
  auto ars = make_user(srv_, "ars@pdl.fr", Role::regional_manager, Scope::region("52"), true);
  auto rs = session_for(srv_, rssi);
  auto body = [&](const std::string& email) {
    return R"({"email":")" + email + R"(","role":"establishment_editor","scope":")" + a_.finess_et +
           R"("})";
  };
  ASSERT_EQ(
      call(srv_, rs, "POST", "/api/v1/invitations", body("un@alpha.fr"), "application/json").status,
      201);
  auto first = link_token();
  ASSERT_EQ(call(srv_, rs, "POST", "/api/v1/invitations", body("deux@alpha.fr"), "application/json")
                .status,
            201);
  auto second = link_token();
  ASSERT_EQ(srv_.get("/invitation/" + first).status, 200);
  // Listed for the officer and the region, with their ids; not for another region.
  auto as = session_for(srv_, ars);
  auto list = call(srv_, as, "GET", "/api/v1/invitations");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("un@alpha.fr"), std::string::npos);
  EXPECT_NE(list.body.find("deux@alpha.fr"), std::string::npos);
  auto other = make_user(srv_, "ars@idf.fr", Role::regional_manager, Scope::region("11"), true);
  auto os = session_for(srv_, other);
  EXPECT_EQ(call(srv_, os, "GET", "/api/v1/invitations").body.find("alpha.fr"), std::string::npos);
  // Revoked by the region: the link is dead; another region cannot revoke (404).
  std::smatch m;
  ASSERT_TRUE(std::regex_search(list.body, m, std::regex("\"email\":\"deux@alpha.fr\"")));
  auto pending = srv_.app().auth_store().pending_invitations_in(Scope::region("52"), now_.load());
  ASSERT_EQ(pending.size(), 2u);
  auto id2 = std::to_string(pending[0].email == "deux@alpha.fr" ? pending[0].id : pending[1].id);
  EXPECT_EQ(call(srv_, os, "DELETE", "/api/v1/invitations/" + id2).status, 404);
  EXPECT_EQ(call(srv_, as, "DELETE", "/api/v1/invitations/" + id2).status, 204);
  EXPECT_EQ(srv_.get("/invitation/" + second).status, 404);
  // The officer is disabled by the region: their pending invitation dies with them.
  ASSERT_EQ(
      call(srv_, as, "POST", "/utilisateurs/" + std::to_string(rssi.id) + "/desactiver", "", kForm)
          .status,
      303);
  EXPECT_EQ(srv_.get("/invitation/" + first).status, 404);
  // A dead invitation is no longer listed as pending.
  EXPECT_EQ(call(srv_, as, "GET", "/api/v1/invitations").body.find("un@alpha.fr"),
            std::string::npos);
  auto accept = srv_.send(
      "POST", "/invitation/" + first,
      "password=" + http::url_encode(kTestPassword) + "&confirm=" + http::url_encode(kTestPassword),
      kForm);
  EXPECT_EQ(accept.status, 404);
  EXPECT_FALSE(srv_.app().auth_store().user_by_email("un@alpha.fr").has_value());
}

// 5. A disable by a higher level is lifted only at that level or above.
TEST_P(SecurityTest, ADisableFromAboveCannotBeUndoneFromBelow) {
  auto rssi = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                        Scope::establishment(a_.id), true);
  auto ars = make_user(srv_, "ars@pdl.fr", Role::regional_manager, Scope::region("52"), true);
  auto editor =
      make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  auto path = "/utilisateurs/" + std::to_string(editor.id);
  auto as = session_for(srv_, ars), rs = session_for(srv_, rssi);
  ASSERT_EQ(call(srv_, as, "POST", path + "/desactiver", "", kForm).status, 303);
  auto refused = call(srv_, rs, "POST", path + "/reactiver", "", kForm);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("niveau régional"), std::string::npos);
  EXPECT_TRUE(srv_.app().auth_store().user_by_id(editor.id)->disabled);
  // Disabling it again from below must not lower the level that may lift it.
  EXPECT_EQ(call(srv_, rs, "POST", path + "/desactiver", "", kForm).status, 403);
  EXPECT_EQ(call(srv_, rs, "POST", path + "/reactiver", "", kForm).status, 403);
  EXPECT_EQ(srv_.app().auth_store().user_by_id(editor.id)->disabled_by, Scope::Level::region);
  // The officer's page offers no button for it.
  auto page = call(srv_, rs, "GET", "/utilisateurs");
  EXPECT_EQ(page.body.find("/utilisateurs/" + std::to_string(editor.id) + "/reactiver"),
            std::string::npos);
  ASSERT_EQ(call(srv_, as, "POST", path + "/reactiver", "", kForm).status, 303);
  EXPECT_FALSE(srv_.app().auth_store().user_by_id(editor.id)->disabled);
  // A disable by the officer can be lifted by the officer and by the region.
  ASSERT_EQ(call(srv_, rs, "POST", path + "/desactiver", "", kForm).status, 303);
  EXPECT_EQ(call(srv_, rs, "POST", path + "/reactiver", "", kForm).status, 303);
}

// 6. A regional scenario is not offered to the other regions.
TEST_P(SecurityTest, ARegionsScenarioStaysInTheRegion) {
  auto ars = make_user(srv_, "ars@pdl.fr", Role::regional_manager, Scope::region("52"), true);
  auto other = make_user(srv_, "ars@idf.fr", Role::regional_manager, Scope::region("11"), true);
  auto r = call(srv_, session_for(srv_, ars), "POST", "/api/v1/exercise-scenarios",
                R"({"code":"crue_loire","label":"Crue de la Loire"})", "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(call(srv_, session_for(srv_, ars), "GET", "/api/v1/exercise-scenarios")
                .body.find("crue_loire"),
            std::string::npos);
  EXPECT_EQ(call(srv_, session_for(srv_, other), "GET", "/api/v1/exercise-scenarios")
                .body.find("crue_loire"),
            std::string::npos);
  auto editor = make_user(srv_, "editeur@charlie.fr", Role::establishment_editor,
                          Scope::establishment(c_.id));
  auto form = call(srv_, session_for(srv_, editor), "GET",
                   "/etablissements/" + c_.finess_et + "/exercices/nouveau");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.body.find("crue_loire"), std::string::npos);
}

// 7. Whether an address has an account elsewhere is not revealed by invitations.
TEST_P(SecurityTest, InvitationsDoNotRevealAccountsElsewhere) {
  make_user(srv_, "quelquun@charlie.fr", Role::establishment_editor, Scope::establishment(c_.id));
  auto rssi = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                        Scope::establishment(a_.id), true);
  auto rs = session_for(srv_, rssi);
  auto invite = [&](const std::string& email) {
    return call(srv_, rs, "POST", "/api/v1/invitations",
                R"({"email":")" + email + R"(","role":"establishment_reader","scope":")" +
                    a_.finess_et + R"("})",
                "application/json");
  };
  auto existing = invite("quelquun@charlie.fr");
  auto fresh = invite("personne@nulle-part.fr");
  EXPECT_EQ(existing.status, 201);
  EXPECT_EQ(fresh.status, 201);
  auto shape = [](std::string body) {
    return std::regex_replace(body, std::regex("\"(id|email)\":(\"[^\"]*\"|[0-9]+)"), "");
  };
  EXPECT_EQ(shape(existing.body), shape(fresh.body));
  // An account the officer manages is on their own list anyway: that one is named.
  make_user(srv_, "collegue@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  EXPECT_EQ(invite("collegue@alpha.fr").status, 409);
}

// 8. Text a user types can never be taken for a personalisation placeholder.
TEST_P(SecurityTest, PlaceholdersTypedByUsersStayText) {
  auto editor =
      make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  auto es = session_for(srv_, editor);
  const std::string hostile =
      "cp-csrf-placeholder-7f3a cp-user-placeholder-7f3a <!--cp-if:signed_in--> cp-csrf-";
  auto created =
      call(srv_, es, "POST", "/api/v1/establishments/" + a_.finess_et + "/paq/actions",
           nlohmann::json{{"title", hostile}, {"priority", "high"}}.dump(), "application/json");
  ASSERT_EQ(created.status, 201) << created.body;
  auto reader =
      make_user(srv_, "lecteur@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  auto page =
      call(srv_, session_for(srv_, reader), "GET", "/etablissements/" + a_.finess_et + "/paq");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("cp-csrf-placeholder-7f3a cp-user-placeholder-7f3a"), std::string::npos);
  EXPECT_EQ(page.body.find(es.csrf), std::string::npos);
  auto mine = call(srv_, es, "GET", "/etablissements/" + a_.finess_et + "/paq");
  // The viewer's own token fills only the forms, never the user's text.
  auto text_pos = mine.body.find("cp-csrf-placeholder-7f3a cp-user-placeholder-7f3a");
  EXPECT_NE(text_pos, std::string::npos);
  EXPECT_EQ(mine.body.find("<!--cp-mark:"), std::string::npos) << "the nonce never leaves";
  EXPECT_EQ(mine.body.find("<!--cp-if-"), std::string::npos);
}

// 9. The journal's request id is the server's; the client's is kept apart.
TEST_P(SecurityTest, RequestIdsInTheJournalAreTheServers) {
  auto editor =
      make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  auto es = session_for(srv_, editor);
  auto r = srv_.send(
      "POST", "/api/v1/establishments/" + a_.finess_et + "/evidence",
      R"({"type":"registration","date":"2026-03-01","service":"silene"})", "application/json",
      {"Cookie: " + es.cookie, "X-CSRF-Token: " + es.csrf, "X-Request-Id: choisi-par-le-client"});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.header("x-request-id"), "choisi-par-le-client");
  auto entries = journal(Scope::nation());
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().entity, "evidence");
  EXPECT_EQ(entries.front().request_id, r.header("x-request-id"));
  EXPECT_EQ(entries.front().client_request_id, "choisi-par-le-client");
}

// A page form with its session's CSRF token and a field in Latin-1: the token is read whatever
// the other fields hold, so the module names the field and shows the form again with what was
// typed (read as Windows-1252); nothing is stored. A wrong token stays 403 either way.
TEST_P(SecurityTest, ATokenIsReadBesideAFieldThatIsNotUtf8) {
  auto editor =
      make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  auto es = session_for(srv_, editor);
  const std::string form = "application/x-www-form-urlencoded";
  const std::string page = "/etablissements/" + a_.finess_et + "/incidents";
  const auto before = count_rows(srv_.db().db(), "incidents");
  const std::string fields = "&title=Ran%E7ongiciel+au+bloc&detected_local=2026-03-01T08%3A00";
  auto r = srv_.send("POST", page, "csrf=" + http::url_encode(es.csrf) + fields, form,
                     {"Cookie: " + es.cookie});
  EXPECT_EQ(r.status, 422) << r.body.substr(0, 300);
  EXPECT_NE(r.body.find("contient des caractères qui ne sont pas en UTF-8"), std::string::npos);
  EXPECT_NE(r.body.find("Rançongiciel au bloc"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "incidents"), before);
  r = srv_.send("POST", page, "csrf=faux" + fields, form, {"Cookie: " + es.cookie});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(count_rows(srv_.db().db(), "incidents"), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, SecurityTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
