// The identification of professionals across a territory (issue 16, « the share of
// establishments compliant per region and nationally in the dashboards »): per region of the
// caller's scope, the establishments, those with an inventory, those whose every access is
// covered by a compliant two-factor means, and the accesses covered (weighted by headcount).
// Each establishment counts by the latest point of its coverage history (mie_coverage_history:
// what its inventory's last write measured, as of that day; identification/repository.hpp).
// Read through the tenancy filter (store/scope_filter.hpp): a caller sees the regions and
// establishments of its scope only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/scope.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::identification {

struct RegionShare {
  std::string region_code, region_name;
  int establishments = 0;  // in the scope (demonstration ones only when asked)
  int inventoried = 0;     // with at least one access in their latest measure
  int compliant = 0;       // inventoried, every access covered (covered == accesses), no crossing
                           // left blank (a measure from before blanks were kept: not compliant)
  std::int64_t accesses = 0, covered = 0;  // sums of the latest measures (people × accesses)
};

struct Shares {
  std::vector<RegionShare> regions;  // by region code (INSEE order)
  RegionShare total;                 // region_code empty; region_name « Ensemble »
};

// `include_demo`: count the demonstration establishments too.
Shares shares(store::Database& db, registry::Repository& registry, const Scope& scope,
              bool include_demo);

// The establishments behind a region's counts (issue 16 trial: « which are they? »), each by
// its latest measure, in one of three states.
enum class ShareState {
  not_inventoried,  // no measure, or no access in the latest one
  in_progress,      // inventoried, some access not covered or a crossing blank
  compliant,        // every access covered by a compliant two-factor means, nothing blank
};
// "not_inventoried", "in_progress", "compliant" (API); labels: statuses identification_share.*.
std::string share_state_code(ShareState s);
std::optional<ShareState> share_state_of(const std::string& code);

struct EstablishmentShare {
  std::string finess_et, name, region_code;
  std::string day;  // the latest measure's day, YYYY-MM-DD; "" when never measured
  std::int64_t accesses = 0, covered = 0;
  ShareState state = ShareState::not_inventoried;
};
struct EstablishmentShareQuery {
  std::string region;               // a region code; "" every region of the scope
  std::optional<ShareState> state;  // none: every state
  bool include_demo = false;
  int page = 1, per_page = 50;  // page from 1 (past the last: the last)
  // "" by name (folded: accents and case), "finess_et", "covered_share" (never measured
  // first); '-' descending.
  std::string sort;
};
struct EstablishmentSharePage {
  std::vector<EstablishmentShare> items;
  long long total = 0;  // every match
  int page = 1;         // the page answered
};
// Through the tenancy filter: a caller lists the establishments of its scope only.
EstablishmentSharePage establishment_shares(store::Database& db, const Scope& scope,
                                            const EstablishmentShareQuery& q);

// 37.5 % as « 37,5 % »; "—" when `of` is 0.
std::string share_text(std::int64_t part, std::int64_t of);

}  // namespace carepilot::identification
