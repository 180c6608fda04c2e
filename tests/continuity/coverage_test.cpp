// Activity shares within an establishment and the 66 % coverage of a GHT (D2.O1.C/D).
#include <gtest/gtest.h>

#include <stdexcept>

#include "continuity/coverage.hpp"
#include "continuity/scale.hpp"

using namespace carepilot::continuity;

TEST(ContinuityCoverage, SharesMayNotExceedOneHundredPercent) {
  EXPECT_FALSE(check_activity_shares({60, 40}).has_value());
  EXPECT_FALSE(check_activity_shares({}).has_value());
  EXPECT_TRUE(check_activity_shares({60, 40.5}).has_value());
  EXPECT_TRUE(check_activity_shares({-1}).has_value());
  EXPECT_TRUE(check_activity_shares({101}).has_value());
}

TEST(ContinuityCoverage, SixtySixPercentOfCombinedActivityOnBothSides) {
  const double t = default_scale().coverage_threshold_percent;
  ASSERT_DOUBLE_EQ(t, 66);
  // 66 of 100: met; 65.9 of 100: not.
  auto at = combined_coverage({{"A", 66, true}, {"B", 34, false}}, t);
  EXPECT_TRUE(at.meets);
  EXPECT_DOUBLE_EQ(at.percent, 66);
  EXPECT_FALSE(combined_coverage({{"A", 65.9, true}, {"B", 34.1, false}}, t).meets);
  EXPECT_TRUE(combined_coverage({{"A", 66.1, true}, {"B", 33.9, false}}, t).meets);
  // Weighted, not counted: 2 establishments of 3 covered but only 40 % of the activity.
  auto w = combined_coverage({{"A", 20, true}, {"B", 20, true}, {"C", 60, false}}, t);
  EXPECT_FALSE(w.meets);
  EXPECT_DOUBLE_EQ(w.percent, 40);
  // A weight never declared is listed; no activity at all meets nothing.
  auto z = combined_coverage({{"A", 0, true}, {"B", 10, true}}, t);
  EXPECT_EQ(z.missing_weight, std::vector<std::string>{"A"});
  EXPECT_FALSE(combined_coverage({{"A", 0, true}}, t).meets);
  EXPECT_THROW(combined_coverage({{"A", -1, true}}, t), std::invalid_argument);
}
