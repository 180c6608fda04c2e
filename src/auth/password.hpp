// Passwords: argon2id hashes (libsodium's crypto_pwhash_str, whose encoded string records the
// algorithm and its parameters, so they can be raised later) and the password rules, after
// ANSSI's guidance: length over complexity, and no common password.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace carepilot::auth {

// Cost of new hashes. Interactive defaults of libsodium; tests lower them.
struct HashCost {
  unsigned long long opslimit;
  std::size_t memlimit;
};
HashCost default_hash_cost();
// Lowest cost libsodium accepts: only for tests and the unknown-user dummy check.
HashCost minimal_hash_cost();

// The password as hashed and checked: Unicode NFKC (NIST SP 800-63B 5.1.1.2), so that "été"
// typed with precomposed (NFC) or decomposed (NFD) accents, or with compatibility forms
// (full-width letters, ligatures), is the same password. Invalid UTF-8 is returned as is.
std::string normalize_password(std::string_view password);

// The encoded argon2id string ("$argon2id$v=19$m=…,t=…,p=…$salt$hash") of the NFKC form.
std::string hash_password(std::string_view password, HashCost cost = default_hash_cost());

enum class PasswordMatch {
  no,      // wrong password or malformed hash
  yes,     // matches the NFKC form
  legacy,  // matches only the form typed (or its NFD form): a hash made before the
           // normalisation; hash the password again (hash_password) now that it is known
};
// Constant-time check of the NFKC form, then of the raw form and its NFD form when they differ
// (hashes made before normalisation). The work done depends on the password typed only, not
// on the hash, so an unknown account's dummy check costs the same.
PasswordMatch match_password(const std::string& encoded, std::string_view password);
// match_password(...) != PasswordMatch::no.
bool verify_password(const std::string& encoded, std::string_view password);
// True when `encoded` was made with other parameters than `cost` (rehash at next login).
bool needs_rehash(const std::string& encoded, HashCost cost = default_hash_cost());

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 256;

// Why `password` is refused for the account `email`, in French, or nullopt when accepted:
// fewer than 12 characters (counted as UTF-8 code points), more than 256, invalid UTF-8, a
// common password (embedded list, compared case-insensitively, also with trailing digits
// and symbols stripped), a single repeated character, or containing the e-mail's local part.
std::optional<std::string> password_problem(std::string_view password, std::string_view email);

}  // namespace carepilot::auth
