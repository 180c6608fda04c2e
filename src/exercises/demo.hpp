// Demo exercises for the demo establishments (registry/demo.hpp): every one has a planned
// exercise with its injects (no evidence); establishments of the evidence demo's "late"
// profile (which holds no crisis_exercise evidence of its own) also have a closed 2025
// exercise with its RETEX, one item in the PAQ and its declaration. The evidence demo's
// records are not duplicated. Idempotent: skips establishments that already have exercises.
#pragma once

#include "common/date.hpp"
#include "evidence/repository.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::exercises {

// Returns the number of exercises created.
int seed_demo(store::Database& db, registry::Repository& registry, evidence::Repository& evidence,
              const Date& today);

}  // namespace carepilot::exercises
