#include "continuity/coverage.hpp"

#include <cmath>
#include <stdexcept>

namespace carepilot::continuity {

std::optional<std::string> check_activity_shares(const std::vector<double>& percents) {
  double total = 0;
  for (double p : percents) {
    if (!std::isfinite(p) || p < 0 || p > 100)
      return "Chaque part d'activité doit être comprise entre 0 et 100 %.";
    total += p;
  }
  if (total > 100 + 1e-9)
    return "Les parts d'activité des activités de l'établissement dépassent 100 % au total.";
  return std::nullopt;
}

Coverage combined_coverage(const std::vector<WeightedEstablishment>& ets,
                           double threshold_percent) {
  Coverage c;
  for (const auto& e : ets) {
    if (!std::isfinite(e.weight) || e.weight < 0)
      throw std::invalid_argument("poids d'activité négatif pour " + e.finess);
    if (e.weight == 0) c.missing_weight.push_back(e.finess);
    c.total_weight += e.weight;
    if (e.covered) c.covered_weight += e.weight;
  }
  if (c.total_weight > 0) c.percent = 100.0 * c.covered_weight / c.total_weight;
  c.meets = c.total_weight > 0 && c.percent >= threshold_percent - 1e-9;
  return c;
}

}  // namespace carepilot::continuity
