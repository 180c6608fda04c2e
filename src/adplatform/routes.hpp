// Pages and API of the AD audit in the platform (/etablissements/:finess/audit-ad…,
// /api/v1/establishments/:finess/ad-audits…): docs/ad-audit.md « Dans la plateforme ».
#pragma once

#include <functional>
#include <map>
#include <string_view>

#include "adplatform/repository.hpp"
#include "evidence/calendar.hpp"
#include "http/routes.hpp"

namespace carepilot::adplatform {

struct Context {
  registry::Repository& registry;
  Repository& repo;
  std::function<Date()> today = evidence::paris_today;  // tests pin it
  std::function<std::int64_t()> now_s;
};

void add_routes(http::RouteTable& routes, Context& ctx);

// The job handler's body (registered by `carepilot serve` for kind kJobKind).
void run_job(Context& ctx, const nlohmann::json& payload);

// The templates embedded by this module (generated).
const std::map<std::string_view, std::string_view>& template_files();

}  // namespace carepilot::adplatform
