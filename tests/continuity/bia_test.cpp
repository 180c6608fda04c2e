// DMIA and PDMA derived from a BIA, the matrix checks and the overrides (issue 15), on the
// shipped scale: horizons 4 h, 24 h, 72 h, 1 week, 1 month; unacceptable from level 3.
#include <gtest/gtest.h>

#include "continuity/rules/bia.hpp"

using namespace carepilot::continuity;

namespace {

// Every cell at `base`; then the given cells changed.
ImpactMatrix matrix(int base,
                    std::initializer_list<std::tuple<const char*, const char*, int>> set = {}) {
  ImpactMatrix m;
  for (const auto& c : default_scale().categories)
    for (const auto& h : default_scale().horizons) m.levels[c.id][h.id] = base;
  for (const auto& [c, h, l] : set) m.levels[c][h] = l;
  return m;
}

bool has_field(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}

}  // namespace

TEST(ContinuityBia, DmiaIsTheFirstHorizonWhereAnInterruptionImpactIsUnacceptable) {
  const auto& s = default_scale();
  // Level 2 everywhere: tolerable over every horizon.
  EXPECT_FALSE(derive(s, matrix(2)).dmia_hours.has_value());
  // Level 3 (the threshold) from 72 h on patient safety: DMIA 72 h.
  auto m = matrix(
      2, {{"patient_safety", "72h", 3}, {"patient_safety", "1w", 3}, {"patient_safety", "1m", 4}});
  ASSERT_TRUE(check_matrix(s, m).empty());
  EXPECT_EQ(derive(s, m).dmia_hours, 72);
  // Level 3 already at 4 h on another category wins.
  for (const char* h : {"4h", "24h", "72h", "1w", "1m"}) m.levels["financial"][h] = 3;
  EXPECT_EQ(derive(s, m).dmia_hours, 4);
  // The data-loss category does not move the DMIA, only the PDMA.
  auto d =
      matrix(2, {{"data", "24h", 3}, {"data", "72h", 3}, {"data", "1w", 3}, {"data", "1m", 3}});
  EXPECT_FALSE(derive(s, d).dmia_hours.has_value());
  EXPECT_EQ(derive(s, d).pdma_hours, 24);
}

TEST(ContinuityBia, ThresholdBoundaryTwoIsTolerableThreeIsNot) {
  const auto& s = default_scale();
  auto below = matrix(1, {{"image", "1m", 2}});
  EXPECT_FALSE(derive(s, below).dmia_hours.has_value());
  auto at = matrix(1, {{"image", "1m", 3}});
  EXPECT_EQ(derive(s, at).dmia_hours, 720);
}

TEST(ContinuityBia, MatrixChecksNameTheCell) {
  const auto& s = default_scale();
  EXPECT_TRUE(check_matrix(s, matrix(1)).empty());
  EXPECT_TRUE(check_matrix(s, matrix(4)).empty());
  // Outside the scale on both sides.
  EXPECT_TRUE(has_field(check_matrix(s, matrix(1, {{"legal", "24h", 0}})), "impact.legal.24h"));
  auto high = matrix(4);
  high.levels["legal"]["1m"] = 5;
  EXPECT_TRUE(has_field(check_matrix(s, high), "impact.legal.1m"));
  // Missing cell, unknown category, unknown horizon.
  auto missing = matrix(1);
  missing.levels["image"].erase("72h");
  auto e = check_matrix(s, missing);
  ASSERT_TRUE(has_field(e, "impact.image.72h"));
  EXPECT_NE(e.front().message.find("Image à 72 heures"), std::string::npos);
  EXPECT_TRUE(has_field(check_matrix(s, matrix(1, {{"weather", "4h", 1}})), "impact.weather"));
  EXPECT_TRUE(has_field(check_matrix(s, matrix(1, {{"legal", "2h", 1}})), "impact.legal.2h"));
  // A longer interruption doing less damage is refused; equal is fine.
  EXPECT_TRUE(
      has_field(check_matrix(s, matrix(2, {{"financial", "72h", 1}})), "impact.financial.72h"));
  EXPECT_TRUE(check_matrix(s, matrix(2, {{"financial", "4h", 1}})).empty());
}

TEST(ContinuityBia, AnOverrideMayBeStricterNeverLongerThanWhatTheBiaSaysIsUnacceptable) {
  // Derived DMIA 24 h.
  EXPECT_TRUE(check_override(24, Override{24, "Aligné sur l'analyse"}, "dmia").empty());
  EXPECT_TRUE(check_override(24, Override{8, "Consigne de la direction"}, "dmia").empty());
  auto longer = check_override(24, Override{25, "Trop long"}, "dmia");
  ASSERT_EQ(longer.size(), 1u);
  EXPECT_EQ(longer[0].field, "dmia_hours");
  EXPECT_NE(longer[0].message.find("24 h"), std::string::npos);
  // No justification, zero hours.
  EXPECT_TRUE(has_field(check_override(24, Override{8, "  "}, "dmia"), "dmia_justification"));
  EXPECT_TRUE(has_field(check_override(24, Override{0, "x"}, "pdma"), "pdma_hours"));
  // Nothing derived (tolerant beyond the horizons): any positive justified value.
  EXPECT_TRUE(check_override(std::nullopt, Override{2000, "Archives"}, "pdma").empty());
  EXPECT_TRUE(check_override(24, std::nullopt, "dmia").empty());
  EXPECT_EQ(effective(24, Override{8, "x"}), 8);
  EXPECT_EQ(effective(24, std::nullopt), 24);
}
