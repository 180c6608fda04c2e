#include "auth/authenticator.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "common/date.hpp"
#include "common/errors.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"

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

Authenticator::Authenticator(AuthStore& store, AuthOptions opts)
    : store_(store), opts_(std::move(opts)) {
  // A change made through this instance takes effect at once: the user's entries go, and
  // reads that started before it (epoch) are not kept.
  listener_ = store_.add_listener([this](std::int64_t user_id) {
    std::lock_guard lock(mu_);
    ++epoch_;
    checks_.erase(user_id);
    std::erase_if(entries_, [user_id](const auto& kv) { return kv.second.user_id == user_id; });
  });
  flusher_ = std::thread([this] { flusher(); });
}

Authenticator::~Authenticator() {
  store_.remove_listener(listener_);
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  flusher_.join();
  try {
    flush_activity();
  } catch (const std::exception& e) {
    std::cerr << "carepilot: last-seen times not written: " << e.what() << std::endl;
  }
}

void Authenticator::flusher() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock,
                   std::chrono::milliseconds(std::max<std::int64_t>(opts_.activity_flush_ms, 1)),
                   [this] { return stop_; });
    if (stop_) break;
    lock.unlock();
    try {
      flush_activity();
    } catch (const std::exception& e) {
      std::cerr << "carepilot: last-seen times not written: " << e.what() << std::endl;
    }
    lock.lock();
  }
}

void Authenticator::flush_activity() {
  std::vector<std::pair<std::string, std::int64_t>> seen;
  std::vector<std::pair<std::int64_t, std::string>> used;
  {
    std::lock_guard lock(mu_);
    seen.assign(seen_.begin(), seen_.end());
    used.assign(used_.begin(), used_.end());
    seen_.clear();
    used_.clear();
  }
  store_.write_activity(seen, used);
}

std::size_t Authenticator::cached_entries() {
  std::lock_guard lock(mu_);
  return entries_.size();
}

std::uint64_t Authenticator::epoch() {
  std::lock_guard lock(mu_);
  return epoch_;
}

std::int64_t Authenticator::now_ms() const {
  if (opts_.now_ms) return opts_.now_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::optional<Authenticator::Entry> Authenticator::cached(const std::string& key, bool token,
                                                          std::int64_t now_s) {
  const std::int64_t ms = now_ms();
  // Marks the activity for the write-back (sessions: once a minute, as before the cache).
  auto serve = [&](Entry& e) {
    if (!e.token && now_s - e.last_seen_s >= 60) {
      e.last_seen_s = now_s;
      seen_[key] = now_s;
    }
    if (e.token && e.used_s != now_s) {
      e.used_s = now_s;
      used_[e.token_id] = store::now_utc_iso();
    }
    return std::optional<Entry>(e);
  };
  std::int64_t user_id = 0;
  std::uint64_t epoch = 0;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    Entry& e = it->second;
    bool fine = e.token == token && ms - e.loaded_ms < opts_.cache_ttl_ms;
    if (fine && !token)
      fine = now_s - e.last_seen_s <= opts_.idle_timeout_s &&
             now_s - e.created_at_s <= opts_.absolute_timeout_s;
    if (!fine) {  // read again from the database, which decides
      entries_.erase(it);
      return std::nullopt;
    }
    auto c = checks_.find(e.user_id);
    if (c != checks_.end() && ms - c->second.checked_ms < opts_.cache_recheck_ms) {
      if (c->second.generation == e.generation) return serve(e);
      entries_.erase(it);
      return std::nullopt;
    }
    user_id = e.user_id;
    epoch = epoch_;
  }
  auto generation = store_.auth_generation(user_id);
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (epoch_ != epoch) {  // a local change meanwhile: let the database decide
    if (it != entries_.end()) entries_.erase(it);
    return std::nullopt;
  }
  if (generation) checks_[user_id] = {*generation, ms};
  if (it == entries_.end()) return std::nullopt;
  if (!generation || *generation != it->second.generation) {
    entries_.erase(it);
    return std::nullopt;
  }
  return serve(it->second);
}

void Authenticator::keep(const std::string& key, Entry e, std::uint64_t epoch) {
  std::lock_guard lock(mu_);
  if (opts_.cache_max_entries == 0 || epoch_ != epoch) return;
  if (entries_.size() >= opts_.cache_max_entries && !entries_.count(key)) {
    const std::int64_t ms = now_ms();
    std::erase_if(entries_,
                  [&](const auto& kv) { return ms - kv.second.loaded_ms >= opts_.cache_ttl_ms; });
    while (entries_.size() >= opts_.cache_max_entries) entries_.erase(entries_.begin());
  }
  if (checks_.size() >= opts_.cache_max_entries) checks_.clear();
  auto c = checks_.find(e.user_id);
  if (c == checks_.end() || e.loaded_ms - c->second.checked_ms >= opts_.cache_recheck_ms)
    checks_[e.user_id] = {e.generation, e.loaded_ms};
  entries_[key] = std::move(e);
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
  req.caller.second_factor = false;
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
  if (raw.size() != 64) return;
  const std::string hash = store::sha256_hex(raw);
  const auto t = now();
  auto& c = req.caller;
  if (auto e = cached(hash, false, t)) {
    c.user = std::move(e->email);
    c.user_id = e->user_id;
    c.session_token = hash;
    c.csrf = std::move(e->csrf);
    c.signed_in = true;
    c.second_factor = e->second_factor;
    c.role = e->role;
    c.scope = std::move(e->scope);
    return;
  }
  const auto epoch = this->epoch();
  const auto read_ms = now_ms();
  auto rec = store_.session_record(hash);
  if (!rec) return;
  auto& s = rec->session;
  {
    std::lock_guard lock(mu_);  // a time not yet written back counts
    if (auto it = seen_.find(hash); it != seen_.end())
      s.last_seen_s = std::max(s.last_seen_s, it->second);
  }
  if (t - s.last_seen_s > opts_.idle_timeout_s || t - s.created_at_s > opts_.absolute_timeout_s ||
      rec->user.disabled) {
    store_.delete_session(hash);
    return;
  }
  const auto& u = rec->user;
  c.user = u.email;
  c.user_id = u.id;
  c.session_token = hash;
  c.csrf = s.csrf;
  if (t - s.last_seen_s >= 60) {  // written back by the background thread
    s.last_seen_s = t;
    std::lock_guard lock(mu_);
    seen_[hash] = t;
  }
  if (!s.full) {  // second factor still to pass: never cached
    c.second_factor_pending = true;
    return;
  }
  Entry e;
  e.user_id = u.id;
  e.generation = rec->generation;
  e.loaded_ms = read_ms;
  e.created_at_s = s.created_at_s;
  e.last_seen_s = s.last_seen_s;
  e.email = u.email;
  e.role = u.role;
  e.scope = u.scope;
  e.csrf = s.csrf;
  // A full session of a user who has a second factor passed it: at sign-in, or by proving
  // the code at enrolment (both open a new session). Turning it off bumps the generation.
  e.second_factor = u.totp_enabled;
  c.second_factor = u.totp_enabled;
  c.signed_in = true;
  c.role = u.role;
  c.scope = u.scope;
  keep(hash, std::move(e), epoch);
}

void Authenticator::from_token(http::Request& req, const std::string& raw) {
  if (raw.rfind("cpt_", 0) != 0 || raw.size() != 68)
    throw UserError(401, "auth.token_invalid", "Jeton d'API inconnu.");
  const std::string hash = store::sha256_hex(raw);
  const auto t = now();
  auto today = format_date(Date{
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{t}})});
  auto expired = [](const std::string& on) {
    return UserError(401, "auth.token_expired", "Ce jeton d'API a expiré le " + on + ".");
  };
  auto& c = req.caller;
  if (auto e = cached(hash, true, t)) {
    if (today > e->expires_on) {
      std::lock_guard lock(mu_);
      entries_.erase(hash);
      throw expired(e->expires_on);
    }
    c.signed_in = true;
    c.via_api_token = true;
    c.second_factor = e->second_factor;
    c.user = std::move(e->email);
    c.user_id = e->user_id;
    c.role = e->role;
    c.scope = std::move(e->scope);
    return;
  }
  const auto epoch = this->epoch();
  const auto read_ms = now_ms();
  auto rec = store_.token_record(hash);
  if (!rec) throw UserError(401, "auth.token_invalid", "Jeton d'API inconnu.");
  const auto& tok = rec->token;
  if (tok.revoked_at) throw UserError(401, "auth.token_revoked", "Ce jeton d'API a été révoqué.");
  if (today > tok.expires_on) throw expired(tok.expires_on);
  auto owner = store_.user_by_id(tok.user_id);
  if (!owner || owner->disabled || !role_within(tok.role, owner->role) ||
      !store_.scope_within(tok.scope, owner->scope))
    throw UserError(401, "auth.token_invalid",
                    "Ce jeton d'API dépasse désormais les droits de son titulaire.");
  {
    std::lock_guard lock(mu_);
    used_[tok.id] = store::now_utc_iso();
  }
  Entry e;
  e.token = true;
  e.user_id = owner->id;
  e.generation = rec->generation;
  e.loaded_ms = read_ms;
  e.email = owner->email;
  e.role = tok.role;
  e.scope = tok.scope;
  e.token_id = tok.id;
  e.expires_on = tok.expires_on;
  e.used_s = t;
  e.second_factor = owner->totp_enabled;  // a token carries its owner's second factor
  c.second_factor = owner->totp_enabled;
  c.signed_in = true;
  c.via_api_token = true;
  c.user = owner->email;
  c.user_id = owner->id;
  c.role = tok.role;
  c.scope = tok.scope;
  keep(hash, std::move(e), epoch);
}

}  // namespace carepilot::auth
