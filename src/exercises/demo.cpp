#include "exercises/demo.hpp"

#include "exercises/repository.hpp"

namespace carepilot::exercises {

namespace {

const char* const kScenarios[] = {"ransomware", "network_loss", "data_theft", "supplier_loss"};

std::vector<Participants> team(int size) {
  return {{"direction", 2, "Directeur général, directrice des soins"},
          {"medical", size, ""},
          {"care", size + 2, ""},
          {"it", 3, "DSI, RSSI, technicien réseau"},
          {"communication", 1, ""},
          {"logistics", 1, ""}};
}

}  // namespace

int seed_demo(store::Database& db, registry::Repository& registry, evidence::Repository& evidence,
              const Date& today) {
  Repository repo(db, registry, evidence);
  Actor demo{"demo", "", ""};
  registry::EstablishmentFilter f;
  f.per_page = 200;
  auto page = registry.list(Scope::nation(), f);
  int index = 0, created = 0;
  for (const auto& item : page.items) {
    if (!item.is_demo) continue;
    int profile = index++ % 5;  // the evidence demo's profiles (evidence/demo.cpp)
    const auto& finess = item.finess_et;
    if (!repo.list(Scope::nation(), finess).empty()) continue;
    // Planned: its injects are the scenario's set (data/exercises/scenarios.yaml).
    repo.create(Scope::nation(), finess,
                {"Exercice cyber " + std::to_string(static_cast<int>(add_days(today, 30).year())),
                 format_date(add_days(today, 20 + 7 * profile)), kScenarios[index % 4],
                 profile % 2 ? "live" : "table_top",
                 "Tester la cellule de crise, le mode dégradé des urgences et la communication.",
                 team(2 + profile)},
                today, demo);
    ++created;
    if (profile != 2 || today < *parse_date("2025-07-01")) continue;
    auto held =
        repo.create(Scope::nation(), finess,
                    {"Exercice de crise 2025 — vol de données", "2025-06-17", "data_theft",
                     "table_top", "Éprouver la détection et la notification à la CNIL.", team(3)},
                    today, demo);
    ++created;
    repo.start(Scope::nation(), finess, held.id, today, demo);
    repo.add_log(Scope::nation(), finess, held.id,
                 {"09:05", "Animateur", "Début de l'exercice, cellule de crise convoquée."}, today,
                 demo);
    repo.add_log(Scope::nation(), finess, held.id,
                 {"10:40", "RSSI", "Décision : couper les accès VPN des prestataires."}, today,
                 demo);
    repo.save_retex(
        Scope::nation(), finess, held.id,
        {"2025-06-24", "Cellule de crise réunie en 20 minutes ; annuaire de crise à jour.",
         "Fiches réflexes introuvables hors du réseau ; notification CNIL tardive.",
         "Imprimer les fiches réflexes ; désigner un suppléant du RSSI."},
        today, demo);
    repo.add_item(Scope::nation(), finess, held.id,
                  {"Imprimer et diffuser les fiches réflexes dans chaque service", "high"}, today,
                  demo);
    repo.add_item(Scope::nation(), finess, held.id,
                  {"Désigner un suppléant du RSSI pour la cellule de crise", "medium"}, today,
                  demo);
    repo.item_to_paq(Scope::nation(), finess, held.id, 1, {"Direction des soins", "2025-12-31"},
                     today, demo);
    repo.declare(Scope::nation(), finess, held.id, "2025-07-01", today, demo);
  }
  return created;
}

}  // namespace carepilot::exercises
