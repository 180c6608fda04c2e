// `carepilot compliance recompute [--date D] [--all]` and `carepilot compliance verify`: the stored
// compliance (evidence/stored.hpp, docs/operations.md "Stored compliance").
//  - recompute: evaluates every establishment as of D (default today in Europe/Paris) and
//    stores the engine's output; batched, idempotent, resumable (establishments already
//    computed for D are skipped; with --all they are recomputed too, after an upgrade that
//    changes the rules). Exit 0, 2 on a bad date.
//  - verify: compares every stored row with a fresh evaluation as of the date it was
//    computed for. Exit 0 when they are all equal, 1 listing the differences otherwise.
#include <chrono>
#include <iostream>
#include <string>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/evidence_store.hpp"
#include "common/french.hpp"
#include "evidence/calendar.hpp"
#include "evidence/stored.hpp"
#include "registry/catalog.hpp"
#include "registry/repository.hpp"

namespace carepilot::app {

namespace {

struct ComplianceArgs {
  std::string date;
  int batch = 500;
  bool all = false;
};

}  // namespace

void register_compliance(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  auto args = std::make_shared<ComplianceArgs>();
  auto* cmd = app.add_subcommand("compliance", "Statuts de conformité enregistrés");
  cmd->require_subcommand(1);
  auto* recompute =
      cmd->add_subcommand("recompute",
                          "Recalculer les statuts de tous les établissements à une date (reprend "
                          "là où un calcul interrompu s'est arrêté)");
  auto* verify = cmd->add_subcommand(
      "verify", "Vérifier que chaque statut enregistré est égal à une évaluation refaite");
  for (auto* sub : {recompute, verify}) {
    sub->add_option("--config", flags->config_file, "Fichier de configuration TOML");
    sub->add_option("--database", flags->database, "Base de données");
    sub->add_option("--batch", args->batch, "Établissements par transaction")
        ->check(CLI::Range(1, 100000));
  }
  recompute->add_option("--date", args->date,
                        "Date AAAA-MM-JJ du calcul (défaut : aujourd'hui, heure de Paris)");
  recompute->add_flag("--all", args->all,
                      "Recalculer aussi les établissements déjà calculés à cette date (après "
                      "une mise à jour qui change les règles)");
  recompute->callback([flags, args] {
    Date date = evidence::paris_today();
    if (!args->date.empty()) {
      auto d = parse_date(args->date);
      if (!d) {
        std::cerr << "carepilot compliance recompute : --date : date AAAA-MM-JJ attendue, reçu '"
                  << args->date << "'\n";
        exit_code() = 2;
        return;
      }
      date = *d;
    }
    auto o = open_evidence_store(*flags);
    auto start = std::chrono::steady_clock::now();
    auto stats = evidence::recompute_all(*o.db, *o.repo, date, args->batch, {}, args->all);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "Statuts calculés au " << format_date(date) << " : "
              << plural(stats.establishments, "établissement recalculé",
                        "établissements recalculés")
              << ", " << stats.skipped << " déjà à jour, "
              << plural(stats.rows, "ligne écrite", "lignes écrites") << " en "
              << plural(stats.batches, "lot", "lots") << ", " << secs << " s.\n";
  });
  verify->callback([flags, args] {
    auto o = open_evidence_store(*flags);
    auto diffs = evidence::verify(*o.db, *o.repo, args->batch);
    if (diffs.empty()) {
      std::cout << "Statuts enregistrés conformes à une évaluation refaite.\n";
      return;
    }
    for (const auto& d : diffs) std::cout << d << "\n";
    std::cout << plural(static_cast<std::int64_t>(diffs.size()), "différence", "différences")
              << " entre les statuts enregistrés et une "
                 "évaluation refaite.\n";
    exit_code() = 1;
  });
}

}  // namespace carepilot::app
