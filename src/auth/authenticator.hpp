// Establishes who is calling (Server::authenticate): the session cookie for pages, a
// "Bearer cpt_…" API token for /api/v1. Enforces the session timeouts (idle, absolute),
// disabled accounts, and token expiry, revocation and scope.
//
// Authenticated sessions and tokens are kept in an in-process cache, bounded in size
// (AuthOptions::cache_max_entries) and in age (cache_ttl_ms). An entry is served only while
// its user's generation (users.auth_generation, bumped by every sign-out, password change,
// disabling, role or scope change and token revocation) is the one it was read with: the
// generation is read again (one prepared query per user) at most every cache_recheck_ms,
// and at once after such a change made through this instance (AuthStore listeners). Last-
// seen times are written back in batches by a background thread (activity_flush_ms).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "auth/model.hpp"
#include "auth/store.hpp"
#include "http/request.hpp"

namespace carepilot::auth {

class Authenticator {
 public:
  Authenticator(AuthStore& store, AuthOptions opts);
  ~Authenticator();
  Authenticator(const Authenticator&) = delete;
  Authenticator& operator=(const Authenticator&) = delete;

  // Fills req.caller: anonymous without credentials (or with an expired session), the
  // user's role and scope otherwise. A presented API token that is unknown, expired,
  // revoked or beyond its owner's rights is refused: UserError 401 auth.token_*.
  void authenticate(http::Request& req);

  std::int64_t now() const;
  // Whether the user must pass a second factor (their role, the deployment setting, or a
  // second factor they enrolled of their own accord).
  bool second_factor_required(const User& u) const;
  // "cp_session=…; Path=/; HttpOnly; SameSite=Lax[; Secure]" (empty value + Max-Age=0 to end).
  std::string session_cookie(const std::string& raw_id) const;
  std::string clear_cookie() const;

  AuthStore& store() { return store_; }
  const AuthOptions& options() const { return opts_; }

  // Writes the pending last-seen and last-use times now (the background thread does so
  // every activity_flush_ms, and the destructor once more).
  void flush_activity();
  // Entries in the cache (sessions and tokens).
  std::size_t cached_entries();

 private:
  struct Entry {
    bool token = false;
    std::int64_t user_id = 0;
    std::int64_t generation = 0;
    std::int64_t loaded_ms = 0;
    std::string email;
    Role role = Role::establishment_reader;
    Scope scope;
    bool second_factor = false;  // the user (the token's owner) has a second factor
    // sessions
    std::string csrf;
    std::int64_t created_at_s = 0, last_seen_s = 0;
    // tokens
    std::int64_t token_id = 0;
    std::string expires_on;
    std::int64_t used_s = 0;  // last use marked for write-back
  };
  struct Check {
    std::int64_t generation = 0;
    std::int64_t checked_ms = 0;
  };

  void from_session(http::Request& req, const std::string& raw);
  void from_token(http::Request& req, const std::string& raw);
  // The cached entry for `key` when it may be served now (its user's generation read
  // again when due), else nullopt (and the entry is dropped).
  std::optional<Entry> cached(const std::string& key, bool token, std::int64_t now_s);
  void keep(const std::string& key, Entry e, std::uint64_t epoch);
  std::uint64_t epoch();
  std::int64_t now_ms() const;
  void flusher();

  AuthStore& store_;
  AuthOptions opts_;
  int listener_ = 0;

  std::mutex mu_;                                       // guards everything below
  std::unordered_map<std::string, Entry> entries_;      // by SHA-256 of the cookie or token
  std::unordered_map<std::int64_t, Check> checks_;      // by user id
  std::uint64_t epoch_ = 0;                             // bumped by every local change
  std::unordered_map<std::string, std::int64_t> seen_;  // session hash -> last seen (s)
  std::unordered_map<std::int64_t, std::string> used_;  // token id -> last use (ISO)
  bool stop_ = false;
  std::condition_variable wake_;
  std::thread flusher_;
};

// The value of cookie `name` in a Cookie header ("" when absent).
std::string cookie_value(const std::string& header, const std::string& name);

}  // namespace carepilot::auth
