#include "continuity/rules/coverage.hpp"

#include <cmath>

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

}  // namespace carepilot::continuity
