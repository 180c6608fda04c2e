// Activity shares within an establishment (the 66 % rule of a group: ght_coverage_test.cpp).
#include <gtest/gtest.h>

#include "continuity/rules/coverage.hpp"

using namespace carepilot::continuity;

TEST(ContinuityCoverage, SharesMayNotExceedOneHundredPercent) {
  EXPECT_FALSE(check_activity_shares({60, 40}).has_value());
  EXPECT_FALSE(check_activity_shares({}).has_value());
  EXPECT_TRUE(check_activity_shares({60, 40.5}).has_value());
  EXPECT_TRUE(check_activity_shares({-1}).has_value());
  EXPECT_TRUE(check_activity_shares({101}).has_value());
}
