// Monthly snapshots of compliance and what is read from them (issue 13, "Trends").
//
// A snapshot of a month is the engine's evaluation of every establishment of the nation as
// of the LAST DAY of that month (30/11, 28/02 or 29/02, 31/12 …), summarised and stored
// (migration 0018) so that dashboards of a past date, trend lines and medians never evaluate
// the nation in a request:
//  - per obligation and per scope — the nation, each region, each GHT, each establishment
//    category — the counts met / due / overdue / not applicable and applicable, twice: with
//    and without the demonstration establishments (is_demo), as the dashboards choose
//    (ScopeFilter::include_demo);
//  - per scope, the number of establishments and the median of the establishments' share of
//    applicable obligations met;
//  - per establishment, its counts and the ids of its overdue obligations, with the region,
//    GHT and category it had when the snapshot was taken.
// Snapshots are kept for years (nothing deletes them but a new snapshot of the same month).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "engine/aggregate.hpp"
#include "evidence/repository.hpp"
#include "store/database.hpp"

namespace carepilot::evidence {

using Month = std::chrono::year_month;

// "YYYY-MM" (years 1900-9999, months 01-12); nullopt for anything else.
std::optional<Month> parse_month(std::string_view text);
std::string format_month(Month m);
Month month_of(const Date& d);
Date last_day(Month m);
// "octobre 2026"; short: "oct. 2026".
std::string french_month(Month m, bool short_form = false);

// Median of `values` (the mean of the two middle values for an even count); nullopt when
// empty. Takes a copy: reorders it.
std::optional<double> median(std::vector<double> values);

struct SnapshotResult {
  Month month{};
  Date as_of{};
  int establishments = 0;       // all, demonstration ones included
  int scopes = 0;               // scope rows written (both demo variants)
  int evaluated = 0;            // establishments evaluated by the engine (the others: stored rows)
  double evaluate_seconds = 0;  // reading the stored rows and evaluating the others
  double write_seconds = 0;     // the transaction that replaces the month
};

// Writes the snapshot of `month`. Contract (job kind "compliance.snapshot", CLI
// `carepilot compliance snapshot`):
//  - takes the status of every establishment of the nation as of last_day(month)
//    (evidence::reports_as_of): the stored compliance rows of an establishment when they were
//    all computed for that day — the monthly job runs at 00:01 on the 1st, before the daily
//    recomputation moves the rows to the new day —, otherwise the engine over its stored
//    evidence as of that day (a past month of `--from`: every establishment). Both give the
//    engine's result; the registry is as it is now (region, GHT and category are today's);
//  - replaces everything stored for that month in one store::Transaction: idempotent,
//    running it twice leaves the same rows; a failure leaves the previous snapshot intact;
//    then bumps the data generation (store/generation.hpp) so that cached pages show it;
//  - refuses (std::invalid_argument) a month that has not ended: last_day(month) must be
//    before `today` (Paris date).
// Cost: one read of the stored rows of the nation, plus a load of the evidence and one
// evaluation per establishment whose rows are of another day; the write is multi-row INSERTs
// of 500 rows — bench/trends measures it at 40,000 establishments.
SnapshotResult snapshot_month(store::Database& db, Repository& repo, Month month,
                              const Date& today);

// Months that have a snapshot, oldest first.
std::vector<Month> snapshot_months(store::Database& db);

// A scope of the snapshots: kind "nation" (key ""), "region" (its code), "ght" (its id),
// "category" ("sanitaire" or "medico_social").
struct SnapshotScope {
  std::string kind = "nation";
  std::string key;
};

// The dashboard figures of `scope` in the snapshot of `month`, as engine::aggregate would
// have produced them on that day (obligations in referential order, shares, targets, the
// late establishments by name); nullopt when that month has no snapshot. A scope absent from
// an existing snapshot (no establishment) gives zero counts.
std::optional<engine::Aggregate> read_snapshot(store::Database& db,
                                               const referential::Referential& ref, Month month,
                                               bool with_demo, const SnapshotScope& scope);

struct TrendPoint {
  Month month{};
  int met = 0, due = 0, overdue = 0, applicable = 0;
};
struct Trend {
  std::string obligation_id;
  std::string title;
  std::vector<TrendPoint> points;  // months with a snapshot, oldest first
};

// Per obligation (referential order), the snapshots of `scope` from `from` to `to` included.
std::vector<Trend> read_trends(store::Database& db, const referential::Referential& ref,
                               bool with_demo, const SnapshotScope& scope, Month from, Month to);

// An establishment against the medians of its GHT, region and category in the latest
// snapshot that holds it. Peers are the establishments that are not demonstration data,
// unless the establishment is one itself.
struct PeerMedian {
  SnapshotScope scope;
  int establishments = 0;
  std::optional<double> median;  // share of applicable obligations met
};
struct Position {
  Month month{};
  int met = 0, applicable = 0;
  std::optional<double> share;    // met / applicable; nullopt when nothing applies
  std::vector<PeerMedian> peers;  // GHT (when it has one), region, category
};
std::optional<Position> read_position(store::Database& db, std::int64_t establishment_id);

// -1, 0 or 1 as `share` is below, at or above `median`, compared at the precision medians are
// stored with (1/10,000): a share of 1/3 is "at" a stored median of 0.3333.
int side_of_median(double share, double median);

}  // namespace carepilot::evidence
