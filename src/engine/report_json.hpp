// Report serialisation: the JSON contract shared by the CLI and the API, and a plain
// text rendering for terminals.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/report.hpp"

namespace carepilot::engine {

nlohmann::ordered_json to_json(const ObligationResult& result);
nlohmann::ordered_json to_json(const EstablishmentReport& report);
// {"as_of": "...", "establishments": [{"finess": ..., "obligations": [...]}]}
nlohmann::ordered_json to_json(const Report& report);

std::string to_text(const Report& report);

}  // namespace carepilot::engine
