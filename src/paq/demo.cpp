#include "paq/demo.hpp"

namespace carepilot::paq {

namespace {

struct DemoAction {
  const char* title;
  const char* description;
  Source source;
  const char* source_ref;
  const char* owner;
  int due_in_days;  // from today; negative: in the past
  Priority priority;
  Status status;
  int progress;
  const char* note;  // "" for none
};

constexpr DemoAction kActions[] = {
    {"Durcir la configuration de l'Active Directory",
     "Appliquer les recommandations de niveau 2 de l'audit ORADAD : comptes à privilèges, "
     "délégations, mots de passe des comptes de service.",
     Source::ad_audit, "ad_audit:ORADAD", "RSSI", -20, Priority::high, Status::in_progress, 60,
     "Comptes à privilèges revus ; délégations en cours."},
    {"Mettre à jour la fiche réflexe « rançongiciel »",
     "RETEX de l'exercice de crise : la chaîne d'alerte de nuit n'était pas connue.",
     Source::exercise, "exercise:retex", "Direction des soins", 45, Priority::critical,
     Status::open, 0, ""},
    {"Former les secrétariats médicaux à l'hameçonnage",
     "Sessions de 30 minutes, deux par service.", Source::incident, "incident:2026-04",
     "Responsable formation", -5, Priority::medium, Status::open, 10, ""},
    {"Mettre en place la double authentification des accès distants",
     "VPN des prestataires et messagerie en ligne.", Source::assessment, "assessment:MFA-1", "DSI",
     90, Priority::high, Status::in_progress, 40, "Pilote sur la messagerie terminé."},
    {"Sauvegardes hors ligne des dossiers patients",
     "Troisième copie déconnectée, test de restauration trimestriel.", Source::manual, "", "DSI",
     -60, Priority::critical, Status::done, 100, "Restauration testée avec succès."},
    {"Inventaire des dispositifs médicaux connectés", "", Source::manual, "",
     "Ingénieur biomédical", 120, Priority::low, Status::cancelled, 20,
     "Repris dans le projet GHT."},
};

}  // namespace

int seed_demo(Repository& repo, registry::Repository& registry, const Date& today) {
  int created = 0;
  registry::EstablishmentFilter f;
  f.per_page = 200;
  auto page = registry.list(Scope::nation(), f);
  int index = 0;
  const Actor actor{"demo", "", ""};
  for (const auto& item : page.items) {
    if (!item.is_demo) continue;
    int profile = index++ % 5;  // the profiles of evidence/demo.cpp
    if (!repo.list(Scope::nation(), item.finess_et).empty()) continue;
    int i = 0;
    for (const auto& d : kActions) {
      if ((i++ + profile) % 4 == 3) continue;  // not every establishment has every action
      ActionInput in;
      in.title = d.title;
      in.description = d.description;
      in.source = d.source;
      in.source_ref = d.source_ref;
      in.owner = d.owner;
      in.due = add_days(today, d.due_in_days);
      in.priority = d.priority;
      // Every demo action is a cybersecurity one (Active Directory, phishing, second
      // factor, backups …): flagged so, for every profile, as the evidence page shows it.
      in.cyber = true;
      auto a = repo.create(Scope::nation(), item.finess_et, in, today, actor);
      ++created;
      if (d.status != Status::open || d.progress != 0) {
        auto ch = a.change();
        ch.status = d.status;
        ch.progress = d.progress;
        repo.update(Scope::nation(), item.finess_et, a.id, ch, today, actor);
      }
      if (*d.note) repo.add_note(Scope::nation(), item.finess_et, a.id, d.note, today, actor);
    }
  }
  return created;
}

}  // namespace carepilot::paq
