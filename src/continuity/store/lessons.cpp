#include "continuity/store/lessons.hpp"

#include <chrono>
#include <cmath>

#include "common/export.hpp"
#include "common/french.hpp"
#include "continuity/messages.hpp"
#include "continuity/report/wording.hpp"

namespace carepilot::continuity {

namespace {

// A PAQ action's due date: three months after the send, the time to correct what a test showed
// before the next one.
Date due_after(const Date& today) {
  return Date{std::chrono::sys_days(today) + std::chrono::days(91)};
}

std::string clip(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  s.resize(max);
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  if (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80)) s.pop_back();
  return s;
}

// Durations as the page writes them (report/wording.hpp): « 6 heures », « 45 minutes ».
std::string hours_text(double h) {
  return duration_text(h);
}

}  // namespace

std::string plan_test_ref(const PlanTest& t) {
  return "continuity_test:" + std::to_string(t.id) + ":" + format_date(*t.held_on);
}
std::string restore_test_ref(const RestoreTest& t) {
  return "restore_test:" + std::to_string(t.id) + ":" + format_date(t.held_on);
}

paq::Action Lessons::send_plan_test(const Scope& scope, const std::string& finess,
                                    std::int64_t test_id, const Date& today, const Actor& actor,
                                    bool* created) {
  auto est = registry_.visible(scope, finess);
  auto reg = repo_.load(scope, finess);
  const PlanTest* t = reg.test(test_id);
  if (!t) throw UserError::not_found("Test introuvable.");
  if (!t->held_on)
    throw UserError::invalid(
        {{"test", "continuity.test_not_held",
          labelled("test") + "un test prévu n'a pas encore de leçon à reporter au PAQ."}});
  if (t->failures.empty())
    throw UserError::invalid(
        {{"test", "continuity.test_without_failures",
          labelled("test") +
              "aucune défaillance n'est constatée pour ce test ; rien à reporter au PAQ."}});
  const Plan* p = reg.plan(t->plan_id);
  const std::string plan = p ? p->title : "—";
  const std::string day = exports::french_date(*t->held_on);
  paq::ActionInput in;
  in.title = clip("Continuité : leçons du test du " + day + " du plan « " + plan + " »", 300);
  std::string d = "Défaillances constatées lors du test du " + day + " du plan « " + plan + " »";
  if (!t->scenario.empty()) d += " (scénario : " + t->scenario + ")";
  d += " :\n" + t->failures;
  if (t->observed_hours)
    d += "\nInterruption observée : " + plural(*t->observed_hours, "heure", "heures") + ".";
  in.description = clip(d, 4000);
  in.source = paq::Source::continuity;
  in.source_ref = plan_test_ref(*t);
  in.owner = p && !p->validated_by.empty() ? clip(p->validated_by, 200) : "RSSI";
  in.due = due_after(today);
  in.priority = paq::Priority::high;
  in.cyber = true;
  return paq_.create_once(est, in, today, actor, created);
}

paq::Action Lessons::send_restore_test(const Scope& scope, const std::string& finess,
                                       std::int64_t test_id, const Date& today, const Actor& actor,
                                       bool* created) {
  auto est = registry_.visible(scope, finess);
  auto reg = repo_.load(scope, finess);
  const RestoreTest* t = reg.restore(test_id);
  if (!t) throw UserError::not_found("Test de restauration introuvable.");
  auto req_map = Repository::requirements(reg);
  auto it = req_map.find(t->resource_id);
  const Requirement required = it == req_map.end() ? Requirement{} : it->second;
  const Measured m{t->restore_minutes / 60.0, t->data_loss_minutes / 60.0};
  const auto g = gap(required, m);
  if (g != GapKind::rto_exceeded && g != GapKind::rpo_exceeded && g != GapKind::both_exceeded)
    throw UserError::invalid(
        {{"restore_test", "continuity.restore_within_requirement",
          labelled("restore_test") +
              "ce test de restauration respecte les exigences de reprise de sa "
              "ressource ; rien à reporter au PAQ."}});
  const Resource* r = reg.resource(t->resource_id);
  const std::string name = r ? r->name : "—";
  const std::string day = exports::french_date(t->held_on);
  paq::ActionInput in;
  in.title = clip(
      "Continuité : restauration de « " + name + " » hors exigences (test du " + day + ")", 300);
  std::string d = "Test de restauration du " + day + " de « " + name + " » : reprise en " +
                  hours_text(m.restore_hours) + ", " + hours_text(m.data_loss_hours) +
                  " de données perdues.";
  if (auto x = rto_excess(required, m); x && *x > 0)
    d += "\nReprise exigée (RTO) : " + plural(*required.rto_hours, "heure", "heures") + " ; " +
         hours_text(*x) + " de plus que requis.";
  if (auto x = rpo_excess(required, m); x && *x > 0)
    d += "\nPerte de données admissible (RPO) : " + plural(*required.rpo_hours, "heure", "heures") +
         " ; " + hours_text(*x) + " de plus qu'admis.";
  if (!t->notes.empty()) d += "\nObservations : " + t->notes;
  in.description = clip(d, 4000);
  in.source = paq::Source::continuity;
  in.source_ref = restore_test_ref(*t);
  in.owner = t->checked_by.empty() ? "RSSI" : clip(t->checked_by, 200);
  in.due = due_after(today);
  in.priority = paq::Priority::high;
  in.cyber = true;
  return paq_.create_once(est, in, today, actor, created);
}

std::map<std::string, std::int64_t> Lessons::sent(const Scope& scope, const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  std::map<std::string, std::int64_t> out;
  auto s = db_.lease();
  for (const char* prefix : {"continuity_test:", "restore_test:"})
    for (const auto& a : paq_.by_source_ref(*s, est.id, prefix)) out[a.source_ref] = a.id;
  return out;
}

}  // namespace carepilot::continuity
