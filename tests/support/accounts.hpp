// Accounts for HTTP tests: users created straight in the store (cheapest hashes), sessions
// opened either through the real sign-in pages or straight in the store, and calls that
// carry the session cookie and its CSRF token.
#pragma once

#include <optional>
#include <string>

#include "auth/model.hpp"
#include "test_server.hpp"

namespace carepilot::testing {

inline constexpr const char* kTestPassword = "une phrase de passe solide pour les tests";

struct Session {
  std::string cookie;  // "cp_session=…"
  std::string csrf;
  std::string bearer;  // "Bearer cpt_…" instead of a cookie, for API-token callers
};

// Creates an account; with `totp` it is enrolled with a fresh secret (returned in the user).
auth::User make_user(TestServer& srv, const std::string& email, Role role, const Scope& scope,
                     bool totp = false);
// A full session opened in the store (no sign-in pages): for tests of what a role may do.
Session session_for(TestServer& srv, const auth::User& u);
// Signs in through POST /connexion (and /connexion/code when the user has a second factor,
// with the code for `unix_time`). Returns nullopt when the server refuses.
std::optional<Session> sign_in(TestServer& srv, const std::string& email,
                               const std::string& password, const std::string& totp_code = "");

// Signs every later call of `srv` in as a new account of `role` over `scope` (module tests with
// authentication on, as the role that really calls them). With `totp` the account has the
// second factor (withdrawing, declaring need it). Returns the account.
auth::User act_as(TestServer& srv, Role role, const Scope& scope,
                  const std::string& email = "agent.module@test.fr", bool totp = false);

// Calls with the session (cookie, or bearer token) and, for writes, its CSRF token header.
HttpResult call(TestServer& srv, const Session& s, const std::string& method,
                const std::string& path, const std::string& body = "",
                const std::string& content_type = "");

// "cp_session=VALUE" from a Set-Cookie header ("" when absent).
std::string session_cookie_of(const HttpResult& r);

}  // namespace carepilot::testing
