// The codes the knowledge entries are checked against: the registry's regions and the
// obligations of the shipped referential, the prerequisites and objectives of the funding calls.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "knowledge/model.hpp"

namespace carepilot::knowledge {

KnownCodes builtin_known_codes();

// `id` normalised ("D2.01.C" is D2.O1.C) when it is a prerequisite or an objective of one of
// the funding calls in `known`, else nullopt.
std::optional<std::string> known_objective(const KnownCodes& known, std::string_view id);

// The title of the knowledge entry of objective `id` (normalised): « D2.O3.C — <its label in
// data/funding/calls.yaml> »; nullopt when `known` holds no label for it.
std::optional<std::string> objective_title(const KnownCodes& known, const std::string& id);

}  // namespace carepilot::knowledge
