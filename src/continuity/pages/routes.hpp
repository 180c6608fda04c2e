// Page (/etablissements/:finess/continuite, with its forms) and JSON API
// (/api/v1/establishments/:finess/continuity…) of the continuity register (issue 15).
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "continuity/store/repository.hpp"
#include "evidence/calendar.hpp"
#include "http/routes.hpp"

namespace carepilot::continuity {

class Lessons;

struct Context {
  registry::Repository& registry;
  Repository& repo;
  std::function<Date()> today = evidence::paris_today;  // tests pin it
  std::size_t max_json_bytes = 1u << 20;
  Lessons* lessons = nullptr;  // « Envoyer au PAQ » (routes_lessons.cpp) when set
};

void add_page_routes(http::RouteTable& routes, Context& ctx);
void add_api_routes(http::RouteTable& routes, Context& ctx);
// The 66 % rule of a GHT and the establishments' activity weights (routes_ght.cpp).
void add_ght_routes(http::RouteTable& routes, Context& ctx);
// The backup posture self-declaration (routes_backup.cpp).
void add_backup_routes(http::RouteTable& routes, Context& ctx);
// Lessons of plan and restore tests to the PAQ (routes_lessons.cpp).
void add_lesson_routes(http::RouteTable& routes, Context& ctx);
void add_routes(http::RouteTable& routes, Context& ctx);

const std::map<std::string_view, std::string_view>& template_files();

// The register as the API answers it: resources with their required RTO/RPO, activities
// with the BIA that counts, every BIA version, plans with their last test and next planned
// one, the tests, the services of the establishment without a validated BIA, and the total
// share of activity declared.
nlohmann::json register_json(const Register& reg, const std::vector<std::string>& services);
nlohmann::json bia_json(const Bia& b);
nlohmann::json plan_json(const Plan& p, const Register& reg);
nlohmann::json plan_test_json(const PlanTest& t);
nlohmann::json plan_document_json(const std::optional<PlanDocument>& d);
// The plan document's upload (multipart part "file") and download, shared by the page and
// the API: see add_api_routes for the statuses.
evidence::Document upload_plan_document(Context& ctx, http::Request& req);
http::Response plan_document_download(Context& ctx, http::Request& req);

}  // namespace carepilot::continuity
