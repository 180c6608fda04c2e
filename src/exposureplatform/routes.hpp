// Pages and API of the internet exposure audit in the platform
// (/etablissements/:finess/exposition…, /api/v1/establishments/:finess/exposure-audits…,
// /api/v1/establishments/:finess/exposure-audit-series): docs/exposure.md « Dans la
// plateforme ».
#pragma once

#include <functional>
#include <map>
#include <string_view>

#include "evidence/calendar.hpp"
#include "exposureplatform/repository.hpp"
#include "http/routes.hpp"

namespace carepilot::exposureplatform {

struct Context {
  registry::Repository& registry;
  Repository& repo;
  std::function<Date()> today = evidence::paris_today;  // tests pin it
  std::function<std::int64_t()> now_s;
};

void add_routes(http::RouteTable& routes, Context& ctx);

// The job handler's body (registered by `carepilot serve` for kind kJobKind).
void run_job(Context& ctx, const nlohmann::json& payload);

const std::map<std::string_view, std::string_view>& template_files();

}  // namespace carepilot::exposureplatform
