#include "incidents/demo/demo.hpp"

#include <algorithm>

#include "common/date.hpp"
#include "common/french.hpp"

namespace carepilot::incidents {

namespace demo_detail {

// The instant `days` days before `now`'s Paris day, at `hh:mm` Paris time, as stored (UTC).
std::string paris_at(std::int64_t now, int days, int hh, int mm) {
  const auto today = Date{
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{now}})};
  const auto start = paris_day_start(format_date(add_days(today, -days)));
  return iso_utc(*start + hh * 3600 + mm * 60);
}

DeclarationContent initial_content(const std::string& perimeter, const std::string& systems,
                                   const std::string& data, const std::string& handling,
                                   const std::string& observed_on) {
  return {{"declarant_name", "Responsable de la sécurité des systèmes d'information"},
          {"declarant_role", "RSSI"},
          {"declarant_contact", "rssi@etablissement.example"},
          {"observed_at", observed_on},
          {"perimeter", perimeter},
          {"systems", systems},
          {"data_concerned", data},
          {"handling_status", handling}};
}

std::string day_of(const std::string& iso) {
  return iso.substr(0, 10);
}

}  // namespace demo_detail

int seed_demo(Repository& repo, Declarations& declarations, registry::Repository& registry,
              std::int64_t now, Attachments* attachments) {
  using namespace demo_detail;
  const Actor demo{"demo", "", ""};
  const Scope all = Scope::nation();
  registry::EstablishmentFilter f;
  f.per_page = 200;
  int seeded = 0;
  for (const auto& item : registry.list(all, f).items) {
    if (!item.is_demo) continue;
    auto e = registry.find(all, item.finess_et);
    if (!e || !repo.list(all, e->finess_et).empty()) continue;
    ++seeded;
    const auto& fin = e->finess_et;

    // 1. Phishing, four months ago: closed, declared (initial and final), breach notified.
    {
      const auto det = paris_at(now, 120, 9, 10);
      auto inc = repo.create(all, fin, {"Hameçonnage de comptes de messagerie", det, ""}, demo);
      repo.add_event(all, fin, inc.id, {"occurred", paris_at(now, 121, 16, 30), "", ""}, demo);
      repo.add_event(all, fin, inc.id,
                     {"containment", paris_at(now, 120, 11, 0), "",
                      "Mots de passe réinitialisés, sessions révoquées"},
                     demo);
      // Each status at its instant in the story (issue 19 trial: dated at the seeding).
      repo.set_status(all, fin, inc.id, "contained", demo, paris_at(now, 120, 11, 0));
      repo.qualify(all, fin, inc.id,
                   {{"malicious", {"yes"}},
                    {"threat", {"phishing"}},
                    {"functioning", {"none"}},
                    {"data", {"other_personal_data.confidentiality"}},
                    {"endangerment", {"none"}}},
                   demo);
      repo.add_event(all, fin, inc.id, {"breach_notified", paris_at(now, 118, 15, 0), "", ""},
                     demo);
      declarations.save(all, fin, inc.id, "initial",
                        initial_content("Messagerie", "Messagerie en ligne",
                                        "Carnets d'adresses et messages de 12 agents",
                                        "Comptes bloqués, analyse en cours", day_of(det)),
                        demo);
      declarations.submit(all, fin, inc.id, "initial", paris_at(now, 120, 12, 0), "CS-DEMO-0412",
                          demo);
      declarations.save(all, fin, inc.id, "final",
                        {{"handling_status", "Clos"},
                         {"impact_data", "Messages consultés par un tiers"},
                         {"impact_people", "Aucun patient concerné"},
                         {"impact_systems", "Aucun"},
                         {"impact_structure", "Sensibilisation renforcée"},
                         {"causes", "Hameçonnage ciblé, absence de double authentification"}},
                        demo);
      declarations.submit(all, fin, inc.id, "final", paris_at(now, 100, 10, 0), "CS-DEMO-0412",
                          demo);
      repo.set_status(all, fin, inc.id, "closed", demo, paris_at(now, 99, 17, 0));
    }
    // 2. Ransomware, ten days ago: contained, initial declaration submitted, the complementary
    // one in draft; a service in degraded mode (ended).
    {
      const auto det = paris_at(now, 10, 6, 40);
      auto inc = repo.create(all, fin, {"Rançongiciel sur le serveur d'imagerie", det, ""}, demo);
      const std::string service = e->services.empty() ? "" : e->services.front();
      if (!service.empty()) {
        repo.add_event(all, fin, inc.id, {"degraded_start", paris_at(now, 10, 7, 0), service, ""},
                       demo);
        repo.add_event(all, fin, inc.id, {"degraded_end", paris_at(now, 7, 18, 0), service, ""},
                       demo);
      }
      const auto contained =
          repo.add_event(all, fin, inc.id, {"containment", paris_at(now, 10, 9, 30), "", ""}, demo);
      // The first report of the response team, as proof of the containment.
      if (attachments)
        attachments->add(all, fin, inc.id,
                         {"compte-rendu-confinement.txt",
                          "Compte rendu de confinement\n\nLe serveur d'imagerie a été isolé du "
                          "réseau à 9 h 30 ; les comptes de service ont été désactivés.\n",
                          "Premier compte rendu de l'équipe de réponse à incident", contained.id,
                          paris_at(now, 10, 11, 0)},
                         demo);
      repo.add_event(all, fin, inc.id, {"ars_informed", paris_at(now, 10, 10, 0), "", ""}, demo);
      repo.qualify(all, fin, inc.id,
                   {{"malicious", {"yes"}},
                    {"threat", {"ransomware"}},
                    {"functioning", {"degraded_mode"}},
                    {"data", {"health_data.availability"}},
                    {"endangerment", {"potential"}}},
                   demo);
      declarations.save(all, fin, inc.id, "initial",
                        initial_content("Imagerie médicale", "PACS, serveur de stockage",
                                        "Images et comptes rendus d'imagerie",
                                        "Serveur isolé, mode dégradé activé", day_of(det)),
                        demo);
      declarations.submit(all, fin, inc.id, "initial", paris_at(now, 10, 8, 15), "CS-DEMO-1187",
                          demo);
      declarations.save(all, fin, inc.id, "complementary",
                        {{"handling_status", "Restauration depuis les sauvegardes en cours"},
                         {"impact_data", "Indisponibilité des images pendant trois jours"}},
                        demo);
      // Contained when the server was isolated (issue 19 trial: dated at the seeding, after the
      // end of the degraded mode).
      repo.set_status(all, fin, inc.id, "contained", demo, paris_at(now, 10, 9, 30));
    }
    // 3. A provider's outage, yesterday evening: open, not qualified yet, the initial
    // declaration ready to submit.
    {
      const auto det = paris_at(now, 1, 22, 0);
      auto inc = repo.create(all, fin, {"Panne chez le prestataire d'hébergement", det, ""}, demo);
      declarations.save(
          all, fin, inc.id, "initial",
          initial_content("Dossier patient informatisé", "Hébergement externalisé",
                          "Aucune donnée altérée à ce stade", "Prestataire mobilisé", day_of(det)),
          demo);
    }
  }
  return seeded;
}

}  // namespace carepilot::incidents
