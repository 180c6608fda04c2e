#include "app/evidence_store.hpp"

#include "app/audit_setup.hpp"
#include "referential/loader.hpp"
#include "store/generation.hpp"
#include "store/migrations.hpp"

namespace carepilot::app {

EvidenceStore open_evidence_store(const ConfigFlags& flags) {
  EvidenceStore s;
  s.config = load_config(flags);
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
