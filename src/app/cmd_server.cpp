// Subcommands that work on the platform database: serve, migrate, demo, import.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/audit_setup.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/version.hpp"
#include "auth/demo.hpp"
#include "common/french.hpp"
#include "evidence/calendar.hpp"
#include "evidence/stored.hpp"
#include "evidence/trends.hpp"
#include "http/templates.hpp"
#include "jobs/digest.hpp"
#include "jobs/runner.hpp"
#include "referential/loader.hpp"
#include "registry/finess_import.hpp"
#include "store/generation.hpp"
#include "store/migrations.hpp"
#include "web/app_routes.hpp"
#include "web/demo.hpp"
#include "web/server.hpp"

namespace carepilot::app {

namespace {

void add_common_flags(CLI::App* cmd, ConfigFlags& f) {
  cmd->add_option("--config", f.config_file, "Fichier de configuration TOML");
  cmd->add_option("--database", f.database,
                  "Base de données : sqlite:CHEMIN ou postgresql://utilisateur@hôte/base");
}

std::unique_ptr<store::Database> open_migrated(const Config& c, std::size_t pool) {
  use_audit_key(c);  // before anything can append to the audit trail
  auto db = store::Database::open(c.database, pool);
  int n = store::migrate(*db);
  if (n > 0)
    std::cerr << "carepilot: " << plural(n, "migration appliquée", "migrations appliquées") << "\n";
  return db;
}

}  // namespace

void register_serve(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  auto* cmd = app.add_subcommand("serve", "Lancer le serveur web");
  add_common_flags(cmd, *flags);
  cmd->add_option("--listen", flags->listen, "Adresse d'écoute HÔTE:PORT (défaut 127.0.0.1:8080)");
  cmd->add_option("--threads", flags->threads, "Nombre de fils du serveur HTTP");
  cmd->add_option("--dsfr-dir", flags->dsfr_dir, "Dossier dist/ du DSFR");
  auto demo = std::make_shared<bool>(false);
  cmd->add_flag("--demo", *demo, "Charger les données de démonstration si la base est vide");
  cmd->callback([flags, demo] {
    web::block_stop_signals();
    Config c = load_config(*flags);
    if (*demo) c.demo_on_first_start = true;
    // Checked before the database is touched: a bad setting migrates and creates nothing.
    web::TrustedProxies proxies;
    try {
      proxies = web::TrustedProxies::parse(c.trusted_proxies);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("configuration" +
                               (flags->config_file.empty() ? "" : " " + flags->config_file) +
                               " : " + e.what());
    }
    auto db = open_migrated(c, c.db_pool);
    CheckpointTimer checkpoints(*db, c);  // signed checkpoints of the audit trail
    web::AppOptions opts;
    opts.dsfr_dir = find_dsfr_dir(c.dsfr_dir);
    opts.max_upload_bytes = c.max_upload_mb << 20;
    opts.max_json_bytes = c.max_json_kb << 10;
    opts.ad_audit_max_upload_bytes = c.ad_audit_max_upload_mb << 20;
    opts.ad_audit_single_body_bytes = c.ad_audit_single_body_mb << 20;
    opts.ad_audit_dir = c.ad_audit_dir;
    opts.exposure_max_upload_bytes = c.exposure_max_upload_mb << 20;
    opts.exposure_dir = c.exposure_dir;
    opts.auth.second_factor_for_all = c.second_factor_for_all;
    opts.auth.secure_cookies = c.secure_cookies || c.tls;
    opts.auth.idle_timeout_s = static_cast<std::int64_t>(c.session_idle_minutes) * 60;
    opts.auth.absolute_timeout_s = static_cast<std::int64_t>(c.session_max_hours) * 3600;
    opts.auth.public_url = c.public_url;
    if (opts.auth.public_url == Config{}.public_url) opts.auth.public_url = "http://" + c.listen;
    opts.auth.smtp_url = c.smtp_url;
    opts.auth.smtp_from = c.smtp_from;
    opts.auth.smtp_user = c.smtp_user;
    opts.auth.smtp_password = c.smtp_password;
    web::WebApp webapp(*db, opts);
    webapp.repo().seed_regions();
    if (c.demo_on_first_start && webapp.repo().real_establishments() > 0) {
      std::cerr << "carepilot: --demo refusé : la base contient des établissements réels ; les "
                   "données et comptes de démonstration ne vont que dans une base qui ne "
                   "contient rien d'autre.\n";
      exit_code() = 2;
      return;
    }
    if (c.demo_on_first_start && webapp.repo().counts(Scope::nation()).establishments == 0) {
      auto s = web::load_demo(webapp, evidence::paris_today());
      std::cerr << "carepilot: données de démonstration chargées (" << s.establishments
                << " établissements)\n";
    }
    if (c.demo_on_first_start &&
        auth::seed_demo_accounts(webapp.auth_store(), webapp.repo(), webapp.auth().hash_cost) > 0)
      std::cerr << "carepilot: comptes de démonstration créés (mot de passe « "
                << auth::kDemoPassword << " », voir docs/auth.md)\n";
    http::set_site_settings({c.state_operator, "carepilot", kVersion});
    auto [host, port] = split_listen(c.listen);
    web::ServerOptions so;
    so.host = host;
    so.port = port;
    so.threads = c.threads;
    so.access_log = c.access_log;
    so.tls = c.tls;
    so.trusted_proxies = proxies;
    so.hard_body_limit =
        std::max({opts.max_upload_bytes, opts.max_json_bytes,
                  std::min(opts.ad_audit_max_upload_bytes, opts.ad_audit_single_body_bytes),
                  opts.exposure_max_upload_bytes}) +
        (1u << 20);
    web::Server server(so, webapp.routes());
    webapp.attach(server);
    // The job runner of this instance (docs/jobs.md): every instance runs one; a job is
    // taken by one instance at a time. Handlers are registered before start().
    jobs::Runner runner(*db);
    runner.on(
        "reminders.weekly",
        jobs::reminders_handler(webapp.auth_store(), jobs::stored_statuses(webapp.evidence_repo()),
                                auth::make_mailer(opts.auth),
                                {runner.settings().digest_horizon_days, opts.auth.public_url}));
    // The stored compliance for the date of the occurrence (evidence/stored.hpp): batched and
    // resumable, so a server killed midway resumes when the job's lease has run out.
    runner.on("compliance.recompute_all", [&](const nlohmann::json& p, jobs::JobContext& ctx) {
      auto date = parse_date(p.at("date").get<std::string>());
      if (!date) throw std::invalid_argument("date invalide : " + p.dump());
      evidence::recompute_all(*db, webapp.evidence_repo(), *date, 500,
                              [&](const evidence::RecomputeStats&) {
                                if (ctx.stopping()) throw jobs::Interrupted();
                              });
    });
    // The monthly snapshot of the month that ended (evidence/trends.hpp): idempotent.
    runner.on("compliance.snapshot", [&](const nlohmann::json& p, jobs::JobContext&) {
      auto month = evidence::parse_month(p.at("month").get<std::string>());
      if (!month) throw std::invalid_argument("mois invalide : " + p.dump());
      evidence::snapshot_month(*db, webapp.evidence_repo(), *month, evidence::paris_today());
    });
    // AD audits of collections uploaded from the pages (docs/ad-audit.md « Dans la
    // plateforme »): a refused collection marks its audit failed; anything else is retried.
    runner.on(adplatform::kJobKind, [&](const nlohmann::json& p, jobs::JobContext&) {
      adplatform::run_job(webapp.adaudit(), p);
    });
    // Exposure scans uploaded from the pages (issue 17): likewise.
    runner.on(exposureplatform::kJobKind, [&](const nlohmann::json& p, jobs::JobContext&) {
      exposureplatform::run_job(webapp.exposure(), p);
    });
    server.start();
    runner.start();
    std::cerr << "carepilot " << kVersion << " : http://" << c.listen << "/ (base "
              << (db->backend() == store::Backend::sqlite ? "SQLite" : "PostgreSQL") << ")\n";
    server.run_until_signal();
    runner.stop();  // after the running job's handler returns
    std::cerr << "carepilot: arrêté proprement\n";
  });
}

void register_migrate(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  auto* cmd = app.add_subcommand("migrate", "Appliquer les migrations du schéma");
  add_common_flags(cmd, *flags);
  cmd->callback([flags] {
    Config c = load_config(*flags);
    use_audit_key(c);
    auto db = store::Database::open(c.database, 1);
    int n = store::migrate(*db);
    std::cout << plural(n, "migration appliquée", "migrations appliquées")
              << " ; version du schéma : " << store::schema_version(*db) << "\n";
    // A database of a release before the keyed trail (migration 0012) holds unkeyed entries:
    // the first signed checkpoint attests them, so `audit verify` passes right after upgrading.
    if (n > 0) write_audit_checkpoint(*db, c);
  });
}

void register_demo(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  auto* cmd = app.add_subcommand("demo", "Charger les données de démonstration");
  add_common_flags(cmd, *flags);
  cmd->callback([flags] {
    Config c = load_config(*flags);
    auto db = open_migrated(c, 1);
    web::WebApp webapp(*db, web::AppOptions{});
    webapp.repo().seed_regions();
    if (auto real = webapp.repo().real_establishments(); real > 0) {
      std::cerr << "carepilot demo : refusé, la base contient " << real
                << (real == 1 ? " établissement réel" : " établissements réels")
                << " ; les données de démonstration ne se chargent que dans une base qui ne "
                   "contient rien d'autre (créez-en une à part, par exemple "
                   "--database sqlite:var/demo.db).\n";
      exit_code() = 2;
      return;
    }
    auto s = web::load_demo(webapp, evidence::paris_today());
    int accounts =
        auth::seed_demo_accounts(webapp.auth_store(), webapp.repo(), auth::default_hash_cost());
    if (s.already_loaded && s.evidence == 0 && accounts == 0)
      std::cout << "Données de démonstration déjà présentes.\n";
    else
      std::cout << "Données de démonstration chargées : " << s.establishments
                << " établissements (marqués « démo ») avec leurs preuves, exercices, "
                   "autoévaluations, actions du PAQ, formations et budgets ; "
                << plural(accounts, "compte", "comptes") << " de démonstration (mot de passe « "
                << auth::kDemoPassword << " »).\n";
    write_audit_checkpoint(*db, c);
  });
}

void register_import(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("import-finess", "Importer un extrait FINESS (tout ou rien)");
  add_common_flags(cmd, *flags);
  cmd->add_option("FILE", *file, "Extrait FINESS (etalab, « ; ») ou flux Structures FINESS en JSON")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->callback([flags, file] {
    Config c = load_config(*flags);
    auto db = open_migrated(c, 1);
    registry::Repository repo(*db, registry::Catalog::builtin());
    repo.seed_regions();
    std::ifstream in(*file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    // Stored compliance of every establishment written, in the import's transaction.
    auto ref = referential::load_default_referential();
    evidence::Repository evidence_repo(*db, repo, ref);
    auto rep = registry::import_finess_extract(
        *db, registry::Catalog::builtin(), Scope::nation(), ss.str(), {}, *file,
        [&evidence_repo](soci::session& sql, const std::vector<std::int64_t>& ids) {
          evidence::recompute_some(sql, evidence_repo, ids, evidence::paris_today());
        });
    const bool json = rep.format == registry::FinessFormat::json_structures;
    if (rep.applied) {
      store::bump_generation(*db);
      write_audit_checkpoint(*db, c);
      std::cout << plural(rep.establishments, "établissement importé", "établissements importés")
                << " : " << rep.inserted << " " << agree(rep.inserted, "créé", "créés") << ", "
                << rep.updated << " mis à jour ; " << rep.out_of_perimeter << " hors périmètre "
                << agree(rep.out_of_perimeter, "ignoré", "ignorés");
      if (json)
        std::cout << " ; "
                  << plural(rep.closed, "entité géographique fermée ignorée",
                            "entités géographiques fermées ignorées")
                  << " ("
                  << plural(rep.legal_entities, "entité juridique lue", "entités juridiques lues")
                  << ", flux JSON)";
      std::cout << ".\n";
      for (const auto& [category, n] : rep.out_of_perimeter_by_category)
        std::cout << "  hors périmètre : " << category << " : " << n << "\n";
      return;
    }
    std::cerr << "Import refusé, rien n'a été enregistré ("
              << plural(static_cast<std::int64_t>(rep.errors.size()), "erreur", "erreurs") << ", "
              << rep.error_code << ") :\n";
    for (const auto& e : rep.errors)
      std::cerr << "  " << e.location() << ", " << e.field << " : " << e.reason << "\n";
    exit_code() = 2;
  });
}

}  // namespace carepilot::app
