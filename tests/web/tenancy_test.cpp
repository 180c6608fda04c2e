// The tenancy test: every route of the router (so that no new route can be forgotten),
// called as every role and as an API token, inside and outside the caller's scope, and
// with another establishment's record ids. Asserts the status each call must get and that
// no data of the establishment outside every scope but the nation's shows in any body.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <regex>
#include <set>

#include <yaml-cpp/yaml.h>

#include "../registry/finess_lines.hpp"
#include "accounts.hpp"
#include "evidence/calendar.hpp"
#include "registry/demo.hpp"
#include "test_server.hpp"
#include "web/demo.hpp"

namespace carepilot::testing {
namespace {

// The independent oracle (tests/web/access_oracle.yaml): each route's expected access and
// what each role may do, as the docs say, not as the server declares.
struct Oracle {
  std::map<std::string, Access> routes;           // "METHOD pattern" -> access
  std::map<std::string, std::set<Access>> roles;  // role name -> accesses it grants

  static Access parse_access(const std::string& s) {
    static const std::map<std::string, Access> kNames{{"open", Access::open},
                                                      {"signed_in", Access::signed_in},
                                                      {"read", Access::read},
                                                      {"edit_records", Access::edit_records},
                                                      {"edit_registry", Access::edit_registry},
                                                      {"manage_users", Access::manage_users},
                                                      {"view_audit", Access::view_audit}};
    auto it = kNames.find(s);
    if (it == kNames.end()) throw std::runtime_error("access_oracle.yaml: unknown access " + s);
    return it->second;
  }
  static const Oracle& get() {
    static const Oracle o = [] {
      Oracle o;
      auto y = YAML::LoadFile(std::string(CAREPILOT_SOURCE_DIR) + "/tests/web/access_oracle.yaml");
      for (const auto& r : y["roles"]) {
        std::set<Access> grants;
        for (const auto& a : r.second) grants.insert(parse_access(a.as<std::string>()));
        o.roles[r.first.as<std::string>()] = grants;
      }
      for (const auto& r : y["routes"])
        o.routes[r.first.as<std::string>()] = parse_access(r.second.as<std::string>());
      return o;
    }();
    return o;
  }
  // Whether `role` may call a route needing `a` (open and signed_in: every role).
  bool allows(Role role, Access a) const {
    if (a == Access::open || a == Access::signed_in) return true;
    auto it = roles.find(std::string(role_name(role)));
    return it != roles.end() && it->second.count(a) > 0;
  }
};

struct Caller {
  std::string name;
  std::optional<Role> role;  // nullopt: anonymous
  Session session;
  bool token = false;
};

enum class Target { in, out, cross };

class TenancyTest : public ::testing::TestWithParam<const char*> {
 protected:
  TestServer srv_{GetParam(), TestServer::with_accounts()};
  registry::Establishment a_, c_;  // a_ inside every scope; c_ outside all but the nation
  registry::Ght c_ght_;
  std::vector<Caller> callers_;
  std::map<std::string, std::pair<std::string, std::string>> ids_;  // table -> (A's, C's)
  std::string a_user_id_, c_user_id_, c_token_id_;

  void SetUp() override {
    auto& app = srv_.app();
    auto& repo = app.repo();
    const Date today = evidence::paris_today();
    web::load_demo(app, today);
    registry::EstablishmentFilter f;
    f.query = "Cholet-Mauges";
    a_ = repo.list(Scope::nation(), f).items.at(0);
    c_ght_ = repo.create_ght(Scope::nation(), {0, "GHT-T75", "GHT Témoin Paris", "11", true});
    registry::EstablishmentInput in;
    in.finess_et = in.finess_ej = registry::with_luhn_key("75000077");
    in.name = "Clinique Témoin Hors-Périmètre";
    in.type = "ch";
    in.department = "75";
    in.ght_id = c_ght_.id;
    in.is_demo = true;
    in.services = a_.services;
    c_ = repo.create(Scope::nation(), in);
    web::load_demo_records(app, today);  // C gets the demo records of every module
    if (app.evidence_repo().list(Scope::nation(), c_.finess_et).empty())
      app.evidence_repo().add(
          Scope::nation(), c_.finess_et,
          {{"type", "registration"}, {"date", "2025-03-01"}, {"service", "silene"}}, today,
          Actor{"test", "", ""});

    for (const char* table :
         {"evidence", "paq_actions", "exercises", "assessment_attachments", "training_campaigns"})
      ids_[table] = {first_id(table, a_.id), first_id(table, c_.id)};

    callers_.push_back({"anonyme", std::nullopt, {}, false});
    for (Role r : all_roles()) {
      Scope s = role_level(r) == Scope::Level::establishment ? Scope::establishment(a_.id)
                : role_level(r) == Scope::Level::ght         ? Scope::ght(*a_.ght_id)
                : role_level(r) == Scope::Level::region      ? Scope::region(a_.region_code)
                                                             : Scope::nation();
      auto u = make_user(srv_, std::string(role_name(r)) + "@test.fr", r, s);
      callers_.push_back({std::string(role_name(r)), r, session_for(srv_, u), false});
      if (r == Role::establishment_security_officer) a_user_id_ = std::to_string(u.id);
    }
    // An API token of an establishment editor, narrowed to reading.
    auto editor =
        make_user(srv_, "jeton@test.fr", Role::establishment_editor, Scope::establishment(a_.id));
    auth::ApiToken t;
    t.user_id = editor.id;
    t.name = "test";
    t.role = Role::establishment_reader;
    t.scope = Scope::establishment(a_.id);
    t.expires_on = "2099-12-31";
    auto raw = app.auth_store().insert_token(t, Actor{});
    callers_.push_back(
        {"jeton lecteur", Role::establishment_reader, {"", "", "Bearer " + raw}, true});
    // Records of C's own users, which nobody but the nation may reach.
    auto c_user = make_user(srv_, "rssi@temoin.fr", Role::establishment_security_officer,
                            Scope::establishment(c_.id));
    c_user_id_ = std::to_string(c_user.id);
    auth::ApiToken ct;
    ct.user_id = c_user.id;
    ct.name = "temoin";
    ct.role = Role::establishment_reader;
    ct.scope = Scope::establishment(c_.id);
    ct.expires_on = "2099-12-31";
    app.auth_store().insert_token(ct, Actor{});
    c_token_id_ = std::to_string(ct.id);
    // A pending invitation onto each establishment, for the invitation routes.
    auto invite = [&](const registry::Establishment& e, std::int64_t by) {
      auth::Invitation inv;
      inv.email = "invite-" + e.finess_et + "@test.fr";
      inv.role = Role::establishment_reader;
      inv.scope = Scope::establishment(e.id);
      inv.invited_by = by;
      inv.expires_at_s = 4'102'444'800;  // 2100
      app.auth_store().insert_invitation(inv, Actor{});
      return std::to_string(inv.id);
    };
    ids_["invitations"] = {invite(a_, std::stoll(a_user_id_)), invite(c_, c_user.id)};
  }

  long long audit_seq() {
    auto s = srv_.db().db().lease();
    long long seq = 0;
    *s << "SELECT seq FROM audit_head WHERE id = 1", soci::into(seq);
    return seq;
  }

  std::string first_id(const std::string& table, std::int64_t est) {
    auto s = srv_.db().db().lease();
    long long id = 0;
    soci::indicator ind = soci::i_null;
    long long e = est;
    *s << "SELECT MIN(id) FROM " + table + " WHERE establishment_id = :e", soci::into(id, ind),
        soci::use(e);
    return ind == soci::i_ok ? std::to_string(id) : "";
  }

  // The value of a route parameter for a target; nullopt when the route is not to be called
  // for it. Fails the test for a parameter nobody gave a sample for.
  std::optional<std::string> sample(const std::string& pattern, const std::string& param,
                                    const std::string& segment, Target t) {
    const bool inside = t == Target::in;
    if (param == "finess") return t == Target::out ? c_.finess_et : a_.finess_et;
    if (param == "year") return std::to_string(static_cast<int>(evidence::paris_today().year()));
    if (param == "item") return std::string("1");
    if (param == "token") return std::string(64, '0');
    if (param == "file") return std::string("carepilot.css");
    if (param == "path") return std::string("dsfr.min.css");
    if (param == "code") return std::string(inside ? a_.region_code : "11");
    if (param == "id") {
      static const std::map<std::string, std::string> tables{{"preuves", "evidence"},
                                                             {"evidence", "evidence"},
                                                             {"paq", "paq_actions"},
                                                             {"actions", "paq_actions"},
                                                             {"exercices", "exercises"},
                                                             {"exercises", "exercises"},
                                                             {"pieces", "assessment_attachments"},
                                                             {"campagnes", "training_campaigns"},
                                                             {"campaigns", "training_campaigns"},
                                                             {"invitations", "invitations"}};
      if (segment == "ghts") return std::to_string(inside ? *a_.ght_id : c_ght_.id);
      if (segment == "utilisateurs") return inside ? a_user_id_ : c_user_id_;
      if (segment == "jetons" || segment == "tokens")
        return inside ? std::nullopt : std::optional<std::string>(c_token_id_);
      auto it = tables.find(segment);
      if (it == tables.end()) {
        ADD_FAILURE() << "no sample for :id after /" << segment << "/ in " << pattern
                      << " (add its table to tests/web/tenancy_test.cpp)";
        return std::nullopt;
      }
      const auto& [a_id, c_id] = ids_.at(it->second);
      std::string id = inside ? a_id : c_id;
      return id.empty() ? std::string("999999") : id;
    }
    ADD_FAILURE() << "no sample for :" << param << " in " << pattern
                  << " (add it to tests/web/tenancy_test.cpp)";
    return std::nullopt;
  }

  std::optional<std::string> fill(const std::string& pattern, Target t, bool& scoped,
                                  bool& record_missing) {
    static const std::regex re(":([a-z_]+)(\\([^)]*\\))?");
    std::string out, rest = pattern, previous_segment;
    std::smatch m;
    scoped = false;
    record_missing = false;
    while (std::regex_search(rest, m, re)) {
      std::string before = m.prefix().str();
      std::string all = out + before;
      auto slash = all.find_last_of('/', all.size() >= 2 ? all.size() - 2 : 0);
      std::string segment = all.substr(slash + 1, all.size() - slash - 2);
      auto v = sample(pattern, m[1], segment, t);
      if (!v) return std::nullopt;
      if (m[1] == "finess" || m[1] == "id") scoped = true;
      if (*v == "999999") record_missing = true;
      out += before + *v;
      rest = m.suffix().str();
    }
    return out + rest;
  }
};

TEST_P(TenancyTest, EveryRouteAsEveryRoleInsideAndOutsideItsScope) {
  const auto& routes = srv_.server().routes().routes();
  int calls = 0;
  const Oracle& oracle = Oracle::get();
  for (const auto& route : routes) {
    auto expected = oracle.routes.find(route.method + " " + route.pattern);
    if (expected == oracle.routes.end()) {
      ADD_FAILURE() << route.method << " " << route.pattern
                    << " has no entry in tests/web/access_oracle.yaml";
      continue;
    }
    const Access need = expected->second;
    const bool has_finess = route.pattern.find(":finess") != std::string::npos;
    const bool has_id = route.pattern.find(":id") != std::string::npos;
    const bool has_record = std::regex_search(route.pattern, std::regex(":(id|item|year)\\b"));
    for (const auto& caller : callers_) {
      for (Target t : {Target::in, Target::out, Target::cross}) {
        if (t == Target::cross && !(has_finess && has_id)) continue;
        bool scoped = false, missing = false;
        auto path = fill(route.pattern, t, scoped, missing);
        if (!path) continue;
        if (t == Target::out && !scoped && route.pattern.find(":code") == std::string::npos)
          continue;  // nothing to be outside of
        const bool allowed = caller.role && oracle.allows(*caller.role, need);
        // Allowed writes inside the scope would change the data the other calls read (and
        // signing out would end the caller's session).
        if (route.is_write() && t == Target::in && allowed) continue;
        const bool api = route.kind == http::RouteKind::api;
        const std::string body = api && route.is_write() ? "{}" : "";
        const std::string type =
            route.is_write() ? (api ? "application/json" : "application/x-www-form-urlencoded")
                             : "";
        const long long seq_before = route.is_write() ? audit_seq() : 0;
        auto r = call(srv_, caller.session, route.method, *path, body, type);
        // A refused write (anything but a success; only the nation's writes on the outside
        // establishment succeed here) changes nothing: every change appends to the audit
        // trail, whose head must not move.
        const bool refused = r.status >= 400 ||
                             (r.status == 303 && r.header("location").rfind("/connexion", 0) == 0);
        if (route.is_write() && refused) {
          EXPECT_EQ(audit_seq(), seq_before) << "a refused write changed data: " << caller.name
                                             << " " << route.method << " " << *path;
        }
        ++calls;
        const std::string where = caller.name + " " + route.method + " " + *path;
        ASSERT_GT(r.status, 0) << where;
        ASSERT_LT(r.status, 500) << where << "\n" << r.body.substr(0, 400);
        const bool national = caller.role && role_level(*caller.role) == Scope::Level::nation;
        if (!national) {
          EXPECT_EQ(r.body.find(c_.name), std::string::npos) << "leak: " << where;
          EXPECT_EQ(r.body.find(c_.finess_et), std::string::npos) << "leak: " << where;
        }
        if (need == Access::open) continue;
        if (!caller.role) {
          if (route.kind == http::RouteKind::page && route.method == "GET") {
            EXPECT_EQ(r.status, 303) << where;
            EXPECT_EQ(r.header("location").rfind("/connexion?suite=", 0), 0u) << where;
          } else {
            EXPECT_EQ(r.status, 401) << where;
          }
          continue;
        }
        if (caller.token && !api) {
          EXPECT_EQ(r.status, 401) << where;  // tokens open the API only
          continue;
        }
        if (!allowed) {
          EXPECT_EQ(r.status, 403) << where;
          continue;
        }
        const bool foreign = (t == Target::out && !national) || t == Target::cross;
        if (foreign && scoped) {
          if (route.is_write()) {
            EXPECT_EQ(r.status, 404) << where;  // the scope is checked before the body
          } else {
            EXPECT_EQ(r.status, 404) << where;
          }
          continue;
        }
        if (t == Target::in && !route.is_write() && !has_record && !missing &&
            route.kind != http::RouteKind::asset) {
          EXPECT_EQ(r.status, 200) << where << "\n" << r.body.substr(0, 300);
        }
      }
    }
  }
  EXPECT_GT(calls, 1000);
}

// The oracle names every route and nothing else: a route added without its expected access,
// or an entry left behind by a removed route, fails here.
TEST_P(TenancyTest, TheOracleNamesEveryRouteAndNoOther) {
  std::set<std::string> served;
  for (const auto& route : srv_.server().routes().routes())
    served.insert(route.method + " " + route.pattern);
  for (const auto& [key, access] : Oracle::get().routes)
    EXPECT_TRUE(served.count(key)) << key << " is in access_oracle.yaml but not served";
  for (const auto& key : served)
    EXPECT_TRUE(Oracle::get().routes.count(key)) << key << " is missing from access_oracle.yaml";
  EXPECT_EQ(Oracle::get().roles.size(), kRoleCount);
}

// Imports and bulk paths (issue 10): every caller allowed to import, below the nation, tries
// to take C over with a one-line extract carrying C's FINESS number and a département of its
// own region; the import is refused and C is untouched.
TEST_P(TenancyTest, ImportsFindExistingEstablishmentsThroughTheCallersScope) {
  auto before = *srv_.app().repo().find(Scope::nation(), c_.finess_et);
  const std::string a_dept = srv_.app().repo().find(Scope::nation(), a_.finess_et)->department;
  int tried = 0;
  for (const auto& caller : callers_) {
    if (!caller.role || caller.token) continue;
    const bool national = role_level(*caller.role) == Scope::Level::nation;
    const std::string line = structureet(c_.finess_et, c_.finess_ej, "PRISE DE CONTROLE", a_dept);
    const std::string body =
        "--B0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n\r\n" + line +
        "\r\n--B0--\r\n";
    if (national) continue;  // moving is the nation's act: tested in tests/auth/security_test
    auto r =
        call(srv_, caller.session, "POST", "/import", body, "multipart/form-data; boundary=B0");
    ++tried;
    EXPECT_GE(r.status, 400) << caller.name;
    EXPECT_LT(r.status, 500) << caller.name;
    auto after = *srv_.app().repo().find(Scope::nation(), c_.finess_et);
    EXPECT_EQ(after.region_code, before.region_code) << caller.name;
    EXPECT_EQ(after.department, before.department) << caller.name;
    EXPECT_EQ(after.name, before.name) << caller.name;
    EXPECT_EQ(after.ght_id, before.ght_id) << caller.name;
  }
  EXPECT_GE(tried, 6);
}

// The calendar subscription (GET /calendrier/:token/echeances.ics) is open: its secret token
// stands for the session. What it serves follows its owner's scope, as it stands at each
// request; a revoked token or a disabled owner gets nothing.
TEST_P(TenancyTest, CalendarFeedServesItsOwnersScopeOnly) {
  auto& store = srv_.app().auth_store();
  for (Role r : all_roles()) {
    Scope s = role_level(r) == Scope::Level::establishment ? Scope::establishment(a_.id)
              : role_level(r) == Scope::Level::ght         ? Scope::ght(*a_.ght_id)
              : role_level(r) == Scope::Level::region      ? Scope::region(a_.region_code)
                                                           : Scope::nation();
    auto u = make_user(srv_, "agenda-" + std::string(role_name(r)) + "@test.fr", r, s);
    auto raw = store.create_calendar_feed(u.id, Actor{"test", "", ""});
    const std::string url = "/calendrier/" + raw + "/echeances.ics";
    auto feed = srv_.get(url);
    const std::string where = std::string(role_name(r));
    ASSERT_EQ(feed.status, 200) << where << feed.body.substr(0, 300);
    EXPECT_NE(feed.header("content-type").find("text/calendar"), std::string::npos);
    EXPECT_NE(feed.body.find(a_.finess_et), std::string::npos) << where;
    const bool national = role_level(r) == Scope::Level::nation;
    EXPECT_EQ(feed.body.find(c_.finess_et) != std::string::npos, national) << where;
    EXPECT_EQ(feed.body.find(c_.name) != std::string::npos, national) << where;
    // Read-only: nothing but GET.
    EXPECT_GE(srv_.send("POST", url, "", "application/x-www-form-urlencoded").status, 400);
    // Another user's session does not widen it.
    auto national_user =
        make_user(srv_, "autre-" + where + "@test.fr", Role::national_reader, Scope::nation());
    auto other = call(srv_, session_for(srv_, national_user), "GET", url);
    EXPECT_EQ(other.body.find(c_.finess_et) != std::string::npos, national) << where;
    // A new token revokes the old one; revoking leaves none.
    auto raw2 = store.create_calendar_feed(u.id, Actor{"test", "", ""});
    EXPECT_EQ(srv_.get(url).status, 404) << where;
    EXPECT_EQ(srv_.get("/calendrier/" + raw2 + "/echeances.ics").status, 200) << where;
    EXPECT_TRUE(store.revoke_calendar_feed(u.id, Actor{"test", "", ""}));
    EXPECT_FALSE(store.revoke_calendar_feed(u.id, Actor{"test", "", ""}));
    EXPECT_EQ(srv_.get("/calendrier/" + raw2 + "/echeances.ics").status, 404) << where;
    // A disabled owner's feed stops.
    auto raw3 = store.create_calendar_feed(u.id, Actor{"test", "", ""});
    auto before = *store.user_by_id(u.id);
    auto after = before;
    after.disabled = true;
    store.update_user(before, after, "test", Actor{"test", "", ""});
    EXPECT_EQ(srv_.get("/calendrier/" + raw3 + "/echeances.ics").status, 404) << where;
  }
  EXPECT_EQ(srv_.get("/calendrier/cpc_" + std::string(64, '0') + "/echeances.ics").status, 404);
  EXPECT_EQ(srv_.get("/calendrier/x/echeances.ics").status, 404);
}

// The bulk exports (JSON lines) hold every establishment of the caller's scope and nothing
// outside it; `since` after the last change leaves the compliance export empty.
TEST_P(TenancyTest, ExportsHoldTheCallersScopeOnly) {
  int checked = 0;
  for (const auto& caller : callers_) {
    if (!caller.role) continue;
    const bool national = role_level(*caller.role) == Scope::Level::nation;
    for (const char* path : {"/api/v1/export/compliance.jsonl", "/api/v1/export/evidence.jsonl"}) {
      auto r = call(srv_, caller.session, "GET", path, "", "");
      const std::string where = caller.name + " " + path;
      ASSERT_EQ(r.status, 200) << where << "\n" << r.body.substr(0, 300);
      EXPECT_EQ(r.header("content-type").rfind("application/jsonl", 0), 0u) << where;
      EXPECT_NE(r.body.find("\"" + a_.finess_et + "\""), std::string::npos) << where;
      EXPECT_EQ(r.body.find("\"" + c_.finess_et + "\"") != std::string::npos, national) << where;
      std::size_t lines = 0;
      for (std::size_t at = 0, end; (end = r.body.find('\n', at)) != std::string::npos;
           at = end + 1) {
        EXPECT_TRUE(nlohmann::json::parse(r.body.substr(at, end - at), nullptr, false).is_object())
            << where;
        ++lines;
      }
      EXPECT_EQ(std::to_string(lines), r.header("x-record-count")) << where;
      ++checked;
    }
  }
  EXPECT_GE(checked, 16);
  const auto& reader = callers_.back();  // the reader token: establishment A only
  auto later =
      call(srv_, reader.session, "GET", "/api/v1/export/compliance.jsonl?since=2999-01-01", "", "");
  EXPECT_EQ(later.status, 200);
  EXPECT_EQ(later.body, "");
  EXPECT_EQ(
      call(srv_, reader.session, "GET", "/api/v1/export/evidence.jsonl?since=hier", "", "").status,
      400);
}

INSTANTIATE_TEST_SUITE_P(Backends, TenancyTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
