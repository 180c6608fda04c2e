// Versioned schema migrations, embedded in the binary (src/store/migrations/NNNN_name.sql).
// Applied in order, each in its own transaction, recorded in schema_migrations; the same
// files give the same schema on SQLite and PostgreSQL (dialect tokens replaced per backend;
// a statement starting with @SQLITE@ or @POSTGRESQL@ runs on that backend only).
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace carepilot::store {

struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;  // already translated for the backend
};

// All known migrations for `backend`, ordered by version.
std::vector<Migration> migrations_for(Backend backend);

// Applies the pending migrations; returns how many were applied. Safe to call from several
// processes at once (PostgreSQL advisory lock; SQLite write lock).
// `up_to` stops after that version (tests of a migration over rows written before it).
int migrate(Database& db, int up_to = std::numeric_limits<int>::max());

// Highest applied version (0 on an empty database).
int schema_version(Database& db);

}  // namespace carepilot::store
