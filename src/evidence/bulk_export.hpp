// Bulk read for regional and national integrators (docs/api.md, "Exports"): JSON lines over
// the caller's scope, one object per line, with `since` for incremental synchronisation.
#pragma once

#include "evidence/routes.hpp"

namespace carepilot::evidence {

// GET /api/v1/export/evidence.jsonl and /api/v1/export/compliance.jsonl.
void add_export_routes(http::RouteTable& routes, Context& ctx);

}  // namespace carepilot::evidence
