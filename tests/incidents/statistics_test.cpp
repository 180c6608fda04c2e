// Statistics of a territory's incidents (issue 19): aggregates per Paris year of detection,
// threat types, malicious share, impact, endangerment, medians, declaring establishments,
// beside the CERT Santé's published national figures.
#include <gtest/gtest.h>

#include "incidents/rules/statistics.hpp"

using namespace carepilot;
using namespace carepilot::incidents;

namespace {

std::int64_t at(const char* text) {
  return parse_instant(text)->unix;
}

IncidentFacts facts(const char* finess, const char* detected, Qualification q, bool declared,
                    std::vector<Event> more = {}) {
  IncidentFacts f{finess, std::move(q), {Event{1, "detection", at(detected), 0, "", ""}}, declared};
  for (auto& e : more) f.events.push_back(e);
  return f;
}

}  // namespace

TEST(IncidentsStatistics, MedianOfDurations) {
  EXPECT_FALSE(median({}));
  EXPECT_EQ(median({5}), 5);
  EXPECT_EQ(median({9, 1, 5}), 5);
  EXPECT_EQ(median({1, 3, 10, 20}), 6);
}

TEST(IncidentsStatistics, TheYearIsThatOfTheDetectionInParis) {
  // 31 December 2023 at 23:30 UTC is already 2024 in Paris.
  std::vector<Event> t{{1, "detection", at("2023-12-31T23:30:00Z"), 0, "", ""}};
  EXPECT_EQ(detection_year(t), 2024);
  EXPECT_FALSE(detection_year({}));
}

TEST(IncidentsStatistics, AggregatesPerYearBesideTheNationalFigures) {
  std::vector<IncidentFacts> in{
      facts("750712184", "2024-03-10T08:00:00+01:00",
            {{"threat", {"ransomware"}},
             {"malicious", {"yes"}},
             {"functioning", {"degraded_mode"}},
             {"endangerment", {"potential"}}},
            true,
            {{2, "declaration_submitted", at("2024-03-10T10:00:00+01:00"), 0, "", ""},
             {3, "degraded_start", at("2024-03-10T08:30:00+01:00"), 0, "urgences", ""},
             {4, "degraded_end", at("2024-03-11T08:30:00+01:00"), 0, "urgences", ""}}),
      facts("750712184", "2024-06-01T08:00:00+02:00",
            {{"threat", {"phishing"}}, {"malicious", {"yes"}}}, true,
            {{2, "declaration_submitted", at("2024-06-01T12:00:00+02:00"), 0, "", ""}}),
      facts("750100208", "2024-09-01T08:00:00+02:00",
            {{"threat", {"infrastructure_failure"}}, {"malicious", {"no"}}}, false),
      facts("750100208", "2025-01-05T08:00:00+01:00", {}, false)};
  // 31/12/2025 at 23 h 30, Paris: the current year is 2025.
  const auto stats = statistics(in, default_national_figures(), at("2025-12-31T22:30:00Z"));
  ASSERT_EQ(stats.size(), 4u);  // 2022, 2023 (national only), 2024, 2025
  EXPECT_EQ(stats[0].year, 2022);
  EXPECT_EQ(stats[0].incidents, 0);
  EXPECT_EQ(stats[0].national, 592);
  const auto& y = stats[2];
  EXPECT_EQ(y.year, 2024);
  EXPECT_EQ(y.national, 749);
  EXPECT_EQ(y.incidents, 3);
  EXPECT_EQ(y.establishments, 2);
  EXPECT_EQ(y.declaring_establishments, 1);
  EXPECT_EQ(y.declared, 2);
  EXPECT_EQ(y.threats.at("ransomware"), 1);
  EXPECT_EQ(y.threats.at("infrastructure_failure"), 1);
  EXPECT_EQ(y.functioning.at("degraded_mode"), 1);
  EXPECT_EQ(y.functioning.at("to_qualify"), 2);
  EXPECT_NEAR(*y.malicious_share(), 2.0 / 3.0, 1e-9);
  EXPECT_EQ(y.median_to_declare, 3 * 3600);  // 2 h and 4 h
  EXPECT_EQ(y.median_degraded, 24 * 3600);
  EXPECT_FALSE(y.median_to_detect);
  const auto& z = stats[3];
  EXPECT_EQ(z.year, 2025);
  EXPECT_FALSE(z.national);
  EXPECT_EQ(z.threats.at("to_qualify"), 1);
  EXPECT_FALSE(z.malicious_share());
}

TEST(IncidentsStatistics, EveryYearOfTheRangeIsThereAYearWithoutIncidentsAtZero) {
  // The national figures end in 2024; an incident in 2027: 2025 and 2026 are there, at 0
  // (issue 19 trial: the table, the chart and the workbook skipped 2025).
  std::vector<IncidentFacts> in{facts("750712184", "2027-02-01T08:00:00+01:00", {}, false)};
  const auto stats = statistics(in, default_national_figures(), at("2027-03-01T00:00:00Z"));
  std::vector<int> years;
  for (const auto& y : stats) years.push_back(y.year);
  EXPECT_EQ(years, (std::vector<int>{2022, 2023, 2024, 2025, 2026, 2027}));
  EXPECT_EQ(stats[3].incidents, 0);
  EXPECT_FALSE(stats[3].national);
  EXPECT_FALSE(stats[3].median_to_detect);
  EXPECT_EQ(stats[5].incidents, 1);
}

TEST(IncidentsStatistics, EveryYearUpToTheCurrentOneEvenWithoutIncidents) {
  // Issue 19 trial: a region without incidents stopped at the national figures' 2024.
  auto years_of = [](std::int64_t now) {
    std::vector<int> years;
    for (const auto& y : statistics({}, default_national_figures(), now)) years.push_back(y.year);
    return years;
  };
  EXPECT_EQ(years_of(at("2026-06-01T10:00:00+02:00")),
            (std::vector<int>{2022, 2023, 2024, 2025, 2026}));
  // Both sides of the new year in Paris (UTC+1): 31/12/2026 at 23 h 59, then 01/01/2027 at 0 h 00.
  EXPECT_EQ(years_of(at("2026-12-31T23:59:00+01:00")).back(), 2026);
  EXPECT_EQ(years_of(at("2027-01-01T00:00:00+01:00")).back(), 2027);
  const auto stats = statistics({}, default_national_figures(), at("2026-06-01T10:00:00+02:00"));
  EXPECT_EQ(stats.back().incidents, 0);
  EXPECT_FALSE(stats.back().national);
}
