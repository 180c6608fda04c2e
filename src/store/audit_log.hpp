// The audit trail: an append-only, hash-chained log of every change of stored data.
// Repositories call append_audit inside the transaction of the change itself, so the change
// and its trail commit or roll back together. `carepilot audit verify` walks the chain.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "common/actor.hpp"
#include "common/scope.hpp"

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
};

// Hex SHA-256 of `text` ("" for an empty text: nothing to digest).
std::string sha256_hex(const std::string& text);

// Appends one entry. Must run inside a soci::transaction on `sql` (it locks the chain's
// head until commit). Returns the entry's sequence number.
std::int64_t append_audit(soci::session& sql, const Actor& actor, const AuditChange& change);

// The hash an entry must carry, given its fields and prev_hash.
std::string audit_hash(const AuditEntry& e);

struct AuditVerdict {
  bool ok = true;
  std::int64_t entries = 0;
  std::int64_t broken_at = 0;  // the first entry whose link is broken (0 when ok)
  std::string reason;          // French, names what does not match
};

// Walks the whole chain in order. Stops at the first broken link.
AuditVerdict verify_audit(soci::session& sql);

struct AuditQuery {
  Scope scope;
  std::int64_t before_seq = 0;  // 0: from the newest
  int limit = 50;
};

// Entries visible within the scope, newest first: an establishment scope sees its
// establishment's entries; a GHT its establishments'; a region its establishments' and the
// region's own; the nation every entry.
std::vector<AuditEntry> list_audit(soci::session& sql, const AuditQuery& q);

}  // namespace carepilot::store
