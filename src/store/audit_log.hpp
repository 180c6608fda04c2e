// The audit trail: an append-only, hash-chained log of every change of stored data.
// Repositories call append_audit inside the transaction of the change itself, so the change
// and its trail commit or roll back together. Each entry's hash is an HMAC-SHA-256 under the
// key of store/audit_key.hpp (kept outside the database); signed checkpoints of the head,
// kept outside the database too, reveal a deleted or cut trail. `carepilot audit verify`
// walks the chain and checks it against the checkpoints.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/scope.hpp"
#include "store/audit_key.hpp"

namespace carepilot::store {

struct AuditChange {
  std::string action;                            // create, update, delete, login, …
  std::string entity;                            // establishment, evidence, user, paq_action, …
  std::string entity_key;                        // the entity's id or natural key
  std::optional<std::int64_t> establishment_id;  // the establishment concerned, if any
  std::optional<std::string> region_code;        // the region concerned, if any
  std::string summary;                           // one line in French, for the trail page
  std::string before;  // the entity before the change (JSON text), "" when created
  std::string after;   // the entity after the change (JSON text), "" when deleted
};

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at, actor, remote, request_id, action, entity, entity_key;
  std::optional<std::int64_t> establishment_id;
  std::optional<std::string> region_code;
  std::string summary, before_digest, after_digest, prev_hash, hash;
  std::string client_request_id;  // the client's X-Request-Id, as sent ("" when none)
  // True for entries hashed with the key (HMAC). Entries written before the key existed
  // (schema < 12) are plain SHA-256; verify accepts them only up to the first checkpoint.
  bool keyed = true;
};

// Hex SHA-256 of `text` ("" for an empty text: nothing to digest).
std::string sha256_hex(const std::string& text);

// Appends one entry. Must run inside a store::Transaction on `sql` (it locks the chain's
// head until commit). Returns the entry's sequence number. Throws std::logic_error when no
// audit key is set (store::set_audit_key).
std::int64_t append_audit(soci::session& sql, const Actor& actor, const AuditChange& change);

// The hash an entry must carry, given its fields and prev_hash: HMAC-SHA-256 under `key`
// when e.keyed, plain SHA-256 for legacy entries.
std::string audit_hash(const AuditEntry& e, const AuditKey& key);

struct AuditVerdict {
  bool ok = true;
  std::int64_t entries = 0;
  std::int64_t broken_at = 0;         // the first entry whose link is broken (0 when ok)
  std::string reason;                 // French, names what does not match
  std::int64_t checkpoints = 0;       // valid checkpoints checked
  std::vector<std::string> warnings;  // French; e.g. no checkpoint to compare with
};

// Walks the whole chain in order, checking every keyed hash with `key`, then compares it with
// the checkpoints (oldest first): each must carry a valid signature, and the chain must hold
// the entry it names with the hash it names. Stops at the first fault. Detects a rewritten
// entry (even rehashed: the attacker lacks the key), a deleted or truncated trail (shorter
// than a checkpoint), a forged checkpoint and unkeyed entries after the first checkpoint.
AuditVerdict verify_audit(soci::session& sql, const AuditKey& key,
                          const std::vector<AuditCheckpoint>& checkpoints = {});

// A checkpoint of the current head, signed with `key` (reads the head in `sql`).
AuditCheckpoint make_checkpoint(soci::session& sql, const AuditKey& key);

struct AuditQuery {
  Scope scope;
  std::int64_t before_seq = 0;  // 0: from the newest
  int limit = 50;
  std::int64_t offset = 0;  // entries skipped, in the order asked
  bool ascending = false;   // oldest first (default: newest first)
  // Filters, each ignored when empty; they narrow the scope, never widen it.
  std::string actor;                             // part of the author's e-mail
  std::optional<std::int64_t> establishment_id;  // entries about this establishment
  std::string entity;                            // the object's kind ("evidence", "user", …)
  std::string from_utc, to_utc;                  // ISO UTC bounds: from <= at < to
};

// Entries visible within the scope, newest first: an establishment scope sees its
// establishment's entries; a GHT its establishments'; a region its establishments' and the
// region's own; the nation every entry. The query's filters apply on top of the scope.
std::vector<AuditEntry> list_audit(soci::session& sql, const AuditQuery& q);
// The number of entries list_audit would find without limit nor offset.
std::int64_t count_audit(soci::session& sql, const AuditQuery& q);

}  // namespace carepilot::store
