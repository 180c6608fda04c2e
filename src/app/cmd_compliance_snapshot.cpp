// `carepilot compliance snapshot [--month YYYY-MM | --from YYYY-MM]`: writes the monthly
// snapshots of compliance (evidence/trends.hpp) from the stored evidence — one month, every
// month from --from up to the last ended one, or by default the last ended month. Each month
// is taken as of its last day — from the stored compliance rows of the establishments whose
// rows were computed for that day, by the engine for the others — and replaces any previous
// snapshot of that month.
// Exit 0 when written, 2 when a month is refused.
#include <cmath>
#include <iostream>
#include <memory>

#include "app/audit_setup.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "common/export.hpp"
#include "common/french.hpp"
#include "evidence/calendar.hpp"
#include "evidence/trends.hpp"
#include "store/migrations.hpp"
#include "web/app_routes.hpp"

namespace carepilot::app {

namespace {

struct SnapshotOptions {
  ConfigFlags flags;
  std::string month, from;
};

int refuse(const std::string& message) {
  std::cerr << "carepilot compliance snapshot : " << message << "\n";
  return 2;
}

int run_snapshot(const SnapshotOptions& opt) {
  const Date today = evidence::paris_today();
  const evidence::Month last_ended = evidence::month_of(today) - std::chrono::months{1};
  evidence::Month first = last_ended, last = last_ended;
  if (!opt.month.empty() && !opt.from.empty())
    return refuse("--month et --from ne se combinent pas");
  for (const auto* text : {&opt.month, &opt.from}) {
    if (text->empty()) continue;
    auto m = evidence::parse_month(*text);
    if (!m) return refuse("mois AAAA-MM attendu, reçu « " + *text + " »");
    if (*m > last_ended)
      return refuse("le mois " + *text + " n'est pas terminé (dernier mois terminé : " +
                    evidence::format_month(last_ended) + ")");
    first = *m;
    if (text == &opt.month) last = *m;
  }
  Config c = load_config(opt.flags);
  use_audit_key(c);
  auto db = store::Database::open(c.database, 1);
  store::migrate(*db);
  web::WebApp webapp(*db, web::AppOptions{});
  for (auto m = first; m <= last; m += std::chrono::months{1}) {
    auto started = std::chrono::steady_clock::now();
    auto r = evidence::snapshot_month(*db, webapp.evidence_repo(), m, today);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
    std::cout << "Relevé de " << evidence::french_month(m) << " (situation au "
              << exports::french_date(r.as_of)
              << ") : " << plural(r.establishments, "établissement", "établissements") << ", "
              << plural(r.scopes, "périmètre", "périmètres") << ", " << ms << " ms (lecture "
              << "et évaluation " << std::lround(r.evaluate_seconds * 1000) << " ms dont "
              << plural(r.evaluated, "établissement évalué", "établissements évalués")
              << " par le moteur, les autres lus dans "
              << "les statuts enregistrés du jour ; écriture "
              << std::lround(r.write_seconds * 1000) << " ms).\n";
  }
  return 0;
}

}  // namespace

void register_compliance_snapshot(CLI::App& app) {
  // "compliance" may already hold other subcommands (recompute, verify): add to it.
  CLI::App* compliance = nullptr;
  try {
    compliance = app.get_subcommand("compliance");
  } catch (const CLI::OptionNotFound&) {
    compliance = app.add_subcommand("compliance", "Conformité enregistrée et relevés mensuels");
    compliance->require_subcommand(1);
  }
  auto opt = std::make_shared<SnapshotOptions>();
  auto* cmd = compliance->add_subcommand(
      "snapshot",
      "Écrit les relevés mensuels de conformité (évalués au dernier jour de chaque mois) ; par "
      "défaut le dernier mois terminé");
  cmd->add_option("--config", opt->flags.config_file, "Fichier de configuration TOML");
  cmd->add_option("--database", opt->flags.database,
                  "Base de données : sqlite:CHEMIN ou postgresql://utilisateur@hôte/base");
  cmd->add_option("--month", opt->month, "Un seul mois AAAA-MM");
  cmd->add_option("--from", opt->from,
                  "Chaque mois depuis AAAA-MM jusqu'au dernier mois terminé (historique)");
  cmd->callback([opt] { exit_code() = run_snapshot(*opt); });
}

}  // namespace carepilot::app
