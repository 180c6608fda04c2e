#include "incidents/demo/demo.hpp"

#include <algorithm>

#include "common/date.hpp"
#include "common/french.hpp"
#include "incidents/rules/catalog.hpp"

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
  return {{"declarant_name", "Claire Morel"},
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

// A number from the establishment's FINESS, the same at every seeding (issue 19 trial: the 28
// establishments shared the detection minute and the portal's references, like one regional
// attack).
std::uint32_t finess_number(const std::string& finess) {
  std::uint32_t h = 2166136261u;
  for (const unsigned char c : finess) h = (h ^ c) * 16777619u;
  return h;
}

// « 9 h 30 », as the response team writes it.
std::string hour_text(int minutes) {
  const int m = minutes % 60;
  return std::to_string(minutes / 60) + " h " + (m < 10 ? "0" : "") + std::to_string(m);
}

// « CS-2026-04127 »-like references, one per declaration of the portal, from the FINESS.
std::string portal_reference(std::uint32_t n, int which) {
  const auto v = (n / (which == 0 ? 1u : 7u)) % 90000u + 10000u;
  return std::string("CS-DEMO-") + std::to_string(v);
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
    const std::uint32_t n = finess_number(fin);

    // 1. Phishing, four months ago: closed, declared (initial and final), breach notified. The
    // final declaration states « clos »: it is transmitted after the closure (issue 19 trial:
    // transmitted the day before the closure the register records).
    {
      const int det_minute = 9 * 60 + static_cast<int>(n % 50);  // 09:00 – 09:49
      const auto at = [&](int days, int minutes) {
        return paris_at(now, days, minutes / 60, minutes % 60);
      };
      const auto det = at(120, det_minute);
      const std::string reference = portal_reference(n, 1);
      auto inc = repo.create(all, fin, {"Hameçonnage de comptes de messagerie", det, ""}, demo);
      repo.add_event(all, fin, inc.id, {"occurred", paris_at(now, 121, 16, 30), "", ""}, demo);
      repo.add_event(all, fin, inc.id,
                     {"containment", at(120, det_minute + 110), "",
                      "Mots de passe réinitialisés, sessions révoquées"},
                     demo);
      // Each status at its instant in the story (issue 19 trial: dated at the seeding).
      repo.set_status(all, fin, inc.id, "contained", demo, at(120, det_minute + 110));
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
      declarations.submit(all, fin, inc.id, "initial", at(120, det_minute + 170), reference, demo);
      repo.set_status(all, fin, inc.id, "closed", demo, paris_at(now, 100, 9, 0));
      declarations.save(all, fin, inc.id, "final",
                        {{"handling_status", "Clos"},
                         {"impact_data", "Messages consultés par un tiers"},
                         {"impact_people", "Aucun patient concerné"},
                         {"impact_systems", "Aucun"},
                         {"impact_structure", "Sensibilisation renforcée"},
                         {"causes", "Hameçonnage ciblé, absence de double authentification"}},
                        demo);
      declarations.submit(all, fin, inc.id, "final", paris_at(now, 100, 10, 0), reference, demo);
    }
    // 2. Ransomware on the imaging server, ten days ago: contained, initial declaration
    // submitted before the containment (it says so), the complementary one in draft; the
    // imaging service (or the first one) in degraded mode (ended); the PACS touched where the
    // continuity inventory has one. Times from the FINESS (issue 19 trial: every establishment
    // at the same minute).
    {
      const int det_minute = 6 * 60 + static_cast<int>(n % 80);  // 06:00 – 07:19
      const auto at = [&](int minutes) { return paris_at(now, 10, minutes / 60, minutes % 60); };
      const auto det = at(det_minute);
      auto inc = repo.create(all, fin, {"Rançongiciel sur le serveur d'imagerie", det, ""}, demo);
      const bool imaging =
          std::find(e->services.begin(), e->services.end(), "imagerie") != e->services.end();
      const std::string service =
          imaging ? "imagerie" : (e->services.empty() ? "" : e->services.front());
      if (!service.empty()) {
        repo.add_event(all, fin, inc.id, {"degraded_start", at(det_minute + 20), service, ""},
                       demo);
        repo.add_event(all, fin, inc.id, {"degraded_end", paris_at(now, 7, 18, 0), service, ""},
                       demo);
      }
      const int contained_minute = det_minute + 150;
      const auto contained =
          repo.add_event(all, fin, inc.id, {"containment", at(contained_minute), "", ""}, demo);
      // The first report of the response team, as proof of the containment.
      if (attachments)
        attachments->add(
            all, fin, inc.id,
            {"compte-rendu-confinement.txt",
             "Compte rendu de confinement\n\nLe serveur d'imagerie a été isolé du "
             "réseau à " +
                 hour_text(contained_minute) + " ; les comptes de service ont été désactivés.\n",
             "Premier compte rendu de l'équipe de réponse à incident", contained.id,
             at(contained_minute + 90)},
            demo);
      repo.add_event(all, fin, inc.id, {"ars_informed", at(det_minute + 200), "", ""}, demo);
      AffectedInput affected;
      if (!service.empty()) affected.services.push_back(service);
      bool pacs = false;
      for (const auto& r : repo.resources(all, fin))
        if (r.name == "PACS") {
          affected.resources.push_back(r.id);
          pacs = true;
        }
      repo.qualify(all, fin, inc.id,
                   {{"malicious", {"yes"}},
                    {"threat", {"ransomware"}},
                    {"functioning", {"degraded_mode"}},
                    {"data", {"health_data.availability"}},
                    {"endangerment", {"potential"}}},
                   demo, &affected);
      declarations.save(
          all, fin, inc.id, "initial",
          initial_content(
              "Imagerie médicale",
              pacs ? "PACS, serveur de stockage des images" : "Serveur de stockage des images",
              "Images et comptes rendus d'imagerie",
              service.empty() ? "Isolement du serveur en cours"
                              : "Isolement du serveur en cours ; mode dégradé activé (" +
                                    service_label(service) + ")",
              day_of(det)),
          demo);
      declarations.submit(all, fin, inc.id, "initial", at(det_minute + 95), portal_reference(n, 0),
                          demo);
      declarations.save(all, fin, inc.id, "complementary",
                        {{"handling_status",
                          "Serveur isolé ; restauration depuis les "
                          "sauvegardes en cours"},
                         {"impact_data", "Indisponibilité des images pendant trois jours"}},
                        demo);
      // Contained when the server was isolated (issue 19 trial: dated at the seeding, after the
      // end of the degraded mode).
      repo.set_status(all, fin, inc.id, "contained", demo, at(contained_minute));
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
