// Demo backup posture self-declarations (backup.hpp) of the demo establishments, declared
// through declare_backup as a user does, by the establishment's place among the demo ones
// (the evidence demo's profiles, as continuity/demo.hpp): 0 exemplary (every point « Oui »,
// a dedicated backup directory at ADS level 4 with a second factor), 1 on track (the policy
// and the 3-2-1 rule « Oui », the rest « En partie », local accounts with a second factor),
// 2 late (no policy, no independent authentication: the establishment's own directory), 3 mixed (a
// policy declared, then withdrawn with its reason and declared again « En partie »), 4 nothing.
// Dates are days before `today`. Idempotent: an establishment with any declaration is skipped.
#pragma once

#include "common/date.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::continuity {

// Returns the number of establishments given declarations.
int seed_demo_backup(store::Database& db, registry::Repository& registry, const Date& today);

}  // namespace carepilot::continuity
