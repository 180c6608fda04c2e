// The secret that keys the audit trail, kept outside the database (issue 10, docs/auth.md
// "Journal"): whoever can write the database must not be able to rewrite an entry and
// rehash the rest of the chain, nor delete or cut the trail unnoticed.
//
// - Each entry's hash is HMAC-SHA-256 under a 32-byte key (libsodium crypto_auth_hmacsha256).
// - Signed checkpoints (sequence number, head hash, UTC time) are appended to a file outside
//   the database and written to the log; they are signed with Ed25519 (libsodium
//   crypto_sign). `carepilot audit verify` checks the chain against the key and the last
//   checkpoints: a rewrite breaks the HMAC, a deletion or a cut tail falls short of a
//   checkpoint.
//
// Key file: 64 hex characters (one 32-byte secret) and a newline, created with mode 0600 at
// first start; the HMAC key and the Ed25519 seed are derived from the secret (BLAKE2b with
// distinct personalisation), so one file is enough to keep safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace carepilot::store {

struct AuditKey {
  std::array<unsigned char, 32> mac{};      // HMAC-SHA-256 key of the chain
  std::array<unsigned char, 64> sign_sk{};  // Ed25519 secret key of the checkpoints
  std::array<unsigned char, 32> sign_pk{};  // its public key
  std::string public_key_hex() const;
  static AuditKey from_secret(const std::array<unsigned char, 32>& secret);
  static AuditKey random();  // tests
};

// Reads the key file, or creates it (mode 0600, parent folders created) when absent. Throws
// std::runtime_error (French) when the file is unreadable, malformed, or readable by others.
AuditKey load_or_create_audit_key(const std::string& path);
// Reads an existing key file; throws when absent or malformed.
AuditKey load_audit_key(const std::string& path);

// For tools run beside a server (benchmarks): makes the process's key the one that server
// uses by default, $CAREPILOT_AUDIT_KEY_FILE or else var/audit.key (created when absent).
void use_audit_key_from_environment();

// The process's key. Every append_audit needs one: it throws std::logic_error until set.
void set_audit_key(const AuditKey& key);
const AuditKey& audit_key();
bool has_audit_key();

// A signed statement that the chain held `seq` entries ending with `head` at `at` (UTC ISO).
struct AuditCheckpoint {
  std::int64_t seq = 0;
  std::string head;  // hash of entry `seq` ("" when seq = 0)
  std::string at;
  std::string signature;     // hex Ed25519 signature of "carepilot-audit-checkpoint|seq|head|at"
  std::string line() const;  // one line of the checkpoint file, without newline
  bool signature_valid(const AuditKey& key) const;
  static AuditCheckpoint sign(std::int64_t seq, std::string head, std::string at,
                              const AuditKey& key);
  // Parses one line; nullopt when it is not a checkpoint line.
  static std::optional<AuditCheckpoint> parse(const std::string& line);
};

// Appends a checkpoint line to `path` (created 0600 when absent) and flushes it to disk,
// unless the file's last checkpoint already states the same seq and head: instances sharing
// the file (several `carepilot serve` on one host) then write each chain head once. Holds an
// exclusive flock while it reads and writes. Returns whether a line was written.
bool append_checkpoint_file(const std::string& path, const AuditCheckpoint& cp);
// Every checkpoint line of `path`, in file order (none when the file does not exist).
// Lines that do not parse are returned as a checkpoint with seq = -1 (so verify reports them).
std::vector<AuditCheckpoint> read_checkpoint_file(const std::string& path);

}  // namespace carepilot::store
