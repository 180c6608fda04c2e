// Scoring of an assessment: pure functions over a framework and the answers' levels.
//
// - A requirement answered "Non applicable" is left out of every score (and of the weights).
// - Section score = Σ(weight × level / max level) / Σ weight × 100 over the section's
//   applicable requirements, an unanswered requirement counting as level 0: this is the score
//   that is declared. `answered_score` is the same mean over answered requirements only (a
//   draft's trend); both are empty when no requirement of the section is applicable
//   (resp. answered and applicable).
// - Overall = Σ(section weight × exact section score) / Σ section weight over the sections
//   that have a score (the section weights of the framework file, not the sum of their
//   requirements' weights).
// - Rounding: scores are computed exactly, then rounded once to the nearest integer, halves
//   up (62.5 → 63); the overall uses the unrounded section scores.
// - Progress = answered requirements (N/A included) / all requirements, in percent rounded
//   down, so that 100 % means every requirement has an answer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assessment/framework.hpp"

namespace carepilot::assessment {

struct SectionScore {
  std::string id;
  std::string title;
  double weight = 1;
  int total = 0;                // requirements
  int answered = 0;             // with an answer, N/A included
  int applicable = 0;           // not answered N/A
  std::optional<double> exact;  // unrounded score
  std::optional<int> score;     // rounded, 0–100
  std::optional<int> answered_score;
};

struct Score {
  std::vector<SectionScore> sections;
  std::optional<double> exact;
  std::optional<int> overall;  // 0–100
  int total = 0;
  int answered = 0;
  int progress = 0;  // percent, rounded down
};

// Rounds half up to an integer (62.5 → 63, 62.4999 → 62).
int round_score(double exact);

// `levels`: requirement id → level (a scale level or kNotApplicable); ids the framework does
// not know are ignored.
Score compute_score(const Framework& f, const std::map<std::string, int>& levels);

}  // namespace carepilot::assessment
