// Demo assessments for the demo establishments (is_demo): a draft for the current year with a
// few answers in each, and for the first one a declared previous year, so that the
// questionnaire and the comparison have something to show. Idempotent (skips establishments
// that already have an assessment).
#pragma once

#include "common/date.hpp"
#include "evidence/repository.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::assessment {

// Returns the number of assessments created.
int seed_demo(store::Database& db, registry::Repository& registry, evidence::Repository& evidence,
              const Date& today);

}  // namespace carepilot::assessment
