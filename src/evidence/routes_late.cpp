// « Qui est en retard sur quoi » (issue 12, point 10): the grid of establishments ×
// obligations of the caller's scope and the regions' comparison, read from the stored
// compliance (evidence/late_grid.hpp); no page evaluates an establishment.
#include <ctemplate/template.h>

#include <algorithm>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "evidence/late_grid.hpp"
#include "evidence/routes.hpp"
#include "http/list.hpp"
#include "http/pagination.hpp"
#include "http/templates.hpp"

namespace carepilot::evidence {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

namespace {

constexpr int kGridPerPage = 50;

struct StatusText {
  const char* code;
  const char* badge;  // DSFR badge modifier
  // French, shown with the colour (never the colour alone): labels.yaml, compliance.*
  std::string_view label() const { return carepilot::status_label("compliance", code); }
};
constexpr StatusText kStatuses[] = {
    {"overdue", "error"}, {"due", "warning"}, {"met", "success"}, {"not_applicable", "info"}};

const StatusText* status_text(const std::string& code) {
  for (const auto& s : kStatuses)
    if (code == s.code) return &s;
  return nullptr;
}

std::string category_label(const std::string& c) {
  return c == "medico_social" ? "Médico-social" : c == "sanitaire" ? "Sanitaire" : c;
}

int int_param(const Request& req, const char* key, int fallback) {
  try {
    if (auto v = req.q(key); !v.empty()) return std::clamp(std::stoi(v), 1, 1'000'000);
  } catch (const std::exception&) {
  }
  return fallback;
}

void option(TemplateDictionary& d, const char* section, const std::string& value,
            const std::string& label, bool selected) {
  auto* o = d.AddSectionDictionary(section);
  o->SetValue("VALUE", value);
  o->SetValue("LABEL", label);
  if (selected) o->ShowSection("SELECTED");
}

// The grid's query from the request's parameters. A value a filter does not know (a region or
// GHT outside the caller's scope included) is said in `notice` and not applied: it never
// widens the caller's scope.
GridQuery grid_query(Context& ctx, const Request& req, std::map<std::string, std::string>& kept,
                     std::string& notice) {
  GridQuery q;
  auto keep = [&](const char* k) {
    std::string v = req.q(k);
    if (!v.empty()) kept[k] = v;
    return v;
  };
  q.filter.region_code = keep("region");
  if (auto g = keep("ght"); !g.empty()) {
    try {
      q.filter.ght_id = std::stoll(g);
    } catch (const std::exception&) {
      q.filter.ght_id = 0;  // matches nothing
    }
  }
  page_area_filter(ctx, req, q.filter, notice);
  if (q.filter.region_code.empty()) kept.erase("region");
  if (!q.filter.ght_id) kept.erase("ght");
  q.filter.include_demo = http::page_bool_query(req, "demo", true);  // "maybe": ignored
  if (!q.filter.include_demo) kept["demo"] = "0";
  const auto& ref = ctx.repo.referential();
  q.obligation = keep("obligation");
  if (std::none_of(ref.obligations.begin(), ref.obligations.end(),
                   [&](const auto& o) { return o.id == q.obligation; })) {
    if (!q.obligation.empty()) http::add_unknown_filter(notice, "Obligation", q.obligation);
    q.obligation.clear();
    kept.erase("obligation");
  }
  q.status = keep("statut");
  if (!status_text(q.status)) {
    if (!q.status.empty()) http::add_unknown_filter(notice, "Statut", q.status);
    q.status.clear();
    kept.erase("statut");
  }
  q.category = keep("categorie");
  if (q.category != "sanitaire" && q.category != "medico_social") {
    if (!q.category.empty()) http::add_unknown_filter(notice, "Catégorie", q.category);
    q.category.clear();
    kept.erase("categorie");
  }
  q.late_only = http::page_bool_query(req, "retard", false);
  if (q.late_only)
    kept["retard"] = "1";
  else
    kept.erase("retard");
  const auto sort = keep("tri");
  if (!sort.empty() && sort != "nom" && sort != "retard") {
    http::add_unknown_filter(notice, "Tri", sort);
    kept.erase("tri");
  }
  q.sort = sort == "nom" ? "nom" : "retard";
  q.page = int_param(req, "page", 1);
  q.per_page = kGridPerPage;
  return q;
}

std::string link_with(const std::map<std::string, std::string>& kept, const std::string& key,
                      const std::string& value) {
  std::string out = "/retards";
  char sep = '?';
  auto params = kept;
  params.erase("page");
  if (value.empty())
    params.erase(key);
  else
    params[key] = value;
  for (const auto& [k, v] : params) {
    out += sep + k + "=" + http::url_encode(v);
    sep = '&';
  }
  return out;
}

Response grid_page(Context& ctx, Request& req) {
  std::map<std::string, std::string> kept;
  std::string unknown;
  auto q = grid_query(ctx, req, kept, unknown);
  auto page = stored_grid(ctx.repo.database(), req.caller.scope, q);
  const auto& ref = ctx.repo.referential();
  TemplateDictionary d("late");
  for (const auto& r : ctx.registry.regions(req.caller.scope))
    option(d, "REGION_OPT", r.code, r.name, r.code == q.filter.region_code);
  for (const auto& g : ctx.registry.ghts(req.caller.scope, q.filter.region_code))
    option(d, "GHT_OPT", std::to_string(g.id), g.name, q.filter.ght_id == g.id);
  for (const auto& o : ref.obligations)
    option(d, "OBLIGATION_OPT", o.id, o.title, o.id == q.obligation);
  for (const auto& s : kStatuses)
    option(d, "STATUS_OPT", s.code, std::string(s.label()), q.status == s.code);
  option(d, "CATEGORY_OPT", "sanitaire", "Sanitaire", q.category == "sanitaire");
  option(d, "CATEGORY_OPT", "medico_social", "Médico-social", q.category == "medico_social");
  if (q.late_only) d.ShowSection("LATE_CHECKED");
  if (!q.filter.include_demo) d.ShowSection("DEMO_OFF");
  option(d, "SORT_OPT", "retard", "Les plus en retard d'abord", q.sort == "retard");
  option(d, "SORT_OPT", "nom", "Par nom", q.sort == "nom");
  d.SetValue("TOTAL", plural(page.total, "établissement", "établissements"));
  for (const auto& o : ref.obligations) {
    auto* h = d.AddSectionDictionary("OBLIGATION");
    h->SetValue("TITLE", o.title);
  }
  for (const auto& r : page.rows) {
    auto* row = d.AddSectionDictionary("ROW");
    row->SetValue("FINESS", r.finess_et);
    row->SetValue("NAME", r.name);
    row->SetValue("CATEGORY", category_label(r.category));
    row->SetValue("OVERDUE",
                  r.overdue == 0 ? "aucune" : plural(r.overdue, "obligation", "obligations"));
    for (const auto& o : ref.obligations) {
      auto* cell = row->AddSectionDictionary("CELL");
      cell->SetValue("HREF", "/etablissements/" + r.finess_et + "/conformite#" + o.id);
      cell->SetValue("OBLIGATION", o.title);
      auto it = r.cells.find(o.id);
      const StatusText* st = it == r.cells.end() ? nullptr : status_text(it->second.status);
      if (!st) {
        cell->SetValue("BADGE", "new");
        cell->SetValue("LABEL", "Non calculé");
        continue;
      }
      cell->SetValue("BADGE", st->badge);
      const auto& c = it->second;
      cell->SetValue("LABEL",
                     std::string(compliance_status_label(c.status, c.deadline.has_value())));
      if (c.status == "overdue" && c.days_late)
        cell->AddSectionDictionary("DETAIL")->SetValue(
            "TEXT", plural(*c.days_late, "jour de retard", "jours de retard"));
      else if (c.status == "due" && c.deadline)
        cell->AddSectionDictionary("DETAIL")->SetValue("TEXT",
                                                       "avant le " + french_date_text(*c.deadline));
    }
  }
  if (page.rows.empty()) d.ShowSection("EMPTY");
  const int pages = http::page_count(page.total, kGridPerPage);
  const int current = std::min(q.page, pages);
  d.SetIntValue("PAGE", current);
  d.SetIntValue("PAGES", pages);
  d.SetValue(
      "PAGINATION",
      http::render_pagination(
          {current, pages, [&kept](int n) { return link_with(kept, "page", std::to_string(n)); },
           "Pages de la grille"}));
  http::PageMeta meta{"Retards par établissement",
                      "retards",
                      {{"Accueil", "/"}, {"Retards par établissement", ""}},
                      {},
                      unknown};
  return Response::html(http::render_page("late.tpl", d, meta));
}

std::string share(std::int64_t n, std::int64_t of) {
  if (of == 0) return "—";
  return std::to_string((n * 1000 / of + 5) / 10) + " %";
}

Response regions_page(Context& ctx, Request& req) {
  bool demo = http::page_bool_query(req, "demo", true);
  auto counts = stored_region_counts(ctx.repo.database(), req.caller.scope, demo);
  std::map<std::string, std::string> names;
  for (const auto& r : ctx.registry.regions(req.caller.scope)) names[r.code] = r.name;
  TemplateDictionary d("regions");
  if (!demo) d.ShowSection("DEMO_OFF");
  const auto& ref = ctx.repo.referential();
  for (const auto& o : ref.obligations) {
    auto* t = d.AddSectionDictionary("OBLIGATION");
    t->SetValue("TITLE", o.title);
    t->SetValue("ID", o.id);
    for (const auto& rc : counts) {
      auto it = rc.counts.find(o.id);
      if (it == rc.counts.end()) continue;
      auto get = [&](const char* st) {
        auto f = it->second.find(st);
        return f == it->second.end() ? std::int64_t{0} : f->second;
      };
      std::int64_t met = get("met"), due = get("due"), late = get("overdue");
      std::int64_t applicable = met + due + late;
      auto* row = t->AddSectionDictionary("REGION");
      auto n = names.find(rc.region_code);
      row->SetValue("NAME", n == names.end() ? rc.region_code : n->second);
      row->SetValue("CODE", rc.region_code);
      row->SetValue("MET", share(met, applicable));
      row->SetValue("DUE", share(due, applicable));
      row->SetValue("LATE", share(late, applicable));
      row->SetValue("APPLICABLE", french_integer(applicable));
    }
  }
  if (counts.empty()) d.ShowSection("EMPTY");
  http::PageMeta meta{"Comparaison des régions",
                      "retards",
                      {{"Accueil", "/"},
                       {"Retards par établissement", "/retards"},
                       {"Comparaison des régions", ""}},
                      {},
                      {}};
  return Response::html(http::render_page("regions.tpl", d, meta));
}

}  // namespace

void add_late_routes(http::RouteTable& routes, Context& ctx) {
  routes.get("/retards", RouteKind::page, [&ctx](Request& req) { return grid_page(ctx, req); });
  routes.get("/retards/regions", RouteKind::page,
             [&ctx](Request& req) { return regions_page(ctx, req); });
}

}  // namespace carepilot::evidence
