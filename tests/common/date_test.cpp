#include "common/date.hpp"

#include <gtest/gtest.h>

namespace carepilot {
namespace {

TEST(Date, LeapDayAndQuarters) {
  ASSERT_TRUE(parse_date("2028-02-29"));
  EXPECT_FALSE(parse_date("2027-02-29"));
  auto d = *parse_date("2028-02-29");
  EXPECT_EQ(format_date(end_of_quarter(d)), "2028-03-31");
  EXPECT_EQ(quarter_of(d), 1);
  EXPECT_EQ(days_between(d, end_of_year(d)), 306);
  EXPECT_EQ(format_date(add_days(d, 1)), "2028-03-01");
  EXPECT_EQ(format_date(end_of_quarter(*parse_date("2026-10-01"))), "2026-12-31");
}

}  // namespace
}  // namespace carepilot
