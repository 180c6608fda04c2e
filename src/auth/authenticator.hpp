// Establishes who is calling (Server::authenticate): the session cookie for pages, a
// "Bearer cpt_…" API token for /api/v1. Enforces the session timeouts (idle, absolute),
// disabled accounts, and token expiry, revocation and scope.
#pragma once

#include <cstdint>

#include "auth/model.hpp"
#include "auth/store.hpp"
#include "http/request.hpp"

namespace carepilot::auth {

class Authenticator {
 public:
  Authenticator(AuthStore& store, AuthOptions opts) : store_(store), opts_(std::move(opts)) {}

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

 private:
  void from_session(http::Request& req, const std::string& raw);
  void from_token(http::Request& req, const std::string& raw);

  AuthStore& store_;
  AuthOptions opts_;
};

// The value of cookie `name` in a Cookie header ("" when absent).
std::string cookie_value(const std::string& header, const std::string& name);

}  // namespace carepilot::auth
