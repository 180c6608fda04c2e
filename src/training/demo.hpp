// Demo training data for the demo establishments (registry/demo.hpp). The demo evidence
// (evidence/demo.cpp) already holds, for every profile, a training_coverage record dated
// 2026-06-30 with 1 200 staff (records without a module source). To never contradict it,
// only the PAST years 2024 and 2025 are seeded here (fixed years like the demo evidence's
// fixed dates; their evidence is dated 31 December, earlier than the demo record, which so
// stays the latest the staff-training obligation reads), with the same 1 200 staff and a
// share trained that grows towards the demo's 2026 figure; plus two awareness campaigns of
// 2025. Profiles by position among the demo establishments as in evidence/demo.cpp.
// Idempotent: skips establishments that already have a training year or a campaign.
#pragma once

#include "training/repository.hpp"

namespace carepilot::training {

// Returns the number of years and campaigns created.
int seed_demo(Repository& repo, registry::Repository& registry, const Date& today);

}  // namespace carepilot::training
