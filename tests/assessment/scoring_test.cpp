#include <gtest/gtest.h>

#include "assessment/scoring.hpp"

using namespace carepilot::assessment;

namespace {

// Scale 0..3; section A (weight 2): A.1 w1, A.2 w3; section B (weight 1): B.1 w1, B.2 w1.
Framework sample() {
  Framework f;
  f.id = "t";
  f.scale = {{0, "Non commencé"}, {1, "Initié"}, {2, "En cours"}, {3, "Atteint"}};
  f.sections = {{"A", "Partie A", "", 2, {{"A.1", "Un", "", 1}, {"A.2", "Deux", "", 3}}},
                {"B", "Partie B", "", 1, {{"B.1", "Trois", "", 1}, {"B.2", "Quatre", "", 1}}}};
  return f;
}

}  // namespace

TEST(Scoring, WeightedMeansByHand) {
  // A: (1×3/3 + 3×1/3) / 4 = (1 + 1) / 4 = 50 %.  B: (2/3 + 0) / 2 = 33.33 % (B.2 unanswered).
  // Overall: (2×50 + 1×33.33) / 3 = 44.44 → 44.
  auto s = compute_score(sample(), {{"A.1", 3}, {"A.2", 1}, {"B.1", 2}});
  ASSERT_EQ(s.sections.size(), 2u);
  EXPECT_EQ(s.sections[0].score, 50);
  EXPECT_EQ(s.sections[1].score, 33);
  EXPECT_EQ(s.sections[1].answered_score, 67);  // 2/3 over the answered requirement only
  EXPECT_EQ(s.overall, 44);
  EXPECT_EQ(s.answered, 3);
  EXPECT_EQ(s.total, 4);
  EXPECT_EQ(s.progress, 75);
}

TEST(Scoring, NotApplicableIsLeftOut) {
  // B.1 N/A: B = B.2 alone = 3/3 = 100. A unanswered = 0. Overall (2×0 + 100) / 3 = 33.33 → 33.
  auto s = compute_score(sample(), {{"B.1", kNotApplicable}, {"B.2", 3}});
  EXPECT_EQ(s.sections[0].score, 0);
  EXPECT_FALSE(s.sections[0].answered_score.has_value());
  EXPECT_EQ(s.sections[1].score, 100);
  EXPECT_EQ(s.sections[1].applicable, 1);
  EXPECT_EQ(s.overall, 33);
  EXPECT_EQ(s.progress, 50);
}

TEST(Scoring, SectionWithoutApplicableRequirementHasNoScore) {
  auto s = compute_score(sample(), {{"B.1", kNotApplicable}, {"B.2", kNotApplicable}, {"A.1", 3}});
  EXPECT_FALSE(s.sections[1].score.has_value());
  // Only A counts: (1×3/3 + 3×0) / 4 = 25.
  EXPECT_EQ(s.overall, 25);
  auto none = compute_score(sample(), {{"A.1", kNotApplicable},
                                       {"A.2", kNotApplicable},
                                       {"B.1", kNotApplicable},
                                       {"B.2", kNotApplicable}});
  EXPECT_FALSE(none.overall.has_value());
  EXPECT_EQ(none.progress, 100);
}

TEST(Scoring, RoundsHalvesUpOnce) {
  EXPECT_EQ(round_score(62.5), 63);
  EXPECT_EQ(round_score(62.49), 62);
  EXPECT_EQ(round_score(0), 0);
  EXPECT_EQ(round_score(100), 100);
  // B: (1/3 + 2/3)/2 ... B.1=1, B.2=2 → 50 exactly; A.1=1 only → (1/3)/4 = 8.33.
  // Overall from exact values: (2×8.333 + 50) / 3 = 22.22 → 22 (from rounded: (16+50)/3 = 22).
  auto s = compute_score(sample(), {{"A.1", 1}, {"B.1", 1}, {"B.2", 2}});
  EXPECT_EQ(s.sections[0].score, 8);
  EXPECT_EQ(s.sections[1].score, 50);
  EXPECT_EQ(s.overall, 22);
  // A half exactly: scale 0..1, two requirements, one met → 50; one of four → 25; 1/8 → 12.5 → 13.
  Framework f;
  f.scale = {{0, "Non"}, {1, "Oui"}};
  Section sec{"S", "S", "", 1, {}};
  for (int i = 0; i < 8; ++i) sec.requirements.push_back({"R" + std::to_string(i), "r", "", 1});
  f.sections = {sec};
  EXPECT_EQ(compute_score(f, {{"R0", 1}}).overall, 13);
  EXPECT_EQ(compute_score(f, {{"R0", 1}}).progress, 12);  // 1/8 rounded down
}

TEST(Scoring, IgnoresUnknownIdsAndInvalidLevels) {
  auto s = compute_score(sample(), {{"Z.9", 3}, {"A.1", 7}});
  EXPECT_EQ(s.answered, 0);
  EXPECT_EQ(s.overall, 0);
}
