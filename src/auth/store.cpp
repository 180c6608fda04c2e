#include "auth/store.hpp"
#include "store/transaction.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "auth/totp.hpp"
#include "common/errors.hpp"
#include "common/text.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/scope_filter.hpp"

namespace carepilot::auth {

using nlohmann::json;
using soci::into;
using soci::use;

std::string scope_level_name(Scope::Level l) {
  switch (l) {
    case Scope::Level::nation:
      return "nation";
    case Scope::Level::region:
      return "region";
    case Scope::Level::ght:
      return "ght";
    case Scope::Level::establishment:
      return "establishment";
  }
  return "nation";
}

std::optional<Scope::Level> parse_scope_level(const std::string& s) {
  for (auto l :
       {Scope::Level::nation, Scope::Level::region, Scope::Level::ght, Scope::Level::establishment})
    if (scope_level_name(l) == s) return l;
  return std::nullopt;
}

namespace {

bool is_pg(soci::session& s) {
  return s.get_backend_name() == "postgresql";
}

long long insert_returning_id(soci::session& s, const std::string& insert,
                              const std::function<void(soci::statement&)>& bind) {
  long long id = 0;
  if (is_pg(s)) {
    soci::statement st(s);
    bind(st);
    st.exchange(into(id));
    st.alloc();
    st.prepare(insert + " RETURNING id");
    st.define_and_bind();
    st.execute(true);
  } else {
    soci::statement st(s);
    bind(st);
    st.alloc();
    st.prepare(insert);
    st.define_and_bind();
    st.execute(true);
    s << "SELECT last_insert_rowid()", into(id);
  }
  return id;
}

// Columns of users (alias u) and their binding.
#define CP_USER_FIELDS                                                           \
  "u.id, u.email, u.display_name, u.password_hash, u.role, u.scope_level, "      \
  "u.region_code, u.ght_id, u.establishment_id, u.totp_secret, u.totp_enabled, " \
  "u.totp_last_step, u.disabled, u.created_at, u.disabled_level, u.last_sign_in_at"
constexpr const char* kUserColumns = "SELECT " CP_USER_FIELDS " FROM users u ";

struct UserRow {
  long long id = 0, ght = 0, est = 0, last_step = 0;
  std::string email, name, hash, role, level, region, secret, created_at, disabled_level;
  int totp = 0, disabled = 0;
  std::string last_sign_in;
  soci::indicator last_sign_in_ind = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(into(id));
    st.exchange(into(email));
    st.exchange(into(name));
    st.exchange(into(hash));
    st.exchange(into(role));
    st.exchange(into(level));
    st.exchange(into(region));
    st.exchange(into(ght));
    st.exchange(into(est));
    st.exchange(into(secret));
    st.exchange(into(totp));
    st.exchange(into(last_step));
    st.exchange(into(disabled));
    st.exchange(into(created_at));
    st.exchange(into(disabled_level));
    st.exchange(into(last_sign_in, last_sign_in_ind));
  }
  User take() const {
    User u;
    u.id = id;
    u.email = email;
    u.display_name = name;
    u.password_hash = hash;
    u.role = parse_role(role).value_or(Role::establishment_reader);
    u.scope.level = parse_scope_level(level).value_or(Scope::Level::establishment);
    u.scope.region_code = region;
    u.scope.ght_id = ght;
    u.scope.establishment_id = est;
    u.totp_secret = secret;
    u.totp_enabled = totp != 0;
    u.totp_last_step = last_step;
    u.disabled = disabled != 0;
    u.created_at = created_at;
    if (u.disabled) u.disabled_by = parse_scope_level(disabled_level);
    if (last_sign_in_ind == soci::i_ok) u.last_sign_in_at = last_sign_in;
    return u;
  }
};

std::vector<User> query_users(soci::session& s, const std::string& where,
                              const std::function<void(soci::statement&)>& bind) {
  UserRow row;
  soci::statement st(s);
  row.bind(st);
  bind(st);
  st.alloc();
  st.prepare(std::string(kUserColumns) + where);
  st.define_and_bind();
  std::vector<User> out;
  if (st.execute(true)) {
    do out.push_back(row.take());
    while (st.fetch());
  }
  return out;
}

// Hot-path reads, kept prepared per connection (store::Lease::prepared).
struct UserById : store::Prepared {
  UserRow row;
  long long id = 0;
  soci::statement st;
  UserById(soci::session& s, const std::string& sql) : st(s) {
    row.bind(st);
    st.exchange(use(id));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
  }
};
constexpr const char* kUserByIdSql = "SELECT " CP_USER_FIELDS " FROM users u WHERE u.id = :i";

// A session with its user and the user's generation, read in one statement (one snapshot).
struct SessionWithUser : store::Prepared {
  UserRow row;
  std::string hash, stage, csrf;
  long long created = 0, seen = 0, generation = 0;
  soci::statement st;
  SessionWithUser(soci::session& s, const std::string& sql) : st(s) {
    row.bind(st);
    st.exchange(into(stage));
    st.exchange(into(csrf));
    st.exchange(into(created));
    st.exchange(into(seen));
    st.exchange(into(generation));
    st.exchange(use(hash));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
  }
};
constexpr const char* kSessionWithUserSql =
    "SELECT " CP_USER_FIELDS
    ", s.stage, s.csrf, s.created_at_s, s.last_seen_s, u.auth_generation FROM sessions s "
    "JOIN users u ON u.id = s.user_id WHERE s.id_hash = :h";

struct SessionByHash : store::Prepared {
  std::string hash, stage, csrf, pending;
  long long uid = 0, created = 0, seen = 0;
  soci::statement st;
  SessionByHash(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, into(uid), into(stage), into(csrf), into(created), into(seen),
            into(pending), use(hash))) {}
};
constexpr const char* kSessionByHashSql =
    "SELECT user_id, stage, csrf, created_at_s, last_seen_s, pending_secret FROM sessions "
    "WHERE id_hash = :h";

struct GenerationOfUser : store::Prepared {
  long long id = 0, generation = 0;
  soci::statement st;
  GenerationOfUser(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, into(generation), use(id))) {}
};
constexpr const char* kGenerationOfUserSql = "SELECT auth_generation FROM users WHERE id = :i";

// One id in, one nullable value out (the region or GHT of a GHT or an establishment).
template <class V>
struct ValueById : store::Prepared {
  long long id = 0;
  V value{};
  soci::indicator ind = soci::i_null;
  soci::statement st;
  ValueById(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, into(value, ind), use(id))) {}
  std::optional<V> get(long long i) {
    id = i;
    ind = soci::i_null;
    if (!st.execute(true) || ind != soci::i_ok) return std::nullopt;
    return value;
  }
};

// Writes of the activity (last-seen times, last use of tokens), batched by the authenticator.
struct TouchSession : store::Prepared {
  std::string hash;
  long long seen = 0;
  soci::statement st;
  TouchSession(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, use(seen), use(hash), use(seen))) {}
};
constexpr const char* kTouchSessionSql =
    "UPDATE sessions SET last_seen_s = :t1 WHERE id_hash = :h AND last_seen_s < :t2";
struct TouchToken : store::Prepared {
  std::string when;
  long long id = 0;
  soci::statement st;
  TouchToken(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, use(when), use(id))) {}
};
constexpr const char* kTouchTokenSql = "UPDATE api_tokens SET last_used_at = :t WHERE id = :i";

// Bumps a user's generation (inside the caller's transaction).
void bump_user_generation(soci::session& s, long long user_id) {
  s << "UPDATE users SET auth_generation = auth_generation + 1 WHERE id = :i", use(user_id);
}

// What the audit trail records of a user (never a secret).
json user_json(const User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"role", role_name(u.role)},
          {"scope_level", scope_level_name(u.scope.level)},
          {"region_code", u.scope.region_code},
          {"ght_id", u.scope.ght_id},
          {"establishment_id", u.scope.establishment_id},
          {"totp_enabled", u.totp_enabled},
          {"disabled", u.disabled},
          {"disabled_level", u.disabled && u.disabled_by ? scope_level_name(*u.disabled_by) : ""},
          {"password_digest", store::sha256_hex(u.password_hash)}};
}

std::optional<std::int64_t> est_of(const Scope& s) {
  if (s.level == Scope::Level::establishment) return s.establishment_id;
  return std::nullopt;
}

}  // namespace

// ---- users -------------------------------------------------------------------------------

std::optional<User> AuthStore::user_by_email(const std::string& email) {
  auto s = db_.lease();
  std::string e = email;
  auto v = query_users(*s, "WHERE u.email = :e", [&](soci::statement& st) { st.exchange(use(e)); });
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<User> AuthStore::user_by_id(std::int64_t id) {
  auto s = db_.lease();
  return s.run<UserById>(kUserByIdSql, [&](UserById& q) -> std::optional<User> {
    q.id = id;
    if (!q.st.execute(true)) return std::nullopt;
    return q.row.take();
  });
}

std::optional<std::int64_t> AuthStore::auth_generation(std::int64_t user_id) {
  auto s = db_.lease();
  return s.run<GenerationOfUser>(kGenerationOfUserSql,
                                 [&](GenerationOfUser& q) -> std::optional<std::int64_t> {
                                   q.id = user_id;
                                   if (!q.st.execute(true)) return std::nullopt;
                                   return q.generation;
                                 });
}

int AuthStore::add_listener(std::function<void(std::int64_t)> f) {
  std::lock_guard lock(listeners_mu_);
  listeners_.emplace_back(++last_listener_, std::move(f));
  return last_listener_;
}

void AuthStore::remove_listener(int id) {
  std::lock_guard lock(listeners_mu_);
  std::erase_if(listeners_, [id](const auto& l) { return l.first == id; });
}

void AuthStore::changed(std::int64_t user_id) {
  std::lock_guard lock(listeners_mu_);
  for (const auto& [id, f] : listeners_) f(user_id);
}

namespace {
constexpr const char* kUserSearchFrom =
    "LEFT JOIN establishments ue ON ue.id = u.establishment_id "
    "LEFT JOIN ghts ug ON ug.id = u.ght_id WHERE 1 = 1";
constexpr const char* kUserSearchWhere =
    " AND (:q1 = '' OR u.email LIKE :q2 ESCAPE '\\' OR lower(u.display_name) LIKE :q3 ESCAPE "
    "'\\') AND (:ro1 = '' OR u.role = :ro2) AND (:lv1 = '' OR u.scope_level = :lv2)"
    " AND (:fe1 = 0 OR u.establishment_id = :fe2) AND (:di1 < 0 OR u.disabled = :di2)"
    " AND (:tf1 = 0 OR u.totp_enabled = 0)";

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The ORDER BY of a search: a whitelisted column, then the e-mail (unique) for a stable order
// on both databases.
std::string user_order(const std::string& sort) {
  const bool desc = !sort.empty() && sort.front() == '-';
  const std::string field = desc ? sort.substr(1) : sort;
  const char* dir = desc ? " DESC" : "";
  if (field == "role" || field == "scope_level")
    return " ORDER BY u." + field + dir + ", u.email" + dir;
  return std::string(" ORDER BY u.email") + dir;
}

// The values of kUserSearchWhere, bound in order after the scope's.
struct UserSearchBind {
  std::string like, role, level;
  long long est = 0;
  int disabled = -1, no_totp = 0;
  explicit UserSearchBind(const UserSearch& f)
      : like(f.query.empty() ? "" : "%" + like_escape(lower_ascii(f.query)) + "%"),
        role(f.role ? std::string(role_name(*f.role)) : ""),
        level(f.level ? scope_level_name(*f.level) : ""),
        est(f.establishment_id.value_or(0)),
        disabled(f.disabled ? (*f.disabled ? 1 : 0) : -1),
        no_totp(f.without_second_factor ? 1 : 0) {}
  void bind(soci::statement& st) {
    for (auto* v : {&like, &like, &like, &role, &role, &level, &level}) st.exchange(use(*v));
    st.exchange(use(est));
    st.exchange(use(est));
    st.exchange(use(disabled));
    st.exchange(use(disabled));
    st.exchange(use(no_totp));
  }
};
}  // namespace

std::optional<User> AuthStore::user_in(const Scope& scope, std::int64_t id) {
  auto s = db_.lease();
  store::ScopeFilter f(scope);
  long long i = id;
  auto v =
      query_users(*s, std::string(kUserSearchFrom) + " AND u.id = :id" + store::kUserScopeFilterSql,
                  [&](soci::statement& st) {
                    st.exchange(use(i));
                    f.bind(st, 4, 3, 2);
                  });
  if (v.empty()) return std::nullopt;
  return v.front();
}

UserPage AuthStore::search_users(const Scope& scope, const UserSearch& f) {
  auto s = db_.lease();
  store::ScopeFilter sf(scope);
  UserSearchBind b(f);
  const int per_page = std::clamp(f.per_page, 1, 200);
  UserPage out;
  const std::string where =
      std::string(kUserSearchFrom) + store::kUserScopeFilterSql + kUserSearchWhere;
  {
    long long total = 0;
    soci::statement st(*s);
    st.exchange(into(total));
    sf.bind(st, 4, 3, 2);
    b.bind(st);
    st.alloc();
    st.prepare("SELECT COUNT(*) FROM users u " + where);
    st.define_and_bind();
    st.execute(true);
    out.total = total;
  }
  const long long pages = std::max<long long>(1, (out.total + per_page - 1) / per_page);
  out.page = static_cast<int>(std::min<long long>(std::max(f.page, 1), pages));
  int offset = (out.page - 1) * per_page;
  int limit = per_page;
  out.users = query_users(*s, where + user_order(f.sort) + " LIMIT :lim OFFSET :off",
                          [&](soci::statement& st) {
                            sf.bind(st, 4, 3, 2);
                            b.bind(st);
                            st.exchange(use(limit));
                            st.exchange(use(offset));
                          });
  return out;
}

UncoveredPage AuthStore::establishments_without_security_officer(const Scope& scope, int page,
                                                                 int per_page) {
  auto s = db_.lease();
  store::ScopeFilter sf(scope);
  per_page = std::clamp(per_page, 1, 200);
  int offset = (std::max(page, 1) - 1) * per_page;
  std::string role(role_name(Role::establishment_security_officer));
  const std::string where =
      " FROM establishments e WHERE NOT EXISTS (SELECT 1 FROM users u WHERE "
      "u.establishment_id = e.id AND u.scope_level = 'establishment' AND u.role = :ro AND "
      "u.disabled = 0)" +
      std::string(store::kScopeFilterSql);
  UncoveredPage out;
  {
    UncoveredEstablishment row;
    soci::statement st(*s);
    st.exchange(into(row.finess_et));
    st.exchange(into(row.name));
    st.exchange(use(role));
    sf.bind(st);
    st.exchange(use(per_page));
    st.exchange(use(offset));
    st.alloc();
    st.prepare("SELECT e.finess_et, e.name" + where +
               " ORDER BY e.name, e.id LIMIT :lim OFFSET :off");
    st.define_and_bind();
    if (st.execute(true)) do
        out.items.push_back(row);
      while (st.fetch());
  }
  long long total = 0;
  soci::statement st(*s);
  st.exchange(into(total));
  st.exchange(use(role));
  sf.bind(st);
  st.alloc();
  st.prepare("SELECT COUNT(*)" + where);
  st.define_and_bind();
  st.execute(true);
  out.total = total;
  return out;
}

std::string AuthStore::region_of(const Scope& sc) {
  auto s = db_.lease();
  std::string region;
  long long id = 0;
  switch (sc.level) {
    case Scope::Level::nation:
      return "";
    case Scope::Level::region:
      return sc.region_code;
    case Scope::Level::ght:
      id = sc.ght_id;
      return s
          .run<ValueById<std::string>>("SELECT region_code FROM ghts WHERE id = :i",
                                       [&](auto& q) { return q.get(id); })
          .value_or("");
    case Scope::Level::establishment:
      id = sc.establishment_id;
      return s
          .run<ValueById<std::string>>("SELECT region_code FROM establishments WHERE id = :i",
                                       [&](auto& q) { return q.get(id); })
          .value_or("");
  }
  return region;
}

bool AuthStore::scope_within(const Scope& inner, const Scope& outer) {
  switch (outer.level) {
    case Scope::Level::nation:
      return true;
    case Scope::Level::region:
      return inner.level != Scope::Level::nation && region_of(inner) == outer.region_code &&
             !outer.region_code.empty();
    case Scope::Level::ght: {
      if (inner.level == Scope::Level::ght) return inner.ght_id == outer.ght_id;
      if (inner.level != Scope::Level::establishment) return false;
      auto s = db_.lease();
      auto g = s.run<ValueById<long long>>("SELECT ght_id FROM establishments WHERE id = :i",
                                           [&](auto& q) { return q.get(inner.establishment_id); });
      return g && *g == outer.ght_id;
    }
    case Scope::Level::establishment:
      return inner.level == Scope::Level::establishment &&
             inner.establishment_id == outer.establishment_id;
  }
  return false;
}

User AuthStore::insert_user(User u, const Actor& actor) {
  std::string region = region_of(u.scope);
  auto s = db_.lease();
  store::Transaction tr(*s);
  int count = 0;
  *s << "SELECT COUNT(*) FROM users WHERE email = :e", into(count), use(u.email);
  if (count > 0)
    throw UserError(409, "user.duplicate_email",
                    "Un compte existe déjà pour cette adresse électronique.",
                    {{"email", "user.duplicate_email", "email : adresse déjà utilisée."}});
  std::string now = store::now_utc_iso(), role(role_name(u.role)),
              level = scope_level_name(u.scope.level);
  long long ght = u.scope.ght_id, est = u.scope.establishment_id;
  int totp = u.totp_enabled ? 1 : 0;
  u.id = insert_returning_id(
      *s,
      "INSERT INTO users (email, display_name, password_hash, role, scope_level, region_code, "
      "ght_id, establishment_id, totp_secret, totp_enabled, created_at, updated_at) VALUES "
      "(:e, :n, :h, :r, :l, :rc, :g, :es, :ts, :te, :c, :u)",
      [&](soci::statement& st) {
        st.exchange(use(u.email));
        st.exchange(use(u.display_name));
        st.exchange(use(u.password_hash));
        st.exchange(use(role));
        st.exchange(use(level));
        st.exchange(use(u.scope.region_code));
        st.exchange(use(ght));
        st.exchange(use(est));
        st.exchange(use(u.totp_secret));
        st.exchange(use(totp));
        st.exchange(use(now));
        st.exchange(use(now));
      });
  u.created_at = now;
  store::append_audit(*s, actor,
                      {"create", "user", std::to_string(u.id), est_of(u.scope),
                       region.empty() ? std::nullopt : std::optional<std::string>(region),
                       "Compte créé : " + u.email + " (" + std::string(role_label(u.role)) + ")",
                       "", user_json(u).dump()});
  tr.commit();
  return u;
}

void AuthStore::update_user(const User& before, const User& u, const std::string& summary,
                            const Actor& actor) {
  std::string region = region_of(u.scope);
  auto s = db_.lease();
  store::Transaction tr(*s);
  std::string now = store::now_utc_iso(), role(role_name(u.role)),
              level = scope_level_name(u.scope.level);
  long long id = u.id, ght = u.scope.ght_id, est = u.scope.establishment_id,
            step = u.totp_last_step;
  int totp = u.totp_enabled ? 1 : 0, disabled = u.disabled ? 1 : 0;
  std::string disabled_level =
      u.disabled && u.disabled_by ? scope_level_name(*u.disabled_by) : std::string();
  *s << "UPDATE users SET display_name = :n, password_hash = :h, role = :r, scope_level = :l, "
        "region_code = :rc, ght_id = :g, establishment_id = :es, totp_secret = :ts, "
        "totp_enabled = :te, totp_last_step = :tl, disabled = :d, disabled_level = :dl, "
        "updated_at = :u WHERE id = :i",
      use(u.display_name), use(u.password_hash), use(role), use(level), use(u.scope.region_code),
      use(ght), use(est), use(u.totp_secret), use(totp), use(step), use(disabled),
      use(disabled_level), use(now), use(id);
  auto b = user_json(before), a = user_json(u);
  if (b != a) {  // a TOTP step alone is not worth an entry, nor a new generation
    bump_user_generation(*s, id);
    store::append_audit(*s, actor,
                        {"update", "user", std::to_string(u.id), est_of(u.scope),
                         region.empty() ? std::nullopt : std::optional<std::string>(region),
                         summary, b.dump(), a.dump()});
  }
  tr.commit();
  if (b != a) changed(u.id);
}

void AuthStore::reset_second_factor(const User& u, const Actor& actor) {
  std::string region = region_of(u.scope);
  User after = u;
  after.totp_enabled = false;
  after.totp_secret.clear();
  after.totp_last_step = 0;
  auto s = db_.lease();
  store::Transaction tr(*s);
  std::string now = store::now_utc_iso();
  long long id = u.id;
  *s << "UPDATE users SET totp_secret = '', totp_enabled = 0, totp_last_step = 0, "
        "updated_at = :u WHERE id = :i",
      use(now), use(id);
  *s << "DELETE FROM recovery_codes WHERE user_id = :u", use(id);
  *s << "DELETE FROM sessions WHERE user_id = :u", use(id);
  bump_user_generation(*s, id);
  store::append_audit(
      *s, actor,
      {"update", "user", std::to_string(u.id), est_of(u.scope),
       region.empty() ? std::nullopt : std::optional<std::string>(region),
       "Second facteur réinitialisé : " + u.email, user_json(u).dump(), user_json(after).dump()});
  tr.commit();
  changed(u.id);
}

void AuthStore::record_sign_in(const User& u, const Actor& actor) {
  std::string region = region_of(u.scope);
  auto s = db_.lease();
  store::Transaction tr(*s);
  std::string now = store::now_utc_iso();
  long long id = u.id;
  *s << "UPDATE users SET last_sign_in_at = :t WHERE id = :i", use(now), use(id);
  Actor who = actor;
  who.user = u.email;
  store::append_audit(*s, who,
                      {"login", "user", std::to_string(u.id), est_of(u.scope),
                       region.empty() ? std::nullopt : std::optional<std::string>(region),
                       "Connexion de " + u.email, "", ""});
  tr.commit();
}

void AuthStore::record_failed_sign_in(const std::string& email, const std::optional<User>& u,
                                      const Actor& actor) {
  // The address as typed (never the password), cut to the longest valid e-mail address.
  std::string tried = email.substr(0, 254);
  std::string region = u ? region_of(u->scope) : "";
  auto s = db_.lease();
  store::Transaction tr(*s);
  Actor who = actor;
  who.user = tried;
  store::append_audit(
      *s, who,
      {"login_failed", "user", u ? std::to_string(u->id) : "", u ? est_of(u->scope) : std::nullopt,
       region.empty() ? std::nullopt : std::optional<std::string>(region),
       "Échec de connexion avec l'adresse " + (tried.empty() ? "(vide)" : tried), "", ""});
  tr.commit();
}

// ---- recovery codes ------------------------------------------------------------------------

void AuthStore::replace_recovery_codes(std::int64_t user_id, const std::vector<std::string>& codes,
                                       const Actor& actor) {
  auto s = db_.lease();
  store::Transaction tr(*s);
  long long uid = user_id;
  *s << "DELETE FROM recovery_codes WHERE user_id = :u", use(uid);
  for (const auto& c : codes) {
    std::string h = store::sha256_hex(normalize_recovery_code(c));
    *s << "INSERT INTO recovery_codes (user_id, code_hash) VALUES (:u, :h)", use(uid), use(h);
  }
  store::append_audit(*s, actor,
                      {"update", "user", std::to_string(user_id), std::nullopt, std::nullopt,
                       "Codes de secours régénérés", "", ""});
  tr.commit();
}

bool AuthStore::use_recovery_code(std::int64_t user_id, const std::string& code,
                                  const Actor& actor) {
  std::string norm = normalize_recovery_code(code);
  if (norm.empty()) return false;
  std::string h = store::sha256_hex(norm), now = store::now_utc_iso();
  long long uid = user_id;
  auto s = db_.lease();
  store::Transaction tr(*s);
  soci::statement st = (s->prepare << "UPDATE recovery_codes SET used_at = :t WHERE user_id = :u "
                                      "AND code_hash = :h AND used_at IS NULL",
                        use(now), use(uid), use(h));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  store::append_audit(*s, actor,
                      {"update", "user", std::to_string(user_id), std::nullopt, std::nullopt,
                       "Code de secours utilisé", "", ""});
  tr.commit();
  return true;
}

int AuthStore::recovery_codes_left(std::int64_t user_id) {
  auto s = db_.lease();
  long long uid = user_id;
  int n = 0;
  *s << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :u AND used_at IS NULL", into(n),
      use(uid);
  return n;
}

// ---- sessions ------------------------------------------------------------------------------

std::string AuthStore::create_session(std::int64_t user_id, bool full, const std::string& remote,
                                      std::int64_t now_s) {
  std::string raw = random_token(32), h = store::sha256_hex(raw), csrf = random_token(32),
              stage = full ? "full" : "password";
  long long uid = user_id, now = now_s;
  auto s = db_.lease();
  *s << "INSERT INTO sessions (id_hash, user_id, stage, csrf, created_at_s, last_seen_s, remote) "
        "VALUES (:h, :u, :s, :c, :t1, :t2, :r)",
      use(h), use(uid), use(stage), use(csrf), use(now), use(now), use(remote);
  return raw;
}

std::optional<Session> AuthStore::session(const std::string& raw_id) {
  if (raw_id.size() != 64) return std::nullopt;
  return session_by_hash(store::sha256_hex(raw_id));
}

std::optional<Session> AuthStore::session_by_hash(const std::string& id_hash) {
  if (id_hash.empty()) return std::nullopt;
  auto s = db_.lease();
  return s.run<SessionByHash>(kSessionByHashSql, [&](SessionByHash& q) -> std::optional<Session> {
    q.hash = id_hash;
    if (!q.st.execute(true)) return std::nullopt;
    Session x;
    x.id_hash = id_hash;
    x.user_id = q.uid;
    x.full = q.stage == "full";
    x.csrf = q.csrf;
    x.created_at_s = q.created;
    x.last_seen_s = q.seen;
    x.pending_secret = q.pending;
    return x;
  });
}

std::optional<SessionRecord> AuthStore::session_record(const std::string& id_hash) {
  if (id_hash.empty()) return std::nullopt;
  auto s = db_.lease();
  return s.run<SessionWithUser>(kSessionWithUserSql,
                                [&](SessionWithUser& q) -> std::optional<SessionRecord> {
                                  q.hash = id_hash;
                                  if (!q.st.execute(true)) return std::nullopt;
                                  SessionRecord r;
                                  r.user = q.row.take();
                                  r.session.id_hash = id_hash;
                                  r.session.user_id = r.user.id;
                                  r.session.full = q.stage == "full";
                                  r.session.csrf = q.csrf;
                                  r.session.created_at_s = q.created;
                                  r.session.last_seen_s = q.seen;
                                  r.generation = q.generation;
                                  return r;
                                });
}

void AuthStore::touch_session(const std::string& id_hash, std::int64_t now_s) {
  write_activity({{id_hash, now_s}}, {});
}

void AuthStore::write_activity(const std::vector<std::pair<std::string, std::int64_t>>& seen,
                               const std::vector<std::pair<std::int64_t, std::string>>& used) {
  if (seen.empty() && used.empty()) return;
  auto s = db_.lease();
  store::Transaction tr(*s);
  for (const auto& [hash, t] : seen)
    s.run<TouchSession>(kTouchSessionSql, [&](TouchSession& q) {
      q.hash = hash;
      q.seen = t;
      q.st.execute(true);
    });
  for (const auto& [id, when] : used)
    s.run<TouchToken>(kTouchTokenSql, [&](TouchToken& q) {
      q.id = id;
      q.when = when;
      q.st.execute(true);
    });
  tr.commit();
}

void AuthStore::set_pending_secret(const std::string& id_hash, const std::string& secret) {
  auto s = db_.lease();
  *s << "UPDATE sessions SET pending_secret = :p WHERE id_hash = :h", use(secret), use(id_hash);
}

void AuthStore::delete_session(const std::string& id_hash) {
  long long uid = 0;
  {
    auto s = db_.lease();
    store::Transaction tr(*s);
    soci::indicator ind = soci::i_null;
    *s << "SELECT user_id FROM sessions WHERE id_hash = :h", into(uid, ind), use(id_hash);
    if (!s->got_data() || ind != soci::i_ok) return;
    bump_user_generation(*s, uid);
    *s << "DELETE FROM sessions WHERE id_hash = :h", use(id_hash);
    tr.commit();
  }
  changed(uid);
}

void AuthStore::delete_sessions_of(std::int64_t user_id) {
  long long uid = user_id;
  {
    auto s = db_.lease();
    store::Transaction tr(*s);
    bump_user_generation(*s, uid);
    *s << "DELETE FROM sessions WHERE user_id = :u", use(uid);
    tr.commit();
  }
  changed(user_id);
}

// ---- throttling ----------------------------------------------------------------------------

std::int64_t AuthStore::locked_for(const std::string& key, std::int64_t now_s) {
  long long until = 0;
  auto s = db_.lease();
  *s << "SELECT locked_until_s FROM login_throttle WHERE key = :k", into(until), use(key);
  if (!s->got_data()) return 0;
  return until > now_s ? until - now_s : 0;
}

void AuthStore::record_failure(const std::string& key, std::int64_t now_s, int free_failures) {
  // One atomic increment (an upsert that returns the new count): concurrent failures on one
  // account are all counted, on PostgreSQL (row lock) and on SQLite (the statement writes
  // first, so the transaction takes the write lock at once). Issue 23.
  auto s = db_.lease();
  store::Transaction tr(*s);
  long long now = now_s;
  int failures = 0;
  *s << "INSERT INTO login_throttle (key, failures, last_failure_s, locked_until_s) VALUES "
        "(:k, 1, :t, 0) ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1, "
        "last_failure_s = excluded.last_failure_s RETURNING failures",
      use(key), use(now), into(failures);
  // From the last free failure on, the wait doubles from 1 s up to 15 minutes.
  long long lock = 0;
  if (failures >= free_failures) {
    int n = std::min(failures - free_failures, 20);
    lock = std::min<long long>(1LL << n, 15 * 60);
  }
  long long until = now_s + lock;
  *s << "UPDATE login_throttle SET locked_until_s = :u WHERE key = :k AND locked_until_s < :u2",
      use(until), use(key), use(until);
  tr.commit();
}

void AuthStore::clear_failures(const std::string& key) {
  auto s = db_.lease();
  *s << "DELETE FROM login_throttle WHERE key = :k", use(key);
}

// ---- API tokens ----------------------------------------------------------------------------

namespace {
#define CP_TOKEN_FIELDS                                                                 \
  "t.id, t.user_id, t.name, t.prefix, t.role, t.scope_level, t.region_code, t.ght_id, " \
  "t.establishment_id, t.created_at, t.expires_on, t.revoked_at, t.last_used_at"
constexpr const char* kTokenColumns = "SELECT " CP_TOKEN_FIELDS " FROM api_tokens t ";

struct TokenRow {
  long long id = 0, uid = 0, ght = 0, est = 0;
  std::string name, prefix, role, level, region, created, expires, revoked, used;
  soci::indicator rev_ind = soci::i_null, used_ind = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(into(id));
    st.exchange(into(uid));
    st.exchange(into(name));
    st.exchange(into(prefix));
    st.exchange(into(role));
    st.exchange(into(level));
    st.exchange(into(region));
    st.exchange(into(ght));
    st.exchange(into(est));
    st.exchange(into(created));
    st.exchange(into(expires));
    st.exchange(into(revoked, rev_ind));
    st.exchange(into(used, used_ind));
  }
  ApiToken take() const {
    ApiToken t;
    t.id = id;
    t.user_id = uid;
    t.name = name;
    t.prefix = prefix;
    t.role = parse_role(role).value_or(Role::establishment_reader);
    t.scope.level = parse_scope_level(level).value_or(Scope::Level::establishment);
    t.scope.region_code = region;
    t.scope.ght_id = ght;
    t.scope.establishment_id = est;
    t.created_at = created;
    t.expires_on = expires;
    if (rev_ind == soci::i_ok) t.revoked_at = revoked;
    if (used_ind == soci::i_ok) t.last_used_at = used;
    return t;
  }
};

std::vector<ApiToken> query_tokens(soci::session& s, const std::string& where,
                                   const std::function<void(soci::statement&)>& bind) {
  TokenRow row;
  soci::statement st(s);
  row.bind(st);
  bind(st);
  st.alloc();
  st.prepare(std::string(kTokenColumns) + where);
  st.define_and_bind();
  std::vector<ApiToken> out;
  if (st.execute(true)) {
    do out.push_back(row.take());
    while (st.fetch());
  }
  return out;
}

// A token with its owner's generation, read in one statement (one snapshot).
struct TokenWithGeneration : store::Prepared {
  TokenRow row;
  std::string hash;
  long long generation = 0;
  soci::statement st;
  TokenWithGeneration(soci::session& s, const std::string& sql) : st(s) {
    row.bind(st);
    st.exchange(into(generation));
    st.exchange(use(hash));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
  }
};
constexpr const char* kTokenWithGenerationSql =
    "SELECT " CP_TOKEN_FIELDS
    ", u.auth_generation FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "WHERE t.token_hash = :h";
}  // namespace

std::string AuthStore::create_calendar_feed(std::int64_t user_id, const Actor& actor) {
  std::string raw = "cpc_" + random_token(32), h = store::sha256_hex(raw);
  std::string prefix = raw.substr(0, 12), now = store::now_utc_iso();
  long long uid = user_id;
  auto s = db_.lease();
  store::Transaction tr(*s);
  *s << "UPDATE calendar_feeds SET revoked_at = :t WHERE user_id = :u AND revoked_at IS NULL",
      use(now), use(uid);
  long long id = insert_returning_id(
      *s,
      "INSERT INTO calendar_feeds (user_id, token_hash, prefix, created_at) VALUES (:u, :h, :p, "
      ":c)",
      [&](soci::statement& st) {
        st.exchange(use(uid));
        st.exchange(use(h));
        st.exchange(use(prefix));
        st.exchange(use(now));
      });
  store::append_audit(*s, actor,
                      {"create", "calendar_feed", std::to_string(id), std::nullopt, std::nullopt,
                       "Abonnement au calendrier créé (l'éventuel précédent est révoqué)", "", ""});
  tr.commit();
  return raw;
}

std::optional<CalendarFeed> AuthStore::calendar_feed_of(std::int64_t user_id) {
  long long uid = user_id, id = 0;
  CalendarFeed f;
  std::string used;
  soci::indicator used_ind = soci::i_null;
  auto s = db_.lease();
  *s << "SELECT id, prefix, created_at, last_used_at FROM calendar_feeds WHERE user_id = :u AND "
        "revoked_at IS NULL",
      into(id), into(f.prefix), into(f.created_at), into(used, used_ind), use(uid);
  if (!s->got_data()) return std::nullopt;
  f.id = id;
  if (used_ind == soci::i_ok) f.last_used_at = used;
  return f;
}

std::optional<std::int64_t> AuthStore::calendar_feed_owner(const std::string& raw) {
  if (raw.rfind("cpc_", 0) != 0 || raw.size() != 68) return std::nullopt;
  std::string h = store::sha256_hex(raw), now = store::now_utc_iso();
  long long id = 0, uid = 0;
  auto s = db_.lease();
  *s << "SELECT id, user_id FROM calendar_feeds WHERE token_hash = :h AND revoked_at IS NULL",
      into(id), into(uid), use(h);
  if (!s->got_data()) return std::nullopt;
  *s << "UPDATE calendar_feeds SET last_used_at = :t WHERE id = :i", use(now), use(id);
  return uid;
}

bool AuthStore::revoke_calendar_feed(std::int64_t user_id, const Actor& actor) {
  long long uid = user_id;
  std::string now = store::now_utc_iso();
  auto s = db_.lease();
  store::Transaction tr(*s);
  soci::statement st =
      (s->prepare << "UPDATE calendar_feeds SET revoked_at = :t WHERE user_id = :u AND "
                     "revoked_at IS NULL",
       use(now), use(uid));
  st.execute(true);
  if (st.get_affected_rows() < 1) return false;
  store::append_audit(*s, actor,
                      {"update", "calendar_feed", std::to_string(user_id), std::nullopt,
                       std::nullopt, "Abonnement au calendrier révoqué", "", ""});
  tr.commit();
  return true;
}

bool AuthStore::weekly_digest(std::int64_t user_id) {
  long long uid = user_id;
  int v = 1;
  soci::indicator ind = soci::i_null;
  auto s = db_.lease();
  *s << "SELECT weekly_digest FROM users WHERE id = :u", use(uid), into(v, ind);
  return ind != soci::i_ok || v != 0;
}

bool AuthStore::set_weekly_digest(std::int64_t user_id, bool enabled, const Actor& actor) {
  long long uid = user_id;
  int v = enabled ? 1 : 0, before = 1;
  soci::indicator ind = soci::i_null;
  auto s = db_.lease();
  store::Transaction tr(*s);
  *s << "SELECT weekly_digest FROM users WHERE id = :u", use(uid), into(before, ind);
  if (ind != soci::i_ok) return false;
  *s << "UPDATE users SET weekly_digest = :v WHERE id = :u", use(v), use(uid);
  store::append_audit(*s, actor,
                      {"update", "user", std::to_string(user_id), std::nullopt, std::nullopt,
                       enabled ? "Récapitulatif hebdomadaire des échéances activé"
                               : "Récapitulatif hebdomadaire des échéances désactivé",
                       nlohmann::json{{"weekly_digest", before != 0}}.dump(),
                       nlohmann::json{{"weekly_digest", enabled}}.dump()});
  tr.commit();
  return true;
}

std::string AuthStore::insert_token(ApiToken& t, const Actor& actor) {
  std::string raw = "cpt_" + random_token(32), h = store::sha256_hex(raw);
  t.prefix = raw.substr(0, 12);
  t.created_at = store::now_utc_iso();
  std::string role(role_name(t.role)), level = scope_level_name(t.scope.level);
  long long uid = t.user_id, ght = t.scope.ght_id, est = t.scope.establishment_id;
  auto s = db_.lease();
  store::Transaction tr(*s);
  t.id = insert_returning_id(
      *s,
      "INSERT INTO api_tokens (user_id, name, token_hash, prefix, role, scope_level, "
      "region_code, ght_id, establishment_id, created_at, expires_on) VALUES (:u, :n, :h, :p, "
      ":r, :l, :rc, :g, :e, :c, :x)",
      [&](soci::statement& st) {
        st.exchange(use(uid));
        st.exchange(use(t.name));
        st.exchange(use(h));
        st.exchange(use(t.prefix));
        st.exchange(use(role));
        st.exchange(use(level));
        st.exchange(use(t.scope.region_code));
        st.exchange(use(ght));
        st.exchange(use(est));
        st.exchange(use(t.created_at));
        st.exchange(use(t.expires_on));
      });
  store::append_audit(*s, actor,
                      {"create", "api_token", std::to_string(t.id), est_of(t.scope), std::nullopt,
                       "Jeton d'API créé : " + t.name + " (" + std::string(role_label(t.role)) +
                           ", jusqu'au " + t.expires_on + ")",
                       "",
                       json{{"name", t.name},
                            {"prefix", t.prefix},
                            {"role", role},
                            {"scope_level", level},
                            {"expires_on", t.expires_on}}
                           .dump()});
  tr.commit();
  return raw;
}

std::vector<ApiToken> AuthStore::tokens_of(std::int64_t user_id) {
  long long uid = user_id;
  auto s = db_.lease();
  return query_tokens(*s, "WHERE t.user_id = :u ORDER BY t.id DESC",
                      [&](soci::statement& st) { st.exchange(use(uid)); });
}

std::optional<ApiToken> AuthStore::token_by_raw(const std::string& raw) {
  if (raw.rfind("cpt_", 0) != 0 || raw.size() != 68) return std::nullopt;
  auto r = token_record(store::sha256_hex(raw));
  if (!r) return std::nullopt;
  return r->token;
}

std::optional<TokenRecord> AuthStore::token_record(const std::string& token_hash) {
  auto s = db_.lease();
  return s.run<TokenWithGeneration>(kTokenWithGenerationSql,
                                    [&](TokenWithGeneration& q) -> std::optional<TokenRecord> {
                                      q.hash = token_hash;
                                      if (!q.st.execute(true)) return std::nullopt;
                                      return TokenRecord{q.row.take(), q.generation};
                                    });
}

bool AuthStore::revoke_token(std::int64_t user_id, std::int64_t id, const Actor& actor) {
  long long uid = user_id, tid = id;
  std::string now = store::now_utc_iso();
  auto s = db_.lease();
  store::Transaction tr(*s);
  soci::statement st = (s->prepare << "UPDATE api_tokens SET revoked_at = :t WHERE id = :i AND "
                                      "user_id = :u AND revoked_at IS NULL",
                        use(now), use(tid), use(uid));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  bump_user_generation(*s, uid);
  store::append_audit(*s, actor,
                      {"update", "api_token", std::to_string(id), std::nullopt, std::nullopt,
                       "Jeton d'API révoqué", "", ""});
  tr.commit();
  changed(user_id);
  return true;
}

void AuthStore::token_used(std::int64_t id) {
  write_activity({}, {{id, store::now_utc_iso()}});
}

// ---- invitations ---------------------------------------------------------------------------

std::string AuthStore::insert_invitation(Invitation& inv, const Actor& actor) {
  std::string raw = random_token(32), h = store::sha256_hex(raw), now = store::now_utc_iso();
  std::string role(role_name(inv.role)), level = scope_level_name(inv.scope.level);
  long long ght = inv.scope.ght_id, est = inv.scope.establishment_id, by = inv.invited_by,
            exp = inv.expires_at_s;
  std::string region = region_of(inv.scope);
  auto s = db_.lease();
  store::Transaction tr(*s);
  inv.id = insert_returning_id(
      *s,
      "INSERT INTO invitations (token_hash, email, role, scope_level, region_code, ght_id, "
      "establishment_id, invited_by, created_at, expires_at_s) VALUES (:h, :e, :r, :l, :rc, :g, "
      ":es, :b, :c, :x)",
      [&](soci::statement& st) {
        st.exchange(use(h));
        st.exchange(use(inv.email));
        st.exchange(use(role));
        st.exchange(use(level));
        st.exchange(use(inv.scope.region_code));
        st.exchange(use(ght));
        st.exchange(use(est));
        st.exchange(use(by));
        st.exchange(use(now));
        st.exchange(use(exp));
      });
  store::append_audit(
      *s, actor,
      {"create", "invitation", std::to_string(inv.id), est_of(inv.scope),
       region.empty() ? std::nullopt : std::optional<std::string>(region),
       "Invitation envoyée à " + inv.email + " (" + std::string(role_label(inv.role)) + ")", "",
       json{{"email", inv.email}, {"role", role}, {"scope_level", level}}.dump()});
  tr.commit();
  return raw;
}

std::optional<Invitation> AuthStore::invitation_by_raw(const std::string& raw) {
  if (raw.size() != 64) return std::nullopt;
  std::string h = store::sha256_hex(raw);
  Invitation inv;
  long long id = 0, ght = 0, est = 0, by = 0, exp = 0;
  std::string role, level, used, revoked;
  soci::indicator used_ind = soci::i_null, revoked_ind = soci::i_null;
  auto s = db_.lease();
  *s << "SELECT id, email, role, scope_level, region_code, ght_id, establishment_id, "
        "invited_by, expires_at_s, used_at, revoked_at FROM invitations WHERE token_hash = :h",
      into(id), into(inv.email), into(role), into(level), into(inv.scope.region_code), into(ght),
      into(est), into(by), into(exp), into(used, used_ind), into(revoked, revoked_ind), use(h);
  if (!s->got_data()) return std::nullopt;
  inv.id = id;
  inv.role = parse_role(role).value_or(Role::establishment_reader);
  inv.scope.level = parse_scope_level(level).value_or(Scope::Level::establishment);
  inv.scope.ght_id = ght;
  inv.scope.establishment_id = est;
  inv.invited_by = by;
  inv.expires_at_s = exp;
  if (used_ind == soci::i_ok) inv.used_at = used;
  if (revoked_ind == soci::i_ok) inv.revoked_at = revoked;
  return inv;
}

std::vector<Invitation> AuthStore::pending_invitations_in(const Scope& scope, std::int64_t now_s) {
  // The same scope rule as for accounts: an invitation lies inside a scope when the scope
  // it grants does (store/scope_filter.hpp, kUserScopeFilterSql, with `u` the invitation).
  auto s = db_.lease();
  store::ScopeFilter f(scope);
  std::vector<Invitation> out;
  Invitation inv;
  long long id = 0, ght = 0, est = 0, by = 0, exp = 0, now = now_s;
  std::string role, level, created;
  soci::statement st(*s);
  st.exchange(into(id));
  st.exchange(into(inv.email));
  st.exchange(into(role));
  st.exchange(into(level));
  st.exchange(into(inv.scope.region_code));
  st.exchange(into(ght));
  st.exchange(into(est));
  st.exchange(into(by));
  st.exchange(into(exp));
  st.exchange(into(created));
  st.exchange(use(now));
  f.bind(st, 4, 3, 2);
  st.alloc();
  st.prepare(
      "SELECT u.id, u.email, u.role, u.scope_level, u.region_code, u.ght_id, u.establishment_id, "
      "u.invited_by, u.expires_at_s, u.created_at FROM invitations u "
      "LEFT JOIN establishments ue ON ue.id = u.establishment_id "
      "LEFT JOIN ghts ug ON ug.id = u.ght_id "
      "WHERE u.used_at IS NULL AND u.revoked_at IS NULL AND u.expires_at_s >= :now" +
      std::string(store::kUserScopeFilterSql) + " ORDER BY u.id DESC");
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      Invitation i = inv;
      i.id = id;
      i.role = parse_role(role).value_or(Role::establishment_reader);
      i.scope.level = parse_scope_level(level).value_or(Scope::Level::establishment);
      i.scope.ght_id = ght;
      i.scope.establishment_id = est;
      i.invited_by = by;
      i.expires_at_s = exp;
      i.created_at = created;
      out.push_back(std::move(i));
    } while (st.fetch());
  }
  return out;
}

bool AuthStore::revoke_invitation(const Invitation& inv, const Actor& actor) {
  long long iid = inv.id;
  std::string now = store::now_utc_iso();
  std::string region = region_of(inv.scope);
  auto s = db_.lease();
  store::Transaction tr(*s);
  soci::statement st = (s->prepare << "UPDATE invitations SET revoked_at = :t WHERE id = :i AND "
                                      "used_at IS NULL AND revoked_at IS NULL",
                        use(now), use(iid));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  store::append_audit(*s, actor,
                      {"revoke", "invitation", std::to_string(inv.id), est_of(inv.scope),
                       region.empty() ? std::nullopt : std::optional<std::string>(region),
                       "Invitation de " + inv.email + " révoquée", "", ""});
  tr.commit();
  return true;
}

bool AuthStore::consume_invitation(std::int64_t id, const Actor& actor) {
  long long iid = id;
  std::string now = store::now_utc_iso();
  auto s = db_.lease();
  store::Transaction tr(*s);
  soci::statement st =
      (s->prepare << "UPDATE invitations SET used_at = :t WHERE id = :i AND used_at IS NULL",
       use(now), use(iid));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  store::append_audit(*s, actor,
                      {"update", "invitation", std::to_string(id), std::nullopt, std::nullopt,
                       "Invitation acceptée", "", ""});
  tr.commit();
  return true;
}

}  // namespace carepilot::auth
