// Stored evidence of establishments and what the engine makes of it. Every operation first
// finds the establishment through registry::Repository::find(scope, finess): outside the
// caller's scope an establishment does not exist (404). Records are validated by the
// engine's own parser (engine::parse_evidence), so the API, the forms and the offline
// bundle accept exactly the same records.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/scope.hpp"
#include "common/withdrawal.hpp"
#include "engine/evidence.hpp"
#include "engine/report.hpp"
#include "evidence/calendar.hpp"
#include "referential/model.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::evidence {

// One stored record: `payload` is the record in the bundle format (with type and date).
struct Record {
  std::int64_t id = 0;
  std::int64_t establishment_id = 0;
  std::string type;
  Date date{};
  nlohmann::json payload;
  std::string created_at;
  std::string created_by;
  // "" while the record counts; set when it was withdrawn (UTC timestamp, the caller's
  // e-mail, the reason given): it then stays in the history and counts for nothing.
  std::string withdrawn_at;
  std::string withdrawn_by;
  std::string withdrawal_reason;
  // "" for a record typed on the evidence page; "crisis_exercise:12" … for a record a module
  // derived from its own data (read-only here: changed only through its module).
  std::string source;
  bool withdrawn() const { return !withdrawn_at.empty(); }
  bool derived() const { return !source.empty(); }
};

// The page a derived record comes from ("/etablissements/F/exercices/12" for
// "crisis_exercise:12"), "" when the source is unknown; and its name ("l'exercice de crise").
std::string source_url(const std::string& finess, const std::string& source);
std::string source_label(const std::string& source);

// An establishment with its evidence, ready for the engine: evidence[i] is records[i].
struct Loaded {
  registry::Establishment establishment;
  engine::Establishment engine;
  std::vector<Record> records;
  std::vector<engine::Evidence> evidence;
  std::vector<std::int64_t> evidence_ids;  // evidence_ids[i]: the stored id of evidence[i]
};

// Restricts a scope-wide load (dashboards) to a region and/or a GHT.
struct ScopeFilter {
  std::string region_code;
  std::optional<std::int64_t> ght_id;
  // false: establishments marked as demonstration data (is_demo) are left out, as the
  // national and regional figures do unless asked (issue 23).
  bool include_demo = true;
};

// The engine's view of a registry establishment: category "medico_social" becomes
// "medico-social", services are mapped to the referential's catalogue.
engine::Establishment to_engine(const registry::Establishment& e,
                                const referential::Referential& ref);

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry,
             const referential::Referential& ref)
      : db_(db), registry_(registry), ref_(ref) {}

  // Every write (add, withdraw, emit) also recomputes the establishment's stored compliance
  // (evidence/stored.hpp) in its own transaction.
  // As add, inside the caller's transaction on `sql` (the establishment already found
  // visible): for a page that stores a record and its document together (registrations).
  Record add_in(soci::session& sql, const registry::Establishment& est,
                const nlohmann::json& record, const Date& today, const Actor& actor);
  // Validates and stores one record (bundle format). Throws UserError: 404 when the
  // establishment is not visible; 422 naming the field (`date` for a date after `today`,
  // `service` for a BIA of a service not run, `total_eur` for a negative amount …).
  // One INSERT and its audit entry in a transaction: nothing is written when refused.
  Record add(const Scope& scope, const std::string& finess, const nlohmann::json& record,
             const Date& today, const Actor& actor);
  // The establishment's records that count (not withdrawn), by date then id. Throws 404
  // when not visible.
  std::vector<Record> list(const Scope& scope, const std::string& finess);
  // Its withdrawn records, the latest withdrawal first (the history). 404 when not visible.
  std::vector<Record> withdrawn(const Scope& scope, const std::string& finess);
  // One record of the establishment, withdrawn or not; 404 when it or the record is not
  // visible.
  Record get(const Scope& scope, const std::string& finess, std::int64_t id);
  // Evidence is never deleted: withdraws one record with a reason (trimmed; UserError 422
  // `evidence.reason_required`, field `reason`, when empty; `evidence.reason_too_long` over
  // kMaxReasonBytes), 404 when it or the record is not visible, 409
  // `evidence.already_withdrawn` when it was. The row keeps its payload with who withdrew it,
  // when and why; the audit trail gets a `withdraw` entry and the stored compliance is
  // recomputed, in one transaction. A record derived from a module (source not empty) is
  // refused with 409 `evidence.derived`: it is withdrawn through its module. Returns the
  // withdrawn record.
  Record withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                  const std::string& reason, const Actor& actor);
  static constexpr std::size_t kMaxReasonBytes = kMaxWithdrawalReasonBytes;

  // For modules that record the real work (exercises, assessments, PAQ, training, budget):
  // inside the module's own transaction on `sql`, makes the evidence the module emitted
  // under `source` ("crisis_exercise:12") equal to `record` (bundle format): nothing is
  // written when it already is, the row is updated in place when it changed (one `update`
  // audit entry with before and after), inserted when there was none; with `record`
  // nullopt it is withdrawn (never deleted) with `reason` (a default one when empty). The
  // record is validated as by add (422 naming the field). Never leases.
  void emit(soci::session& sql, const registry::Establishment& est, const std::string& source,
            const std::optional<nlohmann::json>& record, const Date& today, const Actor& actor,
            const std::string& reason = "");

  // The establishment and its evidence, parsed for the engine. Throws 404 when not visible.
  Loaded load(const Scope& scope, const std::string& finess);
  // Every establishment of the scope (narrowed by `filter`) with its evidence, in three
  // queries whatever the number of establishments; ordered by name. With `keep_records`
  // false (dashboards: only the engine's view is evaluated) `records` stays empty and each
  // stored payload is parsed straight into `evidence`: a national scope holds millions of
  // records, whose JSON trees would cost gigabytes.
  std::vector<Loaded> load_all(const Scope& scope, const ScopeFilter& filter,
                               bool keep_records = true);

  // Every establishment whose id lies in [from_id, to_id], whatever any scope (system use:
  // stored compliance, stored.hpp), with its evidence, on `sql` (which may be inside a
  // transaction, so that it sees the caller's own writes). `records` stays empty.
  std::vector<Loaded> load_ids(soci::session& sql, std::int64_t from_id, std::int64_t to_id);

  // engine::evaluate over the stored evidence as of `as_of`.
  engine::EstablishmentReport compliance(const Loaded& loaded, const Date& as_of) const;

  const referential::Referential& referential() const { return ref_; }
  // The database it reads (stored compliance, monthly snapshots).
  store::Database& database() const { return db_; }

  // The date stored compliance is recomputed for after a withdrawal (add and emit use their
  // `today`); the web application sets it to its own clock, tests pin it.
  std::function<Date()> clock = paris_today;

 private:
  registry::Establishment visible(const Scope& scope, const std::string& finess);
  std::vector<Loaded> load_where(soci::session& sql, const std::string& where,
                                 const std::function<void(soci::statement&)>& bind,
                                 bool keep_records);
  // Validates `record` for `est` as of `today` (UserError 422 naming the field).
  Record validate(const registry::Establishment& est, const nlohmann::json& record,
                  const Date& today, const Actor& actor) const;
  // Inserts `r` (id set on return) and its audit entry; `sql` is in a transaction.
  void insert(soci::session& sql, const registry::Establishment& est, Record& r,
              const std::string& source) const;
  std::vector<engine::Evidence> parse_stored(const engine::Establishment& est,
                                             std::vector<Record>& records) const;
  // One stored payload for the engine; `owner` is scratch space equal to `est` on entry and
  // on return (a BIA's service is appended then removed). Throws engine::BundleError.
  engine::Evidence parse_payload(const engine::Establishment& est, engine::Establishment& owner,
                                 const nlohmann::json& payload) const;

  store::Database& db_;
  registry::Repository& registry_;
  const referential::Referential& ref_;
};

}  // namespace carepilot::evidence
