// The tenancy filter, in one place: the SQL condition that restricts a query on
// establishments (alias `e`) to a caller's Scope, and the values it binds. Every query of
// the registry and the evidence modules appends kScopeFilterSql and calls bind().
#pragma once

#include <soci/soci.h>

#include <string>

#include "common/scope.hpp"

namespace carepilot::store {

// Starts with " AND": append it to a WHERE clause.
inline constexpr const char* kScopeFilterSql =
    " AND (:sr1 = '' OR e.region_code = :sr2) AND (:sg1 = 0 OR e.ght_id = :sg2)"
    " AND (:se1 = 0 OR e.id = :se2)";

struct ScopeFilter {
  std::string region;
  long long ght = 0;
  long long est = 0;

  explicit ScopeFilter(const Scope& s) {
    switch (s.level) {
      case Scope::Level::nation:
        break;
      case Scope::Level::region:
        // A region scope with an empty code must see nothing rather than everything.
        region = s.region_code.empty() ? std::string("\x01") : s.region_code;
        break;
      case Scope::Level::ght:
        ght = s.ght_id;
        break;
      case Scope::Level::establishment:
        est = s.establishment_id;
        break;
    }
  }
  // Binds the placeholders of a scope condition, in order: `region_uses` times the region
  // code, then the GHT, then the establishment (kScopeFilterSql and kAuditScopeFilterSql:
  // 2, 2, 2). The object must outlive the statement's execution.
  void bind(soci::statement& st, int region_uses = 2, int ght_uses = 2, int est_uses = 2) {
    for (int i = 0; i < region_uses; ++i) st.exchange(soci::use(region));
    for (int i = 0; i < ght_uses; ++i) st.exchange(soci::use(ght));
    for (int i = 0; i < est_uses; ++i) st.exchange(soci::use(est));
  }
};

// The same scope over the audit trail (alias `a`, establishments LEFT JOINed as `e`):
// entries about an establishment follow its region and GHT; entries about a region (a GHT, a
// regional user) carry its region code; entries about neither are national.
inline constexpr const char* kAuditScopeFilterSql =
    " AND (:ar0 = '' OR a.region_code = :ar1) AND (:ag1 = 0 OR e.ght_id = :ag2)"
    " AND (:ae1 = 0 OR a.establishment_id = :ae2)";  // bound by ScopeFilter::bind(st)

// The same scope over user accounts (alias `u`, with their establishment LEFT JOINed as
// `ue` and their GHT as `ug`): an account lies inside a scope when its own scope does.
inline constexpr const char* kUserScopeFilterSql =
    " AND (:ur0 = '' OR u.region_code = :ur1 OR ue.region_code = :ur2 OR ug.region_code = :ur3)"
    " AND (:ug1 = 0 OR u.ght_id = :ug2 OR ue.ght_id = :ug3)"
    " AND (:ue1 = 0 OR u.establishment_id = :ue2)";  // bound by ScopeFilter::bind(st, 4, 3, 2)

}  // namespace carepilot::store
