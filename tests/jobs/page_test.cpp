// The job page (/administration/taches) and its list API: national administrators only,
// French labels and Paris dates, failed jobs with their error, "Relancer" with CSRF and audit; the
// account page's opt-out of the weekly digest.
#include <gtest/gtest.h>

#include "accounts.hpp"
#include "jobs/runner.hpp"
#include "test_server.hpp"

namespace carepilot::testing {
namespace {

using nlohmann::json;

class JobPageTest : public ::testing::TestWithParam<const char*> {
 protected:
  JobPageTest() : srv_(GetParam(), TestServer::with_accounts()) {}

  // One failed job (its handler threw on its only try) and one pending; returns the failed id.
  std::int64_t failed_job() {
    jobs::Runner r(srv_.db().db(), jobs::Settings::builtin(), "t");
    r.on("compliance.recompute_all", [](const json&, jobs::JobContext&) {
      throw std::runtime_error("base indisponible pendant le recalcul");
    });
    auto id = *r.queue().enqueue("compliance.recompute_all", {{"date", "2026-11-30"}}, 0, 1, "", 0);
    r.queue().enqueue("reminders.weekly", {{"week", "2026-W49"}}, 4'000'000'000, 3, "", 0);
    EXPECT_TRUE(r.run_once());
    return id;
  }
  long long audit_count(const std::string& action) {
    auto s = srv_.db().db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM audit_log WHERE action = :a AND entity = 'job'", soci::use(action),
        soci::into(n);
    return n;
  }
  TestServer srv_;
};

TEST_P(JobPageTest, OnlyNationalAdministratorsSeeTheJobs) {
  auto id = failed_job();
  auto admin =
      session_for(srv_, make_user(srv_, "admin@essai.fr", Role::national_admin, Scope::nation()));
  auto page = call(srv_, admin, "GET", "/administration/taches");
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  EXPECT_NE(page.body.find("Recalcul quotidien des statuts"), std::string::npos);
  EXPECT_NE(page.body.find("journée du 30/11/2026"), std::string::npos);
  // The raw error only folded, in a code block; a French explanation in front of it.
  EXPECT_NE(page.body.find("<code data-testid=\"job-error-detail\">base indisponible pendant le "
                           "recalcul</code>"),
            std::string::npos);
  EXPECT_NE(page.body.find("La base de données n&#39;a pas répondu pendant la tâche."),
            std::string::npos);
  EXPECT_NE(page.body.find("Récapitulatif hebdomadaire des échéances"), std::string::npos);
  EXPECT_NE(page.body.find("/administration/taches/" + std::to_string(id) + "/relancer"),
            std::string::npos);
  EXPECT_EQ(page.body.find("compliance.recompute_all"), std::string::npos) << "no internal code";
  EXPECT_EQ(page.body.find("T00:"), std::string::npos) << "no ISO timestamp";
  EXPECT_NE(page.body.find("href=\"/administration/taches\""), std::string::npos)
      << "the navigation names the page";

  for (auto [role, scope] : std::vector<std::pair<Role, Scope>>{
           {Role::national_reader, Scope::nation()},
           {Role::regional_manager, Scope::region("52")},
           {Role::establishment_security_officer, Scope::establishment(1)}}) {
    auto u = make_user(srv_, std::string(role_name(role)) + "@essai.fr", role, scope);
    auto s = session_for(srv_, u);
    EXPECT_EQ(call(srv_, s, "GET", "/administration/taches").status, 403) << role_name(role);
    EXPECT_EQ(call(srv_, s, "GET", "/api/v1/jobs").status, 403) << role_name(role);
    auto r = call(srv_, s, "POST", "/administration/taches/" + std::to_string(id) + "/relancer", "",
                  "application/x-www-form-urlencoded");
    EXPECT_EQ(r.status, 403) << role_name(role);
    auto home = call(srv_, s, "GET", "/");
    EXPECT_EQ(home.body.find("href=\"/administration/taches\""), std::string::npos)
        << role_name(role);
  }
  EXPECT_EQ(srv_.get("/administration/taches").status, 303) << "anonymous: to the sign-in page";
  EXPECT_EQ(jobs::Queue(srv_.db().db()).get(id)->state, jobs::State::failed);
}

TEST_P(JobPageTest, RetryingAFailedJobIsAuditedAndNeedsTheCsrfToken) {
  auto id = failed_job();
  auto admin =
      session_for(srv_, make_user(srv_, "admin@essai.fr", Role::national_admin, Scope::nation()));
  const std::string path = "/administration/taches/" + std::to_string(id) + "/relancer";
  auto no_csrf = http_request(srv_.base(), "POST", path, "", "application/x-www-form-urlencoded",
                              {"Cookie: " + admin.cookie});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(audit_count("retry"), 0);

  auto r = call(srv_, admin, "POST", path, "", "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  EXPECT_EQ(r.header("location"), "/administration/taches?relancee=1");
  auto j = *jobs::Queue(srv_.db().db()).get(id);
  EXPECT_EQ(j.state, jobs::State::pending);
  EXPECT_EQ(j.attempts, 0);
  EXPECT_EQ(audit_count("retry"), 1);

  // Not failed any more: 409; no such job: 404; API likewise.
  EXPECT_EQ(call(srv_, admin, "POST", path, "", "application/x-www-form-urlencoded").status, 409);
  EXPECT_EQ(call(srv_, admin, "POST", "/administration/taches/999999/relancer", "",
                 "application/x-www-form-urlencoded")
                .status,
            404);
  EXPECT_EQ(call(srv_, admin, "POST", "/administration/taches/abc/relancer", "",
                 "application/x-www-form-urlencoded")
                .status,
            404);
  EXPECT_EQ(audit_count("retry"), 1);
}

TEST_P(JobPageTest, TheApiListsJobs) {
  auto id = failed_job();
  auto admin =
      session_for(srv_, make_user(srv_, "admin@essai.fr", Role::national_admin, Scope::nation()));
  auto list = call(srv_, admin, "GET", "/api/v1/jobs?state=failed");
  ASSERT_EQ(list.status, 200) << list.body;
  auto body = json::parse(list.body);
  ASSERT_EQ(body["total"], 1);
  EXPECT_EQ(body["items"][0]["id"], id);
  EXPECT_EQ(body["items"][0]["kind"], "compliance.recompute_all");
  EXPECT_EQ(body["items"][0]["last_error"], "base indisponible pendant le recalcul");
  EXPECT_EQ(call(srv_, admin, "GET", "/api/v1/jobs?state=bad").status, 400);
  auto all = json::parse(call(srv_, admin, "GET", "/api/v1/jobs").body);
  EXPECT_EQ(all["total"], 2);
}

TEST_P(JobPageTest, TheAccountPageTurnsTheWeeklyDigestOffAndOn) {
  auto u = make_user(srv_, "rssi@essai.fr", Role::establishment_reader, Scope::establishment(1));
  auto s = session_for(srv_, u);
  auto page = call(srv_, s, "GET", "/compte");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Vous recevez le récapitulatif hebdomadaire."), std::string::npos);
  auto r = call(srv_, s, "POST", "/compte/recapitulatif", "weekly_digest=0",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 303);
  EXPECT_FALSE(srv_.app().auth_store().weekly_digest(u.id));
  page = call(srv_, s, "GET", "/compte");
  EXPECT_NE(page.body.find("Vous ne recevez pas le récapitulatif hebdomadaire."),
            std::string::npos);
  EXPECT_EQ(call(srv_, s, "POST", "/compte/recapitulatif", "weekly_digest=peut-etre",
                 "application/x-www-form-urlencoded")
                .status,
            422);
  EXPECT_FALSE(srv_.app().auth_store().weekly_digest(u.id));
  EXPECT_EQ(call(srv_, s, "POST", "/compte/recapitulatif", "weekly_digest=1",
                 "application/x-www-form-urlencoded")
                .status,
            303);
  EXPECT_TRUE(srv_.app().auth_store().weekly_digest(u.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, JobPageTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
