// « Qui est en retard sur quoi » (issue 12, point 10): establishments × obligations of a scope
// from the stored compliance (compliance_status, compliance_summary, compliance_counts), one
// page at a time, with SQL over the caller's scope: no establishment is evaluated here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/scope.hpp"
#include "evidence/repository.hpp"
#include "store/database.hpp"

namespace carepilot::evidence {

struct GridQuery {
  ScopeFilter filter;      // region, GHT, demonstration data (within the caller's scope)
  std::string obligation;  // with `status`: establishments with that status on it
  std::string status;      // met | due | overdue | not_applicable ("": any)
  std::string category;    // sanitaire | medico_social ("": any)
  bool late_only = false;  // establishments with at least one overdue obligation
  std::string sort;        // "retard" (most overdue first, default) | "nom"
  int page = 1;
  int per_page = 50;  // 1..200
};

struct GridCell {
  std::string status;  // engine::status_name
  std::optional<int> days_late;
  std::optional<std::string> deadline;  // YYYY-MM-DD
};

struct GridRow {
  std::int64_t id = 0;
  std::string finess_et, name, region_code, category;
  int overdue = 0;
  int max_days_late = 0;
  std::map<std::string, GridCell> cells;  // by obligation id
};

struct GridPage {
  std::vector<GridRow> rows;
  std::int64_t total = 0;  // matches, all pages
};

// One page of the grid: three queries (page, count, the page's cells).
GridPage stored_grid(store::Database& db, const Scope& scope, const GridQuery& q);

// Per region of the scope and per obligation, the stored rows counted by status
// (compliance_counts): the regions' comparison.
struct RegionCounts {
  std::string region_code;
  // obligation -> status -> count
  std::map<std::string, std::map<std::string, std::int64_t>> counts;
};
std::vector<RegionCounts> stored_region_counts(store::Database& db, const Scope& scope,
                                               bool include_demo);

}  // namespace carepilot::evidence
