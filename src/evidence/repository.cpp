#include "evidence/repository.hpp"
#include "evidence/sources.hpp"
#include "store/transaction.hpp"

#include <algorithm>
#include <unordered_map>

#include "common/labels.hpp"
#include "common/withdrawal.hpp"
#include "engine/bundle.hpp"
#include "engine/evaluate.hpp"
#include "evidence/scope_where.hpp"
#include "evidence/stored.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/scope_filter.hpp"
#include "store/withdrawal.hpp"

namespace carepilot::evidence {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

// The columns of one evidence row, bound into a statement.
struct EvidenceRow {
  long long id = 0, est = 0;
  std::string type, date, payload, created_at, created_by, withdrawn_at, withdrawn_by, reason,
      source;
  void bind(soci::statement& st) {
    st.exchange(into(id));
    st.exchange(into(est));
    st.exchange(into(type));
    st.exchange(into(date));
    st.exchange(into(payload));
    st.exchange(into(created_at));
    st.exchange(into(created_by));
    st.exchange(into(withdrawn_at));
    st.exchange(into(withdrawn_by));
    st.exchange(into(reason));
    st.exchange(into(source));
  }
  Record take() const {
    Record r;
    r.id = id;
    r.establishment_id = est;
    r.type = type;
    r.date = parse_date(date).value_or(Date{});
    r.payload = json::parse(payload, nullptr, false);
    if (r.payload.is_discarded()) r.payload = json::object();
    r.created_at = created_at;
    r.created_by = created_by;
    r.withdrawn_at = withdrawn_at;
    r.withdrawn_by = withdrawn_by;
    r.withdrawal_reason = reason;
    r.source = source;
    return r;
  }
};

constexpr const char* kEvidenceColumns =
    "SELECT v.id, v.establishment_id, v.type, v.date, v.payload, v.created_at, v.created_by, "
    "COALESCE(v.withdrawn_at, ''), COALESCE(v.withdrawn_by, ''), "
    "COALESCE(v.withdrawal_reason, ''), COALESCE(v.source, '') FROM evidence v ";
// Only the records that count: a withdrawn record stays in the history, never in compliance.
constexpr const char* kCounts = "v.withdrawn_at IS NULL";

// "evidence.total_eur" -> "total_eur"; "evidence" -> "".
std::string field_of(const std::string& path) {
  const std::string prefix = "evidence";
  if (path.rfind(prefix, 0) != 0) return path;
  std::string rest = path.substr(prefix.size());
  if (!rest.empty() && rest.front() == '.') rest.erase(0, 1);
  return rest;
}

}  // namespace

namespace {
struct SourceKind {
  const char* prefix;  // "crisis_exercise:"
  const char* path;    // "exercices/"
  const char* label;   // "l'exercice de crise"
  const char* of;      // "de l'exercice de crise": after « à partir », « vient »
};
constexpr SourceKind kSources[] = {
    {"crisis_exercise:", "exercices/", "l'exercice de crise", "de l'exercice de crise"},
    {"paq_action:", "paq/", "l'action du PAQ", "de l'action du PAQ"},
    {"budget_declaration:", "budget/", "la déclaration de budget", "de la déclaration de budget"},
    {"training_coverage:", "formation/", "la formation et la sensibilisation",
     "de la formation et de la sensibilisation"},
    {"maturity_assessment:", "maturite/", "l'autoévaluation de maturité",
     "de l'autoévaluation de maturité"},
    {"ad_audit:", "audit-ad/", "l'audit Active Directory", "de l'audit Active Directory"},
    {"exposure_audit:", "exposition/", "l'audit d'exposition sur internet",
     "de l'audit d'exposition sur internet"},
};
const SourceKind* source_kind(const std::string& source) {
  for (const auto& k : kSources)
    if (source.rfind(k.prefix, 0) == 0) return &k;
  return nullptr;
}
}  // namespace

std::string source_url(const std::string& finess, const std::string& source) {
  const auto* k = source_kind(source);
  if (!k) return "";
  return "/etablissements/" + finess + "/" + k->path +
         source.substr(std::char_traits<char>::length(k->prefix));
}

std::string source_label(const std::string& source) {
  const auto* k = source_kind(source);
  return k ? k->label : "un autre module";
}

std::string source_label_of(const std::string& source) {
  const auto* k = source_kind(source);
  return k ? k->of : "d'un autre module";
}

engine::Establishment to_engine(const registry::Establishment& e,
                                const referential::Referential& ref) {
  json j{{"finess", e.finess_et},
         {"name", e.name},
         {"category", e.category == "medico_social" ? "medico-social" : e.category},
         {"services", e.services}};
  try {
    return engine::parse_establishment(j, ref, "establishment");
  } catch (const engine::BundleError&) {
    // A registry record the bundle rules refuse (e.g. a category unknown to the
    // referential): evaluated as it is, the engine then finds no applicable obligation.
    engine::Establishment est;
    est.finess = e.finess_et;
    est.name = e.name;
    est.category = referential::normalize_name(e.category);
    for (const auto& s : e.services) {
      const auto* svc = ref.find_service(s);
      est.services.push_back(svc ? svc->id : s);
    }
    return est;
  }
}

registry::Establishment Repository::visible(const Scope& scope, const std::string& finess) {
  return registry_.visible(scope, finess);  // leases and returns its own session
}

Record Repository::validate(const registry::Establishment& est, const json& record,
                            const Date& today, const Actor& actor) const {
  if (!record.is_object())
    throw UserError::invalid({{"", "evidence.invalid", "Un objet JSON (une preuve) est attendu."}});
  engine::Evidence parsed;
  try {
    parsed = engine::parse_evidence(record, to_engine(est, ref_), ref_, "evidence");
  } catch (const engine::BundleError& err) {
    std::string field = field_of(err.path());
    throw UserError::invalid(
        {{field, "evidence.invalid", (field.empty() ? "" : field + " : ") + err.reason()}});
  }
  if (parsed.date.year() < kEarliestRecordedYear)
    throw UserError::invalid(
        {{"date", "evidence.date_too_old",
          "date : une preuve date de 2000 au plus tôt (reçu " + format_date(parsed.date) + ")."}});
  if (parsed.date > today)
    throw UserError::invalid(
        {{"date", "evidence.date_in_future",
          "date : la date " + format_date(parsed.date) + " est postérieure à aujourd'hui (" +
              format_date(today) + ")."}});
  Record r;
  r.establishment_id = est.id;
  r.type = std::string(referential::evidence_type_name(parsed.type));
  r.date = parsed.date;
  r.payload = record;
  r.created_at = store::now_utc_iso();
  r.created_by = actor.user;
  return r;
}

void Repository::insert(soci::session& sql, const registry::Establishment& est, Record& r,
                        const std::string& source) const {
  std::string date = format_date(r.date), payload = r.payload.dump();
  long long est_id = est.id, id = 0;
  if (sql.get_backend_name() == "postgresql") {
    sql << "INSERT INTO evidence (establishment_id, type, date, payload, created_at, "
           "created_by, source) VALUES (:e, :t, :d, :p, :c, :u, :s) RETURNING id",
        use(est_id), use(r.type), use(date), use(payload), use(r.created_at), use(r.created_by),
        use(source), into(id);
  } else {
    sql << "INSERT INTO evidence (establishment_id, type, date, payload, created_at, "
           "created_by, source) VALUES (:e, :t, :d, :p, :c, :u, :s)",
        use(est_id), use(r.type), use(date), use(payload), use(r.created_at), use(r.created_by),
        use(source);
    sql << "SELECT last_insert_rowid()", into(id);
  }
  r.id = id;
}

namespace {
store::AuditChange evidence_change(const registry::Establishment& est, const std::string& action,
                                   std::int64_t id, const std::string& type, const Date& date,
                                   const std::string& before, const std::string& after) {
  return {action,
          "evidence",
          std::to_string(id),
          est.id,
          est.region_code,
          std::string(action == "update"     ? "Preuve mise à jour : "
                      : action == "withdraw" ? "Preuve retirée : "
                                             : "Preuve ajoutée : ") +
              std::string(evidence_type_label(type)) + " du " + format_date(date),
          before,
          after};
}
}  // namespace

Record Repository::add(const Scope& scope, const std::string& finess, const json& record,
                       const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  validate(est, record, today, actor);  // refused before any lease or write
  auto s = db_.lease();
  store::Transaction tr(*s);
  Record r = add_in(*s, est, record, today, actor);
  tr.commit();
  return r;
}

Record Repository::add_in(soci::session& sql, const registry::Establishment& est,
                          const json& record, const Date& today, const Actor& actor) {
  Record r = validate(est, record, today, actor);
  insert(sql, est, r, "");
  store::append_audit(sql, actor,
                      evidence_change(est, "create", r.id, r.type, r.date, "", r.payload.dump()));
  recompute_one(sql, *this, est.id, today);
  return r;
}

void Repository::emit(soci::session& sql, const registry::Establishment& est,
                      const std::string& source, const std::optional<json>& record,
                      const Date& today, const Actor& actor, const std::string& reason) {
  std::optional<Record> fresh;
  if (record) fresh = validate(est, *record, today, actor);  // before any write
  long long est_id = est.id;
  std::vector<Record> old;
  {
    EvidenceRow row;
    soci::statement st(sql);
    row.bind(st);
    std::string src = source;
    st.exchange(use(est_id));
    st.exchange(use(src));
    st.alloc();
    st.prepare(std::string(kEvidenceColumns) +
               "WHERE v.establishment_id = :e AND v.source = :s AND " + kCounts + " ORDER BY v.id");
    st.define_and_bind();
    if (st.execute(true)) {
      do old.push_back(row.take());
      while (st.fetch());
    }
  }
  bool changed = false;
  std::size_t kept = 0;  // old[0] is kept (updated in place) when there is a fresh record
  if (fresh && !old.empty()) {
    kept = 1;
    Record& o = old.front();
    if (o.type != fresh->type || o.date != fresh->date || o.payload != fresh->payload) {
      std::string date = format_date(fresh->date), payload = fresh->payload.dump();
      long long oid = o.id;
      sql << "UPDATE evidence SET type = :t, date = :d, payload = :p WHERE id = :id",
          use(fresh->type), use(date), use(payload), use(oid);
      store::append_audit(sql, actor,
                          evidence_change(est, "update", o.id, fresh->type, fresh->date,
                                          o.payload.dump(), payload));
      changed = true;
    }
  } else if (fresh) {
    insert(sql, est, *fresh, source);
    store::append_audit(sql, actor,
                        evidence_change(est, "create", fresh->id, fresh->type, fresh->date, "",
                                        fresh->payload.dump()));
    changed = true;
  }
  const std::string why =
      reason.empty() ? "l'élément d'origine ne fournit plus cette preuve" : reason;
  for (std::size_t i = kept; i < old.size(); ++i) {
    const Record& o = old[i];
    auto w = store::mark_withdrawn(sql, "evidence", o.id, est_id, why, actor.user);
    json after{{"record", o.payload}, {"withdrawn_at", w.at}, {"reason", w.reason}};
    auto change =
        evidence_change(est, "withdraw", o.id, o.type, o.date, o.payload.dump(), after.dump());
    change.summary += " — motif : " + w.reason;
    store::append_audit(sql, actor, change);
    changed = true;
  }
  if (changed) recompute_one(sql, *this, est.id, today);
}

namespace {
std::vector<Record> select_records(soci::session& sql, long long est_id, const std::string& tail) {
  std::vector<Record> out;
  EvidenceRow row;
  soci::statement st(sql);
  row.bind(st);
  st.exchange(use(est_id));
  st.alloc();
  st.prepare(std::string(kEvidenceColumns) + "WHERE v.establishment_id = :e AND " + tail);
  st.define_and_bind();
  if (st.execute(true)) {
    do out.push_back(row.take());
    while (st.fetch());
  }
  return out;
}

// The record `id` of the establishment, withdrawn or not; 404 when it is not that one's.
Record find_record(soci::session& sql, long long est_id, long long id) {
  EvidenceRow row;
  soci::indicator found = soci::i_null;
  sql << std::string(kEvidenceColumns) + "WHERE v.id = :id AND v.establishment_id = :e",
      into(row.id, found), into(row.est), into(row.type), into(row.date), into(row.payload),
      into(row.created_at), into(row.created_by), into(row.withdrawn_at), into(row.withdrawn_by),
      into(row.reason), into(row.source), use(id), use(est_id);
  if (found != soci::i_ok || !sql.got_data()) throw UserError::not_found("Preuve introuvable.");
  return row.take();
}

// The reason of a withdrawal, trimmed; 422 naming the field when empty or too long.
std::string checked_reason(const std::string& reason) {
  return checked_withdrawal_reason(reason, "evidence", "cette preuve est retirée");
}
}  // namespace

std::vector<Record> Repository::list(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  return select_records(*s, est.id, std::string(kCounts) + " ORDER BY v.date, v.id");
}

std::vector<Record> Repository::withdrawn(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  return select_records(*s, est.id,
                        "v.withdrawn_at IS NOT NULL ORDER BY v.withdrawn_at DESC, v.id DESC");
}

Record Repository::get(const Scope& scope, const std::string& finess, std::int64_t id) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  return find_record(*s, est.id, id);
}

Record Repository::withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                            const std::string& reason, const Actor& actor) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  Record r = find_record(*s, est.id, id);
  if (r.withdrawn())
    throw UserError(409, "evidence.already_withdrawn", "Cette preuve a déjà été retirée.");
  if (r.derived())
    throw UserError(409, "evidence.derived",
                    "Cette preuve vient " + source_label_of(r.source) +
                        " : elle ne se retire que depuis sa page d'origine.");
  r.withdrawal_reason = checked_reason(reason);
  r.withdrawn_at = store::now_utc_iso();
  r.withdrawn_by = actor.user;
  long long rid = r.id;
  *s << "UPDATE evidence SET withdrawn_at = :a, withdrawn_by = :b, withdrawal_reason = :r "
        "WHERE id = :id",
      use(r.withdrawn_at), use(r.withdrawn_by), use(r.withdrawal_reason), use(rid);
  json after{{"record", r.payload},
             {"withdrawn_at", r.withdrawn_at},
             {"withdrawn_by", r.withdrawn_by},
             {"reason", r.withdrawal_reason}};
  auto change =
      evidence_change(est, "withdraw", r.id, r.type, r.date, r.payload.dump(), after.dump());
  change.summary += " — motif : " + r.withdrawal_reason;
  store::append_audit(*s, actor, change);
  recompute_one(*s, *this, est.id, clock());
  tr.commit();
  return r;
}

engine::Evidence Repository::parse_payload(const engine::Establishment& est,
                                           engine::Establishment& owner,
                                           const json& payload) const {
  // A BIA stays valid when its service is no longer run: the owner runs it for this record.
  const std::size_t own = est.services.size();
  if (auto it = payload.find("service"); it != payload.end() && it->is_string()) {
    const std::string& name = it->get_ref<const std::string&>();
    const auto* svc = ref_.find_service(name);
    owner.services.push_back(svc ? svc->id : referential::normalize_name(name));
    owner.services.push_back(name);
  }
  struct Restore {
    engine::Establishment& o;
    std::size_t n;
    ~Restore() { o.services.resize(n); }
  } restore{owner, own};
  return engine::parse_evidence(payload, owner, ref_, "evidence");
}

std::vector<engine::Evidence> Repository::parse_stored(const engine::Establishment& est,
                                                       std::vector<Record>& records) const {
  std::vector<engine::Evidence> out;
  std::vector<Record> kept;
  out.reserve(records.size());
  kept.reserve(records.size());
  engine::Establishment owner = est;
  for (auto& r : records) {
    try {
      out.push_back(parse_payload(est, owner, r.payload));
      kept.push_back(std::move(r));
    } catch (const engine::BundleError&) {
      // Stored before a referential change made it invalid: not counted (records and
      // evidence stay aligned).
    }
  }
  records = std::move(kept);
  return out;
}

Loaded Repository::load(const Scope& scope, const std::string& finess) {
  Loaded l;
  l.records = list(scope, finess);
  l.establishment = visible(scope, finess);
  l.engine = to_engine(l.establishment, ref_);
  l.evidence = parse_stored(l.engine, l.records);
  for (const auto& r : l.records) l.evidence_ids.push_back(r.id);
  return l;
}

std::vector<Loaded> Repository::load_all(const Scope& scope, const ScopeFilter& filter,
                                         bool keep_records) {
  WhereBinds wb(scope, filter);
  auto s = db_.lease();
  return load_where(
      *s, kWhereSql, [&wb](soci::statement& st) { wb.bind(st); }, keep_records);
}

std::vector<Loaded> Repository::load_ids(soci::session& sql, std::int64_t from_id,
                                         std::int64_t to_id) {
  long long from = from_id, to = to_id;
  return load_where(
      sql, " WHERE e.id BETWEEN :from_id AND :to_id",
      [&from, &to](soci::statement& st) {
        st.exchange(use(from));
        st.exchange(use(to));
      },
      false);
}

std::vector<Loaded> Repository::load_where(soci::session& sql, const std::string& where,
                                           const std::function<void(soci::statement&)>& bind,
                                           bool keep_records) {
  std::vector<Loaded> out;
  std::unordered_map<long long, std::size_t> index;
  {
    soci::session* s = &sql;
    {
      long long id = 0, ght = 0;
      int demo = 0;
      soci::indicator ght_ind = soci::i_null;
      std::string finess, name, category, region;
      soci::statement st(*s);
      st.exchange(into(id));
      st.exchange(into(finess));
      st.exchange(into(name));
      st.exchange(into(category));
      st.exchange(into(region));
      st.exchange(into(ght, ght_ind));
      st.exchange(into(demo));
      bind(st);
      st.alloc();
      st.prepare(
          std::string("SELECT e.id, e.finess_et, e.name, e.category, e.region_code, e.ght_id, "
                      "e.is_demo FROM establishments e") +
          where + " ORDER BY e.name_search, e.id");
      st.define_and_bind();
      if (st.execute(true)) {
        do {
          Loaded l;
          l.establishment.id = id;
          l.establishment.finess_et = finess;
          l.establishment.name = name;
          l.establishment.category = category;
          l.establishment.region_code = region;
          if (ght_ind == soci::i_ok) l.establishment.ght_id = ght;
          l.establishment.is_demo = demo != 0;
          index[id] = out.size();
          out.push_back(std::move(l));
        } while (st.fetch());
      }
    }
    if (out.empty()) return out;
    {
      long long id = 0;
      std::string service;
      soci::statement st(*s);
      st.exchange(into(id));
      st.exchange(into(service));
      bind(st);
      st.alloc();
      st.prepare(std::string("SELECT s.establishment_id, s.service FROM establishment_services s "
                             "JOIN establishments e ON e.id = s.establishment_id") +
                 where + " ORDER BY s.establishment_id, s.service");
      st.define_and_bind();
      if (st.execute(true)) {
        do {
          if (auto it = index.find(id); it != index.end())
            out[it->second].establishment.services.push_back(service);
        } while (st.fetch());
      }
    }
    for (auto& l : out) l.engine = to_engine(l.establishment, ref_);
    {
      // Without records only the id, the establishment and the payload are fetched.
      EvidenceRow row;
      soci::statement st(*s);
      if (keep_records) {
        row.bind(st);
      } else {
        st.exchange(into(row.id));
        st.exchange(into(row.est));
        st.exchange(into(row.payload));
      }
      bind(st);
      st.alloc();
      st.prepare(std::string(keep_records
                                 ? kEvidenceColumns
                                 : "SELECT v.id, v.establishment_id, v.payload FROM evidence v ") +
                 "JOIN establishments e ON e.id = v.establishment_id" + where + " AND " + kCounts +
                 " ORDER BY v.establishment_id, v.date, v.id");
      st.define_and_bind();
      // Rows come grouped by establishment: one lookup per establishment, not per row.
      long long current = 0;
      Loaded* target = nullptr;
      engine::Establishment owner;
      if (st.execute(true)) {
        do {
          if (!target || row.est != current) {
            current = row.est;
            auto it = index.find(row.est);
            target = it == index.end() ? nullptr : &out[it->second];
            if (target) owner = target->engine;
          }
          if (!target) continue;
          if (keep_records) {
            target->records.push_back(row.take());
            continue;
          }
          json payload = json::parse(row.payload, nullptr, false);
          if (payload.is_discarded()) payload = json::object();
          try {
            target->evidence.push_back(parse_payload(target->engine, owner, payload));
            target->evidence_ids.push_back(row.id);
          } catch (const engine::BundleError&) {
            // Refused by the current referential: not counted (as in parse_stored).
          }
        } while (st.fetch());
      }
    }
  }
  if (keep_records)
    for (auto& l : out) {
      l.evidence = parse_stored(l.engine, l.records);
      for (const auto& r : l.records) l.evidence_ids.push_back(r.id);
    }
  return out;
}

engine::EstablishmentReport Repository::compliance(const Loaded& loaded, const Date& as_of) const {
  return engine::evaluate(ref_, loaded.engine, loaded.evidence, as_of, loaded.evidence_ids);
}

}  // namespace carepilot::evidence
