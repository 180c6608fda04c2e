// Demo continuity work for the demo establishments (registry/demo.hpp), seeded through
// continuity::Repository as a user records it, so that the `bia` and `continuity_plan`
// evidence follows from the work (issue 15). Situations by the establishment's place among
// the demo ones (the evidence demo's profiles, evidence/demo.cpp): 0 exemplary (every
// service's BIA validated, a global PCA tested, a global PCRA), 1 on track (the critical and
// médico-technique services' BIAs validated before 30 June 2026, a PCA with a test planned),
// restore tests of the patient record (one over its RTO) and the network in 0 and 1,
// 2 late (a PCA validated after 30 June 2025, one BIA left as a draft), 3 mixed (a PCRI only,
// which never counts as a PCA or PCRA), 4 nothing. Records dated after `today` are skipped.
// Idempotent: skips establishments whose register already holds resources or activities.
#pragma once

#include "common/date.hpp"
#include "continuity/store/repository.hpp"
#include "registry/repository.hpp"

namespace carepilot::continuity {

// Returns the number of establishments given continuity records.
int seed_demo(Repository& repo, registry::Repository& registry, const Date& today);

}  // namespace carepilot::continuity
