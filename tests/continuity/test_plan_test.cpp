// The test plan (continuity/test_plan.hpp): the plans with no test held since their
// validation, their earliest planned date, late only after that date.
#include <gtest/gtest.h>

#include "continuity/rules/test_plan.hpp"
#include "module_fixture.hpp"

using namespace carepilot;
using namespace carepilot::continuity;
using carepilot::testing::day;

namespace {

Plan plan(std::int64_t id, const char* validated_on) {
  Plan p;
  p.id = id;
  p.title = "Plan " + std::to_string(id);
  p.validated_on = day(validated_on);
  return p;
}
PlanTest held(std::int64_t plan_id, const char* on) {
  PlanTest t;
  t.plan_id = plan_id;
  t.held_on = day(on);
  return t;
}
PlanTest planned(std::int64_t plan_id, const char* on) {
  PlanTest t;
  t.plan_id = plan_id;
  t.planned_on = day(on);
  return t;
}

TEST(ContinuityTestPlan, ListsThePlansWithNoTestHeldSinceTheirValidation) {
  Register reg;
  reg.plans = {plan(1, "2026-02-01"), plan(2, "2026-01-15"), plan(3, "2026-01-10"),
               plan(4, "2026-01-05")};
  reg.tests = {held(1, "2026-02-01"),  // tested on the day of its validation: tested
               planned(2, "2026-04-01"), planned(2, "2026-03-20"),
               planned(3, "2026-03-09"),  // passed without a test: late
               held(4, "2026-01-04")};    // held before this version's validation: not tested
  const auto today = day("2026-03-10");
  auto out = untested_plans(reg, today);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].plan->id, 2);
  EXPECT_EQ(out[0].planned_on, day("2026-03-20"));  // the earliest planned
  EXPECT_FALSE(out[0].late);
  EXPECT_EQ(out[1].plan->id, 3);
  EXPECT_TRUE(out[1].late);
  EXPECT_EQ(out[2].plan->id, 4);
  EXPECT_FALSE(out[2].planned_on.has_value());
  EXPECT_FALSE(out[2].late);
  // The planned day itself is not late; the day after is.
  reg.tests = {planned(3, "2026-03-10")};
  reg.plans = {plan(3, "2026-01-10")};
  EXPECT_FALSE(untested_plans(reg, today)[0].late);
  EXPECT_TRUE(untested_plans(reg, day("2026-03-11"))[0].late);
}

}  // namespace
