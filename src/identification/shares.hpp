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
  int compliant = 0;       // inventoried, every access covered (covered == accesses)
  std::int64_t accesses = 0, covered = 0;  // sums of the latest measures (people × accesses)
};

struct Shares {
  std::vector<RegionShare> regions;  // by region code (INSEE order)
  RegionShare total;                 // region_code empty; region_name « Ensemble »
};

// `include_demo`: count the demonstration establishments too.
Shares shares(store::Database& db, registry::Repository& registry, const Scope& scope,
              bool include_demo);

// 37.5 % as « 37,5 % »; "—" when `of` is 0.
std::string share_text(std::int64_t part, std::int64_t of);

}  // namespace carepilot::identification
