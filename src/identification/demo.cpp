#include "identification/demo.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>

#include "common/pdf.hpp"

namespace carepilot::identification {

namespace {

struct PopSeed {
  const char* kind;
  int headcount;
};
constexpr PopSeed kPops[] = {{"doctors", 180},        {"nurses", 620},   {"other_care", 300},
                             {"administrative", 250}, {"it_admins", 12}, {"providers", 25}};
struct ApSeed {
  const char* name;
  const char* kind;
  const char* location;
};
constexpr ApSeed kAps[] = {
    {"Dossier patient informatisé", "application", "local"},
    {"Messagerie sécurisée de santé", "application", "remote"},
    {"VPN nomade", "remote_access", "remote"},
    {"Télémaintenance biomédicale", "remote_access", "remote"},
    {"Consoles d'administration du SI", "admin_console", "local"},
};
// One cell: population index, access point index, means, share covered (percent), planned
// means ("" none) and its delay in days after today, homologated (favourable) or not. A means
// covering part of the population only is no compliant access: profiles 1 and 2 plan the rest;
// profile 0 is compliant throughout.
struct CellSeed {
  int pop, ap;
  const char* means;
  int percent;
  const char* planned;
  int in_days;
  bool homologated;
};

std::vector<CellSeed> cells_for(int profile) {
  switch (profile) {
    case 0:
      // Every access compliant (issue 16 trial: no demo establishment showed « Tous les accès
      // conformes » nor counted in the compliant share).
      return {{0, 0, "cps", 100, "", 0, false},
              {1, 0, "e_cps", 100, "", 0, false},
              {2, 0, "badge_pin", 100, "", 0, true},
              {3, 0, "password_otp", 100, "", 0, true},
              {0, 1, "pro_sante_connect", 100, "", 0, false},
              {1, 2, "e_cps", 100, "", 0, false},
              {4, 4, "fido_key", 100, "", 0, false},
              {4, 2, "fido_key", 100, "", 0, false},
              {5, 3, "password_otp", 100, "", 0, true}};
    case 1:
      return {{0, 0, "cps", 90, "cps", 90, false},
              {1, 0, "badge_pin", 80, "badge_pin", 150, true},
              {2, 0, "password", 100, "badge_pin", 120, false},
              {3, 0, "password_otp", 100, "", 0, true},
              {0, 1, "pro_sante_connect", 70, "pro_sante_connect", 200, false},
              {4, 4, "fido_key", 100, "", 0, false},
              {5, 3, "password_otp", 100, "", 0, true}};
    case 2:
      return {{0, 0, "cps", 60, "cps", 120, false},
              {1, 0, "password", 100, "e_cps", 150, false},
              {2, 0, "password", 100, "badge_pin", 240, false},
              {3, 0, "password", 100, "password_otp", 90, false},
              {0, 2, "password_otp", 40, "e_cps", 60, false},
              {4, 4, "password", 100, "fido_key", 45, false},
              {5, 3, "password_otp", 100, "", 0, false}};
    case 3:
      return {{0, 0, "password", 100, "", 0, false}, {1, 0, "password", 100, "", 0, false},
              {3, 0, "password", 100, "", 0, false}, {0, 2, "password", 30, "e_cps", 200, false},
              {4, 4, "password", 100, "", 0, false}, {5, 3, "password", 100, "", 0, false}};
    default:
      return {};
  }
}

}  // namespace

int seed_demo(Repository& repo, registry::Repository& registry, const Date& today) {
  int seeded = 0;
  registry::EstablishmentFilter f;
  f.per_page = 200;
  auto page = registry.list(Scope::nation(), f);
  int index = 0;
  const Actor actor{"demo", "", ""};
  const Date homologated_on = *parse_date("2025-10-14");
  for (const auto& item : page.items) {
    if (!item.is_demo) continue;
    const int profile = index++ % 5;
    const auto& finess = item.finess_et;
    if (profile == 4 || !repo.inventory(Scope::nation(), finess).populations.empty()) continue;
    for (const auto& p : kPops) {
      PopulationInput in;
      in.kind = p.kind;
      in.headcount = p.headcount;
      repo.save_population(Scope::nation(), finess, in, today, actor);
    }
    for (const auto& a : kAps) {
      AccessPointInput in{a.name, a.kind, a.location, {}};
      repo.add_access_point(Scope::nation(), finess, in, today, actor);
    }
    for (const auto& c : cells_for(profile)) {
      CellInput in;
      in.population = kPops[c.pop].kind;
      in.access_point = kAps[c.ap].name;
      in.means = c.means;
      in.covered = kPops[c.pop].headcount * c.percent / 100;
      if (*c.planned) {
        in.planned_means = c.planned;
        in.planned_date = Date{std::chrono::sys_days(today) + std::chrono::days(c.in_days)};
      }
      if (c.homologated && !(today < homologated_on)) {
        in.homologation_date = homologated_on;
        in.homologation_decision = "favourable";
      }
      repo.save_cell(Scope::nation(), finess, in, today, actor);
    }
    // The other crossings of profiles 0 to 2 are « aucun accès » (a complete matrix, so their
    // trajectory stands); profile 3 leaves them blank, and has no trajectory.
    if (profile < 3) {
      const auto cells = cells_for(profile);
      for (int p = 0; p < static_cast<int>(std::size(kPops)); ++p)
        for (int a = 0; a < static_cast<int>(std::size(kAps)); ++a) {
          if (std::any_of(cells.begin(), cells.end(),
                          [&](const CellSeed& c) { return c.pop == p && c.ap == a; }))
            continue;
          CellInput in;
          in.population = kPops[p].kind;
          in.access_point = kAps[a].name;
          in.means = kNoAccess;
          in.covered = 0;
          repo.save_cell(Scope::nation(), finess, in, today, actor);
        }
    }
    ++seeded;
  }
  return seeded;
}

int seed_demo_steps(Steps& steps, registry::Repository& registry, const Date& today) {
  struct StepSeed {
    const char* title;
    const char* owner;
    int in_days;  // due after today; negative: done that many days ago
  };
  static const StepSeed kSteps[] = {
      {"Recenser les moyens d'identification en usage", "RSSI", -60},
      {"Déployer la e-CPS auprès des médecins et des infirmiers", "DSI", 120},
      {"Remplacer les mots de passe seuls des postes partagés par badge et code PIN", "DSI", 240},
      {"Présenter les moyens non émis par l'ANS à la commission d'homologation", "RSSI", 300},
  };
  int seeded = 0;
  registry::EstablishmentFilter f;
  f.per_page = 200;
  auto page = registry.list(Scope::nation(), f);
  int index = 0;
  const Actor actor{"demo", "", ""};
  for (const auto& item : page.items) {
    if (!item.is_demo) continue;
    const int profile = index++ % 5;
    const auto& finess = item.finess_et;
    if (profile == 4 || !steps.list(Scope::nation(), finess).empty()) continue;
    const int count = profile == 3 ? 1 : static_cast<int>(std::size(kSteps)) - profile % 2;
    for (int i = 0; i < count; ++i) {
      const auto& k = kSteps[i];
      StepInput in;
      in.title = k.title;
      in.owner = k.owner;
      const auto day = Date{std::chrono::sys_days(today) + std::chrono::days(k.in_days)};
      in.due = day;
      if (k.in_days < 0) in.done_on = day;
      auto st = steps.add(Scope::nation(), finess, in, today, actor);
      if (i == 1) steps.send_to_paq(Scope::nation(), finess, st.id, today, actor);
    }
    ++seeded;
  }
  return seeded;
}

int seed_demo_declarations(Declarations& declarations, registry::Repository& registry,
                           const Date& today) {
  struct Declared {
    const char* objective;
    const char* title;
    const char* justification;
    int days_ago;
  };
  static constexpr Declared kDeclared[] = {
      {"hc-2026-framing-note", "Note de cadrage du projet d'identification électronique",
       "Note de cadrage validée en comité de direction", 120},
      {"hc-2026-maturity", "Questionnaire de maturité de l'identification électronique",
       "Questionnaire renseigné par le RSSI et la DSI", 60},
  };
  int seeded = 0, index = 0;
  registry::EstablishmentFilter f;
  f.per_page = 200;
  const Actor actor{"demo", "", ""};
  for (const auto& item : registry.list(Scope::nation(), f).items) {
    if (!item.is_demo) continue;
    const int profile = index++ % 5;
    if (profile > 1 || !declarations.list(Scope::nation(), item.finess_et).empty()) continue;
    for (int i = 0; i < (profile == 0 ? 2 : 1); ++i) {
      const auto& k = kDeclared[i];
      DeclarationInput in;
      in.reached_on = Date{std::chrono::sys_days(today) - std::chrono::days(k.days_ago)};
      in.justification = k.justification;
      in.file_name = std::string(k.objective) + ".pdf";
      in.bytes = pdf::render(k.title, "Document de démonstration", [&](pdf::Writer& w) {
        w.block(k.title, "Sans Bold 16", 0);
        w.block(item.name + " — FINESS " + item.finess_et, "Sans 11", 6);
        w.block(std::string(k.justification) + ".", "Sans 10", 12);
        w.block(
            "Document de démonstration produit par carepilot pour un établissement fictif : il "
            "ne vaut pas preuve.",
            "Sans Italic 10", 12);
      });
      declarations.declare(Scope::nation(), item.finess_et, k.objective, in, today, actor);
    }
    ++seeded;
  }
  return seeded;
}

}  // namespace carepilot::identification
