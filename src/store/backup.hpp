// Backup and restore of a carepilot database (issue 21, docs/operations.md).
//
// A backup is one gzip-compressed tar file holding:
//   database.sqlite        SQLite: a copy made with the online backup API (one read snapshot,
//                          consistent while the server writes)
//   database.pgdump        PostgreSQL: `pg_dump --format=custom` of the current schema, taken
//                          in an exported REPEATABLE READ snapshot
//   audit-checkpoints.log  the signed checkpoints of the audit trail (read before the
//                          snapshot), plus one checkpoint of the snapshot's head when the key
//                          is at hand
//   manifest.json          format, backend, schema version, audit head, the checkpoint
//                          public key, size and SHA-256 of each file, and per table its row
//                          count and a digest of its rows, all computed in the same snapshot
// Attachments (assessment answers' files, imported FINESS files) are stored in the database,
// so the dump holds them. The audit KEY is a secret and is never put in a backup: the operator
// keeps it apart; a restore needs it to verify the chain.
//
// A restore reads and checks the whole file (every entry, sizes and SHA-256 against the
// manifest) before touching anything, refuses a database that already holds tables, then
// restores and verifies: per-table row counts and digests equal to the manifest's, and the
// audit chain verified against the key and the backup's checkpoints.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/audit_key.hpp"
#include "store/database.hpp"

namespace carepilot::store {

// A refusal before anything was written (French message): unreadable, truncated or altered
// backup file, non-empty target, wrong backend, missing audit key.
struct BackupRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct TableDigest {
  std::string table;
  std::int64_t rows = 0;
  std::string digest;  // hex SHA-256 over the sorted SHA-256 of each row (order-free)
  bool operator==(const TableDigest&) const = default;
};

// Row count and digest of every table of the current schema (SQLite: the main database),
// sorted by table name. Values are read as text (CAST … AS TEXT), NULL kept apart from ''.
std::vector<TableDigest> table_digests(soci::session& sql, Backend backend);

struct BackupOptions {
  std::string checkpoint_file;            // the audit checkpoints file to include ("" : none)
  std::optional<AuditKey> key;            // signs a checkpoint of the snapshot's head
  std::string pg_dump = "pg_dump";        // program (found on PATH)
  std::string pg_restore = "pg_restore";  // program (found on PATH)
};

struct BackupSummary {
  Backend backend = Backend::sqlite;
  int schema_version = 0;
  std::int64_t audit_entries = 0;
  std::string audit_head;
  std::int64_t checkpoints = 0;  // checkpoint lines in the backup
  std::vector<TableDigest> tables;
  std::uintmax_t bytes = 0;  // size of the backup file
};

// Writes the backup of `db` to `out_file` (through a temporary file renamed at the end, mode
// 0600). Throws std::runtime_error (French) on failure; `out_file` is then left untouched.
BackupSummary create_backup(Database& db, const std::string& out_file, const BackupOptions& o);

struct RestoreOptions {
  AuditKey key;                 // the operator's audit key (required to verify the chain)
  std::string checkpoint_file;  // where the backup's checkpoints are installed when absent
  std::string pg_restore = "pg_restore";
};

struct RestoreResult {
  BackupSummary manifest;
  bool ok = false;                    // rows and digests equal, audit chain verified
  std::vector<std::string> problems;  // French, one per mismatch
  std::int64_t audit_entries = 0;     // verified entries
  std::int64_t audit_checkpoints = 0;
  bool checkpoints_installed = false;  // the checkpoint file was absent and has been written
};

// Restores `in_file` into the database named by `url`, which must hold no table. Throws
// BackupRefused when the file or the target is refused (nothing written), std::runtime_error
// when the restore itself fails; returns the verification's result otherwise.
RestoreResult restore_backup(const std::string& url, const std::string& in_file,
                             const RestoreOptions& o);

// Number of tables in the target's current schema (0: empty); 0 when a SQLite file is absent.
int count_tables(const std::string& url);

}  // namespace carepilot::store
