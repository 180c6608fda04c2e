// The crisis exercises' pages (/etablissements/:finess/exercices…) and API
// (/api/v1/establishments/:finess/exercises…, /api/v1/exercise-scenarios). Route parameters:
// :finess, :id (exercises.id) and :item (exercise_injects.id for an inject,
// exercise_retex_items.n for a RETEX item).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string_view>

#include "evidence/calendar.hpp"
#include "exercises/repository.hpp"
#include "http/routes.hpp"

namespace carepilot::exercises {

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

// A route's integer parameter (`id`, `item`); 404 when it is not a positive integer.
std::int64_t int_param(const http::Request& req, const char* name);

}  // namespace carepilot::exercises
