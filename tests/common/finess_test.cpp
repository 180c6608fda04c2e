#include "common/finess.hpp"

#include <gtest/gtest.h>

#include <string>

namespace carepilot {
namespace {

TEST(Finess, KnownValidNumbers) {
  for (const char* f : {"750712184", "690781810", "130786049", "330781196"}) {
    EXPECT_TRUE(finess_valid(f)) << f;
    EXPECT_EQ(finess_reason(f), "") << f;
  }
}

TEST(Finess, EveryOtherKeyIsRefused) {
  std::string f = "750712184";
  for (char k = '0'; k <= '9'; ++k) {
    if (k == '4') continue;
    f[8] = k;
    EXPECT_EQ(finess_reason(f), "finess.invalid_key") << f;
  }
}

TEST(Finess, SingleDigitErrorsAreCaught) {
  std::string f = "690781810";
  f[3] = '8';
  EXPECT_FALSE(finess_valid(f));
}

TEST(Finess, Length) {
  EXPECT_EQ(finess_reason(""), "finess.invalid_length");
  EXPECT_EQ(finess_reason("75071218"), "finess.invalid_length");
  EXPECT_EQ(finess_reason("7507121840"), "finess.invalid_length");
}

TEST(Finess, Format) {
  EXPECT_EQ(finess_reason("75O712184"), "finess.invalid_format");
  EXPECT_EQ(finess_reason("2C0000001"), "finess.invalid_format");
  EXPECT_EQ(finess_reason("2a0000001"), "finess.invalid_format");
  EXPECT_EQ(finess_reason("2A00000X1"), "finess.invalid_format");
  EXPECT_EQ(finess_reason(" 75071218"), "finess.invalid_format");
}

TEST(Finess, CorsicaIsCheckedOnFormatOnly) {
  EXPECT_TRUE(finess_valid("2A0000001"));
  EXPECT_TRUE(finess_valid("2B0000002"));
}

TEST(Finess, ReasonTexts) {
  EXPECT_FALSE(finess_reason_text("finess.invalid_key").empty());
  EXPECT_TRUE(finess_reason_text("").empty());
}

}  // namespace
}  // namespace carepilot
