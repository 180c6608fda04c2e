// The incident register's API (/api/v1/establishments/:finess/incidents…, issue 19; described
// in src/incidents/openapi.json). Route parameters: :finess, :id (incidents.id), :stage (a
// stage of the declaration: initial, complementary, final), :item (incident_attachments.id).
// Reads for whoever sees the establishment (registry scope: the establishment, its GHT, its
// region, the nation); writes for its editors; a withdrawal also needs the second factor.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/date.hpp"
#include "http/routes.hpp"
#include "incidents/store/attachments.hpp"
#include "incidents/store/declarations.hpp"
#include "incidents/store/lessons.hpp"
#include "incidents/store/repository.hpp"
#include "store/clock.hpp"
#include "store/database.hpp"

namespace carepilot::incidents {

struct Context {
  registry::Repository& registry;
  Repository& repo;
  Declarations& declarations;
  Attachments& attachments;
  std::function<std::int64_t()> now = store::now_unix;  // tests pin it
  std::size_t max_json_bytes = 1u << 20;
  Lessons* lessons = nullptr;     // « Envoyer au PAQ » (…/incidents/:id/paq) when set
  store::Database* db = nullptr;  // the statistics (routes_statistics.cpp) when set
};

// The Paris calendar day of `now` (Unix seconds): the PAQ's "today".
Date paris_day(std::int64_t now);

// Every route of the module: the API (routes_api.cpp) and the pages (routes_pages.cpp:
// /etablissements/:finess/incidents…, the PDF of a declaration's stage).
void add_routes(http::RouteTable& routes, Context& ctx);
void add_page_routes(http::RouteTable& routes, Context& ctx);
// The statistics of the caller's territory: /incidents/statistiques (page, XLSX) and
// /api/v1/incidents/statistics.
void add_statistics_routes(http::RouteTable& routes, Context& ctx);

// The « Historique » section of the establishment's page (registry::WebContext::history): its
// incidents' dated events and the PAQ actions of their lessons, newest first, Paris time; "" when
// ctx.db is not set.
std::string establishment_history_html(Context& ctx, const http::Request& req,
                                       const std::string& finess);

// The templates embedded by this module (generated).
const std::map<std::string_view, std::string_view>& template_files();

// An attachment as the API answers it (its download address under `finess`).
nlohmann::json attachment_json(const Attachment& a, const std::string& finess);

// The incident as the API answers it, its durations, clocks and status as of `as_of` (Unix
// seconds): `status` and `closed_at` as they stood then, from the dated status history `changes`
// (Repository::status_changes), given as `status_changes` (status, at, author) up to `as_of`.
nlohmann::json incident_json(const Incident& inc, const std::vector<Declaration>& declarations,
                             std::int64_t as_of,
                             const std::vector<Repository::StatusChange>& changes);

}  // namespace carepilot::incidents
