// The 66 % rule of a GHT or of a legal entity with several sites (issue 15; D2.O1.C/D): pages
// /ght/:id/continuite and /entites-juridiques/:finess_ej/continuite, API
// /api/v1/ghts/:id/continuity and /api/v1/legal-entities/:finess_ej/continuity, per establishment
// its activity weight and whether BIA-based and tested plans cover it, and the combined shares
// against the threshold; the activity weight of an establishment is set on that page
// (/etablissements/:finess/poids-activite) or through PUT
// /api/v1/establishments/:finess/activity-weight, by who may edit the establishment.
#include <ctemplate/template.h>
#include <algorithm>

#include <cmath>
#include <nlohmann/json.hpp>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "continuity/messages.hpp"
#include "continuity/pages/routes.hpp"
#include "continuity/rules/ght_coverage.hpp"
#include "http/json_body.hpp"
#include "http/request.hpp"
#include "http/templates.hpp"
#include "registry/activity_weight.hpp"

namespace carepilot::continuity {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

std::string ght_url(std::int64_t id) {
  return "/ght/" + std::to_string(id) + "/continuite";
}

std::string legal_entity_url(const std::string& finess_ej) {
  return "/entites-juridiques/" + finess_ej + "/continuite";
}

std::int64_t ght_id_param(const Request& req) {
  const std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    const long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found("GHT introuvable.");
}

// A FINESS EJ is nine characters: digits, the second may be A or B (Corsica).
std::string finess_ej_param(const Request& req) {
  const std::string v = req.param("finess");
  bool ok = v.size() == 9;
  for (std::size_t i = 0; ok && i < v.size(); ++i)
    ok = (v[i] >= '0' && v[i] <= '9') || (i == 1 && (v[i] == 'A' || v[i] == 'B'));
  if (!ok) throw UserError::not_found("Entité juridique introuvable.");
  return v;
}

// The group whose combined activity is measured: a GHT, or the establishments of one legal
// entity (FINESS EJ) with several sites.
struct Group {
  std::optional<registry::Ght> ght;
  std::string finess_ej;  // when not a GHT
  std::string name() const { return ght ? ght->name : "Entité juridique " + finess_ej; }
  std::string url() const { return ght ? ght_url(ght->id) : legal_entity_url(finess_ej); }
  registry::EstablishmentFilter filter() const {
    registry::EstablishmentFilter f;
    if (ght) f.ght_id = ght->id;
    f.finess_ej = finess_ej;
    f.per_page = 200;
    return f;
  }
};

struct GroupView {
  Group group;
  std::vector<registry::Establishment> establishments;
  std::vector<Member> members;
  GroupCoverage coverage;
  std::map<std::int64_t, registry::ActivityWeight> weights;
  // The name a reader knows the group by: a GHT's; a legal entity has none in the registry
  // (the FINESS import keeps the sites' names), so its number and the names of the sites the
  // reader sees, three at most: « Entité juridique 449800069 (Clinique de l'Erdre, …) ».
  std::string name() const {
    if (group.ght) return group.name();
    // In the order of their names, whatever the registry's order (the same title each time).
    std::vector<std::string> names;
    for (const auto& e : establishments) names.push_back(e.name);
    std::sort(names.begin(), names.end());
    std::string sites;
    const std::size_t shown = std::min<std::size_t>(names.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) sites += (i ? ", " : "") + names[i];
    if (establishments.size() > shown)
      sites += " et " +
               plural(static_cast<std::int64_t>(establishments.size() - shown), "autre", "autres");
    return group.name() + (sites.empty() ? "" : " (" + sites + ")");
  }
};

// The group's establishments of the caller's scope, each one's register read and weighed;
// those outside the scope are counted (the shares are then not established), never shown.
GroupView load_group(Context& ctx, const Scope& scope, Group group) {
  GroupView v{std::move(group), {}, {}, {}, {}};
  auto f = v.group.filter();
  for (f.page = 1;; ++f.page) {
    auto page = ctx.registry.list(scope, f);
    for (auto& e : page.items) v.establishments.push_back(std::move(e));
    if (f.page >= page.page_count()) break;
  }
  auto all = v.group.filter();
  all.per_page = 1;
  const long long whole = ctx.registry.list(Scope::nation(), all).total;
  std::vector<std::int64_t> ids;
  for (const auto& e : v.establishments) ids.push_back(e.id);
  v.weights = registry::activity_weights(ctx.repo.database(), ids);
  const auto& measure = weight_measure();
  const Date today = ctx.today();
  for (const auto& e : v.establishments) {
    Member m;
    m.finess = e.finess_et;
    m.name = e.name;
    // A weight given in another measure than the data's is not mixed in: to be declared again.
    if (auto it = v.weights.find(e.id); it != v.weights.end() && it->second.measure == measure.id)
      m.weight = it->second.weight;
    m.plans = plan_coverage(ctx.repo.load(scope, e.finess_et), today);
    v.members.push_back(std::move(m));
  }
  v.coverage =
      group_coverage(v.members, ctx.repo.scale().coverage_threshold_percent,
                     static_cast<long>(whole - static_cast<long long>(v.establishments.size())));
  return v;
}

// The GHT visible to the caller, 404 otherwise.
GroupView load_ght(Context& ctx, const Scope& scope, std::int64_t id) {
  auto g = ctx.registry.ght(scope, id);
  if (!g) throw UserError::not_found("GHT introuvable.");
  return load_group(ctx, scope, Group{*g, {}});
}

// The legal entity of which the caller sees at least one establishment, 404 otherwise.
GroupView load_legal_entity(Context& ctx, const Scope& scope, const std::string& finess_ej) {
  auto v = load_group(ctx, scope, Group{std::nullopt, finess_ej});
  if (v.establishments.empty()) throw UserError::not_found("Entité juridique introuvable.");
  return v;
}

json share_json(const Share& s) {
  return {{"covered_weight", s.covered_weight},
          {"total_weight", s.total_weight},
          // Rounded down: a share below the threshold never reads as the threshold.
          {"percent", std::floor(s.percent * 100 + 1e-6) / 100},
          {"state", share_state_code(s.state)}};
}

// « 72,4 % » (one decimal at most), rounded down: 65,99 % reads « 65,9 % », never the 66 % it
// does not reach.
std::string percent_text(double p) {
  const long tenths = std::lround(std::floor(p * 10 + 1e-6));
  std::string s = french_integer(tenths / 10);
  if (tenths % 10) s += "," + std::to_string(tenths % 10);
  return s + "\u00a0%";
}

std::string weight_text(double w) {
  const auto& m = weight_measure();
  const long long cents = std::llround(w * 100);
  std::string s = french_integer(cents / 100);
  if (cents % 100) {
    const int c = static_cast<int>(cents % 100);
    s += "," + std::string(c < 10 ? "0" : "") + std::to_string(c);
    if (s.back() == '0') s.pop_back();
  }
  return m.unit.empty() ? s : s + "\u00a0" + m.unit;
}

std::string kinds_text(const std::vector<std::string>& kinds) {
  std::vector<std::string> labels;
  for (const auto& k : kinds) {
    if (k == "care_service") labels.push_back("un service de soins");
    if (k == "admin_process") labels.push_back("un processus administratif");
    if (k == "technical_platform") labels.push_back("un plateau technique");
  }
  std::string out;
  for (std::size_t i = 0; i < labels.size(); ++i)
    out += (i == 0 ? "" : i + 1 == labels.size() ? " et " : ", ") + labels[i];
  return out;
}

std::string bia_reason(const PlanCoverage& p) {
  if (p.bia_based) return "";
  if (p.plan_ids.empty() && !p.without_it_outage.empty())
    return "aucun PCA, PRA ou PCRA validé ne couvre le scénario obligatoire « indisponibilité "
           "informatique » (" +
           plural(static_cast<std::int64_t>(p.without_it_outage.size()), "plan validé ne le couvre",
                  "plans validés ne le couvrent") +
           " pas)";
  if (p.plan_ids.empty())
    return "aucun PCA, PRA ou PCRA validé dont le périmètre repose sur un BIA validé (un PCRI ne "
           "compte pas)";
  return "BIA validé manquant, dans le périmètre des plans, pour " + kinds_text(p.missing_kinds);
}

std::string tested_reason(const PlanCoverage& p) {
  if (p.tested) return "";
  if (!p.bia_based) return "pas de plan fondé sur des BIA : " + bia_reason(p);
  if (!p.field_tested) return "aucun PCA ni PCRA testé en exercice";
  return plural(static_cast<std::int64_t>(p.untested_unplanned.size()), "plan", "plans") +
         " sans test tenu ni prévu";
}

std::string state_text(const Share& s, const GroupCoverage& g) {
  const std::string threshold = percent_text(g.threshold_percent);
  switch (s.state) {
    case ShareState::met:
    case ShareState::not_met: {
      std::string t = std::string(s.state == ShareState::met ? "Atteint" : "Non atteint") + " : " +
                      percent_text(s.percent) + " de l'activité cumulée (seuil : " + threshold +
                      ").";
      // Settled although weights are missing (ght_coverage.hpp): say why it holds.
      if (!g.without_weight.empty()) {
        const auto n = static_cast<std::int64_t>(g.without_weight.size());
        const bool met = s.state == ShareState::met;
        t += " " + plural(n, "établissement", "établissements") +
             " sans poids d'activité déclaré, " +
             (n == 1 ? (met ? "couvert : son poids ne peut qu'augmenter cette part."
                            : "non couvert : son poids ne peut que baisser cette part.")
                     : (met ? "tous couverts : leur poids ne peut qu'augmenter cette part."
                            : "aucun couvert : leur poids ne peut que baisser cette part."));
      }
      return t;
    }
    case ShareState::incomplete:
      if (g.outside_scope > 0)
        return "Indéterminé : " +
               plural(g.outside_scope, "établissement du groupe est",
                      "établissements du groupe sont") +
               " hors de votre périmètre ; seul qui les voit tous peut établir la part de "
               "l'activité cumulée.";
      return "Indéterminé : " +
             plural(static_cast<std::int64_t>(g.without_weight.size()), "établissement",
                    "établissements") +
             " sans poids d'activité déclaré. Sur les établissements pesés : " +
             percent_text(s.percent) + " (seuil : " + threshold + ").";
    case ShareState::no_activity:
      return "Indéterminé : aucun poids d'activité supérieur à zéro n'est déclaré.";
  }
  return "";
}

json group_json(const GroupView& v) {
  const auto& m = weight_measure();
  json items = json::array();
  for (std::size_t i = 0; i < v.members.size(); ++i) {
    const auto& mb = v.members[i];
    items.push_back({{"finess_et", mb.finess},
                     {"name", mb.name},
                     {"weight", mb.weight ? json(*mb.weight) : json(nullptr)},
                     {"bia_plans", mb.plans.bia_based},
                     {"tested_plans", mb.plans.tested},
                     {"counting_plans", mb.plans.plan_ids},
                     {"missing_activity_kinds", mb.plans.missing_kinds},
                     {"plans_without_it_outage", mb.plans.without_it_outage},
                     {"field_tested", mb.plans.field_tested},
                     {"untested_unplanned_plans", mb.plans.untested_unplanned}});
  }
  json out = {{"measure", {{"id", m.id}, {"label", m.label}, {"unit", m.unit}}},
              {"threshold_percent", v.coverage.threshold_percent},
              {"bia_plans", share_json(v.coverage.bia_plans)},
              {"tested_plans", share_json(v.coverage.tested_plans)},
              {"without_weight", v.coverage.without_weight},
              {"outside_scope", v.coverage.outside_scope},
              {"establishments", items}};
  if (v.group.ght)
    out["ght"] = {
        {"id", v.group.ght->id}, {"code", v.group.ght->code}, {"name", v.group.ght->name}};
  else
    out["legal_entity"] = {{"finess_ej", v.group.finess_ej}};
  return out;
}

Response group_page(const GroupView& v, Request& req, int status, const std::string& error_finess,
                    const std::vector<carepilot::FieldError>& errors, const std::string& typed) {
  const auto& m = weight_measure();
  TemplateDictionary d("ght_continuity");
  d.SetValue("GROUP_NAME", v.name());
  d.ShowSection(v.group.ght ? "IS_GHT" : "IS_LEGAL_ENTITY");
  if (v.coverage.outside_scope > 0) {
    auto* o = d.AddSectionDictionary("OUTSIDE_SCOPE");
    const bool one = v.coverage.outside_scope == 1;
    o->SetValue("OUTSIDE_TEXT",
                plural(v.coverage.outside_scope, "autre établissement", "autres établissements") +
                    (v.group.ght ? " du GHT" : " de l'entité juridique") +
                    (one ? ", hors de votre périmètre, n'est pas affiché"
                         : ", hors de votre périmètre, ne sont pas affichés") +
                    " : la part de l'activité cumulée n'est donc pas établie ici.");
  }
  d.SetValue("MEASURE", m.label + (m.unit.empty() ? "" : " (" + m.unit + ")"));
  d.SetValue("MEASURE_HINT", m.hint);
  d.SetValue("SOURCE", m.source);
  d.SetValue("THRESHOLD", percent_text(v.coverage.threshold_percent));
  d.SetValue("BIA_STATE", state_text(v.coverage.bia_plans, v.coverage));
  d.SetValue("TESTED_STATE", state_text(v.coverage.tested_plans, v.coverage));
  d.SetValue("BIA_STATE_CODE", share_state_code(v.coverage.bia_plans.state));
  d.SetValue("TESTED_STATE_CODE", share_state_code(v.coverage.tested_plans.state));
  if (v.members.empty()) d.ShowSection("NO_MEMBER");
  const bool can_edit = req.caller.can(Access::edit_registry);
  if (!v.coverage.without_weight.empty()) {
    auto* w = d.AddSectionDictionary("WITHOUT_WEIGHT");
    w->SetIntValue("WITHOUT_COUNT", static_cast<long>(v.coverage.without_weight.size()));
    // Both verdicts may be settled without the weights (ght_coverage.hpp): then only the exact
    // share waits for them.
    const bool settled = v.coverage.bia_plans.state != ShareState::incomplete &&
                         v.coverage.tested_plans.state != ShareState::incomplete;
    w->ShowSection(settled ? "SETTLED" : "UNSETTLED");
  }
  for (std::size_t i = 0; i < v.members.size(); ++i) {
    const auto& mb = v.members[i];
    const auto& e = v.establishments[i];
    auto* r = d.AddSectionDictionary("MEMBER");
    r->SetValue("M_FINESS", mb.finess);
    r->SetValue("M_NAME", mb.name);
    r->SetValue("M_URL", "/etablissements/" + mb.finess + "/continuite");
    if (mb.weight) {
      r->SetValue("M_WEIGHT", weight_text(*mb.weight));
    } else {
      r->ShowSection("M_NO_WEIGHT");
      if (auto it = v.weights.find(e.id); it != v.weights.end()) r->ShowSection("M_OTHER_MEASURE");
    }
    r->SetValue("M_BIA", mb.plans.bia_based ? "oui" : "non");
    r->SetValue("M_BIA_REASON", bia_reason(mb.plans));
    r->SetValue("M_TESTED", mb.plans.tested ? "oui" : "non");
    r->SetValue("M_TESTED_REASON", tested_reason(mb.plans));
    if (can_edit) {
      auto* f = r->AddSectionDictionary("M_FORM");
      f->SetValue("F_ACTION", "/etablissements/" + mb.finess + "/poids-activite");
      f->SetValue("F_ID", mb.finess);
      f->SetValue("F_GROUP", v.group.ght ? "ght" : "ej");
      std::string value;
      if (mb.weight) {
        const long long cents = std::llround(*mb.weight * 100);
        value = french_integer(cents / 100);
        if (cents % 100) value += "," + std::to_string(cents % 100);
      }
      if (mb.finess == error_finess) {
        value = typed;
        f->ShowSection("F_INVALID");
        for (const auto& err : errors) f->SetValue("F_ERROR", page_message(err));
      }
      f->SetValue("F_VALUE", value);
    }
  }
  if (can_edit) d.ShowSection("CAN_EDIT");
  std::string flash;
  if (req.q("enregistre") == "poids") flash = "Poids d'activité enregistré.";
  http::PageMeta meta{"Continuité d'activité — " + v.name(),
                      "etablissements",
                      {{"Accueil", "/"}, {v.name(), ""}},
                      flash,
                      {}};
  return Response::html(http::render_page("ght_continuity.tpl", d, meta), status);
}

// The weight from an API body: {"weight": number}; 422 otherwise.
double weight_from_json(const json& body) {
  if (!body.is_object() || !body.contains("weight") || !body["weight"].is_number())
    throw UserError::invalid(
        {{registry::kActivityWeightField, "registry.activity_weight_invalid",
          labelled("activity_weight") + "weight (nombre positif ou nul) attendu."}});
  const double w = body["weight"].get<double>();
  registry::check_activity_weight(w);
  return w;
}

}  // namespace

void add_ght_routes(http::RouteTable& routes, Context& ctx) {
  routes.get("/ght/:id/continuite", RouteKind::page, [&ctx](Request& req) {
    return group_page(load_ght(ctx, req.caller.scope, ght_id_param(req)), req, 200, "", {}, "");
  });
  routes.get("/api/v1/ghts/:id/continuity", RouteKind::api, [&ctx](Request& req) {
    return Response::json(
        http::dump(group_json(load_ght(ctx, req.caller.scope, ght_id_param(req)))));
  });
  routes.get("/entites-juridiques/:finess/continuite", RouteKind::page, [&ctx](Request& req) {
    return group_page(load_legal_entity(ctx, req.caller.scope, finess_ej_param(req)), req, 200, "",
                      {}, "");
  });
  routes.get("/api/v1/legal-entities/:finess/continuity", RouteKind::api, [&ctx](Request& req) {
    return Response::json(
        http::dump(group_json(load_legal_entity(ctx, req.caller.scope, finess_ej_param(req)))));
  });
  // Set on the GHT's or the legal entity's page (the form's « groupe »: ght or ej): a refusal
  // shows that page again with the value typed and the field named; done, back to that page (or
  // the establishment's continuity page outside any group).
  routes.post(
      "/etablissements/:finess/poids-activite", RouteKind::page,
      [&ctx](Request& req) {
        std::map<std::string, std::string> fields;
        for (auto& [k, v] : http::parse_urlencoded(req.body)) fields[k] = v;         // 400
        const auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));  // 404
        const std::string typed = fields["activity_weight"];
        const bool from_ej = fields["groupe"] == "ej" || !e.ght_id;
        auto group = [&] {
          return from_ej ? load_legal_entity(ctx, req.caller.scope, e.finess_ej)
                         : load_ght(ctx, req.caller.scope, *e.ght_id);
        };
        try {
          const double weight = registry::parse_activity_weight(typed);  // 422
          check_weight_bound(weight);                                    // 422
          registry::set_activity_weight(ctx.repo.database(), ctx.registry, req.caller.scope,
                                        e.finess_et, weight, weight_measure().id, req.actor());
        } catch (const UserError& err) {
          if (err.status() != 422) throw;
          return group_page(group(), req, 422, e.finess_et, err.fields(), typed);
        }
        return Response::redirect(group().group.url() + "?enregistre=poids");
      },
      64 * 1024, Access::edit_registry);
  routes.add({"PUT", "/api/v1/establishments/:finess/activity-weight", RouteKind::api,
              [&ctx](Request& req) {
                const auto body = http::parse_json_body(req);  // 415, 400
                const auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
                const double weight = weight_from_json(body);  // 422
                check_weight_bound(weight);                    // 422
                const auto w = registry::set_activity_weight(ctx.repo.database(), ctx.registry,
                                                             req.caller.scope, e.finess_et, weight,
                                                             weight_measure().id, req.actor());
                return Response::json(http::dump({{"finess_et", e.finess_et},
                                                  {"weight", w.weight},
                                                  {"measure", w.measure},
                                                  {"updated_at", w.updated_at}}));
              },
              ctx.max_json_bytes, false, Access::edit_registry, nullptr});
}

}  // namespace carepilot::continuity
