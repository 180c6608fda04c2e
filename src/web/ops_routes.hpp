// Operational routes: /healthz (process alive), /readyz (database reachable, not draining),
// /metrics (Prometheus), /api/v1/openapi.json, and the static assets under /static/.
#pragma once

#include <functional>
#include <string>

#include "http/routes.hpp"

namespace carepilot::web {

class Metrics;

struct OpsContext {
  std::function<bool()> ready;           // database reachable and not draining
  std::function<std::string()> metrics;  // Prometheus exposition
  std::string dsfr_dir;                  // node_modules/@gouvfr/dsfr/dist
  std::string api_viewer_dir;            // node_modules/swagger-ui-dist (api_viewer_dir_for)
};

// The folder of the API documentation viewer (npm package swagger-ui-dist), installed by
// `npm ci` next to the DSFR: node_modules/swagger-ui-dist for node_modules/@gouvfr/dsfr/dist.
std::string api_viewer_dir_for(const std::string& dsfr_dir);

void add_ops_routes(http::RouteTable& routes, OpsContext& ctx);

// Content type for a static file name.
std::string content_type_for(const std::string& path);

// The OpenAPI document embedded in the binary.
std::string openapi_document();

}  // namespace carepilot::web
