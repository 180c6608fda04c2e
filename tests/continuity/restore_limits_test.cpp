// The bound of a restore test's measures as data (data/continuity/restore_tests.yaml) and the
// refusals of a bad file.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "continuity/rules/restore_limits.hpp"

using namespace carepilot::continuity;

namespace {

TEST(ContinuityRestoreLimits, TheBuiltInBoundIsAYearWithItsSource) {
  const auto& l = default_restore_limits();
  EXPECT_EQ(l.max_hours, 8760);
  EXPECT_FALSE(l.source.empty());
}

TEST(ContinuityRestoreLimits, AGoodFileIsRead) {
  auto l = parse_restore_limits("source: \"test\"\nmax_hours: 720.5\n", "t.yaml");
  EXPECT_EQ(l.max_hours, 720.5);
  EXPECT_EQ(l.source, "test");
}

TEST(ContinuityRestoreLimits, ABadFileIsRefusedNamingTheLine) {
  auto reason = [](const std::string& text) {
    try {
      parse_restore_limits(text, "t.yaml");
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(reason("max_hours: 10\n").find("« source »"), std::string::npos);
  EXPECT_NE(reason("source: s\n").find("« max_hours » manquant"), std::string::npos);
  EXPECT_EQ(reason("source: s\nmax_hours: un an\n"), "t.yaml:2: « max_hours » : nombre attendu");
  EXPECT_EQ(reason("source: s\nmax_hours: 0\n"),
            "t.yaml:2: « max_hours » : nombre d'heures supérieur à 0 attendu");
  EXPECT_NE(reason("source: s\nmax_hours: -1\n"), "accepted");
  EXPECT_NE(reason("- a\n"), "accepted");
}

}  // namespace
