// The platform database opened by a command that records evidence (`carepilot compliance`,
// `ad-audit run --store`, `exposure run --store`): the configuration, the audit trail's key
// (before anything can append to the trail), the migrations, the registry, the referential
// and the evidence repository, in that order — one sequence for every such command.
#pragma once

#include <memory>

#include "app/config.hpp"
#include "evidence/repository.hpp"
#include "referential/model.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::app {

struct EvidenceStore {
  Config config;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<registry::Repository> registry;
  std::unique_ptr<referential::Referential> ref;  // stable address: repo keeps a reference
  std::unique_ptr<evidence::Repository> repo;

  // After a write: moves the generation (pages' caches) and appends a signed checkpoint of the
  // audit trail's head.
  void written();
};

// Throws UserError 404 `database.missing` when the database is a SQLite file that does not
// exist (a recording command never creates the platform), then what load_config,
// use_audit_key, Database::open and migrate throw (French messages).
EvidenceStore open_evidence_store(const ConfigFlags& flags);

}  // namespace carepilot::app
