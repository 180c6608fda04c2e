#include "store/audit_log.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "store/clock.hpp"
#include "store/scope_filter.hpp"

namespace carepilot::store {

using soci::into;
using soci::use;

std::string sha256_hex(const std::string& text) {
  if (text.empty()) return {};
  static const int init = sodium_init();
  if (init < 0) throw std::runtime_error("libsodium: initialisation failed");
  std::array<unsigned char, crypto_hash_sha256_BYTES> d{};
  crypto_hash_sha256(d.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), d.data(), d.size());
  return std::string(hex.data());
}

namespace {

// Length-prefixed fields: no two different entries share an encoding.
void put(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '\n';
}

std::string opt(const std::optional<std::int64_t>& v) {
  return v ? std::to_string(*v) : "-";
}
std::string opt(const std::optional<std::string>& v) {
  return v ? "=" + *v : "-";
}

struct Row {
  long long seq = 0;
  std::string at, actor, remote, request_id, action, entity, entity_key;
  long long est = 0;
  soci::indicator est_ind = soci::i_null;
  std::string region;
  soci::indicator region_ind = soci::i_null;
  std::string summary, before, after, prev, hash;

  void bind(soci::statement& st) {
    st.exchange(into(seq));
    st.exchange(into(at));
    st.exchange(into(actor));
    st.exchange(into(remote));
    st.exchange(into(request_id));
    st.exchange(into(action));
    st.exchange(into(entity));
    st.exchange(into(entity_key));
    st.exchange(into(est, est_ind));
    st.exchange(into(region, region_ind));
    st.exchange(into(summary));
    st.exchange(into(before));
    st.exchange(into(after));
    st.exchange(into(prev));
    st.exchange(into(hash));
  }
  AuditEntry take() const {
    AuditEntry e;
    e.seq = seq;
    e.at = at;
    e.actor = actor;
    e.remote = remote;
    e.request_id = request_id;
    e.action = action;
    e.entity = entity;
    e.entity_key = entity_key;
    if (est_ind == soci::i_ok) e.establishment_id = est;
    if (region_ind == soci::i_ok) e.region_code = region;
    e.summary = summary;
    e.before_digest = before;
    e.after_digest = after;
    e.prev_hash = prev;
    e.hash = hash;
    return e;
  }
};

constexpr const char* kColumns =
    "SELECT a.seq, a.at, a.actor, a.remote, a.request_id, a.action, a.entity, a.entity_key, "
    "a.establishment_id, a.region_code, a.summary, a.before_digest, a.after_digest, "
    "a.prev_hash, a.hash FROM audit_log a ";

}  // namespace

std::string audit_hash(const AuditEntry& e) {
  std::string text;
  put(text, e.prev_hash);
  put(text, std::to_string(e.seq));
  put(text, e.at);
  put(text, e.actor);
  put(text, e.remote);
  put(text, e.request_id);
  put(text, e.action);
  put(text, e.entity);
  put(text, e.entity_key);
  put(text, opt(e.establishment_id));
  put(text, opt(e.region_code));
  put(text, e.summary);
  put(text, e.before_digest);
  put(text, e.after_digest);
  return sha256_hex(text);
}

std::int64_t append_audit(soci::session& sql, const Actor& actor, const AuditChange& c) {
  // The UPDATE takes the head's row lock (PostgreSQL) or the write lock (SQLite) first.
  sql << "UPDATE audit_head SET seq = seq + 1 WHERE id = 1";
  long long seq = 0;
  std::string prev;
  sql << "SELECT seq, hash FROM audit_head WHERE id = 1", into(seq), into(prev);
  AuditEntry e;
  e.seq = seq;
  e.at = now_utc_iso();
  e.actor = actor.user;
  e.remote = actor.remote;
  e.request_id = actor.request_id;
  e.action = c.action;
  e.entity = c.entity;
  e.entity_key = c.entity_key;
  e.establishment_id = c.establishment_id;
  e.region_code = c.region_code;
  e.summary = c.summary;
  e.before_digest = sha256_hex(c.before);
  e.after_digest = sha256_hex(c.after);
  e.prev_hash = prev;
  e.hash = audit_hash(e);
  long long est = e.establishment_id.value_or(0);
  soci::indicator est_ind = e.establishment_id ? soci::i_ok : soci::i_null;
  std::string region = e.region_code.value_or("");
  soci::indicator region_ind = e.region_code ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO audit_log (seq, at, actor, remote, request_id, action, entity, "
         "entity_key, establishment_id, region_code, summary, before_digest, after_digest, "
         "prev_hash, hash) VALUES (:seq, :at, :actor, :remote, :rid, :action, :entity, :key, "
         ":est, :region, :summary, :before, :after, :prev, :hash)",
      use(seq), use(e.at), use(e.actor), use(e.remote), use(e.request_id), use(e.action),
      use(e.entity), use(e.entity_key), use(est, est_ind), use(region, region_ind), use(e.summary),
      use(e.before_digest), use(e.after_digest), use(e.prev_hash), use(e.hash);
  sql << "UPDATE audit_head SET hash = :h WHERE id = 1", use(e.hash);
  return seq;
}

AuditVerdict verify_audit(soci::session& sql) {
  AuditVerdict v;
  Row r;
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string(kColumns) + "ORDER BY a.seq");
  r.bind(st);
  st.define_and_bind();
  st.execute(false);
  std::string prev;
  long long expected = 1;
  auto fail = [&](long long seq, std::string why) {
    v.ok = false;
    v.broken_at = seq;
    v.reason = std::move(why);
  };
  while (st.fetch()) {
    auto e = r.take();
    if (e.seq != expected) {
      fail(expected, "entrée " + std::to_string(expected) +
                         " manquante (suivante : " + std::to_string(e.seq) + ")");
      return v;
    }
    if (e.prev_hash != prev) {
      fail(e.seq, "le lien vers l'entrée précédente ne correspond pas");
      return v;
    }
    if (audit_hash(e) != e.hash) {
      fail(e.seq, "le contenu de l'entrée ne correspond pas à son empreinte");
      return v;
    }
    prev = e.hash;
    ++expected;
    ++v.entries;
  }
  long long head_seq = 0;
  std::string head_hash;
  sql << "SELECT seq, hash FROM audit_head WHERE id = 1", into(head_seq), into(head_hash);
  if (head_seq != v.entries || head_hash != prev)
    fail(v.entries + 1, "la tête de la chaîne annonce " + std::to_string(head_seq) +
                            " entrées : des entrées finales ont été supprimées ou modifiées");
  return v;
}

std::vector<AuditEntry> list_audit(soci::session& sql, const AuditQuery& q) {
  std::string query = std::string(kColumns) +
                      "LEFT JOIN establishments e ON e.id = a.establishment_id "
                      "WHERE (:b1 = 0 OR a.seq < :b2)" +
                      kAuditScopeFilterSql + " ORDER BY a.seq DESC LIMIT :lim";
  Row r;
  long long before = q.before_seq;
  int limit = q.limit;
  ScopeFilter filter(q.scope);
  soci::statement st(sql);
  st.alloc();
  st.prepare(query);
  r.bind(st);
  st.exchange(use(before));
  st.exchange(use(before));
  filter.bind(st);
  st.exchange(use(limit));
  st.define_and_bind();
  st.execute(false);
  std::vector<AuditEntry> out;
  while (st.fetch()) out.push_back(r.take());
  return out;
}

}  // namespace carepilot::store
