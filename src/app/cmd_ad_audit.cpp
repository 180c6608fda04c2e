// `carepilot ad-audit`: the Active Directory security audit.
//   ad-audit run  --input PATH [--as-of YYYY-MM-DD] [--out-json F] [--out-html F] [--lenient]
//                 [--max-unpacked-mib N]
//   ad-audit diff OLD.json NEW.json [--out-json F]
// Exit 0 when the audit ran (whatever the findings), 3 when it ran on a partial collection
// (missing parts, export cut by the server: the level is then at best a bound), 2 when the
// input is refused (message on stderr), 1 when an output file cannot be written.
#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

#include "adaudit/audit.hpp"
#include "adaudit/readers/ingest.hpp"
#include "adaudit/readers/input_error.hpp"
#include "adaudit/report/diff.hpp"
#include "adaudit/report/html_report.hpp"
#include "adaudit/report/result_json.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/evidence_store.hpp"
#include "common/ad_labels.hpp"
#include "common/date.hpp"
#include "common/french.hpp"
#include "evidence/calendar.hpp"
#include "evidence/repository.hpp"

namespace carepilot::app {

namespace {

struct RunOptions {
  std::string input;
  std::string as_of;
  std::string out_json;
  std::string out_html;
  bool lenient = false;
  std::uint64_t max_unpacked_mib = 8192;
  std::string store_finess;  // with --store: the establishment whose evidence it becomes
  std::string database;
};

struct DiffOptions {
  std::string old_file;
  std::string new_file;
  std::string out_json;
};

int refuse(const std::string& message) {
  std::cerr << "carepilot ad-audit: " << message << "\n";
  return 2;
}

bool write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << "carepilot ad-audit: impossible d'écrire " << path << "\n";
    return false;
  }
  return true;
}

Date today() {
  return evidence::paris_today();
}

// Stores the audit as `ad_audit` evidence of an establishment of the platform database.
// An incomplete audit is recorded as such (source "carepilot, audit incomplet"), with the
// lowest level it may really have: a partial collection never gives a better evidence.
int store_result(const RunOptions& opt, const Date& as_of, const adaudit::AuditResult& result) {
  const bool partial = !result.complete() || result.level_bounded;
  const int level = partial ? result.level_floor : result.level;
  try {
    ConfigFlags flags;
    if (!opt.database.empty()) flags.database = opt.database;
    auto store = open_evidence_store(flags);
    nlohmann::json record{{"type", "ad_audit"},
                          {"date", format_date(as_of)},
                          {"source", partial ? "carepilot, audit incomplet" : "carepilot"},
                          {"level", level}};
    store.repo->add(Scope::nation(), opt.store_finess, record, today(),
                    Actor{"carepilot ad-audit", "cli", ""});
    store.written();
    std::cout << "Résultat enregistré comme preuve « ad_audit » de l'établissement "
              << opt.store_finess
              << (partial ? " (audit incomplet, niveau retenu : " + std::to_string(level) + ")"
                          : std::string())
              << ".\n";
    return 0;
  } catch (const UserError& e) {
    return refuse("enregistrement refusé : " + std::string(e.what()));
  }
}

int run(const RunOptions& opt) {
  Date as_of = today();
  if (!opt.as_of.empty()) {
    auto d = parse_date(opt.as_of);
    if (!d) return refuse("--as-of : date AAAA-MM-JJ attendue, reçu « " + opt.as_of + " »");
    as_of = *d;
  }
  adaudit::IngestOptions in;
  in.lenient = opt.lenient;
  in.limits.max_total_bytes = opt.max_unpacked_mib << 20;
  in.limits.max_member_bytes = std::min(in.limits.max_member_bytes, in.limits.max_total_bytes);
  const auto t0 = std::chrono::steady_clock::now();
  adaudit::Directory dir;
  try {
    dir = adaudit::ingest(opt.input, in);
  } catch (const adaudit::InputError& e) {
    return refuse(std::string("entrée refusée : ") + e.what());
  }
  const double ingest_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto result = adaudit::run_audit(dir, as_of);
  const auto json = adaudit::to_json(result);
  if (!opt.out_json.empty() && !write_text(opt.out_json, json.dump(2) + "\n")) return 1;
  if (!opt.out_html.empty() && !write_text(opt.out_html, adaudit::render_html(result))) return 1;
  if (!opt.store_finess.empty() && store_result(opt, as_of, result) != 0) return 2;
  std::size_t failed = 0;
  for (const auto& f : result.findings) failed += f.status == adaudit::Status::Fail;
  std::cout << "Audit Active Directory au " << french_date_text(format_date(as_of)) << "\n"
            << "Niveau ANSSI : " << adaudit::level_text(result) << "\n"
            << "Score global : " << result.global_score << "/100 (objets obsolètes "
            << result.scores[0] << ", comptes à privilèges " << result.scores[1]
            << ", relations d'approbation " << result.scores[2] << ", anomalies "
            << result.scores[3] << ")\n"
            << "Constats : " << plural(static_cast<std::int64_t>(failed), "règle", "règles")
            << " en échec sur " << result.findings.size() << "\n"
            << "Chemins vers le Tier 0 : "
            << plural(static_cast<std::int64_t>(result.control.exposed_users), "utilisateur",
                      "utilisateurs")
            << " et "
            << plural(static_cast<std::int64_t>(result.control.exposed_computers), "ordinateur",
                      "ordinateurs")
            << " non privilégiés\n"
            << "Objets lus : " << dir.size() << ", avertissements : " << result.warnings_total
            << "\n"
            << "Durées : lecture " << ingest_s << " s, analyse " << result.analysis_seconds
            << " s\n";
  std::size_t not_evaluated = 0;
  for (const auto& f : result.findings) not_evaluated += f.status == adaudit::Status::NotEvaluated;
  std::cout << "Règles non évaluées : " << not_evaluated << "\n"
            << "ACE lues : " << result.aces_read << "\n";
  if (result.complete()) return 0;
  std::cout << "Audit incomplet.";
  if (!result.missing_parts.empty()) {
    std::string parts;
    for (const auto& p : result.missing_parts)
      parts += (parts.empty() ? "" : ", ") + ad_collection_label(p);
    std::cout << " Parties absentes de la collecte : " << parts << ".";
  }
  std::cout << "\n";
  for (const auto& t : result.incomplete) std::cout << t << "\n";
  return 3;
}

int diff(const DiffOptions& opt) {
  auto load = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw adaudit::InputError(path + " : fichier illisible");
    try {
      return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
      throw adaudit::InputError(path + " : JSON invalide");
    }
  };
  try {
    const auto d = adaudit::diff_results(load(opt.old_file), load(opt.new_file));
    std::cout << adaudit::to_text(d);
    if (!opt.out_json.empty() && !write_text(opt.out_json, adaudit::to_json(d).dump(2) + "\n"))
      return 1;
  } catch (const adaudit::InputError& e) {
    return refuse(e.what());
  }
  return 0;
}

}  // namespace

void register_ad_audit(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("ad-audit", "Audit de sécurité Active Directory (SharpHound, LDIF)");
  cmd->require_subcommand(1);

  auto run_opt = std::make_shared<RunOptions>();
  auto* r = cmd->add_subcommand(
      "run", "Analyse une collecte et produit le niveau, les scores et les constats");
  r->add_option("--input,-i", run_opt->input, "Dossier ou zip SharpHound, fichier .json ou .ldif")
      ->required();
  r->add_option("--as-of", run_opt->as_of, "Date de l'audit AAAA-MM-JJ (défaut : aujourd'hui)");
  r->add_option("--out-json", run_opt->out_json, "Résultat JSON (schéma carepilot.ad_audit/1)");
  r->add_option("--out-html", run_opt->out_html, "Rapport HTML autonome");
  r->add_flag("--lenient", run_opt->lenient, "Ignorer (avec avertissement) les fichiers refusés");
  r->add_option(
      "--store", run_opt->store_finess,
      "Enregistrer le résultat comme preuve « ad_audit » de cet établissement (FINESS ET)");
  r->add_option("--database", run_opt->database, "Base de la plateforme (avec --store)");
  r->add_option("--max-unpacked-mib", run_opt->max_unpacked_mib,
                "Limite de décompression d'une archive (Mio)");
  r->callback([run_opt] { exit_code() = run(*run_opt); });

  auto diff_opt = std::make_shared<DiffOptions>();
  auto* d =
      cmd->add_subcommand("diff", "Compare deux résultats JSON (nouveaux, résolus, inchangés)");
  d->add_option("old", diff_opt->old_file, "Résultat précédent")->required();
  d->add_option("new", diff_opt->new_file, "Résultat récent")->required();
  d->add_option("--out-json", diff_opt->out_json, "Écart au format JSON");
  d->callback([diff_opt] { exit_code() = diff(*diff_opt); });
}

}  // namespace carepilot::app
