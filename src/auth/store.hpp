// The auth tables (migration 0011_auth.sql). Secrets are never stored: sessions, API
// tokens, invitations and recovery codes are kept as SHA-256 digests of random tokens;
// passwords as argon2id strings. Changes of accounts are written to the audit trail.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/model.hpp"
#include "common/actor.hpp"
#include "store/database.hpp"

namespace carepilot::auth {

// A session, its user and the user's generation (auth_generation), read together.
struct SessionRecord {
  Session session;
  User user;
  std::int64_t generation = 0;
};
// An API token and its owner's generation, read together.
struct TokenRecord {
  ApiToken token;
  std::int64_t generation = 0;
};

// Every change that must end a cached session or token (sign-out, password change,
// disabling, role or scope change, token revocation) bumps the user's generation
// (users.auth_generation) inside its transaction, then tells this instance's listeners.
// The hot-path reads (sessions, users, tokens, generations, scope regions) are prepared
// once per connection (store::Lease::prepared).
// A search among the accounts of a scope (the users page at national scale). Each filter is
// ignored when empty; they narrow the scope, never widen it.
struct UserSearch {
  std::string query;                             // part of the e-mail or of the name
  std::optional<Role> role;                      // this role only
  std::optional<Scope::Level> level;             // accounts held on this level of scope
  std::optional<std::int64_t> establishment_id;  // accounts held on this establishment
  std::optional<bool> disabled;                  // disabled (true) or active (false) only
  bool without_second_factor = false;            // accounts with no second factor enrolled
  // "email" (the default), "role" or "scope_level", ascending, or descending with a leading
  // '-'; ties by e-mail. Anything else sorts by e-mail.
  std::string sort;
  int page = 1;  // 1-based; past the last page, the last page
  int per_page = 50;
};
struct UserPage {
  std::vector<User> users;  // in the order asked
  std::int64_t total = 0;   // every match, all pages
  int page = 1;             // the page answered
};
// An establishment with no active security-officer account.
struct UncoveredEstablishment {
  std::string finess_et;
  std::string name;
};
struct UncoveredPage {
  std::vector<UncoveredEstablishment> items;  // by name
  std::int64_t total = 0;
};

class AuthStore {
 public:
  explicit AuthStore(store::Database& db) : db_(db) {}
  store::Database& db() { return db_; }

  // ---- users
  std::optional<User> user_by_email(const std::string& email);
  std::optional<User> user_by_id(std::int64_t id);
  // The user `id` if their scope lies inside `scope` (store/scope_filter.hpp:
  // kUserScopeFilterSql), one SQL query.
  std::optional<User> user_in(const Scope& scope, std::int64_t id);
  // One page of the accounts of `scope` (their scope lies inside it) matching `f`, with the
  // count of all matches: filters, sort, LIMIT and OFFSET in SQL (two queries, whatever the
  // number of accounts).
  UserPage search_users(const Scope& scope, const UserSearch& f);
  // The establishments of `scope` where no enabled account holds the security officer's
  // role: one page of `per_page`, and their count.
  UncoveredPage establishments_without_security_officer(const Scope& scope, int page, int per_page);
  // Inserts (id set on return). Throws UserError 409 "user.duplicate_email".
  User insert_user(User u, const Actor& actor);
  // Writes every field of `u` back; `summary` goes to the audit trail.
  void update_user(const User& before, const User& after, const std::string& summary,
                   const Actor& actor);
  // A successful sign-in: the user's last sign-in time and a "login" entry in the journal
  // (the user as author, in the user's scope).
  void record_sign_in(const User& u, const Actor& actor);
  // A refused password: a "login_failed" entry naming the address tried (never the
  // password), in the scope of the account when the address is one, national otherwise.
  void record_failed_sign_in(const std::string& email, const std::optional<User>& u,
                             const Actor& actor);
  // Removes the user's second factor and recovery codes and ends their sessions (audited):
  // they enrol again at their next sign-in.
  void reset_second_factor(const User& u, const Actor& actor);
  // The user's generation (nullopt for an unknown user).
  std::optional<std::int64_t> auth_generation(std::int64_t user_id);
  // Called with the user's id after every change that bumps the generation (on this
  // instance). Returns an id for remove_listener.
  int add_listener(std::function<void(std::int64_t)> f);
  void remove_listener(int id);
  // The region a scope belongs to ("" for the nation or an unknown id).
  std::string region_of(const Scope& s);
  // Whether `inner` lies inside `outer` (same rules as the tenancy filter).
  bool scope_within(const Scope& inner, const Scope& outer);

  // ---- recovery codes (stored as digests; single use)
  void replace_recovery_codes(std::int64_t user_id, const std::vector<std::string>& codes,
                              const Actor& actor);
  // Marks the code used and returns true, or false when unknown or already used.
  bool use_recovery_code(std::int64_t user_id, const std::string& code, const Actor& actor);
  int recovery_codes_left(std::int64_t user_id);

  // ---- sessions
  // Creates a session and returns the raw id for the cookie.
  std::string create_session(std::int64_t user_id, bool full, const std::string& remote,
                             std::int64_t now_s);
  std::optional<Session> session(const std::string& raw_id);
  std::optional<Session> session_by_hash(const std::string& id_hash);
  std::optional<SessionRecord> session_record(const std::string& id_hash);
  void touch_session(const std::string& id_hash, std::int64_t now_s);
  // Writes in one transaction the last-seen times of sessions (never backwards) and the
  // last-use times of tokens: the authenticator's batched write-back.
  void write_activity(const std::vector<std::pair<std::string, std::int64_t>>& seen,
                      const std::vector<std::pair<std::int64_t, std::string>>& used);
  void set_pending_secret(const std::string& id_hash, const std::string& secret);
  void delete_session(const std::string& id_hash);
  void delete_sessions_of(std::int64_t user_id);

  // ---- throttling of failed logins
  // Seconds before `key` may try again (0: now).
  std::int64_t locked_for(const std::string& key, std::int64_t now_s);
  // Records a failure; the `free_failures`-th one locks the key for 1 s, and each further
  // one doubles the lock, up to 15 minutes.
  void record_failure(const std::string& key, std::int64_t now_s, int free_failures);
  void clear_failures(const std::string& key);

  // ---- calendar subscriptions (one active per user)
  // Revokes the user's active subscription, creates a new one and returns its raw token
  // ("cpc_" + 64 hex digits), to be shown once.
  std::string create_calendar_feed(std::int64_t user_id, const Actor& actor);
  std::optional<CalendarFeed> calendar_feed_of(std::int64_t user_id);
  // The owner of an active subscription (and marks it used); nullopt when unknown or revoked.
  std::optional<std::int64_t> calendar_feed_owner(const std::string& raw);
  // False when the user has no active subscription.
  bool revoke_calendar_feed(std::int64_t user_id, const Actor& actor);

  // ---- weekly reminder digest (docs/jobs.md): on by default, each user may turn it off
  bool weekly_digest(std::int64_t user_id);
  // Records the choice with its audit entry; false when the user does not exist.
  bool set_weekly_digest(std::int64_t user_id, bool enabled, const Actor& actor);

  // ---- API tokens
  // Returns the raw token ("cpt_…"), shown once.
  std::string insert_token(ApiToken& t, const Actor& actor);
  std::vector<ApiToken> tokens_of(std::int64_t user_id);
  // (token, digest matched) by raw token.
  std::optional<ApiToken> token_by_raw(const std::string& raw);
  std::optional<TokenRecord> token_record(const std::string& token_hash);
  // False when the token is not the user's (or already revoked).
  bool revoke_token(std::int64_t user_id, std::int64_t id, const Actor& actor);
  void token_used(std::int64_t id);

  // ---- invitations
  std::string insert_invitation(Invitation& inv, const Actor& actor);
  std::optional<Invitation> invitation_by_raw(const std::string& raw);
  // Marks it used; false when it was used meanwhile (a second use of the link).
  bool consume_invitation(std::int64_t id, const Actor& actor);
  // Invitations neither used, revoked nor expired at `now_s` whose scope lies inside
  // `scope`, newest first.
  std::vector<Invitation> pending_invitations_in(const Scope& scope, std::int64_t now_s);
  // Revokes a pending invitation (audited); false when it was used or revoked meanwhile.
  bool revoke_invitation(const Invitation& inv, const Actor& actor);

 private:
  void changed(std::int64_t user_id);
  store::Database& db_;
  std::mutex listeners_mu_;
  int last_listener_ = 0;
  std::vector<std::pair<int, std::function<void(std::int64_t)>>> listeners_;
};

// "nation" | "region" | "ght" | "establishment".
std::string scope_level_name(Scope::Level l);
std::optional<Scope::Level> parse_scope_level(const std::string& s);

}  // namespace carepilot::auth
