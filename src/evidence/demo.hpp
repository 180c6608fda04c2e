// Demo evidence for the demo establishments (registry/demo.hpp): a plausible spread of
// situations — establishments ahead, on time, late, some with a PCRI taken for a PCRA —
// so that the compliance pages and dashboards have something true to show. Only
// establishments flagged is_demo are touched; idempotent (skips those that already have
// evidence).
#pragma once

#include "common/date.hpp"
#include "evidence/repository.hpp"

namespace carepilot::evidence {

// Returns the number of records added.
int load_demo_evidence(Repository& repo, registry::Repository& registry, const Date& today);

}  // namespace carepilot::evidence
