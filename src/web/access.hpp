// The one place where a route's required Access meets the caller (after authentication,
// before the handler): sign-in redirects, 401/403, the second factor still to pass, and the
// CSRF check of every state-changing request made with a session cookie.
#pragma once

#include <optional>

#include "http/routes.hpp"

namespace carepilot::web {

// A response that ends the request (a redirect to the login page), or nullopt to go on.
// Throws UserError 401 "auth.required", 403 "auth.forbidden" or 403 "auth.csrf".
std::optional<http::Response> enforce_access(http::Request& req, const http::Route& route);

}  // namespace carepilot::web
