// Pages (/etablissements/:finess/formation…) and JSON API (/api/v1/establishments/:finess/
// training…) of staff training. :year is four digits and :id a positive integer (404
// otherwise); the campaign routes are registered before the :year routes.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "evidence/calendar.hpp"
#include "http/routes.hpp"
#include "training/repository.hpp"

namespace carepilot::training {

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

namespace detail {
// The :year route parameter (404 unless four digits) and :id (404 unless a positive integer).
int year_param(const http::Request& req);
std::int64_t id_param(const http::Request& req);
nlohmann::json coverage_json(const Coverage& c);
nlohmann::json campaign_json(const Campaign& c);
}  // namespace detail

}  // namespace carepilot::training
