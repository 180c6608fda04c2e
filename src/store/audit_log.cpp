#include "store/audit_log.hpp"

#include <sodium.h>

#include <array>
#include <map>
#include <stdexcept>

#include "common/text.hpp"
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
  std::string client_rid;
  int keyed = 1;

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
    st.exchange(into(client_rid));
    st.exchange(into(keyed));
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
    e.client_request_id = client_rid;
    e.keyed = keyed != 0;
    return e;
  }
};

constexpr const char* kColumns =
    "SELECT a.seq, a.at, a.actor, a.remote, a.request_id, a.action, a.entity, a.entity_key, "
    "a.establishment_id, a.region_code, a.summary, a.before_digest, a.after_digest, "
    "a.prev_hash, a.hash, a.client_request_id, a.keyed FROM audit_log a ";

}  // namespace

std::string audit_hash(const AuditEntry& e, const AuditKey& key) {
  std::string text;
  if (e.keyed) put(text, "carepilot-audit-v2");
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
  if (!e.keyed) return sha256_hex(text);  // entries written before the key existed
  put(text, e.client_request_id);
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(text.data()),
                         text.size(), key.mac.data());
  std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return std::string(hex.data());
}

std::int64_t append_audit(soci::session& sql, const Actor& actor, const AuditChange& c) {
  const AuditKey& key = audit_key();  // throws before anything is written when unset
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
  e.client_request_id = actor.client_request_id;
  e.action = c.action;
  e.entity = c.entity;
  e.entity_key = c.entity_key;
  e.establishment_id = c.establishment_id;
  e.region_code = c.region_code;
  e.summary = c.summary;
  e.before_digest = sha256_hex(c.before);
  e.after_digest = sha256_hex(c.after);
  e.prev_hash = prev;
  e.keyed = true;
  e.hash = audit_hash(e, key);
  long long est = e.establishment_id.value_or(0);
  soci::indicator est_ind = e.establishment_id ? soci::i_ok : soci::i_null;
  std::string region = e.region_code.value_or("");
  soci::indicator region_ind = e.region_code ? soci::i_ok : soci::i_null;
  int keyed = 1;
  sql << "INSERT INTO audit_log (seq, at, actor, remote, request_id, action, entity, "
         "entity_key, establishment_id, region_code, summary, before_digest, after_digest, "
         "prev_hash, hash, client_request_id, keyed) VALUES (:seq, :at, :actor, :remote, :rid, "
         ":action, :entity, :key, :est, :region, :summary, :before, :after, :prev, :hash, :crid, "
         ":keyed)",
      use(seq), use(e.at), use(e.actor), use(e.remote), use(e.request_id), use(e.action),
      use(e.entity), use(e.entity_key), use(est, est_ind), use(region, region_ind), use(e.summary),
      use(e.before_digest), use(e.after_digest), use(e.prev_hash), use(e.hash),
      use(e.client_request_id), use(keyed);
  sql << "UPDATE audit_head SET hash = :h WHERE id = 1", use(e.hash);
  return seq;
}

AuditCheckpoint make_checkpoint(soci::session& sql, const AuditKey& key) {
  long long seq = 0;
  std::string head;
  sql << "SELECT seq, hash FROM audit_head WHERE id = 1", into(seq), into(head);
  return AuditCheckpoint::sign(seq, head, now_utc_iso(), key);
}

AuditVerdict verify_audit(soci::session& sql, const AuditKey& key,
                          const std::vector<AuditCheckpoint>& checkpoints) {
  AuditVerdict v;
  auto fail = [&](long long seq, std::string why) {
    v.ok = false;
    v.broken_at = seq;
    v.reason = std::move(why);
  };
  // Checkpoints first: a forged or malformed one is reported before anything else, and the
  // valid ones tell which hash each sequence number must carry.
  std::map<long long, const AuditCheckpoint*> expected_hash;
  long long legacy_limit = -1;  // unkeyed entries are accepted up to the first checkpoint
  long long max_checkpoint = 0;
  const AuditCheckpoint* last_cp = nullptr;
  for (std::size_t i = 0; i < checkpoints.size(); ++i) {
    const auto& cp = checkpoints[i];
    if (cp.seq < 0 || !cp.signature_valid(key)) {
      fail(0,
           "le point de contrôle n° " + std::to_string(i + 1) +
               " du fichier n'a pas une signature valide (falsifié, ou signé avec une autre clé)");
      return v;
    }
    if (legacy_limit < 0) legacy_limit = cp.seq;
    if (cp.seq > 0) expected_hash[cp.seq] = &cp;
    if (cp.seq >= max_checkpoint) {
      max_checkpoint = cp.seq;
      last_cp = &cp;
    }
    ++v.checkpoints;
  }
  if (legacy_limit < 0) legacy_limit = 0;

  Row r;
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string(kColumns) + "ORDER BY a.seq");
  r.bind(st);
  st.define_and_bind();
  st.execute(false);
  std::string prev;
  long long expected = 1;
  bool seen_keyed = false;
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
    // Unkeyed entries predate the key: they may only form the start of the chain, before
    // the first checkpoint (written at the first start with a key).
    if (!e.keyed && (seen_keyed || e.seq > legacy_limit)) {
      fail(e.seq,
           seen_keyed ? "entrée non signée par la clé du journal après des entrées signées"
           : checkpoints.empty()
               ? "entrée non signée par la clé du journal et aucun point de contrôle signé ne "
                 "l'atteste (base d'une version antérieure : « carepilot migrate » ou le "
                 "démarrage du serveur écrit le premier point de contrôle)"
               : "entrée non signée par la clé du journal, postérieure au premier point de "
                 "contrôle");
      return v;
    }
    seen_keyed = seen_keyed || e.keyed;
    if (audit_hash(e, key) != e.hash) {
      fail(e.seq,
           "le contenu de l'entrée ne correspond pas à son empreinte (entrée modifiée, "
           "ou clé du journal différente)");
      return v;
    }
    if (auto it = expected_hash.find(e.seq);
        it != expected_hash.end() && it->second->head != e.hash) {
      fail(e.seq, "l'entrée diffère de celle attestée par le point de contrôle du " +
                      it->second->at + " (journal réécrit)");
      return v;
    }
    prev = e.hash;
    ++expected;
    ++v.entries;
  }
  if (v.entries < max_checkpoint) {
    fail(v.entries + 1, "journal tronqué : le point de contrôle du " + last_cp->at + " atteste " +
                            std::to_string(max_checkpoint) +
                            " entrées, la base n'en contient que " + std::to_string(v.entries) +
                            (v.entries == 0 ? " (journal supprimé)" : " (fin du journal coupée)"));
    return v;
  }
  long long head_seq = 0;
  std::string head_hash;
  sql << "SELECT seq, hash FROM audit_head WHERE id = 1", into(head_seq), into(head_hash);
  if (head_seq != v.entries || head_hash != prev) {
    fail(v.entries + 1, "la tête de la chaîne annonce " + std::to_string(head_seq) +
                            " entrées : des entrées finales ont été supprimées ou modifiées");
    return v;
  }
  if (checkpoints.empty())
    v.warnings.push_back(
        "aucun point de contrôle signé : une suppression de la fin du journal ne serait pas "
        "détectée (voir docs/auth.md, « Journal »)");
  return v;
}

namespace {

// The FROM and WHERE of a journal query: the scope, then the filters.
const std::string kAuditWhere = std::string(
                                    "LEFT JOIN establishments e ON e.id = a.establishment_id "
                                    "WHERE (:b1 = 0 OR a.seq < :b2)") +
                                kAuditScopeFilterSql +
                                " AND (:fa1 = '' OR a.actor LIKE :fa2 ESCAPE '\\')"
                                " AND (:fe1 = 0 OR a.establishment_id = :fe2)"
                                " AND (:fo1 = '' OR a.entity = :fo2)"
                                " AND (:ff1 = '' OR a.at >= :ff2) AND (:ft1 = '' OR a.at < :ft2)";

// The values of kAuditWhere, bound in order.
struct AuditWhereBind {
  long long before;
  std::string actor;
  long long est;
  std::string entity, from, to;
  ScopeFilter filter;
  explicit AuditWhereBind(const AuditQuery& q)
      : before(q.before_seq),
        actor(q.actor.empty() ? "" : "%" + like_escape(q.actor) + "%"),
        est(q.establishment_id.value_or(0)),
        entity(q.entity),
        from(q.from_utc),
        to(q.to_utc),
        filter(q.scope) {}
  void bind(soci::statement& st) {
    st.exchange(use(before));
    st.exchange(use(before));
    filter.bind(st);
    for (auto* v : {&actor, &actor}) st.exchange(use(*v));
    st.exchange(use(est));
    st.exchange(use(est));
    for (auto* v : {&entity, &entity, &from, &from, &to, &to}) st.exchange(use(*v));
  }
};

}  // namespace

std::vector<AuditEntry> list_audit(soci::session& sql, const AuditQuery& q) {
  const std::string query = kColumns + kAuditWhere +
                            (q.ascending ? " ORDER BY a.seq" : " ORDER BY a.seq DESC") +
                            " LIMIT :lim OFFSET :off";
  Row r;
  int limit = q.limit;
  long long offset = q.offset;
  AuditWhereBind b(q);
  soci::statement st(sql);
  st.alloc();
  st.prepare(query);
  r.bind(st);
  b.bind(st);
  st.exchange(use(limit));
  st.exchange(use(offset));
  st.define_and_bind();
  st.execute(false);
  std::vector<AuditEntry> out;
  while (st.fetch()) out.push_back(r.take());
  return out;
}

std::int64_t count_audit(soci::session& sql, const AuditQuery& q) {
  long long n = 0;
  AuditWhereBind b(q);
  soci::statement st(sql);
  st.exchange(into(n));
  b.bind(st);
  st.alloc();
  st.prepare("SELECT COUNT(*) FROM audit_log a " + kAuditWhere);
  st.define_and_bind();
  st.execute(true);
  return n;
}

}  // namespace carepilot::store
