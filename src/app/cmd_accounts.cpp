// Subcommands for operators: `carepilot user add` (the first national administrator of a
// fresh install, or any account) and `carepilot audit verify` (walks the audit chain).
#include <iostream>
#include <string>

#include "app/audit_setup.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "auth/accounts.hpp"
#include "common/errors.hpp"
#include "common/french.hpp"
#include "registry/catalog.hpp"
#include "registry/repository.hpp"
#include "store/audit_log.hpp"
#include "store/migrations.hpp"

namespace carepilot::app {

void register_user(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  struct Args {
    std::string email, role, scope;
  };
  auto args = std::make_shared<Args>();
  auto* user = app.add_subcommand("user", "Gérer les comptes");
  user->require_subcommand(1);
  auto* add = user->add_subcommand(
      "add", "Créer un compte (mot de passe lu sur l'entrée standard, jamais en argument)");
  add->add_option("--config", flags->config_file, "Fichier de configuration TOML");
  add->add_option("--database", flags->database, "Base de données");
  add->add_option("--email", args->email, "Adresse électronique")->required();
  std::string roles;
  for (Role r : all_roles()) roles += (roles.empty() ? "" : ", ") + std::string(role_name(r));
  add->add_option("--role", args->role, "Rôle : " + roles)->required();
  add->add_option("--scope", args->scope,
                  "Périmètre : nation | region:CODE | ght:CODE | establishment:FINESS")
      ->required();
  add->callback([flags, args] {
    Config c = load_config(*flags);
    use_audit_key(c);
    auto db = store::Database::open(c.database, 1);
    store::migrate(*db);
    registry::Repository registry(*db, registry::Catalog::builtin());
    registry.seed_regions();
    auto role = parse_role(args->role);
    if (!role) {
      std::cerr << "carepilot: rôle inconnu « " << args->role << " »\n";
      exit_code() = 2;
      return;
    }
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    try {
      auth::AuthStore store(*db);
      Scope scope = auth::parse_scope_spec(registry, args->scope, Scope::nation());
      auto u =
          auth::create_account(store, args->email, password, *role, scope,
                               auth::default_hash_cost(), Actor{"carepilot user add", "cli", ""});
      std::cout << "Compte créé : " << u.email << " (" << role_label(u.role) << ", "
                << auth::scope_label(registry, u.scope) << ")."
                << (role_requires_second_factor(u.role)
                        ? " La double authentification sera activée à la première connexion."
                        : "")
                << "\n";
      write_audit_checkpoint(*db, c);
    } catch (const UserError& e) {
      std::cerr << "carepilot: compte refusé : " << e.what() << "\n";
      for (const auto& f : e.fields()) std::cerr << "  " << f.message << "\n";
      exit_code() = 2;
    }
  });
}

void register_audit(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  auto* audit = app.add_subcommand("audit", "Journal des modifications");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Vérifier la chaîne d'empreintes du journal");
  verify->add_option("--config", flags->config_file, "Fichier de configuration TOML");
  verify->add_option("--database", flags->database, "Base de données");
  verify->callback([flags] {
    Config c = load_config(*flags);
    store::AuditKey key;
    try {
      key = store::load_audit_key(c.audit_key_file);
    } catch (const std::exception& e) {
      std::cout << "Vérification impossible : " << e.what() << ".\n";
      exit_code() = 2;
      return;
    }
    auto checkpoints = store::read_checkpoint_file(c.audit_checkpoint_file);
    auto db = store::Database::open(c.database, 1);
    auto s = db->lease();
    auto v = store::verify_audit(*s, key, checkpoints);
    if (v.ok) {
      std::cout << "Journal intègre : " << plural(v.entries, "entrée vérifiée", "entrées vérifiées")
                << ", " << plural(v.checkpoints, "point", "points") << " de contrôle "
                << agree(v.checkpoints, "signé concordant", "signés concordants") << ".\n";
      for (const auto& w : v.warnings) std::cout << "Attention : " << w << ".\n";
      return;
    }
    std::cout << "Journal altéré : premier maillon rompu à l'entrée " << v.broken_at << " ("
              << v.reason << ").\n";
    exit_code() = 1;
  });
  auto cflags = std::make_shared<ConfigFlags>();
  auto* checkpoint = audit->add_subcommand(
      "checkpoint", "Écrire un point de contrôle signé de la tête du journal");
  checkpoint->add_option("--config", cflags->config_file, "Fichier de configuration TOML");
  checkpoint->add_option("--database", cflags->database, "Base de données");
  checkpoint->callback([cflags] {
    Config c = load_config(*cflags);
    use_audit_key(c);
    auto db = store::Database::open(c.database, 1);
    write_audit_checkpoint(*db, c);
    std::cout << "Point de contrôle écrit dans " << c.audit_checkpoint_file << ".\n";
  });
}

}  // namespace carepilot::app
