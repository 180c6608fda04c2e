#include "continuity/report/continuity_pdf.hpp"

#include <map>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/pdf.hpp"
#include "common/text.hpp"
#include "continuity/report/wording.hpp"
#include "continuity/rules/test_plan.hpp"
#include "continuity/store/repository.hpp"
#include "registry/catalog.hpp"

namespace carepilot::continuity {

namespace {

using pdf::Cell;

constexpr const char* kText = "Sans 10";

std::string day(const Date& d) {
  return french_date_text(format_date(d));
}

// Room a heading keeps under it when a table follows (its header and first rows).
constexpr double kBeforeTable = 110;

std::string or_dash(const std::string& s) {
  return trim(s).empty() ? "—" : s;
}

void summary(pdf::Writer& w, const registry::Establishment& e, const Register& reg,
             const Scale& scale, const Date& today) {
  w.heading("Synthèse");
  const auto missing = Repository::services_without_bia(reg, e.services);
  if (e.services.empty()) {
    w.block(
        "Aucun service n'est déclaré pour cet établissement dans le registre : aucun BIA "
        "n'est attendu tant qu'ils ne le sont pas.",
        kText);
  } else {
    const auto covered = static_cast<std::int64_t>(e.services.size() - missing.size());
    w.block("Services couverts par un BIA validé : " + french_integer(covered) + " sur " +
                plural(static_cast<std::int64_t>(e.services.size()), "service", "services") + ".",
            kText);
    for (const auto& s : missing) {
      const auto* svc = registry::Catalog::builtin().service(s);
      const auto& due = scale.deadline(svc ? svc->klass : std::string());
      w.block("• " + service_label(s) + " : BIA " +
                  (due.date < today ? "en retard depuis le " : "attendu au ") + day(due.date) +
                  (due.label.empty() ? "" : " (" + due.label + ")"),
              kText, 2, 10);
    }
  }
  int share = 0;
  for (const auto& a : reg.activities) share += a.share_hundredths;
  if (reg.activities.empty())
    w.block("Aucune activité recensée.", kText);
  else
    w.block(plural(static_cast<std::int64_t>(reg.activities.size()), "activité recensée",
                   "activités recensées") +
                ", représentant " + share_text(share) + " de l'activité de l'établissement.",
            kText);
  std::map<std::string, int> kinds;
  for (const auto& p : reg.plans) ++kinds[p.kind];
  if (reg.plans.empty()) {
    w.block("Aucun plan de continuité (PCA, PRA, PCRA ou PCRI) enregistré.", kText);
  } else {
    std::string list;
    for (const char* k : {"pca", "pra", "pcra", "pcri"})
      if (kinds[k])
        list += (list.empty() ? "" : ", ") + french_integer(kinds[k]) + " " + code_label(k);
    w.block("Plans enregistrés : " + list + ". Un PCRI ne tient pas lieu de PCRA (FAQ D2.O1.C).",
            kText);
    const auto untested = untested_plans(reg, today);
    if (untested.empty())
      w.block("Chaque plan a été testé depuis sa validation.", kText);
    else
      w.block("Plans non testés depuis leur validation : " +
                  french_integer(static_cast<std::int64_t>(untested.size())) +
                  " (voir le plan de tests ci-dessous).",
              kText);
  }
  const auto required = Repository::requirements(reg);
  int exceeded = 0, untested_resources = 0;
  for (const auto& r : reg.resources) {
    auto it = required.find(r.id);
    const Requirement rq = it == required.end() ? Requirement{} : it->second;
    const auto m = Repository::measured(reg, r.id);
    if (gap_exceeded(rq, m)) ++exceeded;
    if (gap(rq, m) == GapKind::untested) ++untested_resources;
  }
  if (!reg.resources.empty()) {
    w.block("Ressources informatiques enregistrées : " +
                french_integer(static_cast<std::int64_t>(reg.resources.size())) + ".",
            kText);
    w.block(
        "Ressources dont le dernier test de restauration dépasse l'exigence de reprise "
        "(RTO ou RPO) : " +
            french_integer(exceeded) + ".",
        kText, 2);
    w.block("Ressources soumises à une exigence mais jamais testées en restauration : " +
                french_integer(untested_resources) + ".",
            kText, 2);
  }
}

void scale_table(pdf::Writer& w, const Scale& scale) {
  w.heading("Échelle d'impact", kBeforeTable);
  w.block("Chaque impact est coté de " + std::to_string(scale.min_level()) + " à " +
              std::to_string(scale.max_level()) + " pour chaque durée d'interruption ; il est " +
              "inacceptable à partir du niveau " + std::to_string(scale.unacceptable_from) +
              ". La DMIA (durée maximale d'interruption admissible) et la PDMA (perte de données "
              "maximale admissible) se lisent à la première durée où un impact devient "
              "inacceptable. Source : " +
              scale.source,
          kText);
  std::vector<std::string> head{"Catégorie"};
  std::vector<double> widths{2};
  for (const auto& l : scale.levels) {
    head.push_back(std::to_string(l.level) + " — " + l.label);
    widths.push_back(3);
  }
  std::vector<std::vector<Cell>> rows;
  for (const auto& c : scale.categories) {
    std::vector<Cell> row{Cell(c.label)};
    for (std::size_t i = 0; i < c.definitions.size(); ++i) row.emplace_back(c.definitions[i]);
    rows.push_back(std::move(row));
  }
  w.table(head, rows, widths, "Sans 7");
}

std::string tolerance_text(const char* what, const std::optional<int>& value,
                           const std::optional<int>& derived, const std::optional<Override>& o) {
  std::string s = std::string(what) + " : " + hours_text(value);
  if (o)
    s += " (fixée à la main ; déduite de la matrice : " + hours_text(derived) +
         ". Justification : " + o->justification + ")";
  return s;
}

void activity_section(pdf::Writer& w, const Register& reg, const Scale& scale, const Activity& a) {
  w.heading("Activité : " + a.name, kBeforeTable);
  w.block("Nature : " + kind_label(activity_kind_options(), a.kind) +
              (a.service.empty() ? "" : " — service : " + service_label(a.service)) +
              " — pilote : " + or_dash(a.owner) +
              " — part de l'activité : " + share_text(a.share_hundredths),
          kText);
  std::string resources;
  for (auto id : a.resource_ids)
    if (const Resource* r = reg.resource(id))
      resources += (resources.empty() ? "" : ", ") + r->name;
  w.block("Ressources informatiques utilisées : " + (resources.empty() ? "aucune" : resources),
          kText);
  const Bia* b = reg.counting_bia(a.id);
  const Bia* latest = reg.latest_bia(a.id);
  if (!b) {
    w.block(
        "Aucun BIA validé : cette activité ne compte pas encore" +
            std::string(latest ? " (version " + std::to_string(latest->version) + " en brouillon)"
                               : "") +
            ".",
        "Sans Bold 10");
    return;
  }
  w.block("BIA version " + std::to_string(b->version) + ", validé le " + day(*b->validated_on) +
              " par " + b->validated_by +
              (latest && latest != b && !latest->validated()
                   ? " (une version " + std::to_string(latest->version) + " est en brouillon)"
                   : ""),
          kText);
  std::vector<std::string> head{"Catégorie"};
  std::vector<double> widths{3};
  for (const auto& h : scale.horizons) {
    head.push_back(h.label);
    widths.push_back(2);
  }
  std::map<int, std::string> level_label;
  for (const auto& l : scale.levels) level_label[l.level] = l.label;
  std::vector<std::vector<Cell>> rows;
  for (const auto& c : scale.categories) {
    std::vector<Cell> row{Cell(c.label)};
    auto cat = b->impacts.levels.find(c.id);
    for (const auto& h : scale.horizons) {
      if (cat == b->impacts.levels.end() || !cat->second.count(h.id)) {
        row.emplace_back("—");
        continue;
      }
      const int level = cat->second.at(h.id);
      row.emplace_back(std::to_string(level) + " — " + level_label[level],
                       level >= scale.unacceptable_from);
    }
    rows.push_back(std::move(row));
  }
  w.table(head, rows, widths);
  w.block(tolerance_text("DMIA", b->dmia(), b->dmia_hours, b->dmia_override), kText, 6);
  w.block(tolerance_text("PDMA", b->pdma(), b->pdma_hours, b->pdma_override), kText);
  w.block("Mode dégradé : " + or_dash(b->degraded_mode) +
              (b->autonomy_hours ? " — autonomie : " + hours_text(b->autonomy_hours) : ""),
          kText);
}

void resources_table(pdf::Writer& w, const Register& reg) {
  w.heading("Exigences de reprise des ressources informatiques (RTO et RPO)", kBeforeTable);
  if (reg.resources.empty()) {
    w.block("Aucune ressource informatique enregistrée.", kText);
    return;
  }
  w.block(
      "L'exigence d'une ressource est la plus stricte des activités qui en dépendent (BIA "
      "validés) ; elle est confrontée à son dernier test de restauration.",
      kText);
  const auto required = Repository::requirements(reg);
  std::vector<std::vector<Cell>> rows;
  for (const auto& r : reg.resources) {
    auto it = required.find(r.id);
    const Requirement rq = it == required.end() ? Requirement{} : it->second;
    const auto m = Repository::measured(reg, r.id);
    const auto [rto, rpo] = rto_rpo_text(reg, required, r.id);
    rows.push_back({Cell(r.name), Cell(kind_label(resource_kind_options(), r.kind)), Cell(rto),
                    Cell(rpo), Cell(restore_text(reg.last_restore(r.id))),
                    Cell(gap_text(rq, m), gap_exceeded(rq, m))});
  }
  w.table(
      {"Ressource", "Nature", "RTO exigée", "RPO exigée", "Dernier test de restauration", "Écart"},
      rows, {3, 2.4, 1.7, 1.7, 4, 3}, "Sans 7");
}

void plans_and_tests(pdf::Writer& w, const Register& reg, const Date& today) {
  w.heading("Plans de continuité et de reprise", kBeforeTable);
  if (reg.plans.empty()) {
    w.block("Aucun plan enregistré.", kText);
  } else {
    std::vector<std::vector<Cell>> rows;
    for (const auto& p : reg.plans) {
      const PlanTest* last = reg.last_test(p.id);
      const auto next = next_planned_test(reg, p.id);
      rows.push_back(
          {Cell(p.title + (trim(p.version).empty() ? "" : " (version " + p.version + ")") +
                (scenarios_text(p).empty() ? "" : " ; scénarios : " + scenarios_text(p))),
           Cell(code_label(p.kind)), Cell(plan_scope_text(p)),
           Cell("le " + day(p.validated_on) + " par " + p.validated_by +
                (p.review_on ? " ; révision le " + day(*p.review_on) : "")),
           Cell(it_outage_text(p), !p.covers_it_outage),
           Cell(last ? day(*last->held_on) : "jamais testé"),
           Cell(next ? day(*next) : "aucun prévu")});
    }
    w.table({"Plan", "Type", "Périmètre", "Validation", "Panne du SI couverte", "Dernier test",
             "Prochain test"},
            rows, {110, 36, 70, 96, 50, 58, 58}, "Sans 7");
  }
  const auto untested = untested_plans(reg, today);
  if (!untested.empty()) {
    w.heading("Plan de tests : plans non testés depuis leur validation", kBeforeTable);
    std::vector<std::vector<Cell>> rows;
    for (const auto& u : untested)
      rows.push_back({Cell(u.plan->title), Cell(code_label(u.plan->kind)),
                      Cell(day(u.plan->validated_on)),
                      Cell(u.planned_on ? day(*u.planned_on) + (u.late ? " (en retard)" : "")
                                        : "aucune date prévue",
                           u.late || !u.planned_on)});
    w.table({"Plan", "Type", "Validé le", "Test prévu le"}, rows, {4, 1.5, 2, 2.5});
  }
  w.heading("Tests de continuité tenus", kBeforeTable);
  std::vector<std::vector<Cell>> held;
  for (const auto& t : reg.tests) {
    if (!t.held_on) continue;
    const Plan* p = reg.plan(t.plan_id);
    std::string services;
    for (const auto& line : test_service_lines(reg, t))
      services += (services.empty() ? "" : " ; ") + line;
    held.push_back({Cell(p ? p->title : "—"), Cell(day(*t.held_on)), Cell(or_dash(t.scenario)),
                    Cell(t.observed_hours ? hours_text(t.observed_hours) : "—"),
                    Cell(or_dash(services), test_dmia_exceeded(reg, t)),
                    Cell(or_dash(t.failures))});
  }
  if (held.empty())
    w.block("Aucun test tenu.", kText);
  else
    w.table({"Plan", "Date", "Scénario", "Durée observée", "Services impliqués et DMIA",
             "Ce qui a échoué"},
            held, {3, 2, 3, 2, 4, 4}, "Sans 7");
  w.heading("Tests de restauration", kBeforeTable);
  std::vector<std::vector<Cell>> restores;
  for (const auto& t : reg.restores) {
    const Resource* r = reg.resource(t.resource_id);
    restores.push_back({Cell(r ? r->name : "—"), Cell(day(t.held_on)),
                        Cell(duration_text(t.restore_minutes / 60.0)),
                        Cell(t.data_loss_minutes ? duration_text(t.data_loss_minutes / 60.0)
                                                 : std::string("aucune")),
                        Cell(or_dash(t.checked_by))});
  }
  if (restores.empty())
    w.block("Aucun test de restauration.", kText);
  else
    w.table(
        {"Ressource", "Date", "Durée de la reprise", "Données perdues", "Fonctions vérifiées par"},
        restores, {3, 2, 2, 2, 3}, "Sans 7");
}

}  // namespace

std::string continuity_pdf(const registry::Establishment& e, const Register& reg,
                           const Scale& scale, const Date& today) {
  return pdf::render(
      "Continuité d'activité — " + e.name, "Continuité d'activité — FINESS " + e.finess_et,
      [&](pdf::Writer& w) {
        w.block("Continuité d'activité : bilans d'impact (BIA) et synthèse", "Sans Bold 16", 0);
        w.block(e.name + " — FINESS " + e.finess_et, "Sans 11", 6);
        w.block(
            "Édité le " + day(today) +
                ". Seuls comptent les BIA validés (leur dernière "
                "version validée) et les plans validés ; les éléments retirés n'y figurent pas.",
            "Sans 9", 4);
        summary(w, e, reg, scale, today);
        scale_table(w, scale);
        w.heading("Bilans d'impact sur l'activité (BIA)");
        if (reg.activities.empty()) w.block("Aucune activité recensée.", kText);
        for (const auto& a : reg.activities) activity_section(w, reg, scale, a);
        resources_table(w, reg);
        plans_and_tests(w, reg, today);
      });
}

}  // namespace carepilot::continuity
