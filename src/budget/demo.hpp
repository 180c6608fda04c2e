// Demo budget declarations for the demo establishments (registry/demo.hpp). The demo
// evidence (evidence/demo.cpp) already holds a 2026 budget_declaration for some profiles
// (records without a module source): to never contradict it, only the PAST years 2024 and
// 2025 are seeded here (fixed years, like the demo evidence's fixed dates), with shares
// that follow the evidence profiles (by position among the demo establishments: exemplary
// above 2 % in 2025, late and "barely started" well below). Idempotent: skips
// establishments that already have declarations, and declarations dated after `today`.
#pragma once

#include "budget/repository.hpp"

namespace carepilot::budget {

// Returns the number of declarations created.
int seed_demo(Repository& repo, registry::Repository& registry, const Date& today);

}  // namespace carepilot::budget
