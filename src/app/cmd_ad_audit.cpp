// `carepilot ad-audit`: the Active Directory security audit.
//   ad-audit run  --input PATH [--as-of YYYY-MM-DD] [--out-json F] [--out-html F] [--lenient]
//                 [--max-unpacked-mib N] [--store FINESS --database URL]
//   ad-audit diff OLD.json NEW.json [--out-json F]
// Exit 0 when the audit ran (whatever the findings), 3 when it ran on a partial collection
// (missing parts, export cut by the server: the level is then at best a bound), 2 when the
// input is refused (message on stderr), 1 when an output file cannot be written.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "adaudit/audit.hpp"
#include "adaudit/readers/ingest.hpp"
#include "adaudit/readers/input_error.hpp"
#include "adaudit/report/diff.hpp"
#include "adaudit/report/html_report.hpp"
#include "adaudit/report/result_json.hpp"
#include "adplatform/repository.hpp"
#include "app/collection_zip.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/evidence_store.hpp"
#include "common/ad_labels.hpp"
#include "common/date.hpp"
#include "common/french.hpp"
#include "evidence/calendar.hpp"
#include "evidence/repository.hpp"
#include "jobs/runner.hpp"
#include "jobs/waiting_file.hpp"
#include "paq/repository.hpp"
#include "store/clock.hpp"

namespace carepilot::app {

namespace {

struct RunOptions {
  std::string input;
  std::string as_of;
  std::string out_json;
  std::string out_html;
  bool lenient = false;
  std::uint64_t max_unpacked_mib = 8192;
  std::string store_finess;  // with --store: the establishment whose audit it becomes
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

// Records the collection as the platform's upload does (issue 17 trial, the same fault as
// exposure run --store: the CLI stored bare `ad_audit` evidence, outside the establishment's
// series of audits, without its report): an AD audit dated `as_of` (never a day to come),
// analysed here by its job, with its evidence, result JSON and HTML report, listed on the
// establishment's page. A folder or a single SharpHound JSON file is packed as a zip first
// (app/collection_zip.hpp); a zip or an LDIF export is copied as it is. The level retained
// is the platform's (adaudit::retained_level: the floor of a partial collection).
int store_result(const RunOptions& opt, const Date& as_of) {
  const Date today_ = today();
  if (as_of > today_)
    return refuse("enregistrement refusé : --as-of " + french_date_text(format_date(as_of)) +
                  " est à venir ; un audit ne s'enregistre qu'à sa date ou après.");
  std::filesystem::path staged;
  try {
    ConfigFlags flags;
    if (!opt.database.empty()) flags.database = opt.database;
    auto store = open_evidence_store(flags);
    paq::Repository paq(*store.db, *store.registry, *store.repo);
    adplatform::Settings settings;
    settings.dir = store.config.ad_audit_dir;
    settings.max_upload_bytes = store.config.ad_audit_max_upload_mb << 20;
    adplatform::Repository platform(*store.db, *store.registry, *store.repo, paq, settings);
    const std::filesystem::path input(opt.input);
    const auto ext = input.extension().string();
    const bool as_is = std::filesystem::is_regular_file(input) && ext != ".json" && ext != ".JSON";
    std::string name = input.filename().string();
    if (name.empty()) name = input.parent_path().filename().string();
    if (!as_is) name += ".zip";
    staged = jobs::waiting_path(settings.dir / "envois", "cli", as_is ? "copie" : "zip");
    if (as_is)
      std::filesystem::copy_file(input, staged);
    else
      zip_collection(input, staged);
    const Actor actor{"carepilot ad-audit", "cli", ""};
    auto a = platform.upload_file(Scope::nation(), opt.store_finess, staged, name, as_of, actor,
                                  store::now_unix());
    staged.clear();  // moved into the waiting directory, or removed when refused
    jobs::Runner runner(*store.db);
    runner.on(adplatform::kJobKind,
              [&](const nlohmann::json& p, jobs::JobContext&) { platform.run_job(p, today_); });
    while (runner.run_once()) {
    }
    a = platform.get(Scope::nation(), opt.store_finess, a.id);
    store.written();
    if (a.state != adplatform::State::done)
      return refuse("enregistrement refusé : " +
                    (a.error.empty() ? std::string("l'analyse n'a pas abouti") : a.error));
    std::cout << "Enregistré comme audit Active Directory n° " << a.id << " de l'établissement "
              << opt.store_finess << " au " << french_date_text(a.as_of)
              << (a.complete ? std::string()
                             : " (audit incomplet, niveau retenu : " +
                                   (a.level ? std::to_string(*a.level) : std::string("—")) + ")")
              << " : dans la série des audits de l'établissement, avec sa preuve « audit de "
                 "sécurité Active Directory » et son rapport.\n";
    return 0;
  } catch (const std::exception& e) {  // a UserError (refusal) or a store failure
    if (!staged.empty()) jobs::remove_waiting_file(staged.string());
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
  if (!opt.store_finess.empty() && store_result(opt, as_of) != 0) return 2;
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
      "Enregistrer la collecte comme audit AD de cet établissement (FINESS ET), comme un dépôt "
      "sur la plateforme");
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
