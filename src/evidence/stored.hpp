// Stored compliance (docs/evidence.md, "Stored compliance"): the engine's output for every
// establishment and obligation, in the table compliance_status (migration 0016). The engine
// stays the only place where a status is computed: these functions run engine::evaluate and
// store what it says, and read it back with SQL aggregates for the dashboards.
//
// Kept current in two ways:
//  - recompute_one, inside the transaction of every write that changes an establishment's
//    evidence (evidence::Repository::add/withdraw/emit) or its registry record (registry
//    create/update, FINESS imports), for the write's date;
//  - recompute_all for a date (the daily job "compliance.recompute_all", or
//    `carepilot compliance recompute`): batched, idempotent and resumable.
// With the rows, in the same transactions: the counters per region, GHT, demonstration flag,
// obligation and status (compliance_counts) and one summary per establishment
// (compliance_summary, migration 0019: its number of overdue obligations, its largest number
// of days late, its name, region, GHT and demonstration flag, the date computed for), which
// the late lists read.
#pragma once

#include <soci/soci.h>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/scope.hpp"
#include "engine/aggregate.hpp"
#include "evidence/repository.hpp"
#include "store/database.hpp"

namespace carepilot::evidence {

// Evaluates establishment `establishment_id` as of `as_of` over its evidence as `sql` sees
// it (the caller's transaction) and replaces its stored rows; a row whose status did not
// change keeps its status_since. Bumps the scope generations of the establishment (its
// own, its GHT, its region, the nation: store/scope_generation.hpp) on `sql`. Does nothing
// for an unknown id (e.g. deleted meanwhile).
void recompute_one(soci::session& sql, Repository& repo, std::int64_t establishment_id,
                   const Date& as_of);

// The same for several establishments (FINESS imports), in one pass per 500 ids.
void recompute_some(soci::session& sql, Repository& repo, std::vector<std::int64_t> ids,
                    const Date& as_of);

struct RecomputeStats {
  int establishments = 0;  // recomputed now
  int skipped = 0;         // already computed for the date (resumed run)
  int batches = 0;
  long long rows = 0;  // rows written
};

// Recomputes every establishment for `as_of`, in transactions of `batch` establishments.
// Idempotent and resumable: establishments whose rows are all computed for `as_of` are
// skipped, so a run stopped midway resumes where it stopped. `progress` (optional) is called
// after each batch. Bumps the global generation at the end when anything was written.
// With `all`, every establishment is recomputed, those already computed for `as_of` too: after
// an upgrade that changes the rules or the evidence they read (e.g. migration 0045, the plans'
// « indisponibilité informatique » scenario), the rows of the day would otherwise keep the old
// verdict until the next day (`carepilot compliance recompute --all`, docs/operations.md).
RecomputeStats recompute_all(store::Database& db, Repository& repo, const Date& as_of,
                             int batch = 500,
                             const std::function<void(const RecomputeStats&)>& progress = {},
                             bool all = false);

// Compares every stored row with a fresh evaluation as of the date it was computed for;
// establishments without rows and missing or extra obligations are differences too, and so
// is any counter of compliance_counts that differs from a recount of the rows, and any
// summary of compliance_summary that differs from a recount of its establishment's rows and
// registry record (or is missing, or has no rows).
// Returns one French line per difference (empty: the stored rows are exact).
std::vector<std::string> verify(store::Database& db, Repository& repo, int batch = 500);

// A dashboard from the stored rows: counts per obligation and status with SQL over the
// caller's scope narrowed by `filter` (a SUM over compliance_counts, or over the rows for an
// establishment's own scope); `oldest` is then the nation's oldest computed_for. The late
// establishments are read from compliance_summary (its partial indexes on the late ones):
// `late_limit` > 0 keeps only that many (the most overdue obligations first, then by name) and
// leaves the per-obligation FINESS lists empty (pages); 0 fills the full lists (exports).
struct StoredAggregate {
  engine::Aggregate aggregate;
  int late_total = 0;          // establishments with an overdue obligation
  std::optional<Date> oldest;  // the oldest computed_for among the rows (nullopt: none)
  int not_computed = 0;        // establishments of the scope without any stored row
};
StoredAggregate stored_aggregate(store::Database& db, const referential::Referential& ref,
                                 const Scope& scope, const ScopeFilter& filter,
                                 std::size_t late_limit);

// One establishment of a scope as its stored rows say it (stored_reports, reports_as_of).
struct StoredReport {
  std::int64_t establishment_id = 0;
  std::string region_code;
  std::optional<std::int64_t> ght_id;
  std::string category;  // as the registry writes it ("medico_social")
  bool is_demo = false;
  // The date every row was computed for; nullopt when the establishment has no row, rows of
  // several dates, or not one row per obligation of the referential.
  std::optional<Date> computed_for;
  // finess, name, the engine's category and, in referential order, per obligation: id, title,
  // status, period, deadline, late, days_left, days_late. From the rows, the explanation,
  // evidence, missing criteria and measures stay empty.
  engine::EstablishmentReport report;
};

// Every establishment of the caller's scope narrowed by `filter` (the WHERE of
// stored_aggregate), ordered as Repository::load_all (by name), with its stored rows: one
// query, no evaluation (a page may call it). An establishment without rows has no obligations.
std::vector<StoredReport> stored_reports(store::Database& db, const referential::Referential& ref,
                                         const Scope& scope, const ScopeFilter& filter);

// The same as of `as_of`, for background jobs (the weekly digest, the monthly snapshot): an
// establishment whose rows were all computed for `as_of` is read from them; any other (rows of
// another date, none, incomplete) is evaluated afresh by the engine as of `as_of` over its
// evidence (Repository::load_ids, 500 ids at a time; Repository::load_all when no row at all
// is of that day, without reading the rows) — the rows are the engine's output, so
// the result equals a fresh evaluation of the whole scope (reduced to what a row holds: no
// explanation, evidence, missing criteria or measures). Stored rows are never written here.
// `evaluated` (optional) receives the number of establishments evaluated by the engine.
std::vector<StoredReport> reports_as_of(store::Database& db, Repository& repo, const Scope& scope,
                                        const ScopeFilter& filter, const Date& as_of,
                                        int* evaluated = nullptr);

// The oldest date any stored row was computed for (nullopt when the table is empty).
std::optional<Date> oldest_computed_for(store::Database& db);
std::optional<Date> oldest_computed_for(soci::session& sql);

}  // namespace carepilot::evidence
