// What each scenario of the national list comes with (data/exercises/scenarios.yaml): a
// description of what it plays, and a set of injects that an exercise planned on it starts
// with.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "exercises/model.hpp"

namespace carepilot::exercises {

struct ScenarioKit {
  std::string description;
  std::vector<InjectInput> injects;  // in timeline order
};

// Parses the scenarios file; std::invalid_argument naming the file and the entry on an
// unknown key, a missing description, a bad inject (validate_inject's rules) or a duplicate.
std::map<std::string, ScenarioKit, std::less<>> parse_scenario_kits(const std::string& yaml);

// The kit of scenario `code` from the embedded file, nullptr when it has none (a scenario
// added by an administrator).
const ScenarioKit* scenario_kit(std::string_view code);

}  // namespace carepilot::exercises
