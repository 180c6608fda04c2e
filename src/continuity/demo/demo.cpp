#include "continuity/demo/demo.hpp"

#include <algorithm>
#include <cmath>

#include "continuity/report/wording.hpp"
#include "registry/catalog.hpp"

namespace carepilot::continuity {

namespace {

// Every interruption category climbs to unacceptable at horizon index `at` (0: 4 h), the
// data-loss category at index `data_at`; the levels never decrease along the horizons.
ImpactMatrix demo_matrix(const Scale& scale, std::size_t at, std::size_t data_at) {
  ImpactMatrix m;
  const int bad = scale.unacceptable_from;
  for (const auto& c : scale.categories) {
    const std::size_t from = c.measure == Measure::data_loss ? data_at : at;
    for (std::size_t i = 0; i < scale.horizons.size(); ++i) {
      int level = i < from ? std::max(scale.min_level(), bad - 2 + (i + 1 == from ? 1 : 0))
                           : std::min(scale.max_level(), bad + (i > from ? 1 : 0));
      // Image and finance suffer less than the patients: one level under, never unacceptable
      // before the others.
      if ((c.id == "image" || c.id == "financial") && level > scale.min_level()) --level;
      m.levels[c.id][scale.horizons[i].id] = level;
    }
  }
  return m;
}

bool critical(const std::string& service) {
  const auto* s = registry::Catalog::builtin().service(service);
  return s && (s->klass == "critique" || s->klass == "medico_technique");
}

}  // namespace

int seed_demo(Repository& repo, registry::Repository& registry, const Date& today) {
  const Actor demo{"demo", "", ""};
  const Scope all = Scope::nation();
  registry::EstablishmentFilter f;
  f.per_page = 200;
  auto page = registry.list(all, f);
  int index = 0, seeded = 0;
  auto due = [&](const char* date) { return *parse_date(date) <= today; };
  for (const auto& item : page.items) {
    if (!item.is_demo) continue;
    const int situation = index++ % 5;  // the evidence demo's profiles
    if (situation == 4) continue;
    auto e = registry.find(all, item.finess_et);
    if (!e) continue;
    auto reg = repo.load(all, e->finess_et);
    if (!reg.resources.empty() || !reg.activities.empty()) continue;
    ++seeded;

    // The IT resources: the patient record, the network and directory everywhere; PACS,
    // pharmacy and laboratory systems where the service exists.
    auto add_resource = [&](const char* name, const char* kind) {
      return repo.add_resource(all, e->finess_et, {name, kind, {}}, demo).id;
    };
    const auto dpi = add_resource("Dossier patient informatisé", "application");
    const auto net = add_resource("Réseau et annuaire Active Directory", "infrastructure");
    const auto mail = add_resource("Messagerie", "infrastructure");
    const auto gef = add_resource("Gestion économique et financière", "application");
    auto runs = [&](const char* s) {
      return std::find(e->services.begin(), e->services.end(), s) != e->services.end();
    };
    const std::int64_t pacs = runs("imagerie") ? add_resource("PACS", "application") : 0;
    const std::int64_t pharma =
        runs("pharmacie") ? add_resource("Logiciel de pharmacie", "application") : 0;
    const std::int64_t sil =
        runs("laboratoire") ? add_resource("Système d'information de laboratoire", "application")
                            : 0;

    // One activity per service, 80 % of the activity shared between them; the payroll 5 %.
    std::vector<std::pair<std::int64_t, std::string>> activities;  // id, service
    const double share = e->services.empty() ? 0 : std::floor(8000.0 / e->services.size()) / 100.0;
    for (const auto& s : e->services) {
      ActivityInput in;
      in.name = service_label(s);
      in.kind = s == "pharmacie" || s == "imagerie" || s == "laboratoire" ? "technical_platform"
                : s == "administration"                                   ? "admin_process"
                                                                          : "care_service";
      in.service = s;
      in.owner = s == "administration" ? "Directeur des affaires financières"
                                       : "Chef de service — " + service_label(s);
      in.share_percent = share;
      in.resource_ids = {dpi, net};
      if (s == "imagerie" && pacs) in.resource_ids.push_back(pacs);
      if (s == "pharmacie" && pharma) in.resource_ids.push_back(pharma);
      if (s == "laboratoire" && sil) in.resource_ids.push_back(sil);
      if (s == "administration") in.resource_ids = {gef, net, mail};
      std::sort(in.resource_ids.begin(), in.resource_ids.end());
      activities.emplace_back(repo.add_activity(all, e->finess_et, in, demo).id, s);
    }
    {
      ActivityInput in;
      in.name = "Paie et gestion du personnel";
      in.kind = "admin_process";
      in.owner = "Directrice des ressources humaines";
      in.share_percent = 5;
      in.resource_ids = {gef, net};
      std::sort(in.resource_ids.begin(), in.resource_ids.end());
      activities.emplace_back(repo.add_activity(all, e->finess_et, in, demo).id, "");
    }

    // The BIAs: validated for every service (0), for the critical and médico-technique ones
    // before the 2026 deadline (1); a draft only (2); none (3).
    bool drafted = false;
    for (const auto& [id, service] : activities) {
      const bool crit = critical(service);
      const char* validated = nullptr;
      if (situation == 0) validated = "2026-05-20";
      if (situation == 1 && crit) validated = "2026-06-25";
      const bool draft = situation == 2 && crit && !drafted;
      drafted = drafted || draft;
      if (!validated && !draft) continue;
      if (validated && !due(validated)) continue;
      BiaInput in;
      in.impacts = demo_matrix(repo.scale(), crit ? 1 : 3, crit ? 0 : 2);
      in.degraded_mode = crit ? "Procédures papier, dossiers de secours imprimés chaque nuit, "
                                "renfort d'une infirmière par équipe"
                              : "Saisie différée sur formulaires papier";
      in.autonomy_hours = crit ? 24 : 72;
      if (validated) {
        in.validated_by = "Directeur général";
        in.validated_on = parse_date(validated);
      }
      repo.save_bia(all, e->finess_et, id, in, today, demo);
    }

    // Restore tests: the exemplary establishment's patient record restored in 30 hours
    // against the 24 hours its emergency BIA requires (a gap shown), its network within; the
    // on-track one's patient record within.
    auto restore = [&](std::int64_t resource, const char* on, double hours, double lost) {
      if (!due(on)) return;
      RestoreTestInput in;
      in.held_on = parse_date(on);
      in.restore_hours = hours;
      in.data_loss_hours = lost;
      in.checked_by = "Cadre de santé référent du dossier patient";
      repo.add_restore_test(all, e->finess_et, resource, in, today, demo);
    };
    if (situation == 0) {
      restore(dpi, "2026-04-10", 30, 2);
      restore(net, "2026-04-11", 3, 0);
    } else if (situation == 1) {
      restore(dpi, "2026-09-15", 8, 1);
    }

    // The plans.
    auto add_plan = [&](const char* kind, const char* title, const char* validated,
                        const char* review) -> std::int64_t {
      if (!due(validated)) return 0;
      PlanInput in;
      in.kind = kind;
      in.title = title;
      in.scope = "global";
      in.scenarios = "Indisponibilité informatique\nPerte du réseau électrique\nCyberattaque";
      in.covers_it_outage = true;
      in.version = "1.0";
      in.validated_by = "Directeur général";
      in.validated_on = parse_date(validated);
      in.review_on = parse_date(review);
      return repo.add_plan(all, e->finess_et, in, today, demo).id;
    };
    if (situation == 3) {
      add_plan("pcri", "Plan de continuité informatique", "2025-04-30", "2026-04-30");
      continue;
    }
    const auto pca = add_plan("pca", "Plan de continuité d'activité",
                              situation == 2 ? "2025-09-15" : "2025-06-12", "2027-06-12");
    if (situation == 0)
      add_plan("pcra", "Plan de continuité et de reprise d'activité", "2026-09-30", "2027-09-30");
    if (!pca) continue;
    PlanTestInput t;
    t.scenario = "Indisponibilité du dossier patient informatisé pendant une nuit";
    if (situation == 0 && due("2026-03-17")) {
      t.held_on = parse_date("2026-03-17");
      t.observed_hours = 6;
      t.failures = "Fiches réflexes introuvables aux urgences ; imprimante de secours en panne.";
      // The services involved: the first two activities, 6 h and 2,5 h without their system.
      const double observed[] = {6, 2.5};
      for (std::size_t i = 0; i < activities.size() && i < 2; ++i)
        t.services.push_back({activities[i].first, observed[i]});
    } else if (situation == 1) {
      t.planned_on = add_days(today, 45);
    } else {
      continue;
    }
    repo.add_plan_test(all, e->finess_et, pca, t, today, demo);
  }
  return seeded;
}

}  // namespace carepilot::continuity
