// The identification of professionals across the caller's territory (issue 16): the page
// /tableau-de-bord/identification and GET /api/v1/identification/shares, per region of the
// scope, with the national (or scope-wide) total (identification/shares.hpp).
#include <ctemplate/template.h>

#include "common/french.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/templates.hpp"
#include "identification/routes.hpp"
#include "identification/shares.hpp"

namespace carepilot::identification {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

// Demonstration establishments count when asked, or when the platform holds nothing else.
bool with_demo(Context& ctx, const Request& req) {
  return http::page_bool_query(req, "demo", false) || ctx.registry.real_establishments() == 0;
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
    if (http::page_bool_query(req, "demo", false)) d.ShowSection("DEMO_CHECKED");
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
    auto s = shares(ctx.repo.database(), ctx.registry, req.caller.scope, with_demo(ctx, req));
    json regions = json::array();
    for (const auto& r : s.regions) regions.push_back(share_json(r));
    return Response::json(http::dump({{"date", format_date(ctx.today())},
                                      {"regions", regions},
                                      {"total", share_json(s.total)}}));
  });
}

}  // namespace carepilot::identification
