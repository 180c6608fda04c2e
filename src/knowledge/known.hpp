// The codes the knowledge entries are checked against: the registry's regions and the
// obligations of the shipped referential.
#pragma once

#include "knowledge/model.hpp"

namespace carepilot::knowledge {

KnownCodes builtin_known_codes();

}  // namespace carepilot::knowledge
