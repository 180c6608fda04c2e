// Activity shares and the 66 % rule (issue 15): within an establishment, the activities'
// shares of its activity may not add up to more than 100 %; within a GHT (or a legal entity
// with several sites), the share of combined activity covered by BIA-based plans (D2.O1.C)
// or by tested plans (D2.O1.D) is weighed by each establishment's activity weight (the
// measure used is data) and set against the threshold of data/continuity/bia.yaml.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace carepilot::continuity {

// nullopt when the shares (percent, each in [0, 100]) are valid and total at most 100;
// otherwise the French reason.
std::optional<std::string> check_activity_shares(const std::vector<double>& percents);

struct WeightedEstablishment {
  std::string finess;
  double weight = 0;  // >= 0, in the data's measure (e.g. yearly operating budget)
  bool covered = false;
};

struct Coverage {
  double covered_weight = 0;
  double total_weight = 0;
  double percent = 0;                       // 0 when the total weight is 0
  bool meets = false;                       // percent >= threshold
  std::vector<std::string> missing_weight;  // FINESS of establishments without a weight (0)
};

// Throws std::invalid_argument on a negative weight. An establishment of weight 0 is listed
// in `missing_weight` (its weight was never declared). The comparison is exact to 1e-9 %.
Coverage combined_coverage(const std::vector<WeightedEstablishment>& ets, double threshold_percent);

}  // namespace carepilot::continuity
