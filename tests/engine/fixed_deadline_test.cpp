// Fixed-deadline obligations (pca-pra 2025-06-30, bia-critical 2026-06-30,
// bia-all-services 2027-06-30) on both sides of each deadline.
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
  json services;
  Status status;
  bool late;
  std::optional<int> days_left;
  std::vector<std::string> missing;
};

// A plan as the continuity module emits it: covering the mandatory « indisponibilité
// informatique » scenario unless said otherwise.
json plan(const char* kind, const char* date, const char* scope = "global",
          bool covers_it_outage = true) {
  return {{"type", "continuity_plan"},
          {"kind", kind},
          {"scope", scope},
          {"covers_it_outage", covers_it_outage},
          {"date", date}};
}
json bia(const char* service, const char* date) {
  return {{"type", "bia"}, {"service", service}, {"date", date}};
}
json bias(std::initializer_list<const char*> services, const char* date) {
  json out = json::array();
  for (const char* s : services) out.push_back(bia(s, date));
  return out;
}
json with(json list, const json& more) {
  for (const auto& e : more) list.push_back(e);
  return list;
}

const json kCritical =
    bias({"urgences", "chirurgie", "pharmacie", "imagerie", "laboratoire"}, "2026-06-30");
const json kOthers = bias({"medecine", "administration"}, "2027-06-30");

class FixedDeadline : public ::testing::TestWithParam<Case> {};

TEST_P(FixedDeadline, Status) {
  const auto& c = GetParam();
  auto r = run(c.obligation, c.as_of, c.evidence, c.services);
  EXPECT_EQ(status_name(r.status), status_name(c.status)) << r.explanation;
  EXPECT_EQ(r.late, c.late);
  EXPECT_EQ(r.days_left, c.days_left);
  std::vector<std::string> missing;
  for (const auto& m : r.missing) missing.push_back(m.id);
  EXPECT_EQ(missing, c.missing);
  if (c.status != Status::not_applicable) {
    ASSERT_TRUE(r.deadline.has_value());
  }
}

const json kAll = all_services();

INSTANTIATE_TEST_SUITE_P(
    PcaPra, FixedDeadline,
    ::testing::Values(Case{"pcra_on_deadline",
                           "pca-pra",
                           "2025-07-01",
                           json::array({plan("pcra", "2025-06-30")}),
                           kAll,
                           Status::met,
                           false,
                           std::nullopt,
                           {}},
                      Case{"pca_counts",
                           "pca-pra",
                           "2025-06-30",
                           json::array({plan("pca", "2025-06-30")}),
                           kAll,
                           Status::met,
                           false,
                           std::nullopt,
                           {}},
                      Case{"pra_counts",
                           "pca-pra",
                           "2025-08-01",
                           json::array({plan("pra", "2025-03-01")}),
                           kAll,
                           Status::met,
                           false,
                           std::nullopt,
                           {}},
                      Case{"day_after_deadline_late",
                           "pca-pra",
                           "2025-07-01",
                           json::array({plan("pca", "2025-07-01")}),
                           kAll,
                           Status::met,
                           true,
                           std::nullopt,
                           {}},
                      Case{"due_on_deadline",
                           "pca-pra",
                           "2025-06-30",
                           json::array(),
                           kAll,
                           Status::due,
                           false,
                           0,
                           {"plan-formalised", "it-outage-scenario"}},
                      Case{"future_plan_ignored",
                           "pca-pra",
                           "2025-06-29",
                           json::array({plan("pca", "2025-06-30")}),
                           kAll,
                           Status::due,
                           false,
                           1,
                           {"plan-formalised", "it-outage-scenario"}},
                      Case{"overdue_after_deadline",
                           "pca-pra",
                           "2025-07-01",
                           json::array(),
                           kAll,
                           Status::overdue,
                           false,
                           std::nullopt,
                           {"plan-formalised", "it-outage-scenario"}},
                      Case{"plan_without_it_outage_scenario",
                           "pca-pra",
                           "2025-07-01",
                           json::array({plan("pca", "2025-01-10", "global", false)}),
                           kAll,
                           Status::overdue,
                           false,
                           std::nullopt,
                           {"it-outage-scenario"}},
                      Case{"pcri_is_not_a_pca_pra",
                           "pca-pra",
                           "2025-07-01",
                           json::array({plan("pcri", "2025-01-10")}),
                           kAll,
                           Status::overdue,
                           false,
                           std::nullopt,
                           {"plan-formalised", "it-outage-scenario"}}),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    BiaCritical, FixedDeadline,
    ::testing::Values(
        Case{"all_on_deadline",
             "bia-critical",
             "2026-07-01",
             kCritical,
             kAll,
             Status::met,
             false,
             std::nullopt,
             {}},
        Case{"one_missing",
             "bia-critical",
             "2026-07-01",
             bias({"urgences", "chirurgie", "pharmacie", "imagerie"}, "2026-06-01"),
             kAll,
             Status::overdue,
             false,
             std::nullopt,
             {"bia:laboratoire"}},
        Case{"one_late",
             "bia-critical",
             "2026-07-02",
             with(bias({"urgences", "chirurgie", "pharmacie", "imagerie"}, "2026-06-01"),
                  json::array({bia("laboratoire", "2026-07-01")})),
             kAll,
             Status::met,
             true,
             std::nullopt,
             {}},
        Case{"late_bia_after_as_of_ignored",
             "bia-critical",
             "2026-07-01",
             with(bias({"urgences", "chirurgie", "pharmacie", "imagerie"}, "2026-06-01"),
                  json::array({bia("laboratoire", "2026-07-02")})),
             kAll,
             Status::overdue,
             false,
             std::nullopt,
             {"bia:laboratoire"}},
        Case{"due_before_deadline",
             "bia-critical",
             "2026-06-30",
             bias({"urgences", "pharmacie"}, "2026-01-01"),
             kAll,
             Status::due,
             false,
             0,
             {"bia:chirurgie", "bia:imagerie", "bia:laboratoire"}},
        Case{"only_services_it_runs",
             "bia-critical",
             "2026-07-01",
             bias({"urgences", "pharmacie"}, "2026-01-01"),
             json::array({"urgences", "pharmacie", "medecine"}),
             Status::met,
             false,
             std::nullopt,
             {}},
        Case{"aliases_name_the_same_service",
             "bia-critical",
             "2026-07-01",
             bias({"Urgences", "Biologie"}, "2026-01-01"),
             json::array({"urgences", "laboratoire"}),
             Status::met,
             false,
             std::nullopt,
             {}},
        Case{"care_services_not_needed",
             "bia-critical",
             "2026-07-01",
             kCritical,
             kAll,
             Status::met,
             false,
             std::nullopt,
             {}},
        Case{"no_critical_service",
             "bia-critical",
             "2026-07-01",
             json::array(),
             json::array({"medecine", "administration"}),
             Status::not_applicable,
             false,
             std::nullopt,
             {}}),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    BiaAllServices, FixedDeadline,
    ::testing::Values(
        Case{"all_with_global_pcra",
             "bia-all-services",
             "2027-07-01",
             with(with(kCritical, kOthers), json::array({plan("pcra", "2027-06-30")})),
             kAll,
             Status::met,
             false,
             std::nullopt,
             {}},
        Case{"pcri_never_a_pcra",
             "bia-all-services",
             "2027-07-01",
             with(with(kCritical, kOthers), json::array({plan("pcri", "2027-01-01")})),
             kAll,
             Status::overdue,
             false,
             std::nullopt,
             {"global-pcra", "global-pcra-it-outage"}},
        Case{"global_pcra_without_it_outage_scenario",
             "bia-all-services",
             "2027-07-01",
             with(with(kCritical, kOthers),
                  json::array({plan("pcra", "2027-01-01", "global", false)})),
             kAll,
             Status::overdue,
             false,
             std::nullopt,
             {"global-pcra-it-outage"}},
        Case{"service_pcra_not_global",
             "bia-all-services",
             "2027-07-01",
             with(with(kCritical, kOthers), json::array({plan("pcra", "2027-01-01", "service")})),
             kAll,
             Status::overdue,
             false,
             std::nullopt,
             {"global-pcra", "global-pcra-it-outage"}},
        Case{"administration_missing",
             "bia-all-services",
             "2027-07-01",
             with(with(kCritical, bias({"medecine"}, "2027-01-01")),
                  json::array({plan("pcra", "2025-06-12")})),
             kAll,
             Status::overdue,
             false,
             std::nullopt,
             {"bia:administration"}},
        Case{"due_on_deadline",
             "bia-all-services",
             "2027-06-30",
             kCritical,
             kAll,
             Status::due,
             false,
             0,
             {"bia:medecine", "bia:administration", "global-pcra", "global-pcra-it-outage"}},
        Case{"pcra_late",
             "bia-all-services",
             "2027-09-01",
             with(with(kCritical, kOthers), json::array({plan("pcra", "2027-07-01")})),
             kAll,
             Status::met,
             true,
             std::nullopt,
             {}},
        Case{"only_services_it_runs",
             "bia-all-services",
             "2027-07-01",
             json::array({bia("medecine", "2027-01-01"), plan("pcra", "2027-01-01")}),
             json::array({"medecine"}),
             Status::met,
             false,
             std::nullopt,
             {}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(FixedDeadline, LateMetExplainsTheDeadline) {
  auto r = run("pca-pra", "2025-09-01", json::array({plan("pra", "2025-08-15")}));
  EXPECT_EQ(r.status, Status::met);
  EXPECT_TRUE(r.late);
  EXPECT_EQ(format_date(*r.deadline), "2025-06-30");
  EXPECT_NE(r.explanation.find("15/08/2025"), std::string::npos) << r.explanation;
  EXPECT_NE(r.explanation.find("30/06/2025"), std::string::npos) << r.explanation;
}

// A newer version of the plan validated later does not move the day the criteria were first
// met (issue 15 trial): they have held since the first version, every day since.
TEST(FixedDeadline, LateMetDateIsTheFirstDayTheCriteriaHeldContinuously) {
  auto r = run("pca-pra", "2026-03-01",
               json::array({plan("pca", "2025-08-15"), plan("pca", "2026-01-20")}));
  EXPECT_EQ(r.status, Status::met);
  EXPECT_TRUE(r.late);
  EXPECT_NE(r.explanation.find("critères remplis le 15/08/2025"), std::string::npos)
      << r.explanation;
  EXPECT_EQ(r.explanation.find("20/01/2026"), std::string::npos) << r.explanation;
  // A plan that does not count (a PCRI) before the counting one leaves the date at the latter.
  auto pcri = run("pca-pra", "2026-03-01",
                  json::array({plan("pcri", "2025-08-15"), plan("pca", "2026-01-20")}));
  EXPECT_NE(pcri.explanation.find("critères remplis le 20/01/2026"), std::string::npos)
      << pcri.explanation;
}

TEST(FixedDeadline, OverdueCountsDaysLate) {
  auto r = run("pca-pra", "2025-07-10", json::array());
  EXPECT_EQ(r.days_late, 10);
}

}  // namespace
}  // namespace carepilot::engine::testing
