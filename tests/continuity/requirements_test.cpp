// RTO/RPO required of IT resources from the activities' BIAs, and the gap with the measured
// recovery (issue 15).
#include <gtest/gtest.h>

#include "continuity/rules/requirements.hpp"

using namespace carepilot::continuity;

TEST(ContinuityRequirements, TheStrictestDependentActivitySetsTheRequirement) {
  // Resource 10 (patient record) used by emergencies (DMIA 4 h, PDMA 1 h) and by admissions
  // (DMIA 24 h, PDMA 24 h); resource 20 (PACS) only by imaging (72 h, no PDMA reached).
  std::vector<ActivityNeed> needs{
      {1, 4, 1, {10}}, {2, 24, 24, {10, 20}}, {3, 72, std::nullopt, {20}}};
  auto r = required_rto_rpo(needs);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[10].rto_hours, 4);
  EXPECT_EQ(r[10].rpo_hours, 1);
  EXPECT_EQ(r[10].rto_set_by, std::vector<long long>{1});
  EXPECT_EQ(r[20].rto_hours, 24);
  EXPECT_EQ(r[20].rpo_hours, 24);
  EXPECT_EQ(r[20].rto_set_by, std::vector<long long>{2});

  // An activity's change moves the resource's requirement: emergencies' BIA now tolerates 48 h.
  needs[0].dmia_hours = 48;
  r = required_rto_rpo(needs);
  EXPECT_EQ(r[10].rto_hours, 24);
  EXPECT_EQ(r[10].rto_set_by, std::vector<long long>{2});
  // Two activities at the same value both set it.
  needs[0].dmia_hours = 24;
  EXPECT_EQ(required_rto_rpo(needs)[10].rto_set_by, (std::vector<long long>{1, 2}));
  // Without any BIA value the resource has no requirement.
  auto none = required_rto_rpo({{5, std::nullopt, std::nullopt, {30}}});
  EXPECT_FALSE(none[30].rto_hours.has_value());
  EXPECT_EQ(gap(none[30], Measured{1, 0}), GapKind::no_requirement);
}

TEST(ContinuityRequirements, GapOnBothSidesOfTheRtoAndRpo) {
  Requirement req{4, 1, {1}, {1}};
  EXPECT_EQ(gap(req, std::nullopt), GapKind::untested);
  EXPECT_EQ(gap(req, Measured{4.0, 1.0}), GapKind::ok);
  EXPECT_EQ(gap(req, Measured{4.01, 1.0}), GapKind::rto_exceeded);
  EXPECT_EQ(gap(req, Measured{3.0, 1.5}), GapKind::rpo_exceeded);
  EXPECT_EQ(gap(req, Measured{5.0, 2.0}), GapKind::both_exceeded);
}
