#include "continuity/report/wording.hpp"

#include <algorithm>
#include <cmath>

#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/text.hpp"
#include "continuity/rules/test_durations.hpp"
#include "continuity/store/repository.hpp"
#include "registry/catalog.hpp"

namespace carepilot::continuity {

// Every duration of the module in one unit scheme (issue 15 trial: « 4 heures » beside « 6 h »
// and « 45 min »): whole months of 30 days, weeks, days, else hours, then minutes.
std::string hours_text(const std::optional<int>& h) {
  if (!h) return "au-delà d'un mois";
  if (*h > 0 && *h % 720 == 0) return french_integer(*h / 720) + " mois";
  if (*h > 0 && *h % 168 == 0) return plural(*h / 168, "semaine", "semaines");
  if (*h > 0 && *h % 24 == 0) return plural(*h / 24, "jour", "jours");
  return plural(*h, "heure", "heures");
}

std::string duration_text(double hours_value) {
  const long m = std::lround(hours_value * 60);
  if (m % 60 == 0) return hours_text(static_cast<int>(m / 60));
  if (m < 60) return plural(m, "minute", "minutes");
  return plural(m / 60, "heure", "heures") + " " + plural(m % 60, "minute", "minutes");
}

std::string share_text(int hundredths) {
  std::string s = std::to_string(hundredths / 100);
  if (hundredths % 100) {
    int c = hundredths % 100;
    s += "," + std::string(c < 10 ? "0" : "") + std::to_string(c);
    while (s.back() == '0') s.pop_back();
  }
  return s + "\u00a0%";
}

std::string gap_text(const Requirement& rq, const std::optional<Measured>& m) {
  switch (gap(rq, m)) {
    case GapKind::no_requirement:
      return m ? "pas d'exigence à comparer" : "—";
    case GapKind::untested:
      return "inconnu : aucun test de restauration";
    case GapKind::ok:
      return "aucun : mesure dans les exigences";
    default:
      break;
  }
  std::string out;
  if (auto x = rto_excess(rq, m); x && *x > 0)
    out = "écart : " + duration_text(*x) + " de plus que requis pour la reprise";
  if (auto x = rpo_excess(rq, m); x && *x > 0)
    out += (out.empty() ? "" : " ; ") + std::string("écart : ") + duration_text(*x) +
           " de données perdues de plus qu'admis";
  return out;
}

bool gap_exceeded(const Requirement& rq, const std::optional<Measured>& m) {
  const auto g = gap(rq, m);
  return g == GapKind::rto_exceeded || g == GapKind::rpo_exceeded || g == GapKind::both_exceeded;
}

std::string service_label(const std::string& code) {
  const auto* s = registry::Catalog::builtin().service(code);
  return s ? s->label : code_label(code);
}

namespace {
// (code, label) of a list of codes, the labels from data/labels/labels.yaml.
std::vector<std::pair<std::string, std::string>> labelled(const std::vector<std::string>& codes) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& c : codes) out.emplace_back(c, choice_label(c));
  return out;
}
}  // namespace

const std::vector<std::pair<std::string, std::string>>& activity_kind_options() {
  static const auto o = labelled(activity_kinds());
  return o;
}

const std::vector<std::pair<std::string, std::string>>& resource_kind_options() {
  static const auto o = labelled(resource_kinds());
  return o;
}

std::string kind_label(const std::vector<std::pair<std::string, std::string>>& list,
                       const std::string& code) {
  for (const auto& [c, l] : list)
    if (c == code) return l;
  return code_label(code);
}

std::string plan_scope_text(const Plan& p) {
  if (p.scope == "global") return "Global (tout l'établissement)";
  std::string s;
  for (const auto& sv : p.services) s += (s.empty() ? "" : ", ") + service_label(sv);
  return s;
}

std::pair<std::string, std::string> rto_rpo_text(const Register& reg,
                                                 const std::map<long long, Requirement>& required,
                                                 std::int64_t resource_id) {
  bool validated = false;
  for (const auto& a : reg.activities)
    if (reg.counting_bia(a.id) && std::find(a.resource_ids.begin(), a.resource_ids.end(),
                                            resource_id) != a.resource_ids.end())
      validated = true;
  if (!validated) return {"aucune exigence (pas de BIA validé d'une activité qui l'utilise)", "—"};
  auto it = required.find(resource_id);
  const Requirement rq = it == required.end() ? Requirement{} : it->second;
  return {hours_text(rq.rto_hours), hours_text(rq.rpo_hours)};
}

std::string restore_text(const RestoreTest* t) {
  if (!t) return "aucun";
  return "le " + exports::french_date(t->held_on) + " : reprise en " +
         duration_text(t->restore_minutes / 60.0) + ", " +
         (t->data_loss_minutes ? duration_text(t->data_loss_minutes / 60.0) + " de données perdues"
                               : std::string("aucune donnée perdue")) +
         " ; fonctions vérifiées par " + t->checked_by;
}

std::vector<std::string> test_service_lines(const Register& reg, const PlanTest& t) {
  std::vector<std::string> out;
  for (const auto& d : service_durations(reg, t)) {
    const Activity* a = reg.activity(d.activity_id);
    std::string line = (a ? a->name : std::string("—")) + " : ";
    if (!d.observed_minutes)
      line += "durée non relevée";
    else
      line += "interruption de " + duration_text(*d.observed_minutes / 60.0);
    if (!d.has_bia)
      line += " (pas de BIA validé : aucune DMIA à comparer)";
    else
      line +=
          ", DMIA " + (d.dmia_hours ? "de " + hours_text(d.dmia_hours) : hours_text(d.dmia_hours));
    if (d.exceeded) line += " — dépassée de " + duration_text(d.excess_minutes / 60.0);
    out.push_back(line);
  }
  return out;
}

bool test_dmia_exceeded(const Register& reg, const PlanTest& t) {
  for (const auto& d : service_durations(reg, t))
    if (d.exceeded) return true;
  return false;
}

bool lacks_it_outage(const Plan& p) {
  return !p.covers_it_outage && (p.kind == "pca" || p.kind == "pra" || p.kind == "pcra");
}

std::string scenarios_text(const Plan& p) {
  std::string out;
  std::size_t start = 0;
  while (start <= p.scenarios.size()) {
    auto end = p.scenarios.find('\n', start);
    if (end == std::string::npos) end = p.scenarios.size();
    const auto line = trim(p.scenarios.substr(start, end - start));
    if (!line.empty()) out += (out.empty() ? "" : ", ") + line;
    start = end + 1;
  }
  return out;
}

std::string it_outage_text(const Plan& p) {
  if (p.covers_it_outage) return "oui";
  if (!lacks_it_outage(p)) return "non";
  return "non : sans ce scénario obligatoire, le plan ne compte ni pour le PCA/PRA exigé, ni dans "
         "la part de l'activité couverte du groupe";
}

std::optional<Date> next_planned_test(const Register& reg, std::int64_t plan_id) {
  std::optional<Date> next;
  for (const auto& t : reg.tests)
    if (t.plan_id == plan_id && !t.held_on && t.planned_on && (!next || *t.planned_on < *next))
      next = t.planned_on;
  return next;
}

}  // namespace carepilot::continuity
