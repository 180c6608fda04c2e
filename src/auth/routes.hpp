// The accounts' pages and API: sign-in with password and second factor (TOTP or recovery
// code), enrolment, sign-out, the user's own account and API tokens, user management and
// invitations within a manager's scope, and the audit trail.
#pragma once

#include <vector>

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "auth/authenticator.hpp"
#include "auth/password.hpp"
#include "auth/store.hpp"
#include "http/routes.hpp"
#include "registry/repository.hpp"

namespace carepilot::auth {

struct Context {
  Authenticator& auth;
  AuthStore& store;
  registry::Repository& registry;
  // Delivers an invitation link (SMTP when configured, the log otherwise).
  std::function<void(const std::string& to, const std::string& subject, const std::string& body)>
      send_mail;
  HashCost hash_cost = default_hash_cost();
};

void add_routes(http::RouteTable& routes, Context& ctx);

// Writes one JSON line on standard error (security events: failed logins, refused tokens…).
void security_log(const http::Request& req, const std::string& event, const std::string& detail);

// The templates embedded by this module (generated).
const std::map<std::string_view, std::string_view>& template_files();

// Internal: the recovery codes page (recovery_codes.tpl) of `email`, shown once, with a
// text file to download and a print button; "Continuer" goes to `next`.
http::Response recovery_codes_page(const std::string& email, const std::vector<std::string>& codes,
                                   const std::string& next, const std::string& nav);

// Internal: the groups of routes (routes_*.cpp).
void add_login_routes(http::RouteTable& routes, Context& ctx);
void add_account_routes(http::RouteTable& routes, Context& ctx);
void add_user_routes(http::RouteTable& routes, Context& ctx);
void add_journal_routes(http::RouteTable& routes, Context& ctx);

}  // namespace carepilot::auth
