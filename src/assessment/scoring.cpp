#include "assessment/scoring.hpp"

#include <cmath>

namespace carepilot::assessment {

int round_score(double exact) {
  // The small epsilon absorbs binary error on exact halves (e.g. 62.49999999 for 62.5).
  return static_cast<int>(std::floor(exact + 0.5 + 1e-9));
}

Score compute_score(const Framework& f, const std::map<std::string, int>& levels) {
  Score out;
  const double max = f.max_level() > 0 ? f.max_level() : 1;
  double overall_sum = 0, overall_weight = 0;
  for (const auto& s : f.sections) {
    SectionScore sc;
    sc.id = s.id;
    sc.title = s.title;
    sc.weight = s.weight;
    double sum = 0, weight = 0, answered_sum = 0, answered_weight = 0;
    for (const auto& r : s.requirements) {
      ++sc.total;
      auto it = levels.find(r.id);
      bool answered = it != levels.end() && f.valid_level(it->second);
      if (answered) ++sc.answered;
      if (answered && it->second == kNotApplicable) continue;
      ++sc.applicable;
      double value = answered ? it->second / max : 0.0;
      sum += r.weight * value;
      weight += r.weight;
      if (answered) {
        answered_sum += r.weight * value;
        answered_weight += r.weight;
      }
    }
    if (weight > 0) {
      sc.exact = sum / weight * 100.0;
      sc.score = round_score(*sc.exact);
      overall_sum += s.weight * *sc.exact;
      overall_weight += s.weight;
    }
    if (answered_weight > 0)
      sc.answered_score = round_score(answered_sum / answered_weight * 100.0);
    out.total += sc.total;
    out.answered += sc.answered;
    out.sections.push_back(std::move(sc));
  }
  if (overall_weight > 0) {
    out.exact = overall_sum / overall_weight;
    out.overall = round_score(*out.exact);
  }
  out.progress = out.total > 0 ? out.answered * 100 / out.total : 0;
  return out;
}

}  // namespace carepilot::assessment
