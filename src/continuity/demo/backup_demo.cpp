#include "continuity/demo/backup_demo.hpp"

#include <string>

#include "continuity/store/backup.hpp"

namespace carepilot::continuity {

namespace {

struct Answer {
  const char* point;
  const char* answer;
  int days_ago;
  const char* note;
};

BackupInput input(const Answer& a, const Date& today) {
  BackupInput in;
  in.answer = a.answer;
  in.declared_on = add_days(today, -a.days_ago);
  in.note = a.note;
  // A « Oui » rests on its evidence: a short text stands for the demo's.
  if (std::string(a.answer) == "yes") {
    in.file_name = std::string("preuve-") + a.point + ".txt";
    in.file_bytes = std::string("Pièce justificative de démonstration : ") + a.note + "\n";
  }
  return in;
}

}  // namespace

int seed_demo_backup(store::Database& db, registry::Repository& registry, const Date& today) {
  const Actor demo{"demo", "", ""};
  const Scope all = Scope::nation();
  registry::EstablishmentFilter f;
  f.per_page = 200;
  int index = 0, seeded = 0;
  for (const auto& item : registry.list(all, f).items) {
    if (!item.is_demo) continue;
    const int situation = index++ % 5;  // the evidence demo's profiles
    if (situation == 4) continue;
    if (!load_backup(db, registry, all, item.finess_et).empty()) continue;
    ++seeded;
    auto declare = [&](const Answer& a, const BackupInput& in) {
      return declare_backup(db, registry, all, item.finess_et, a.point, in, today, demo);
    };
    auto plain = [&](const Answer& a) { return declare(a, input(a, today)); };
    auto auth = [&](const Answer& a, const char* mode, bool second_factor,
                    std::optional<int> ad_level) {
      auto in = input(a, today);
      in.auth_mode = mode;
      in.second_factor = second_factor;
      in.ad_level = ad_level;
      return declare(a, in);
    };
    switch (situation) {
      case 0:
        plain({"policy", "yes", 240, "Politique validée par le directoire."});
        plain(
            {"backup_plans", "yes", 200, "Plans établis pour les applications critiques des BIA."});
        auth({"independent_auth", "yes", 150, "Annuaire dédié audité après durcissement."},
             "dedicated_directory", true, 4);
        plain({"isolation", "yes", 120, "Procédure « bouton rouge » testée avec l'infogérant."});
        plain({"three_two_one", "yes", 90, "Copie immuable hors site chaque nuit."});
        plain({"supervision", "yes", 60, "Alertes d'échec envoyées à l'astreinte."});
        break;
      case 1:
        plain({"policy", "yes", 180, "Politique validée en comité de direction."});
        plain({"backup_plans", "partial", 120, "Plans rédigés pour le DPI et le PACS."});
        auth({"independent_auth", "partial", 100,
              "Comptes locaux ; le moindre privilège reste à revoir."},
             "local_accounts", true, std::nullopt);
        plain({"isolation", "partial", 80, "Coupure réseau documentée, pas encore testée."});
        plain({"three_two_one", "yes", 70, "Bandes externalisées chaque semaine."});
        plain({"supervision", "partial", 45, "Contrôle manuel hebdomadaire."});
        break;
      case 2:
        plain({"policy", "no", 30, "Politique en cours de rédaction."});
        auth(
            {"independent_auth", "no", 30, "Sauvegardes administrées avec les comptes du domaine."},
            "shared_directory", false, std::nullopt);
        plain({"three_two_one", "partial", 30, "Deux copies sur site, pas de copie hors ligne."});
        break;
      case 3: {
        const auto first = plain({"policy", "yes", 300, "Politique de 2019."});
        withdraw_backup(db, registry, all, item.finess_et, first.id,
                        "Politique de 2019 : elle ne couvre pas la restauration.", demo);
        plain({"policy", "partial", 40, "Nouvelle politique en relecture."});
        plain({"supervision", "yes", 40, "Console de supervision de l'éditeur."});
        break;
      }
      default:
        break;
    }
  }
  return seeded;
}

}  // namespace carepilot::continuity
