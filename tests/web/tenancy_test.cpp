// The tenancy test: every route of the router (so that no new route can be forgotten),
// called as every role and as an API token, inside and outside the caller's scope, and
// with another establishment's record ids. Asserts the status each call must get and that
// no data of the establishment outside every scope but the nation's shows in any body.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <regex>

#include "accounts.hpp"
#include "evidence/calendar.hpp"
#include "registry/demo.hpp"
#include "test_server.hpp"
#include "web/demo.hpp"

namespace carepilot::testing {
namespace {

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
                                                             {"campaigns", "training_campaigns"}};
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
  for (const auto& route : routes) {
    const Access need = route.required();
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
        const bool allowed = caller.role && role_allows(*caller.role, need);
        // Allowed writes inside the scope would change the data the other calls read (and
        // signing out would end the caller's session).
        if (route.is_write() && t == Target::in && allowed) continue;
        const bool api = route.kind == http::RouteKind::api;
        const std::string body = api && route.is_write() ? "{}" : "";
        const std::string type =
            route.is_write() ? (api ? "application/json" : "application/x-www-form-urlencoded")
                             : "";
        auto r = call(srv_, caller.session, route.method, *path, body, type);
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
            EXPECT_GE(r.status, 400) << where;  // refused, whatever the body's faults
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
