// The identification of professionals across the caller's territory (issue 16): the page
// /tableau-de-bord/identification and GET /api/v1/identification/shares, per region of the
// scope, with the national (or scope-wide) total (identification/shares.hpp).
#include <ctemplate/template.h>

#include "common/french.hpp"
#include "common/record_labels.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/pagination.hpp"
#include "http/templates.hpp"
#include "identification/routes.hpp"
#include "identification/shares.hpp"
#include "registry/region_param.hpp"

namespace carepilot::identification {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

// Demonstration establishments count when asked, or when the platform holds nothing else.
// The page reads a malformed ?demo= as « non »; the API refuses it (400 naming `demo`).
bool with_demo(Context& ctx, const Request& req, bool api = false) {
  const bool asked =
      api ? http::bool_query(req, "demo", false) : http::page_bool_query(req, "demo", false);
  return asked || ctx.registry.real_establishments() == 0;
}

void row_into(TemplateDictionary& row, const RegionShare& r) {
  row.SetValue("NAME", r.region_name);
  row.SetValue("CODE", r.region_code);
  row.SetIntValue("ESTABLISHMENTS", r.establishments);
  row.SetIntValue("INVENTORIED", r.inventoried);
  row.SetIntValue("COMPLIANT", r.compliant);
  row.SetValue("COMPLIANT_SHARE", share_text(r.compliant, r.establishments));
  row.SetValue("COVERED_SHARE", share_text(r.covered, r.accesses));
}

json share_json(const RegionShare& r) {
  auto ratio = [](std::int64_t part, std::int64_t of) {
    return of > 0 ? json(static_cast<double>(part) / static_cast<double>(of)) : json(nullptr);
  };
  json j{{"establishments", r.establishments},
         {"inventoried", r.inventoried},
         {"compliant", r.compliant},
         {"compliant_share", ratio(r.compliant, r.establishments)},
         {"accesses", r.accesses},
         {"covered", r.covered},
         {"covered_share", ratio(r.covered, r.accesses)}};
  if (!r.region_code.empty()) {
    j["region"] = r.region_code;
    j["region_name"] = r.region_name;
  }
  return j;
}

constexpr int kEstablishmentsPerPage = 50;
const std::vector<std::string> kEstablishmentSorts{"finess_et", "covered_share"};

json establishment_json(const EstablishmentShare& e) {
  return {{"finess_et", e.finess_et},
          {"name", e.name},
          {"region", e.region_code},
          {"state", share_state_code(e.state)},
          {"measured_on", e.day.empty() ? json(nullptr) : json(e.day)},
          {"accesses", e.accesses},
          {"covered", e.covered},
          {"covered_share",
           e.accesses > 0 ? json(static_cast<double>(e.covered) / static_cast<double>(e.accesses))
                          : json(nullptr)}};
}

// The establishments behind the counts of one region of the page (?region=), by state
// (?etat=), paged: each links to its identification page.
void establishments_into(TemplateDictionary& d, Context& ctx, const Request& req, const Shares& s,
                         bool demo) {
  const std::string region = req.q("region");
  const RegionShare* chosen = nullptr;
  for (const auto& r : s.regions)
    if (r.region_code == region) chosen = &r;
  if (!chosen) {
    // A region asked that is not among those shown (unknown, or outside the caller's scope):
    // said, never an empty list read as « no establishment » (issue 16 trial).
    if (!region.empty()) d.AddSectionDictionary("UNKNOWN_REGION")->SetValue("ASKED_REGION", region);
    return;
  }
  EstablishmentShareQuery q;
  q.region = region;
  q.state = share_state_of(req.q("etat"));
  q.include_demo = demo;
  q.per_page = kEstablishmentsPerPage;
  q.page = http::page_number(req);
  auto found = establishment_shares(ctx.repo.database(), req.caller.scope, q);
  auto* l = d.AddSectionDictionary("LIST");
  l->SetValue("LIST_REGION", chosen->region_name);
  l->SetValue("LIST_REGION_CODE", chosen->region_code);
  l->SetValue("LIST_COUNT", plural(found.total, "établissement", "établissements"));
  if (demo && http::page_bool_query(req, "demo", false)) l->ShowSection("LIST_DEMO");
  // A state the filter does not know: said, never silently read as « every state ».
  if (const auto asked = req.q("etat"); !asked.empty() && !q.state)
    l->AddSectionDictionary("UNKNOWN_STATE")->SetValue("ASKED_STATE", asked);
  for (auto st : {ShareState::compliant, ShareState::in_progress, ShareState::not_inventoried}) {
    auto* o = l->AddSectionDictionary("STATE_OPTION");
    o->SetValue("VALUE", share_state_code(st));
    o->SetValue("LABEL", std::string(status_label("identification_share", share_state_code(st))));
    if (q.state == st) o->ShowSection("OPT_SELECTED");
  }
  if (found.items.empty()) l->ShowSection("LIST_EMPTY");
  for (const auto& e : found.items) {
    auto* row = l->AddSectionDictionary("EST");
    row->SetValue("EST_FINESS", e.finess_et);
    row->SetValue("EST_NAME", e.name);
    row->SetValue("EST_STATE", share_state_code(e.state));
    row->SetValue("EST_STATE_LABEL",
                  std::string(status_label("identification_share", share_state_code(e.state))));
    row->SetValue("EST_BADGE", e.state == ShareState::compliant     ? "fr-badge--success"
                               : e.state == ShareState::in_progress ? "fr-badge--warning"
                                                                    : "fr-badge--info");
    row->SetValue("EST_COVERED",
                  e.accesses > 0 ? french_integer(e.covered) + " sur " + french_integer(e.accesses)
                                 : std::string("—"));
    row->SetValue("EST_SHARE", share_text(e.covered, e.accesses));
    row->SetValue("EST_DAY", e.day.empty() ? std::string("Jamais") : french_date_text(e.day));
  }
  const int pages = http::page_count(found.total, kEstablishmentsPerPage);
  l->SetValue("PAGINATION", http::render_pagination({found.page, pages,
                                                     [&req](int n) {
                                                       return http::page_link(
                                                           req, "/tableau-de-bord/identification",
                                                           "page", n, "#etablissements");
                                                     },
                                                     "Pages des établissements"}));
}

}  // namespace

void add_territory_routes(http::RouteTable& routes, Context& ctx) {
  routes.get("/tableau-de-bord/identification", RouteKind::page, [&ctx](Request& req) {
    const bool demo = with_demo(ctx, req);
    auto s = shares(ctx.repo.database(), ctx.registry, req.caller.scope, demo);
    TemplateDictionary d("identification_territory");
    d.SetValue("DATE_FR", french_date_text(format_date(ctx.today())));
    for (const auto& r : s.regions) row_into(*d.AddSectionDictionary("REGION"), r);
    if (s.regions.empty())
      d.ShowSection(demo ? "NO_REGION" : "NO_REAL_REGION");
    else
      row_into(*d.AddSectionDictionary("TOTAL"), s.total);
    if (http::page_bool_query(req, "demo", false)) {
      d.ShowSection("DEMO_CHECKED");
      d.SetValue("DEMO_Q", "&demo=1");
    }
    establishments_into(d, ctx, req, s, demo);
    http::PageMeta meta{"Identification électronique : situation du territoire",
                        "tableau_de_bord",
                        {{"Accueil", "/"},
                         {"Tableau de bord", "/tableau-de-bord"},
                         {"Identification électronique", ""}},
                        {},
                        {}};
    return Response::html(http::render_page("identification_territory.tpl", d, meta));
  });
  routes.get("/api/v1/identification/shares", RouteKind::api, [&ctx](Request& req) {
    auto s = shares(ctx.repo.database(), ctx.registry, req.caller.scope, with_demo(ctx, req, true));
    json regions = json::array();
    for (const auto& r : s.regions) regions.push_back(share_json(r));
    return Response::json(http::dump({{"date", format_date(ctx.today())},
                                      {"regions", regions},
                                      {"total", share_json(s.total)}}));
  });
  // The establishments behind the counts, paged in the database: ?region= (a region code),
  // ?state= (not_inventoried, in_progress, compliant), ?demo=, page, per_page, sort.
  routes.get("/api/v1/identification/establishments", RouteKind::api, [&ctx](Request& req) {
    // The API's default page is every list's (docs/api.md: 100); the page shows 50.
    const http::ListSpec spec{kEstablishmentSorts};
    auto lq = http::list_query(req, spec);
    EstablishmentShareQuery q;
    q.region = registry::api_region_param(req, ctx.registry);  // 400 for an unknown code
    if (const auto st = req.q("state"); !st.empty()) {
      q.state = share_state_of(st);
      if (!q.state)
        throw http::bad_parameter("state", "not_inventoried, in_progress ou compliant attendu");
    }
    q.include_demo = with_demo(ctx, req, true);
    q.page = lq.page;
    q.per_page = lq.per_page;
    q.sort = lq.sort;
    auto found = establishment_shares(ctx.repo.database(), req.caller.scope, q);
    json items = json::array();
    for (const auto& e : found.items) items.push_back(establishment_json(e));
    return http::paged_response(std::move(items), found.total, found.page, lq.per_page);
  });
}

}  // namespace carepilot::identification
