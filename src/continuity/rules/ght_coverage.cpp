#include "continuity/rules/ght_coverage.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string_view>

#include "common/errors.hpp"
#include "common/french.hpp"
#include "continuity/messages.hpp"

namespace carepilot::continuity {

namespace data_files {
const std::map<std::string_view, std::string_view>& embedded_files();
}  // namespace data_files

const WeightMeasure& weight_measure() {
  static const WeightMeasure m = [] {
    const auto& files = data_files::embedded_files();
    auto it = files.find("ght_coverage.yaml");
    if (it == files.end())
      throw std::runtime_error("data/continuity/ght_coverage.yaml absent du programme");
    const YAML::Node root = YAML::Load(std::string(it->second));
    WeightMeasure w;
    w.source = root["source"].as<std::string>("");
    const YAML::Node m = root["measure"];
    if (!m || !m.IsMap())
      throw std::runtime_error("data/continuity/ght_coverage.yaml : « measure » manquant");
    w.id = m["id"].as<std::string>("");
    w.label = m["label"].as<std::string>("");
    w.unit = m["unit"].as<std::string>("");
    w.hint = m["hint"].as<std::string>("");
    w.max = m["max"].as<double>(0);
    if (!(w.max > 0))
      throw std::runtime_error(
          "data/continuity/ght_coverage.yaml : « measure.max » (nombre positif) est obligatoire");
    if (w.id.empty() || w.label.empty() || w.source.empty())
      throw std::runtime_error(
          "data/continuity/ght_coverage.yaml : « measure.id », « measure.label » et « source » "
          "sont obligatoires");
    return w;
  }();
  return m;
}

void check_weight_bound(double weight) {
  const auto& m = weight_measure();
  if (weight > m.max)
    throw UserError::invalid(
        {{"activity_weight", "registry.activity_weight_too_large",
          labelled("activity_weight") + french_integer(static_cast<std::int64_t>(m.max)) +
              (m.unit.empty() ? "" : "\u00a0" + m.unit) + " au plus (" + m.label +
              ") ; vérifiez l'unité et le nombre de zéros."}});
}

namespace {

bool in_scope(const Plan& p, const Activity& a) {
  if (p.scope == "global") return true;
  return !a.service.empty() &&
         std::find(p.services.begin(), p.services.end(), a.service) != p.services.end();
}

}  // namespace

PlanCoverage plan_coverage(const Register& reg, const Date& today) {
  PlanCoverage out;
  std::map<std::string, bool> kinds{
      {"care_service", false}, {"admin_process", false}, {"technical_platform", false}};
  for (const auto& p : reg.plans) {
    if (p.kind != "pca" && p.kind != "pra" && p.kind != "pcra") continue;  // FAQ D2.01.C
    if (p.validated_on > today) continue;
    if (!p.covers_it_outage) {  // the mandatory scenario of DNS/2025/12 action 4
      out.without_it_outage.push_back(p.id);
      continue;
    }
    bool rests_on_bia = false;
    for (const auto& a : reg.activities) {
      if (!in_scope(p, a) || !reg.counting_bia(a.id)) continue;
      rests_on_bia = true;
      if (auto k = kinds.find(a.kind); k != kinds.end()) k->second = true;
    }
    if (rests_on_bia) out.plan_ids.push_back(p.id);
  }
  for (const char* k : {"care_service", "admin_process", "technical_platform"})
    if (!kinds[k]) out.missing_kinds.push_back(k);
  out.bia_based = !out.plan_ids.empty() && out.missing_kinds.empty();
  for (auto id : out.plan_ids) {
    const Plan* p = reg.plan(id);
    bool held = false, planned = false;
    for (const auto& t : reg.tests) {
      if (t.plan_id != id) continue;
      if (t.held_on && *t.held_on <= today) held = true;
      if (!t.held_on && t.planned_on) planned = true;
    }
    if (held && p && (p->kind == "pca" || p->kind == "pcra")) out.field_tested = true;
    if (!held && !planned) out.untested_unplanned.push_back(id);
  }
  out.tested = out.bia_based && out.field_tested && out.untested_unplanned.empty();
  return out;
}

const char* share_state_code(ShareState s) {
  switch (s) {
    case ShareState::met:
      return "met";
    case ShareState::not_met:
      return "not_met";
    case ShareState::incomplete:
      return "incomplete";
    case ShareState::no_activity:
      return "no_activity";
  }
  return "no_activity";
}

GroupCoverage group_coverage(const std::vector<Member>& members, double threshold_percent,
                             long outside_scope) {
  GroupCoverage g;
  g.threshold_percent = threshold_percent;
  g.outside_scope = std::max(0L, outside_scope);
  for (const auto& m : members) {
    if (!m.weight) {
      g.without_weight.push_back(m.finess);
      continue;
    }
    const double w = *m.weight;
    if (!std::isfinite(w) || w < 0)
      throw std::invalid_argument("poids d'activité invalide pour " + m.finess);
    g.bia_plans.total_weight += w;
    g.tested_plans.total_weight += w;
    if (m.plans.bia_based) g.bia_plans.covered_weight += w;
    if (m.plans.tested) g.tested_plans.covered_weight += w;
  }
  for (Share* s : {&g.bia_plans, &g.tested_plans}) {
    if (s->total_weight > 0) s->percent = 100.0 * s->covered_weight / s->total_weight;
    const bool reached = s->total_weight > 0 && s->percent >= threshold_percent - 1e-9;
    // The establishments without weight, covered or not for this share.
    bool all_covered = true, none_covered = true;
    for (const auto& m : members) {
      if (m.weight) continue;
      const bool covered = s == &g.bia_plans ? m.plans.bia_based : m.plans.tested;
      (covered ? none_covered : all_covered) = false;
    }
    if (g.outside_scope > 0) {
      s->state = ShareState::incomplete;  // nothing known of those
    } else if (!g.without_weight.empty()) {
      // A missing weight settles nothing, unless whatever it is cannot change the verdict:
      // uncovered ones can only lower a share already below, covered ones only raise a share
      // already reached.
      if (none_covered && !reached)
        s->state = ShareState::not_met;
      else if (all_covered && reached)
        s->state = ShareState::met;
      else
        s->state = ShareState::incomplete;
    } else if (s->total_weight <= 0) {
      s->state = ShareState::no_activity;
    } else {
      s->state = reached ? ShareState::met : ShareState::not_met;
    }
  }
  return g;
}

}  // namespace carepilot::continuity
