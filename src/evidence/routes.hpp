// The evidence module's pages and API: evidence forms, the compliance page of an
// establishment, its calendar of deadlines (iCalendar), the dashboard and its exports.
#pragma once

#include <functional>
#include <map>
#include <string_view>

#include "evidence/calendar.hpp"
#include "evidence/repository.hpp"
#include "http/routes.hpp"

namespace carepilot::evidence {

// A resource that helps with an obligation (the knowledge base's FAQ entries, referentials and
// offers, issue 20), listed under « Comment faire ? » on the compliance page.
struct HowTo {
  std::string kind;  // French label of its nature
  std::string title;
  std::string url;
};

struct Context {
  registry::Repository& registry;
  Repository& repo;
  std::function<Date()> today = paris_today;  // tests pin it
  std::size_t max_json_bytes = 1u << 20;
  // The resources linked to an obligation (set by web/; unset: no « Comment faire ? »).
  // « Comment faire ? » of an obligation for an establishment: what helps it (national content,
  // the offers of its region, for its category: sanitaire or medico_social).
  std::function<std::vector<HowTo>(const std::string& obligation, const std::string& region_code,
                                   const std::string& category)>
      how_to = nullptr;
  // The programme's key dates for the establishment's calendar (set by web/; unset: none),
  // with the address their links start from.
  std::function<std::vector<FeedEvent>()> programme_dates = nullptr;
  // The funding deadlines of the candidatures covering an establishment, as `scope` sees them
  // (set by web/; unset: none).
  std::function<std::vector<FeedEvent>(const Scope& scope, const std::string& finess,
                                       const Date& today)>
      funding_dates = nullptr;
  std::string public_url;
};

void add_routes(http::RouteTable& routes, Context& ctx);
// Internal, the pages' area filters (dashboard, late grid, registrations): a region or GHT
// that is unknown or outside the caller's scope is said on the page (appended to `notice`, the
// page's flash_error, by http::add_unknown_filter) and not applied; the list is then the
// caller's whole scope, never wider (issue 20 trial: such a value gave an empty list, unsaid).
void page_area_filter(Context& ctx, const http::Request& req, ScopeFilter& f, std::string& notice);
// Internal: « Qui est en retard sur quoi » and the regions' comparison (routes_late.cpp).
void add_late_routes(http::RouteTable& routes, Context& ctx);
// Internal: the ANSSI registrations (routes_registrations.cpp).
void add_registration_routes(http::RouteTable& routes, Context& ctx);

// The establishment's summary (HTML): counts by status, what is late, the next deadlines,
// each with the button that fixes it, and quick actions. Shown on the home page of an
// establishment's users and on the establishment page (one template, summary.tpl).
std::string summary_html(Context& ctx, const http::Request& req, const std::string& finess);

// The templates embedded by this module (generated).
const std::map<std::string_view, std::string_view>& template_files();

// French label of an evidence type and of a field ("declared_on" -> "Déclaré sur …").
std::string_view type_label(std::string_view type);
std::string_view field_label(std::string_view field);

}  // namespace carepilot::evidence
