// Activity shares within an establishment (issue 15): the activities' shares of its activity
// may not add up to more than 100 %. The 66 % rule of a GHT or a legal entity, weighed by
// each establishment's activity weight, is ght_coverage.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace carepilot::continuity {

// nullopt when the shares (percent, each in [0, 100]) are valid and total at most 100;
// otherwise the French reason.
std::optional<std::string> check_activity_shares(const std::vector<double>& percents);

}  // namespace carepilot::continuity
