// The 45–60-day rule of funding domain 1 (D1.O2.B) over a series of exposure audits: both
// sides of each bound (44, 45, 60, 61 days), the period's coverage, and the rule's data.
#include <gtest/gtest.h>

#include "exposure/report/result_json.hpp"
#include "exposure/series.hpp"
#include "helpers.hpp"

namespace carepilot::exposure {
namespace {

using test::day;

Date plus(const char* ymd, int days) {
  return std::chrono::year_month_day(std::chrono::sys_days(day(ymd)) + std::chrono::days(days));
}

TEST(ExposureSeries, TheBoundsAreDataWithTheirSource) {
  const auto& r = builtin_interval_rule();
  EXPECT_EQ(r.objective, "D1.O2.B");
  EXPECT_EQ(r.min_days, 45);
  EXPECT_EQ(r.max_days, 60);
  EXPECT_NE(r.source.find("18 mars 2024"), std::string::npos);
  EXPECT_THROW(load_interval_rule("objective: X\nmin_days: 70\nmax_days: 60\nsource: s\n"),
               std::runtime_error);
  EXPECT_THROW(load_interval_rule("[1, 2]"), std::runtime_error);
  auto other = load_interval_rule("objective: X\nmin_days: 10\nmax_days: 20\nsource: s\n");
  EXPECT_EQ(other.min_days, 10);
}

TEST(ExposureSeries, EachBoundIsInclusiveOnBothSides) {
  const Date start = day("2026-01-05");
  struct Case {
    int days;
    Gap verdict;
  } cases[] = {{44, Gap::too_close},
               {45, Gap::holds},
               {52, Gap::holds},
               {60, Gap::holds},
               {61, Gap::too_far}};
  for (const auto& c : cases) {
    const Date next = plus("2026-01-05", c.days);
    auto s = check_series({{1, start}, {2, next}}, start, next);
    ASSERT_EQ(s.intervals.size(), 1u) << c.days;
    EXPECT_EQ(s.intervals[0].days, c.days);
    EXPECT_EQ(s.intervals[0].verdict, c.verdict) << c.days;
    EXPECT_EQ(s.covered, c.verdict == Gap::holds) << c.days;
  }
}

TEST(ExposureSeries, IntervalsReadInFrench) {
  auto s = check_series({{1, day("2026-01-05")}, {2, plus("2026-01-05", 52)}}, day("2026-01-01"),
                        plus("2026-01-05", 52));
  EXPECT_EQ(interval_text(s.intervals.at(0)), "52 jours après le précédent — conforme");
  s = check_series({{1, day("2026-01-05")}, {2, plus("2026-01-05", 44)}}, day("2026-01-01"),
                   plus("2026-01-05", 44));
  EXPECT_EQ(interval_text(s.intervals.at(0)),
            "44 jours après le précédent — trop proche (au moins 45 jours)");
  s = check_series({{1, day("2026-01-05")}, {2, plus("2026-01-05", 61)}}, day("2026-01-01"),
                   plus("2026-01-05", 61));
  EXPECT_EQ(interval_text(s.intervals.at(0)),
            "61 jours après le précédent — trop éloigné (au plus 60 jours)");
}

TEST(ExposureSeries, ThePeriodIsCoveredOnlyWithoutAGapAtEitherEnd) {
  // Audits every 50 days through 2026, given out of order.
  std::vector<DatedAudit> audits;
  for (int i = 0; i < 8; ++i) audits.push_back({8 - i, plus("2026-01-10", 50 * (7 - i))});
  auto s = check_series(audits, day("2026-01-01"), day("2026-12-31"));
  EXPECT_TRUE(s.covered) << s.reason;
  EXPECT_EQ(s.audits.size(), 8u);
  EXPECT_EQ(s.audits.front().id, 1);
  EXPECT_EQ(s.intervals.size(), 7u);
  // The period starts 60 days before the first audit: still covered; 61: not.
  s = check_series(audits, plus("2026-01-10", -60), plus("2026-01-10", 350));
  EXPECT_TRUE(s.covered) << s.reason;
  s = check_series(audits, plus("2026-01-10", -61), plus("2026-01-10", 350));
  EXPECT_FALSE(s.covered);
  EXPECT_NE(s.reason.find("après son début"), std::string::npos);
  // The period ends 60 days after the last audit: covered; 61: not.
  s = check_series(audits, day("2026-01-10"), plus("2026-01-10", 350 + 60));
  EXPECT_TRUE(s.covered) << s.reason;
  s = check_series(audits, day("2026-01-10"), plus("2026-01-10", 350 + 61));
  EXPECT_FALSE(s.covered);
  // An audit before the period counts for the first interval.
  s = check_series(audits, plus("2026-01-10", 60), plus("2026-01-10", 350));
  EXPECT_TRUE(s.covered) << s.reason;
  ASSERT_FALSE(s.intervals.empty());
  EXPECT_EQ(s.intervals.front().from.id, 2);
  // One interval too close anywhere in the period: not covered.
  audits.push_back({99, plus("2026-01-10", 120)});
  s = check_series(audits, day("2026-01-01"), day("2026-12-31"));
  EXPECT_FALSE(s.covered);
  EXPECT_NE(s.reason.find("moins de 45 jours"), std::string::npos);
  // Nothing in the period.
  s = check_series({}, day("2026-01-01"), day("2026-12-31"));
  EXPECT_FALSE(s.covered);
  EXPECT_EQ(s.reason, "aucun audit d'exposition dans la période");
}

TEST(ExposureSeries, TheEvidenceRecordIsWhatStoreRecords) {
  auto r = test::analyse_text(test::slurp(test::data_path("public.xml")));
  auto rec = evidence_record(r);
  EXPECT_EQ(rec.at("type"), "exposure_audit");
  EXPECT_EQ(rec.at("date"), "2026-12-01");
  EXPECT_EQ(rec.at("source"), "carepilot");
  EXPECT_EQ(rec.at("score").get<std::uint64_t>(), r.score);
  EXPECT_EQ(rec.at("findings_critical").get<std::uint64_t>(),
            r.by_severity[static_cast<std::size_t>(Severity::critical)]);
  EXPECT_GT(r.score, 0u);
}

}  // namespace
}  // namespace carepilot::exposure
