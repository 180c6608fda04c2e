// Yearly and quarterly obligations on both sides of every period boundary.
#include <gtest/gtest.h>

#include "engine/explain.hpp"
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
  const char* period;
  const char* deadline;
  std::optional<int> days_left;
  std::vector<std::string> missing;
};

json exercise(const char* date, const char* declared, bool retex) {
  json e = {{"type", "crisis_exercise"}, {"date", date}, {"retex_in_paq", retex}};
  if (declared != nullptr) e["declared_on"] = declared;
  return e;
}
json audit(const char* date) {
  return {{"type", "ad_audit"}, {"date", date}, {"source", "ads"}};
}
json maturity(const char* date, const char* declared) {
  json e = {{"type", "maturity_assessment"}, {"date", date}, {"score", 55}};
  if (declared != nullptr) e["declared_on"] = declared;
  return e;
}
json budget(int year, const char* date, double total, double digital, double cyber) {
  return {{"type", "budget_declaration"}, {"year", year},           {"date", date},
          {"total_eur", total},           {"digital_eur", digital}, {"cyber_eur", cyber}};
}

class Periodic : public ::testing::TestWithParam<Case> {};

TEST_P(Periodic, Status) {
  const auto& c = GetParam();
  auto r = run(c.obligation, c.as_of, c.evidence);
  EXPECT_EQ(status_name(r.status), status_name(c.status)) << r.explanation;
  EXPECT_EQ(r.period, c.period);
  ASSERT_TRUE(r.deadline.has_value());
  EXPECT_EQ(format_date(*r.deadline), c.deadline);
  EXPECT_EQ(r.days_left, c.days_left);
  EXPECT_FALSE(r.late);
  std::vector<std::string> missing;
  for (const auto& m : r.missing) missing.push_back(m.id);
  EXPECT_EQ(missing, c.missing);
  EXPECT_FALSE(r.explanation.empty());
}

const json kFull2025 = json::array({exercise("2025-05-01", "2025-05-02", true)});

INSTANTIATE_TEST_SUITE_P(
    CrisisExercise, Periodic,
    ::testing::Values(Case{"issue_example",
                           "crisis-exercise",
                           "2026-11-23",
                           json::array({exercise("2026-03-02", "2026-03-10", true)}),
                           Status::met,
                           "2026",
                           "2026-12-31",
                           std::nullopt,
                           {}},
                      Case{"not_declared",
                           "crisis-exercise",
                           "2026-11-23",
                           json::array({kFull2025[0], exercise("2026-03-02", nullptr, true)}),
                           Status::due,
                           "2026",
                           "2026-12-31",
                           38,
                           {"declared-on-platform"}},
                      Case{"declared_after_as_of",
                           "crisis-exercise",
                           "2026-11-23",
                           json::array({kFull2025[0], exercise("2026-03-02", "2026-11-24", true)}),
                           Status::due,
                           "2026",
                           "2026-12-31",
                           38,
                           {"declared-on-platform"}},
                      Case{"declared_on_as_of",
                           "crisis-exercise",
                           "2026-11-24",
                           json::array({exercise("2026-03-02", "2026-11-24", true)}),
                           Status::met,
                           "2026",
                           "2026-12-31",
                           std::nullopt,
                           {}},
                      Case{"no_retex",
                           "crisis-exercise",
                           "2026-11-23",
                           json::array({kFull2025[0], exercise("2026-03-02", "2026-03-03", false)}),
                           Status::due,
                           "2026",
                           "2026-12-31",
                           38,
                           {"retex-in-paq"}},
                      Case{"held_after_as_of_ignored",
                           "crisis-exercise",
                           "2026-11-23",
                           json::array({kFull2025[0], exercise("2026-11-24", "2026-11-24", true)}),
                           Status::due,
                           "2026",
                           "2026-12-31",
                           38,
                           {"exercise-held", "declared-on-platform", "retex-in-paq"}},
                      Case{"last_day_of_year_due",
                           "crisis-exercise",
                           "2026-12-31",
                           kFull2025,
                           Status::due,
                           "2026",
                           "2026-12-31",
                           0,
                           {"exercise-held", "declared-on-platform", "retex-in-paq"}},
                      Case{"exercise_on_last_day",
                           "crisis-exercise",
                           "2026-12-31",
                           json::array({exercise("2026-12-31", "2026-12-31", true)}),
                           Status::met,
                           "2026",
                           "2026-12-31",
                           std::nullopt,
                           {}},
                      Case{"new_year_after_met_year",
                           "crisis-exercise",
                           "2027-01-01",
                           json::array({exercise("2026-12-31", "2026-12-31", true)}),
                           Status::due,
                           "2027",
                           "2027-12-31",
                           364,
                           {"exercise-held", "declared-on-platform", "retex-in-paq"}},
                      Case{"new_year_after_missed_year",
                           "crisis-exercise",
                           "2027-01-01",
                           kFull2025,
                           Status::overdue,
                           "2026",
                           "2026-12-31",
                           std::nullopt,
                           {"exercise-held", "declared-on-platform", "retex-in-paq"}},
                      Case{"missed_year_caught_up_next_year",
                           "crisis-exercise",
                           "2027-02-01",
                           json::array({exercise("2027-01-15", "2027-01-20", true)}),
                           Status::met,
                           "2027",
                           "2027-12-31",
                           std::nullopt,
                           {}},
                      Case{"previous_year_declared_late_is_not_overdue",
                           "crisis-exercise",
                           "2027-01-10",
                           json::array({exercise("2026-12-20", "2027-01-05", true)}),
                           Status::due,
                           "2027",
                           "2027-12-31",
                           355,
                           {"exercise-held", "declared-on-platform", "retex-in-paq"}},
                      Case{"first_year_of_instruction",
                           "crisis-exercise",
                           "2025-06-01",
                           json::array(),
                           Status::due,
                           "2025",
                           "2025-12-31",
                           213,
                           {"exercise-held", "declared-on-platform", "retex-in-paq"}},
                      Case{"leap_day",
                           "crisis-exercise",
                           "2028-02-29",
                           json::array({exercise("2027-03-01", "2027-03-01", true)}),
                           Status::due,
                           "2028",
                           "2028-12-31",
                           306,
                           {"exercise-held", "declared-on-platform", "retex-in-paq"}},
                      Case{"two_partial_exercises_best_one_kept",
                           "crisis-exercise",
                           "2026-11-23",
                           json::array({kFull2025[0], exercise("2026-02-01", "2026-02-02", false),
                                        exercise("2026-06-01", nullptr, true)}),
                           Status::due,
                           "2026",
                           "2026-12-31",
                           38,
                           {"declared-on-platform"}}),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(Maturity, Periodic,
                         ::testing::Values(Case{"held_and_declared",
                                                "maturity-self-assessment",
                                                "2026-11-23",
                                                json::array({maturity("2026-04-01", "2026-04-15")}),
                                                Status::met,
                                                "2026",
                                                "2026-12-31",
                                                std::nullopt,
                                                {}},
                                           Case{"held_not_declared",
                                                "maturity-self-assessment",
                                                "2026-11-23",
                                                json::array({maturity("2025-04-01", "2025-04-15"),
                                                             maturity("2026-04-01", nullptr)}),
                                                Status::due,
                                                "2026",
                                                "2026-12-31",
                                                38,
                                                {"score-declared"}},
                                           Case{"last_year_only",
                                                "maturity-self-assessment",
                                                "2026-01-01",
                                                json::array({maturity("2025-12-31", "2025-12-31")}),
                                                Status::due,
                                                "2026",
                                                "2026-12-31",
                                                364,
                                                {"assessment-held", "score-declared"}},
                                           Case{"last_year_not_declared",
                                                "maturity-self-assessment",
                                                "2026-01-01",
                                                json::array({maturity("2025-12-31", nullptr)}),
                                                Status::overdue,
                                                "2025",
                                                "2025-12-31",
                                                std::nullopt,
                                                {"score-declared"}}),
                         [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    AdAudit, Periodic,
    ::testing::Values(Case{"audit_on_quarter_end",
                           "ad-audit",
                           "2026-09-30",
                           json::array({audit("2026-09-30")}),
                           Status::met,
                           "2026-Q3",
                           "2026-09-30",
                           std::nullopt,
                           {}},
                      Case{"next_quarter_opens",
                           "ad-audit",
                           "2026-10-01",
                           json::array({audit("2026-09-30")}),
                           Status::due,
                           "2026-Q4",
                           "2026-12-31",
                           91,
                           {"audit-done"}},
                      Case{"quarter_missed",
                           "ad-audit",
                           "2026-10-01",
                           json::array({audit("2026-06-30")}),
                           Status::overdue,
                           "2026-Q3",
                           "2026-09-30",
                           std::nullopt,
                           {"audit-done"}},
                      Case{"audit_first_day_of_quarter",
                           "ad-audit",
                           "2026-04-01",
                           json::array({audit("2026-03-31"), audit("2026-04-01")}),
                           Status::met,
                           "2026-Q2",
                           "2026-06-30",
                           std::nullopt,
                           {}},
                      Case{"year_end_quarter",
                           "ad-audit",
                           "2027-01-01",
                           json::array({audit("2026-12-31")}),
                           Status::due,
                           "2027-Q1",
                           "2027-03-31",
                           89,
                           {"audit-done"}},
                      Case{"audit_after_as_of_ignored",
                           "ad-audit",
                           "2026-11-23",
                           json::array({audit("2026-08-01"), audit("2026-11-24")}),
                           Status::due,
                           "2026-Q4",
                           "2026-12-31",
                           38,
                           {"audit-done"}},
                      Case{"leap_day_in_q1",
                           "ad-audit",
                           "2028-02-29",
                           json::array({audit("2027-12-01"), audit("2028-02-29")}),
                           Status::met,
                           "2028-Q1",
                           "2028-03-31",
                           std::nullopt,
                           {}},
                      Case{"leap_year_q1_days_left",
                           "ad-audit",
                           "2028-02-29",
                           json::array({audit("2027-12-01")}),
                           Status::due,
                           "2028-Q1",
                           "2028-03-31",
                           31,
                           {"audit-done"}}),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    DigitalBudget, Periodic,
    ::testing::Values(Case{"issue_example_digital_plus_cyber",
                           "digital-budget",
                           "2026-11-23",
                           json::array({budget(2026, "2026-05-01", 250e6, 4.5e6, 0.9e6)}),
                           Status::met,
                           "2026",
                           "2026-12-31",
                           std::nullopt,
                           {}},
                      Case{"exactly_two_percent",
                           "digital-budget",
                           "2026-11-23",
                           json::array({budget(2026, "2026-05-01", 250e6, 4e6, 1e6)}),
                           Status::met,
                           "2026",
                           "2026-12-31",
                           std::nullopt,
                           {}},
                      Case{"just_below_two_percent",
                           "digital-budget",
                           "2026-11-23",
                           json::array({budget(2025, "2025-05-01", 250e6, 4e6, 1e6),
                                        budget(2026, "2026-05-01", 250e6, 4e6, 999999)}),
                           Status::due,
                           "2026",
                           "2026-12-31",
                           38,
                           {"share-at-least-2-percent"}},
                      Case{"other_year_does_not_count",
                           "digital-budget",
                           "2026-11-23",
                           json::array({budget(2025, "2026-01-15", 250e6, 4e6, 1e6)}),
                           Status::due,
                           "2026",
                           "2026-12-31",
                           38,
                           {"budget-declared", "share-at-least-2-percent"}},
                      Case{"latest_declaration_of_the_year_wins",
                           "digital-budget",
                           "2026-11-23",
                           json::array({budget(2025, "2025-05-01", 250e6, 4e6, 1e6),
                                        budget(2026, "2026-03-01", 250e6, 5e6, 1e6),
                                        budget(2026, "2026-06-01", 250e6, 3e6, 1e6)}),
                           Status::due,
                           "2026",
                           "2026-12-31",
                           38,
                           {"share-at-least-2-percent"}},
                      Case{"previous_year_below_threshold",
                           "digital-budget",
                           "2027-01-01",
                           json::array({budget(2026, "2026-05-01", 250e6, 3e6, 1e6)}),
                           Status::overdue,
                           "2026",
                           "2026-12-31",
                           std::nullopt,
                           {"share-at-least-2-percent"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Periodic, MedicoSocialIsNotApplicable) {
  for (const auto& o : ref().obligations) {
    auto r = run(o.id, "2026-11-23", json::array({exercise("2026-03-02", "2026-03-10", true)}),
                 json::array({"administration"}), "médico-social");
    EXPECT_EQ(r.status, Status::not_applicable) << o.id;
    EXPECT_NE(r.explanation.find("Ne s'applique pas"), std::string::npos);
  }
  // The categories are said in words, never by their codes (user trial: « de catégorie
  // medico-social »).
  for (const char* code : {"medico-social", "medico_social"}) {
    auto r =
        run("crisis-exercise", "2026-11-23", json::array(), json::array({"administration"}), code);
    EXPECT_NE(r.explanation.find("cet établissement est de catégorie médico-social."),
              std::string::npos)
        << r.explanation;
    EXPECT_EQ(r.explanation.find("medico"), std::string::npos) << r.explanation;
  }
}

TEST(Periodic, BeforeTheInstructionIsNotApplicable) {
  auto r = run("crisis-exercise", "2025-01-21", json::array());
  EXPECT_EQ(r.status, Status::not_applicable);
}

TEST(Periodic, OverdueCountsDaysLate) {
  auto r = run("crisis-exercise", "2027-01-31", kFull2025);
  EXPECT_EQ(r.status, Status::overdue);
  EXPECT_EQ(r.days_late, 31);
  EXPECT_FALSE(r.days_left.has_value());
}

TEST(Periodic, BudgetSharesAreReported) {
  auto r = run("digital-budget", "2026-11-23",
               json::array({budget(2026, "2026-05-01", 250e6, 4.5e6, 0.9e6)}));
  ASSERT_EQ(r.measures.size(), 3u);
  EXPECT_EQ(r.measures[0].id, "budget_share");
  EXPECT_NEAR(*r.measures[0].value, 0.0216, 1e-12);
  EXPECT_NEAR(*r.measures[1].value, 0.018, 1e-12);
  EXPECT_NEAR(*r.measures[2].value, 0.0036, 1e-12);
  EXPECT_EQ(r.evidence, std::vector<int>{0});
}

// The explanation names quarters in words, with the participle agreeing ("trimestre" is
// masculine, "année" feminine); no "2026-Q3" code reaches the page.
TEST(Periodic, QuarterInWordsAndAgreement) {
  auto r = run("ad-audit", "2026-11-23", json::array());
  ASSERT_EQ(r.status, Status::overdue);
  EXPECT_NE(r.explanation.find("le 3e trimestre 2026 s'est clos le 30/09/2026"), std::string::npos)
      << r.explanation;
  EXPECT_NE(r.explanation.find("Pour le 4e trimestre 2026, échéance le 31/12/2026"),
            std::string::npos)
      << r.explanation;
  EXPECT_EQ(r.explanation.find("-Q"), std::string::npos) << r.explanation;
  EXPECT_EQ(r.explanation.find("s'est close"), std::string::npos) << r.explanation;
  auto met = run("ad-audit", "2026-11-23", json::array({audit("2026-10-02")}));
  EXPECT_NE(met.explanation.find("Satisfaite pour le 4e trimestre 2026"), std::string::npos)
      << met.explanation;
  auto year = run("crisis-exercise", "2027-01-31", kFull2025);
  EXPECT_NE(year.explanation.find("l'année 2026 s'est close le 31/12/2026"), std::string::npos)
      << year.explanation;
}

// A stored record is cited by its number, not by its position in the list.
TEST(Periodic, EvidenceCitedByItsNumber) {
  json doc = {
      {"establishments", {establishment(json::array({audit("2026-01-05"), audit("2026-10-02")}))}}};
  auto bundle = parse_bundle(doc, ref());
  auto& e = bundle.establishments.at(0);
  const auto* o = ref().find_obligation("ad-audit");
  auto by_index = evaluate_obligation(ref(), *o, e.establishment, e.evidence, D("2026-11-23"));
  EXPECT_EQ(by_index.evidence, std::vector<int>{1});
  EXPECT_NE(by_index.explanation.find("Preuves utilisées : n° 1."), std::string::npos)
      << by_index.explanation;
  const std::vector<std::int64_t> numbers{54, 55};
  auto stored =
      evaluate_obligation(ref(), *o, e.establishment, e.evidence, D("2026-11-23"), numbers);
  EXPECT_EQ(stored.evidence, std::vector<int>{1});
  EXPECT_NE(stored.explanation.find("Preuves utilisées : n° 55."), std::string::npos)
      << stored.explanation;
  EXPECT_EQ(stored.explanation.find("n° 1."), std::string::npos) << stored.explanation;
  // The situation alone, for pages that fold the rule and its source.
  EXPECT_EQ(situation_of(ref(), stored, numbers),
            "Satisfaite pour le 4e trimestre 2026 (échéance le 31/12/2026).");
}

TEST(Periodic, BudgetYearDefaultsToDateYear) {
  json b = budget(2026, "2026-05-01", 100, 2, 0);
  b.erase("year");
  auto r = run("digital-budget", "2026-11-23", json::array({b}));
  EXPECT_EQ(r.status, Status::met) << r.explanation;
}

}  // namespace
}  // namespace carepilot::engine::testing
