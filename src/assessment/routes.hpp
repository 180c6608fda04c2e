// The assessment module's pages (/etablissements/:finess/maturite…) and API
// (/api/v1/frameworks, /api/v1/establishments/:finess/assessments…).
#pragma once

#include <functional>
#include <map>
#include <string_view>

#include "assessment/repository.hpp"
#include "evidence/calendar.hpp"
#include "http/routes.hpp"

namespace carepilot::assessment {

struct Context {
  registry::Repository& registry;
  Repository& repo;
  std::function<Date()> today = evidence::paris_today;  // tests pin it
  std::size_t max_json_bytes = 1u << 20;
};

void add_routes(http::RouteTable& routes, Context& ctx);
void add_page_routes(http::RouteTable& routes, Context& ctx);
void add_api_routes(http::RouteTable& routes, Context& ctx);

// The templates embedded by this module (generated).
const std::map<std::string_view, std::string_view>& template_files();

// The :year route parameter: four digits (2000–2100), else 404.
int year_param(const http::Request& req);
// The :id route parameter: a positive integer, else 404.
std::int64_t id_param(const http::Request& req);

}  // namespace carepilot::assessment
