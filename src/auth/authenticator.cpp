#include "auth/authenticator.hpp"

#include <chrono>

#include "common/date.hpp"
#include "common/errors.hpp"

namespace carepilot::auth {

std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    auto first = part.find_first_not_of(' ');
    if (first != std::string::npos) part.erase(0, first);
    auto eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return {};
}

std::int64_t Authenticator::now() const {
  if (opts_.now_s) return opts_.now_s();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool Authenticator::second_factor_required(const User& u) const {
  return opts_.second_factor_for_all || role_requires_second_factor(u.role) || u.totp_enabled;
}

std::string Authenticator::session_cookie(const std::string& raw_id) const {
  return std::string(kSessionCookie) + "=" + raw_id + "; Path=/; HttpOnly; SameSite=Lax" +
         (opts_.secure_cookies ? "; Secure" : "");
}

std::string Authenticator::clear_cookie() const {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (opts_.secure_cookies ? "; Secure" : "");
}

void Authenticator::authenticate(http::Request& req) {
  req.caller = http::Caller{};
  req.caller.signed_in = false;
  req.caller.role = Role::establishment_reader;
  req.caller.scope = Scope::establishment(0);  // sees nothing
  std::string authz = req.header("authorization");
  if (!authz.empty()) {
    if (authz.rfind("Bearer ", 0) != 0)
      throw UserError(401, "auth.token_invalid",
                      "En-tête Authorization invalide : « Bearer <jeton> » attendu.");
    if (req.path.rfind("/api/", 0) != 0)
      throw UserError(401, "auth.token_invalid",
                      "Les jetons d'API ne donnent accès qu'à l'API (/api/v1).");
    from_token(req, authz.substr(7));
    return;
  }
  std::string raw = cookie_value(req.header("cookie"), kSessionCookie);
  if (!raw.empty()) from_session(req, raw);
}

void Authenticator::from_session(http::Request& req, const std::string& raw) {
  auto s = store_.session(raw);
  if (!s) return;
  const auto t = now();
  if (t - s->last_seen_s > opts_.idle_timeout_s || t - s->created_at_s > opts_.absolute_timeout_s) {
    store_.delete_session(s->id_hash);
    return;
  }
  auto u = store_.user_by_id(s->user_id);
  if (!u || u->disabled) {
    store_.delete_session(s->id_hash);
    return;
  }
  if (t - s->last_seen_s >= 60) store_.touch_session(s->id_hash, t);
  auto& c = req.caller;
  c.user = u->email;
  c.user_id = u->id;
  c.session_token = s->id_hash;
  c.csrf = s->csrf;
  if (!s->full) {
    c.second_factor_pending = true;
    return;
  }
  c.signed_in = true;
  c.role = u->role;
  c.scope = u->scope;
}

void Authenticator::from_token(http::Request& req, const std::string& raw) {
  auto tok = store_.token_by_raw(raw);
  if (!tok) throw UserError(401, "auth.token_invalid", "Jeton d'API inconnu.");
  if (tok->revoked_at) throw UserError(401, "auth.token_revoked", "Ce jeton d'API a été révoqué.");
  auto today =
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{now()}});
  if (format_date(Date{today}) > tok->expires_on)
    throw UserError(401, "auth.token_expired",
                    "Ce jeton d'API a expiré le " + tok->expires_on + ".");
  auto owner = store_.user_by_id(tok->user_id);
  if (!owner || owner->disabled || !role_within(tok->role, owner->role) ||
      !store_.scope_within(tok->scope, owner->scope))
    throw UserError(401, "auth.token_invalid",
                    "Ce jeton d'API dépasse désormais les droits de son titulaire.");
  store_.token_used(tok->id);
  auto& c = req.caller;
  c.signed_in = true;
  c.via_api_token = true;
  c.user = owner->email;
  c.user_id = owner->id;
  c.role = tok->role;
  c.scope = tok->scope;
}

}  // namespace carepilot::auth
