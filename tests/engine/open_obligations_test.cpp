// Obligations without a periodic deadline: one-off registrations and continuous ones
// (PAQ follow-up over a rolling 12 months, staff training, MFA trajectory).
#include <gtest/gtest.h>

#include "helpers.hpp"

namespace carepilot::engine::testing {
namespace {

using nlohmann::json;

struct Case {
  const char* name;
  const char* obligation;
  const char* as_of;
  json evidence;
  Status status;
  std::vector<std::string> missing;
};

json registration(const char* service, const char* date) {
  return {{"type", "registration"}, {"service", service}, {"date", date}};
}
json action(const char* date, bool cyber) {
  return {{"type", "paq_action"}, {"date", date}, {"cyber", cyber}, {"status", "open"}};
}
json training(const char* date, int staff, int trained) {
  return {{"type", "training_coverage"}, {"date", date}, {"staff", staff}, {"trained", trained}};
}
json mfa(const char* date, int accesses, int covered) {
  return {{"type", "mfa_coverage"}, {"date", date}, {"accesses", accesses}, {"covered", covered}};
}
json trajectory(const char* date) {
  return {{"type", "mfa_trajectory"}, {"date", date}, {"target_date", "2027-06-30"}};
}

class Open : public ::testing::TestWithParam<Case> {};

TEST_P(Open, Status) {
  const auto& c = GetParam();
  auto r = run(c.obligation, c.as_of, c.evidence);
  EXPECT_EQ(status_name(r.status), status_name(c.status)) << r.explanation;
  EXPECT_FALSE(r.deadline.has_value());
  EXPECT_FALSE(r.days_left.has_value());
  EXPECT_FALSE(r.late);
  std::vector<std::string> missing;
  for (const auto& m : r.missing) missing.push_back(m.id);
  EXPECT_EQ(missing, c.missing);
}

INSTANTIATE_TEST_SUITE_P(
    Registrations, Open,
    ::testing::Values(Case{"club_ssi_registered",
                           "club-ssi-registration",
                           "2026-11-23",
                           json::array({registration("club-ssi", "2025-02-01")}),
                           Status::met,
                           {}},
                      Case{"registered_on_as_of",
                           "club-ssi-registration",
                           "2025-02-01",
                           json::array({registration("club-ssi", "2025-02-01")}),
                           Status::met,
                           {}},
                      Case{"registered_after_as_of",
                           "club-ssi-registration",
                           "2025-01-31",
                           json::array({registration("club-ssi", "2025-02-01")}),
                           Status::due,
                           {"registered"}},
                      Case{"silene_is_not_club_ssi",
                           "club-ssi-registration",
                           "2026-11-23",
                           json::array({registration("silene", "2025-02-01")}),
                           Status::due,
                           {"registered"}},
                      Case{"silene_registered",
                           "silene-registration",
                           "2026-11-23",
                           json::array({registration("SILENE", "2025-02-01")}),
                           Status::met,
                           {}},
                      Case{"years_later_still_met",
                           "silene-registration",
                           "2030-01-01",
                           json::array({registration("silene", "2025-02-01")}),
                           Status::met,
                           {}}),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(PaqIntegration, Open,
                         ::testing::Values(Case{"updated_exactly_12_months_ago",
                                                "paq-integration",
                                                "2026-11-23",
                                                json::array({action("2025-11-23", true)}),
                                                Status::met,
                                                {}},
                                           Case{"updated_one_day_too_early",
                                                "paq-integration",
                                                "2026-11-23",
                                                json::array({action("2025-11-22", true)}),
                                                Status::due,
                                                {"cyber-action-followed"}},
                                           Case{"not_a_cyber_action",
                                                "paq-integration",
                                                "2026-11-23",
                                                json::array({action("2026-11-01", false)}),
                                                Status::due,
                                                {"cyber-action-followed"}},
                                           Case{"future_update_ignored",
                                                "paq-integration",
                                                "2026-11-23",
                                                json::array({action("2026-11-24", true)}),
                                                Status::due,
                                                {"cyber-action-followed"}},
                                           Case{"leap_day_window",
                                                "paq-integration",
                                                "2028-02-29",
                                                json::array({action("2027-02-28", true)}),
                                                Status::met,
                                                {}},
                                           Case{"leap_day_window_before",
                                                "paq-integration",
                                                "2028-02-29",
                                                json::array({action("2027-02-27", true)}),
                                                Status::due,
                                                {"cyber-action-followed"}}),
                         [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(StaffTraining, Open,
                         ::testing::Values(Case{"all_trained",
                                                "staff-training",
                                                "2026-11-23",
                                                json::array({training("2026-06-30", 1200, 1200)}),
                                                Status::met,
                                                {}},
                                           Case{"one_untrained",
                                                "staff-training",
                                                "2026-11-23",
                                                json::array({training("2026-06-30", 1200, 1199)}),
                                                Status::due,
                                                {"all-staff-trained"}},
                                           Case{"latest_record_counts",
                                                "staff-training",
                                                "2026-11-23",
                                                json::array({training("2026-06-30", 1200, 1200),
                                                             training("2026-09-30", 1300, 1200)}),
                                                Status::due,
                                                {"all-staff-trained"}},
                                           Case{"record_after_as_of_ignored",
                                                "staff-training",
                                                "2026-07-01",
                                                json::array({training("2026-06-30", 1200, 1200),
                                                             training("2026-09-30", 1300, 1200)}),
                                                Status::met,
                                                {}},
                                           Case{"no_record",
                                                "staff-training",
                                                "2026-11-23",
                                                json::array(),
                                                Status::due,
                                                {"coverage-reported", "all-staff-trained"}}),
                         [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    MfaTrajectory, Open,
    ::testing::Values(Case{"trajectory_and_progress",
                           "mfa-trajectory",
                           "2026-11-23",
                           json::array({mfa("2026-09-30", 40, 22), trajectory("2026-09-30")}),
                           Status::met,
                           {}},
                      // Coverage measured, nothing planned for the rest: no trajectory (a
                      // coverage record alone used to imply one: « Satisfaite » at 0 %).
                      Case{"progress_without_trajectory",
                           "mfa-trajectory",
                           "2026-11-23",
                           json::array({mfa("2026-09-30", 40, 0)}),
                           Status::due,
                           {"trajectory-defined"}},
                      Case{"trajectory_without_progress",
                           "mfa-trajectory",
                           "2026-11-23",
                           json::array({{{"type", "mfa_trajectory"}, {"date", "2026-01-10"}}}),
                           Status::due,
                           {"progress-reported"}},
                      Case{"nothing",
                           "mfa-trajectory",
                           "2026-11-23",
                           json::array(),
                           Status::due,
                           {"trajectory-defined", "progress-reported"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Open, SharesAreMeasured) {
  auto t = run("staff-training", "2026-11-23", json::array({training("2026-06-30", 1200, 1010)}));
  ASSERT_EQ(t.measures.size(), 1u);
  EXPECT_EQ(t.measures[0].id, "training_share");
  EXPECT_NEAR(*t.measures[0].value, 1010.0 / 1200.0, 1e-12);
  EXPECT_NE(t.explanation.find("84,2 %"), std::string::npos) << t.explanation;
  auto m = run("mfa-trajectory", "2026-11-23", json::array({mfa("2026-09-30", 40, 22)}));
  ASSERT_EQ(m.measures.size(), 1u);
  EXPECT_NEAR(*m.measures[0].value, 0.55, 1e-12);
  auto none = run("staff-training", "2026-11-23", json::array({training("2026-06-30", 0, 0)}));
  EXPECT_FALSE(none.measures[0].value.has_value());
  EXPECT_EQ(none.status, Status::due);
}

TEST(Open, PaqWindowIsThePeriod) {
  auto r = run("paq-integration", "2026-11-23", json::array({action("2026-01-01", true)}));
  EXPECT_EQ(r.period, "2025-11-23/2026-11-23");
  EXPECT_EQ(r.evidence, std::vector<int>{0});
}

}  // namespace
}  // namespace carepilot::engine::testing
