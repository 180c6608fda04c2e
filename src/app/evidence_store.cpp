#include "app/evidence_store.hpp"

#include <filesystem>
#include <string>

#include "app/audit_setup.hpp"
#include "common/errors.hpp"
#include "referential/loader.hpp"
#include "store/generation.hpp"
#include "store/migrations.hpp"

namespace carepilot::app {

EvidenceStore open_evidence_store(const ConfigFlags& flags) {
  EvidenceStore s;
  s.config = load_config(flags);
  // A recording command never creates the platform's database: a missing SQLite file is a
  // mistyped --database, or none given (issue 17 trial: `exposure run --store` without
  // --database made an empty var/carepilot.db and answered that the FINESS was unknown).
  const std::string& url = s.config.database;
  for (const char* prefix : {"sqlite://", "sqlite:"})
    if (url.rfind(prefix, 0) == 0) {
      const std::string path = url.substr(std::string(prefix).size());
      if (path != ":memory:" && !std::filesystem::exists(path))
        throw UserError(404, "database.missing",
                        "la base de la plateforme « " + url +
                            " » n'existe pas ; indiquez-la avec --database (ou la variable "
                            "CAREPILOT_DATABASE, ou database dans le fichier de configuration).");
      break;
    }
  use_audit_key(s.config);
  s.db = store::Database::open(s.config.database, 1);
  store::migrate(*s.db);
  s.registry = std::make_unique<registry::Repository>(*s.db, registry::Catalog::builtin());
  s.ref = std::make_unique<referential::Referential>(referential::load_default_referential());
  s.repo = std::make_unique<evidence::Repository>(*s.db, *s.registry, *s.ref);
  return s;
}

void EvidenceStore::written() {
  store::bump_generation(*db);
  write_audit_checkpoint(*db, config);
}

}  // namespace carepilot::app
