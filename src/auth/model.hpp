// Accounts and what hangs off them: users (one role on one scope), sessions, API tokens,
// invitations. Stored by auth/store.hpp; checked by auth/authenticator.hpp.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "common/role.hpp"
#include "common/scope.hpp"

namespace carepilot::auth {

struct User {
  std::int64_t id = 0;
  std::string email;  // lower case
  std::string display_name;
  std::string password_hash;
  Role role = Role::establishment_reader;
  Scope scope;
  std::string totp_secret;  // base32, "" when not enrolled
  bool totp_enabled = false;
  std::int64_t totp_last_step = 0;
  bool disabled = false;
  // The level of the manager who disabled the account: only a manager of that level or
  // above may re-enable it (issue 10). nullopt when enabled, or disabled before it was kept.
  std::optional<Scope::Level> disabled_by;
  std::string created_at;
  std::optional<std::string> last_sign_in_at;  // UTC ISO; nullopt: never signed in
};

struct Session {
  std::string id_hash;
  std::int64_t user_id = 0;
  bool full = false;  // false: the second factor is still to pass (or to enrol)
  std::string csrf;
  std::int64_t created_at_s = 0;
  std::int64_t last_seen_s = 0;
  std::string pending_secret;  // TOTP secret shown on the enrolment page, not yet confirmed
};

struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  std::string prefix;  // first characters, to recognise it in lists
  Role role = Role::establishment_reader;
  Scope scope;
  std::string created_at;
  std::string expires_on;  // YYYY-MM-DD, last valid day (UTC)
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_used_at;
};

// A personal calendar subscription (the raw token is shown once, never stored).
struct CalendarFeed {
  std::int64_t id = 0;
  std::string prefix;  // first characters, to recognise it
  std::string created_at;
  std::optional<std::string> last_used_at;
};

struct Invitation {
  std::int64_t id = 0;
  std::string email;
  Role role = Role::establishment_reader;
  Scope scope;
  std::int64_t invited_by = 0;
  std::int64_t expires_at_s = 0;
  std::optional<std::string> used_at;
  std::optional<std::string> revoked_at;
  std::string created_at;
};

// Settings of a deployment (configuration: [auth] section).
struct AuthOptions {
  std::int64_t idle_timeout_s = 30 * 60;
  std::int64_t absolute_timeout_s = 12 * 3600;
  bool secure_cookies = false;         // served over TLS (or behind a TLS proxy)
  bool second_factor_for_all = false;  // two-factor for every role
  std::int64_t invitation_ttl_s = 7 * 24 * 3600;
  std::string public_url;  // base of the links sent by e-mail ("https://carepilot.example")
  std::string smtp_url;    // smtp://host:port or smtps://…; empty: links go to the log
  std::string smtp_from = "carepilot@localhost";
  std::string smtp_user, smtp_password;
  bool test_hash_cost = false;          // tests: cheapest argon2id parameters
  std::function<std::int64_t()> now_s;  // unix time; system clock when unset

  // In-process cache of authenticated sessions and API tokens (auth/authenticator.hpp).
  std::size_t cache_max_entries = 10'000;  // 0: no cache, every request reads the database
  std::int64_t cache_ttl_ms = 60'000;      // an entry is read again from the database after this
  // A user's generation is read again at most this often: a sign-out, password change,
  // disabling, role change or token revocation made on another instance takes effect here
  // within this delay (on this instance, at once).
  std::int64_t cache_recheck_ms = 200;
  // Last-seen times of sessions and last-use times of tokens are written back in batches,
  // this often, by a background thread (never on the request path).
  std::int64_t activity_flush_ms = 5'000;
  std::function<std::int64_t()> now_ms;  // monotonic milliseconds; steady clock when unset
};

inline constexpr const char* kSessionCookie = "cp_session";

}  // namespace carepilot::auth
