// The PAQ module's pages (list, board, new / detail / edit forms), exports (CSV, XLSX) and
// JSON API, all under an establishment (/etablissements/:finess/paq…,
// /api/v1/establishments/:finess/paq/actions…).
#pragma once

#include <functional>
#include <map>
#include <string_view>

#include "evidence/calendar.hpp"
#include "http/routes.hpp"
#include "paq/repository.hpp"

namespace carepilot::paq {

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

}  // namespace carepilot::paq
