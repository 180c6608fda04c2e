// Demo PAQ actions for the demo establishments (registry/demo.hpp): a few actions each, of
// various sources, some overdue, some done. The establishments follow the profiles of the
// demo evidence (evidence/demo.cpp, by position among the demo establishments): the
// "barely started" profile (every fifth) gets only non-cyber actions, so that its
// paq-integration obligation stays unmet as in the demo evidence. Idempotent: skips
// establishments that already have actions.
#pragma once

#include "common/date.hpp"
#include "paq/repository.hpp"

namespace carepilot::paq {

// Returns the number of actions created.
int seed_demo(Repository& repo, registry::Repository& registry, const Date& today);

}  // namespace carepilot::paq
