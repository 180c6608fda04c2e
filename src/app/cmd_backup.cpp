// Subcommands `carepilot backup` and `carepilot restore` (issue 21, docs/operations.md).
#include <filesystem>
#include <iostream>
#include <string>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "common/french.hpp"
#include "store/backup.hpp"

namespace carepilot::app {

void register_backup(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  auto out = std::make_shared<std::string>();
  auto no_checkpoint = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "backup", "Sauvegarder la base, ses pièces jointes et les points de contrôle du journal");
  cmd->add_option("--config", flags->config_file, "Fichier de configuration TOML");
  cmd->add_option("--database", flags->database, "Base de données");
  cmd->add_option("--out", *out, "Fichier de sauvegarde à écrire (.tar.gz)")->required();
  cmd->add_flag("--no-checkpoint", *no_checkpoint,
                "Sauvegarder sans la clé du journal, donc sans point de contrôle de sa tête");
  cmd->callback([flags, out, no_checkpoint] {
    Config c = load_config(*flags);
    store::BackupOptions o;
    o.checkpoint_file = c.audit_checkpoint_file;
    std::unique_ptr<store::Database> db;
    try {
      // A backup reads an existing database: never create an empty SQLite file here.
      std::string connect;
      if (store::parse_database_url(c.database, connect) == store::Backend::sqlite) {
        auto path = connect.substr(3, connect.find(' ') - 3);
        if (!std::filesystem::exists(path))
          throw store::BackupRefused("la base SQLite « " + path + " » n'existe pas");
      }
      db = store::Database::open(c.database, 1);
    } catch (const store::BackupRefused& e) {
      std::cerr << "carepilot: sauvegarde refusée : " << e.what() << ".\n";
      exit_code() = 2;
      return;
    } catch (const std::exception& e) {
      if (!store::is_connection_failure(e)) throw;
      std::cerr << "carepilot: sauvegarde refusée : base de données injoignable (" << e.what()
                << ").\n";
      exit_code() = 2;
      return;
    }
    // The key signs a checkpoint of the saved head; it is never copied into the backup. A key
    // not found is most often a command run from another folder (relative paths): refused,
    // naming the path searched, unless the operator asks for a backup without checkpoint.
    if (std::filesystem::exists(c.audit_key_file)) {
      o.key = store::load_audit_key(c.audit_key_file);
    } else if (!*no_checkpoint) {
      std::cerr << "carepilot: sauvegarde refusée : clé du journal introuvable ("
                << std::filesystem::absolute(c.audit_key_file).string()
                << "). Lancez la commande depuis le dossier de carepilot, ou indiquez la clé "
                << "(audit_key_file dans --config, ou CAREPILOT_AUDIT_KEY_FILE) ; "
                << "--no-checkpoint sauvegarde sans point de contrôle du journal.\n";
      exit_code() = 2;
      return;
    } else {
      std::cerr << "carepilot: clé du journal absente (" << c.audit_key_file
                << ") : la sauvegarde ne portera pas de point de contrôle de sa tête.\n";
    }
    auto s = store::create_backup(*db, *out, o);
    std::int64_t rows = 0;
    for (const auto& t : s.tables) rows += t.rows;
    std::cout << "Sauvegarde écrite : " << *out << " (" << s.bytes << " octets) — "
              << s.tables.size() << " tables, " << rows << " lignes, schéma version "
              << s.schema_version << ", journal de " << plural(s.audit_entries, "entrée", "entrées")
              << ", " << plural(s.checkpoints, "point", "points")
              << " de contrôle. La clé du journal n'y est pas : "
              << "conservez " << c.audit_key_file << " à part.\n";
  });
}

void register_restore(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  auto in = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("restore",
                                 "Restaurer une sauvegarde dans une base vide, puis la vérifier");
  cmd->add_option("--config", flags->config_file, "Fichier de configuration TOML");
  cmd->add_option("--database", flags->database, "Base de données (vide)");
  cmd->add_option("--in", *in, "Fichier de sauvegarde à lire")->required();
  cmd->callback([flags, in] {
    Config c = load_config(*flags);
    store::RestoreOptions o;
    o.checkpoint_file = c.audit_checkpoint_file;
    try {
      try {
        o.key = store::load_audit_key(c.audit_key_file);
      } catch (const std::exception& e) {
        throw store::BackupRefused(std::string("clé du journal nécessaire à la vérification : ") +
                                   e.what() + " (la clé n'est jamais dans la sauvegarde)");
      }
      auto r = store::restore_backup(c.database, *in, o);
      std::int64_t rows = 0;
      for (const auto& t : r.manifest.tables) rows += t.rows;
      if (!r.ok) {
        std::cout << "Restauration NON conforme à la sauvegarde :\n";
        for (const auto& p : r.problems) std::cout << "  " << p << "\n";
        exit_code() = 1;
        return;
      }
      std::cout << "Restauration vérifiée : " << r.manifest.tables.size() << " tables, " << rows
                << " lignes identiques à la sauvegarde ; journal intègre (" << r.audit_entries
                << " " << agree(r.audit_entries, "entrée", "entrées") << ", "
                << plural(r.audit_checkpoints, "point", "points") << " de contrôle).\n";
      if (r.checkpoints_installed)
        std::cout << "Points de contrôle du journal écrits dans " << c.audit_checkpoint_file
                  << ".\n";
      else
        std::cout << "Le fichier " << c.audit_checkpoint_file << " existait : laissé tel quel.\n";
      std::cout << "Lancez « carepilot migrate » si la sauvegarde vient d'une version antérieure "
                << "(schéma version " << r.manifest.schema_version << ").\n";
    } catch (const store::BackupRefused& e) {
      std::cerr << "carepilot: restauration refusée : " << e.what() << ".\n";
      exit_code() = 2;
    } catch (const std::exception& e) {
      if (!store::is_connection_failure(e)) throw;
      std::cerr << "carepilot: restauration refusée : base de données injoignable (" << e.what()
                << ").\n";
      exit_code() = 2;
    }
  });
}

}  // namespace carepilot::app
