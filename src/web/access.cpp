#include "web/access.hpp"

#include <sodium.h>

#include "common/errors.hpp"
#include "http/multipart.hpp"

namespace carepilot::web {

namespace {

bool equal_tokens(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The CSRF token a state-changing request carries: the X-CSRF-Token header (API calls from
// the browser), else the form field "csrf" (url-encoded or multipart forms).
std::string presented_csrf(const http::Request& req) {
  if (auto h = req.header("x-csrf-token"); !h.empty()) return h;
  std::string type = req.header("content-type");
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    // Any bytes: a field that is not UTF-8 is the module's to name (it shows its form again).
    return http::urlencoded_value_any_bytes(req.body, "csrf");
  } else if (type.rfind("multipart/form-data", 0) == 0) {
    for (const auto& part : http::parse_multipart(req, http::TextCheck::none))
      if (part.name == "csrf") return part.body;
  }
  return {};
}

// A browser sends Origin with cross-site POSTs: it must name this very host.
bool origin_matches(const http::Request& req) {
  std::string origin = req.header("origin");
  if (origin.empty() || origin == "null") return origin.empty();
  auto scheme_end = origin.find("://");
  if (scheme_end == std::string::npos) return false;
  return origin.substr(scheme_end + 3) == req.header("host");
}

[[noreturn]] void csrf_refused() {
  throw UserError(403, "auth.csrf",
                  "La demande n'a pas pu être vérifiée (jeton de sécurité absent ou expiré). "
                  "Rechargez la page et recommencez.");
}

}  // namespace

std::optional<http::Response> enforce_access(http::Request& req, const http::Route& route) {
  const Access need = route.required();
  if (route.is_write() && !req.caller.via_api_token) {
    if (!origin_matches(req)) csrf_refused();
    // With a session, every write carries the session's token (login forms have none).
    if (!req.caller.session_token.empty() && !equal_tokens(presented_csrf(req), req.caller.csrf))
      csrf_refused();
  }
  if (need == Access::open) return std::nullopt;
  if (!req.caller.signed_in) {
    if (route.kind == http::RouteKind::page && req.method == "GET") {
      if (req.caller.second_factor_pending) return http::Response::redirect("/connexion/code");
      std::string target = req.path;
      if (!req.query.empty()) {
        target += '?';
        for (std::size_t i = 0; i < req.query.size(); ++i)
          target += (i ? "&" : "") + http::url_encode(req.query[i].first) + "=" +
                    http::url_encode(req.query[i].second);
      }
      return http::Response::redirect("/connexion?suite=" + http::url_encode(target));
    }
    throw UserError(401, "auth.required", "Connectez-vous pour continuer.");
  }
  if (!req.caller.can(need))
    throw UserError(403, "auth.forbidden", "Votre rôle ne permet pas cette action.");
  return std::nullopt;
}

}  // namespace carepilot::web
