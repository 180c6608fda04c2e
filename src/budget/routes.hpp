// Pages (/etablissements/:finess/budget…) and JSON API (/api/v1/establishments/:finess/
// budget…) of the budget declarations. The :year parameter is four digits (404 otherwise).
#pragma once

#include <functional>
#include <map>
#include <string_view>

#include "budget/repository.hpp"
#include "evidence/calendar.hpp"
#include "http/routes.hpp"

namespace carepilot::budget {

struct Context {
  registry::Repository& registry;
  Repository& repo;
  std::function<Date()> today = evidence::paris_today;  // tests pin it
  std::size_t max_json_bytes = 1u << 20;
};

void add_page_routes(http::RouteTable& routes, Context& ctx);
void add_api_routes(http::RouteTable& routes, Context& ctx);
// Both of the above.
void add_routes(http::RouteTable& routes, Context& ctx);

// The templates embedded by this module (generated).
const std::map<std::string_view, std::string_view>& template_files();

// The :year route parameter (404 unless four digits).
int year_param(const http::Request& req);

}  // namespace carepilot::budget
