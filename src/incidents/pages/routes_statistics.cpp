// The statistics of the incidents of the caller's territory (issue 19): the page
// /incidents/statistiques (tables and server-drawn SVG bars, common/chart.hpp), its workbook
// /incidents/statistiques.xlsx (store/statistics_store.hpp) and the API
// /api/v1/incidents/statistics. Aggregates only, over the establishments of the caller's
// scope; a national caller may narrow to one region (?region=CODE), any other caller sees
// its own territory (an unknown region code: 400; another region's: 403
// incident.region_outside_scope). Beside them, the national figures the CERT Santé publishes
// (data/incidents/national_figures.yaml).
#include <ctemplate/template.h>

#include <cctype>
#include <cstring>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "common/chart.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/templates.hpp"
#include "incidents/pages/routes.hpp"
#include "incidents/rules/timeline.hpp"
#include "incidents/store/repository.hpp"
#include "incidents/store/statistics_store.hpp"
#include "registry/region_param.hpp"
#include "registry/repository.hpp"
#include "store/scope_filter.hpp"

namespace carepilot::incidents {

namespace statistics_routes_detail {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using nlohmann::json;

struct Territory {
  Scope scope;
  std::string name;         // « la région Bretagne », « la France entière » …
  std::string region_code;  // when narrowed to a region
  std::string region_name;  // « Bretagne »
};

// A region's name for a file name: « Provence-Alpes-Côte d'Azur » → "provence-alpes-cote-d-azur".
std::string name_slug(const std::string& name) {
  static const std::pair<const char*, char> accents[] = {
      {"à", 'a'}, {"â", 'a'}, {"ä", 'a'}, {"ç", 'c'}, {"é", 'e'}, {"è", 'e'},
      {"ê", 'e'}, {"ë", 'e'}, {"î", 'i'}, {"ï", 'i'}, {"ô", 'o'}, {"ö", 'o'},
      {"ù", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"À", 'a'}, {"Â", 'a'}, {"Ç", 'c'},
      {"É", 'e'}, {"È", 'e'}, {"Ê", 'e'}, {"Î", 'i'}, {"Ô", 'o'}, {"Û", 'u'}};
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    char ascii = 0;
    std::size_t len = 1;
    if (std::isalnum(c)) {
      ascii = static_cast<char>(std::tolower(c));
    } else if (c >= 0x80) {
      for (const auto& [from, to] : accents)
        if (name.compare(i, std::strlen(from), from) == 0) {
          ascii = to;
          len = std::strlen(from);
          break;
        }
      if (!ascii) len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
    }
    if (ascii)
      out += ascii;
    else if (!out.empty() && out.back() != '-')
      out += '-';
    i += len;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

Territory territory_of(Context& ctx, const Request& req) {
  const std::string code = registry::api_region_param(req, ctx.registry);  // 400 unknown code
  const Scope& own = req.caller.scope;
  if (!code.empty()) {
    const bool allowed = own.level == Scope::Level::nation ||
                         (own.level == Scope::Level::region && own.region_code == code);
    // A region that exists but lies outside the caller's territory: 403, said so (issue 19
    // trial: « Région introuvable. » for a region that is not).
    if (!allowed) {
      const auto other = ctx.registry.region(Scope::nation(), code);
      throw UserError(403, "incident.region_outside_scope",
                      "La région « " + (other ? other->name : code) +
                          " » est hors de votre territoire : vous ne pouvez consulter que les "
                          "statistiques de votre territoire.");
    }
    auto r = ctx.registry.region(own, code);
    if (!r) throw UserError::not_found("Région introuvable.");
    return {Scope::region(code), "la région " + r->name, code, r->name};
  }
  switch (own.level) {
    case Scope::Level::nation:
      return {own, "la France entière", {}};
    case Scope::Level::region: {
      auto r = ctx.registry.region(own, own.region_code);
      return {own, r ? "la région " + r->name : "la région", own.region_code,
              r ? r->name : own.region_code};
    }
    case Scope::Level::ght: {
      const auto g = ctx.registry.ght(own, own.ght_id);
      return {own,
              g ? "le groupement hospitalier de territoire « " + g->name + " »"
                : "le groupement hospitalier de territoire",
              {}};
    }
    case Scope::Level::establishment: {
      // Named (issue 19 trial: « l'établissement » said nothing of which one).
      const auto e = ctx.registry.find_by_id(own, own.establishment_id);
      return {own, e ? "l'établissement « " + e->name + " »" : "l'établissement", {}};
    }
  }
  return {own, {}, {}};
}

std::vector<YearStatistics> compute(Context& ctx, const Territory& t) {
  if (!ctx.db) throw UserError::not_found("Page introuvable.");
  return statistics(gather_facts(*ctx.db, t.scope), default_national_figures(), ctx.now());
}

std::string hours_text(const std::optional<std::int64_t>& s) {
  return s ? duration_text(*s) : "—";
}

std::string share_text(const std::optional<double>& v) {
  if (!v) return "—";
  return french_integer(std::llround(*v * 100)) + " %";
}

// The width a label takes in the charts' 11 px font, roughly (6.2 px a character).
int label_width(const std::string& text) {
  int chars = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++chars;
  return chars * 62 / 10;
}

// One bar chart: a bar per (label, value), with its value beside it. Short labels (years)
// under vertical bars; labels too long for their slot (the threat types, issue 19 trial: they
// overlapped) on the left of horizontal bars, one row each, so that each reads whole.
void bar_chart(TemplateDictionary& d, const char* id, const std::string& title,
               const std::vector<std::pair<std::string, std::int64_t>>& bars) {
  if (bars.empty()) return;
  std::int64_t max = 1;
  int widest = 0;
  for (const auto& [l, v] : bars) {
    max = std::max(max, v);
    widest = std::max(widest, label_width(l));
  }
  const auto n = bars.size();
  auto* c = d.AddSectionDictionary("CHART");
  c->SetValue("CHART_ID", id);
  c->SetValue("CHART_TITLE", title);
  std::string summary = title + " : ";
  for (std::size_t i = 0; i < n; ++i)
    summary += (i ? " ; " : "") + bars[i].first + " " + french_integer(bars[i].second);
  c->SetValue("SUMMARY", summary);
  const chart::Frame vertical{640, 240, 48, 16, 20, 44};
  if (widest + 8 <= vertical.slot_width(n)) {
    c->SetValue("ORIENTATION", "vertical");
    c->SetIntValue("W", vertical.width);
    c->SetIntValue("H", vertical.height);
    c->SetIntValue("X1", vertical.left);
    c->SetIntValue("Y1", vertical.baseline_y());
    c->SetIntValue("X2", vertical.right_x());
    c->SetIntValue("Y2", vertical.baseline_y());
    const int slot = vertical.slot_width(n);
    const int bar_w = std::max(4, slot * 3 / 5);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& [label_text, value] = bars[i];
      auto* b = c->AddSectionDictionary("BAR");
      const int y = vertical.y_of(value, max);
      const int cx = vertical.slot_centre(i, n);
      b->SetIntValue("X", cx - bar_w / 2);
      b->SetIntValue("Y", y);
      b->SetIntValue("BW", bar_w);
      b->SetIntValue("BH", vertical.baseline_y() - y);
      b->SetIntValue("VX", cx);
      b->SetIntValue("VY", y - 4);
      b->SetValue("V_ANCHOR", "middle");
      b->SetIntValue("LX", cx);
      b->SetIntValue("LABEL_Y", vertical.baseline_y() + 16);
      b->SetValue("L_ANCHOR", "middle");
      b->SetValue("VALUE", french_integer(value));
      b->SetValue("LABEL", label_text);
    }
    return;
  }
  // Horizontal: the labels in a column as wide as the widest, a row of 26 px per bar.
  constexpr int kRow = 26, kTop = 8, kWidth = 640, kValueRoom = 48;
  const int label_col = std::min(widest + 16, kWidth / 2);
  const int plot = kWidth - label_col - kValueRoom;
  const int height = kTop * 2 + static_cast<int>(n) * kRow;
  c->SetValue("ORIENTATION", "horizontal");
  c->SetIntValue("W", kWidth);
  c->SetIntValue("H", height);
  c->SetIntValue("X1", label_col);
  c->SetIntValue("Y1", kTop);
  c->SetIntValue("X2", label_col);
  c->SetIntValue("Y2", height - kTop);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& [label_text, value] = bars[i];
    auto* b = c->AddSectionDictionary("BAR");
    const int top = kTop + static_cast<int>(i) * kRow;
    const int w = static_cast<int>(plot * value / max);
    b->SetIntValue("X", label_col);
    b->SetIntValue("Y", top + 4);
    b->SetIntValue("BW", w);
    b->SetIntValue("BH", kRow - 8);
    b->SetIntValue("VX", label_col + w + 4);
    b->SetIntValue("VY", top + kRow / 2 + 4);
    b->SetValue("V_ANCHOR", "start");
    b->SetIntValue("LX", label_col - 8);
    b->SetIntValue("LABEL_Y", top + kRow / 2 + 4);
    b->SetValue("L_ANCHOR", "end");
    b->SetValue("VALUE", french_integer(value));
    b->SetValue("LABEL", label_text);
  }
}

std::string breakdown_label(const std::string& dim, const std::string& code) {
  return code == "to_qualify" ? "à qualifier" : label(dim, code);
}

// A table of one dimension: a row per value, a column per year.
void breakdown(TemplateDictionary& d, const std::vector<YearStatistics>& stats,
               const std::string& dim, std::map<std::string, int> YearStatistics::*member) {
  std::set<std::string> codes;
  for (const auto& y : stats)
    for (const auto& [c, n] : y.*member) codes.insert(c);
  if (codes.empty()) return;
  auto* t = d.AddSectionDictionary("BREAKDOWN");
  t->SetValue("DIM", dim);
  t->SetValue("TITLE", label("dimension", dim));
  for (const auto& y : stats) {
    if (y.incidents == 0) continue;
    t->AddSectionDictionary("YEAR_HEAD")->SetIntValue("YEAR", y.year);
  }
  for (const auto& c : codes) {
    auto* r = t->AddSectionDictionary("LINE");
    r->SetValue("LABEL", breakdown_label(dim, c));
    for (const auto& y : stats) {
      if (y.incidents == 0) continue;
      auto it = (y.*member).find(c);
      r->AddSectionDictionary("CELL")->SetValue(
          "N", french_integer(it == (y.*member).end() ? 0 : it->second));
    }
  }
}

Response page(Context& ctx, Request& req) {
  const auto t = territory_of(ctx, req);
  const auto stats = compute(ctx, t);
  TemplateDictionary d("incident_statistics");
  d.SetValue("TERRITORY", t.name);
  d.SetValue("SOURCE", default_national_figures().source);
  // A published figure not found in the reference texts: shown with its caveat.
  for (const auto& f : default_national_figures().figures)
    if (!f.verified) {
      auto* x = d.AddSectionDictionary("UNVERIFIED");
      x->SetIntValue("YEAR", f.year);
      x->SetValue("COUNT", french_integer(f.count));
      x->SetValue("SOURCE", f.source);
    }
  const std::string region_query =
      t.region_code.empty() || req.q("region").empty() ? std::string() : "?region=" + t.region_code;
  d.SetValue("XLSX", "/incidents/statistiques.xlsx" + region_query);
  // The same figures as JSON (the API), beside the workbook (issue 19 trial).
  d.SetValue("JSON", "/api/v1/incidents/statistics" + region_query);
  // The incidents behind the figures, for a region, a GHT or the nation (an establishment has its
  // register).
  if (req.caller.scope.level != Scope::Level::establishment)
    d.AddSectionDictionary("LIST")->SetValue("LIST_URL", "/incidents" + region_query);
  if (req.caller.scope.level == Scope::Level::nation) {
    auto* f = d.AddSectionDictionary("REGION_FORM");
    for (const auto& r : ctx.registry.regions(req.caller.scope)) {
      auto* o = f->AddSectionDictionary("REGION_OPTION");
      o->SetValue("CODE", r.code);
      o->SetValue("NAME", r.name);
      if (r.code == t.region_code) o->ShowSection("SELECTED");
    }
  }
  int total = 0;
  std::vector<std::pair<std::string, std::int64_t>> own_bars, national_bars;
  std::map<std::string, std::int64_t> threats;
  for (const auto& y : stats) {
    total += y.incidents;
    auto* r = d.AddSectionDictionary("YEAR");
    r->SetIntValue("YEAR", y.year);
    r->SetValue("INCIDENTS", french_integer(y.incidents));
    r->SetValue("ESTABLISHMENTS", french_integer(y.establishments));
    r->SetValue("DECLARING", french_integer(y.declaring_establishments));
    r->SetValue("DECLARED", french_integer(y.declared));
    // Its base said (issue 19 trial: a share of what?): the incidents qualified on it.
    r->SetValue("MALICIOUS", y.malicious_qualified == 0
                                 ? std::string("—")
                                 : share_text(y.malicious_share()) + " sur " +
                                       plural(y.malicious_qualified, "incident qualifié",
                                              "incidents qualifiés"));
    r->SetValue("TO_DETECT", hours_text(y.median_to_detect));
    r->SetValue("TO_DECLARE", hours_text(y.median_to_declare));
    r->SetValue("DEGRADED", hours_text(y.median_degraded));
    r->SetValue("TO_RESTORE", hours_text(y.median_to_restore));
    const auto* fig = default_national_figures().year(y.year);
    r->SetValue("NATIONAL", y.national ? french_integer(*y.national) +
                                             (fig && !fig->verified ? " (à vérifier)" : "")
                                       : "—");
    own_bars.emplace_back(std::to_string(y.year), y.incidents);
    if (y.national) national_bars.emplace_back(std::to_string(y.year), *y.national);
    for (const auto& [c, n] : y.threats) threats[c] += n;
  }
  d.SetIntValue("TOTAL", total);
  bar_chart(d, "incidents-per-year",
            "Incidents enregistrés par année de détection" + (t.name.empty() ? std::string()
                                                              : t.name == "la France entière"
                                                                  ? std::string(" en France")
                                                                  : " dans " + t.name),
            own_bars);
  bar_chart(d, "national-figures", "Incidents déclarés au CERT Santé en France, chiffres publiés",
            national_bars);
  std::vector<std::pair<std::string, std::int64_t>> threat_bars;
  for (const auto& [c, n] : threats) threat_bars.emplace_back(breakdown_label("threat", c), n);
  bar_chart(d, "threats", "Incidents par type de menace, toutes années", threat_bars);
  breakdown(d, stats, "threat", &YearStatistics::threats);
  breakdown(d, stats, "functioning", &YearStatistics::functioning);
  breakdown(d, stats, "endangerment", &YearStatistics::endangerment);
  http::PageMeta meta{"Statistiques des incidents de sécurité",
                      "",
                      {{"Accueil", "/"}, {"Statistiques des incidents de sécurité", ""}},
                      {},
                      {}};
  return Response::html(http::render_page("incident_statistics.tpl", d, meta));
}

json opt_json(const std::optional<std::int64_t>& v) {
  return v ? json(*v) : json(nullptr);
}

json stats_json(const Territory& t, const std::vector<YearStatistics>& stats) {
  json years = json::array();
  for (const auto& y : stats) {
    const auto share = y.malicious_share();
    years.push_back({{"year", y.year},
                     {"incidents", y.incidents},
                     {"establishments", y.establishments},
                     {"declaring_establishments", y.declaring_establishments},
                     {"declared", y.declared},
                     {"threats", y.threats},
                     {"functioning", y.functioning},
                     {"endangerment", y.endangerment},
                     {"malicious", y.malicious},
                     {"malicious_qualified", y.malicious_qualified},
                     {"malicious_share", share ? json(*share) : json(nullptr)},
                     {"median_seconds",
                      {{"to_detect", opt_json(y.median_to_detect)},
                       {"to_declare", opt_json(y.median_to_declare)},
                       {"degraded", opt_json(y.median_degraded)},
                       {"to_restore", opt_json(y.median_to_restore)}}},
                     {"national", y.national ? json(*y.national) : json(nullptr)}});
  }
  const char* level = "nation";
  switch (t.scope.level) {
    case Scope::Level::region:
      level = "region";
      break;
    case Scope::Level::ght:
      level = "ght";
      break;
    case Scope::Level::establishment:
      level = "establishment";
      break;
    default:
      break;
  }
  return {
      {"territory",
       {{"level", level}, {"region", t.region_code.empty() ? json(nullptr) : json(t.region_code)}}},
      {"national_source", default_national_figures().source},
      {"years", years}};
}

// The incidents of the caller's territory (issue 19 trial: the ARS saw « 85 incidents » in the
// statistics and no list): read-only, each linking to its incident; filters status and late
// CNIL notification, a national caller's region; paginated. An establishment's user sees their
// own establishment's only (the scope filter), with the way to its register.
constexpr int kTerritoryPerPage = 25;

struct TerritoryRow {
  Incident inc;
  std::string establishment;
  bool cnil_late = false;
};

std::vector<TerritoryRow> territory_incidents(Context& ctx, const Scope& scope) {
  std::vector<std::tuple<long long, long long, std::string, std::string>> rows;
  if (!ctx.db) throw UserError::not_found("Page introuvable.");
  {
    auto s = ctx.db->lease();
    store::ScopeFilter f(scope);
    long long id = 0, est = 0;
    std::string finess, name;
    soci::statement st(*s);
    st.exchange(soci::into(id));
    st.exchange(soci::into(est));
    st.exchange(soci::into(finess));
    st.exchange(soci::into(name));
    f.bind(st);
    st.alloc();
    st.prepare(std::string("SELECT i.id, e.id, e.finess_et, e.name FROM incidents i JOIN "
                           "establishments e ON e.id = i.establishment_id WHERE 1 = 1") +
               store::kScopeFilterSql + " ORDER BY i.id");
    st.define_and_bind();
    if (st.execute(true)) do {
        rows.emplace_back(id, est, finess, name);
      } while (st.fetch());
  }
  std::vector<TerritoryRow> out;
  auto s = ctx.db->lease();
  const auto now = ctx.now();
  for (const auto& [id, est, finess, name] : rows) {
    TerritoryRow r{Repository::load_on(*s, est, finess, id), name, false};
    if (!r.inc.withdrawal.withdrawn())
      for (const auto& c : clocks(default_catalog(), r.inc.events, r.inc.qualification, now))
        if (c.deadline->id == "gdpr_breach_notification" &&
            (c.state == ClockState::overdue || c.state == ClockState::done_late))
          r.cnil_late = true;
    out.push_back(std::move(r));
  }
  // The latest detected first.
  auto detected = [](const Incident& i) {
    const auto* d = i.detection();
    return d ? d->at : 0;
  };
  std::stable_sort(out.begin(), out.end(), [&](const TerritoryRow& a, const TerritoryRow& b) {
    return detected(a.inc) > detected(b.inc);
  });
  return out;
}

Response territory_page(Context& ctx, Request& req) {
  const Scope& own = req.caller.scope;
  const auto t = territory_of(ctx, req);
  const std::string status = req.q("statut");
  static const std::vector<std::pair<std::string, std::string>> statuses{{"", "tous"},
                                                                         {"open", "Ouvert"},
                                                                         {"contained", "Confiné"},
                                                                         {"closed", "Clos"},
                                                                         {"withdrawn", "Retiré"}};
  bool known = false;
  for (const auto& [code, name] : statuses) known = known || code == status;
  if (!known)
    throw UserError(400, "incident.status_unknown",
                    "statut : choix possibles : ouvert, confiné, clos, retiré.");
  const bool cnil_late = req.q("cnil") == "retard";
  std::vector<TerritoryRow> shown;
  for (auto& r : territory_incidents(ctx, t.scope)) {
    const std::string id = r.inc.withdrawal.withdrawn() ? "withdrawn" : r.inc.status;
    if (!status.empty() && id != status) continue;
    if (cnil_late && !r.cnil_late) continue;
    shown.push_back(std::move(r));
  }
  const int pages = http::page_count(static_cast<long long>(shown.size()), kTerritoryPerPage);
  const int page = std::min(http::page_number(req), pages);
  TemplateDictionary d("incidents_territory");
  d.SetValue("TERRITORY", t.name);
  if (own.level == Scope::Level::establishment)
    if (const auto e = ctx.registry.find_by_id(own, own.establishment_id))
      d.AddSectionDictionary("REGISTER")
          ->SetValue("REGISTER_URL", "/etablissements/" + e->finess_et + "/incidents");
  d.SetIntValue("TOTAL", static_cast<long>(shown.size()));
  for (const auto& [code, name] : statuses) {
    auto* o = d.AddSectionDictionary("STATUS_OPTION");
    o->SetValue("CODE", code);
    o->SetValue("NAME", name);
    if (code == status) o->ShowSection("SELECTED");
  }
  if (cnil_late) d.ShowSection("CNIL_CHECKED");
  if (own.level == Scope::Level::nation) {
    auto* f = d.AddSectionDictionary("REGION_FILTER");
    for (const auto& r : ctx.registry.regions(own)) {
      auto* o = f->AddSectionDictionary("REGION_OPTION");
      o->SetValue("CODE", r.code);
      o->SetValue("NAME", r.name);
      if (r.code == t.region_code && !req.q("region").empty()) o->ShowSection("SELECTED");
    }
  }
  d.ShowSection(shown.empty() ? "NONE" : "HAS_ROWS");
  const std::size_t first = static_cast<std::size_t>(page - 1) * kTerritoryPerPage;
  for (std::size_t i = first; i < shown.size() && i < first + kTerritoryPerPage; ++i) {
    const auto& r = shown[i];
    auto* x = d.AddSectionDictionary("ROW");
    const auto* det = r.inc.detection();
    std::string when = det ? paris_datetime(det->at) : "—";
    for (auto at = when.find(' '); at != std::string::npos; at = when.find(' ', at))
      when.replace(at, 1, "\u00a0");
    x->SetValue("DETECTED", when);
    x->SetValue("ESTABLISHMENT", r.establishment);
    x->SetValue("URL",
                "/etablissements/" + r.inc.finess + "/incidents/" + std::to_string(r.inc.id));
    x->SetValue("TITLE", r.inc.title);
    const auto threat = r.inc.qualification.find("threat");
    x->SetValue("THREAT", threat == r.inc.qualification.end() || threat->second.empty()
                              ? "à qualifier"
                              : label("threat", threat->second.front()));
    const bool withdrawn = r.inc.withdrawal.withdrawn();
    x->SetValue("STATUS_ID", withdrawn ? "withdrawn" : r.inc.status);
    x->SetValue("STATUS",
                withdrawn ? "Retiré" : std::string(status_label("incident", r.inc.status)));
    x->SetValue("BADGE", withdrawn                     ? "info"
                         : r.inc.status == "open"      ? "error"
                         : r.inc.status == "contained" ? "warning"
                                                       : "success");
    x->ShowSection(r.cnil_late ? "CNIL_LATE" : "CNIL_OK");
  }
  d.SetValue(
      "PAGINATION",
      http::render_pagination(
          {page, pages, [&req](int n) { return http::page_link(req, "/incidents", "page", n); },
           "Pages des incidents"}));
  const std::string region_query =
      t.region_code.empty() || req.q("region").empty() ? std::string() : "?region=" + t.region_code;
  d.SetValue("STATISTICS", "/incidents/statistiques" + region_query);
  http::PageMeta meta{"Incidents de sécurité du territoire",
                      "",
                      {{"Accueil", "/"}, {"Incidents de sécurité du territoire", ""}},
                      {},
                      {}};
  return Response::html(http::render_page("incidents_territory.tpl", d, meta));
}

}  // namespace statistics_routes_detail

void add_statistics_routes(http::RouteTable& routes, Context& ctx) {
  using namespace statistics_routes_detail;
  using http::RouteKind;
  routes.get("/incidents/statistiques", RouteKind::page,
             [&ctx](Request& req) { return page(ctx, req); });
  routes.get("/incidents", RouteKind::page,
             [&ctx](Request& req) { return territory_page(ctx, req); });
  routes.get("/incidents/statistiques.xlsx", RouteKind::page, [&ctx](Request& req) {
    const auto t = territory_of(ctx, req);
    return Response::text(statistics_xlsx(compute(ctx, t)),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("Content-Disposition",
                "attachment; filename=\"statistiques-incidents" +
                    (t.region_code.empty() ? std::string() : "-" + name_slug(t.region_name)) +
                    ".xlsx\"");
  });
  routes.get("/api/v1/incidents/statistics", RouteKind::api, [&ctx](Request& req) {
    const auto t = territory_of(ctx, req);
    return Response::json(http::dump(stats_json(t, compute(ctx, t))));
  });
}

}  // namespace carepilot::incidents
