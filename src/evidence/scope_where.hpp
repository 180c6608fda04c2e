// The WHERE clause of scope-wide queries over establishments (alias `e`): the caller's scope
// (store/scope_filter.hpp) narrowed by a dashboard filter (region, GHT, demonstration data).
// Shared by the loads of evidence::Repository and the stored compliance (stored.hpp).
#pragma once

#include <soci/soci.h>

#include <string>

#include "common/scope.hpp"
#include "evidence/repository.hpp"
#include "store/scope_filter.hpp"

namespace carepilot::evidence {

// Scope and filter over the alias `e` of establishments; bound by WhereBinds::bind.
inline const std::string kWhereSql = std::string(" WHERE 1 = 1") + store::kScopeFilterSql +
                                     " AND (:fr1 = '' OR e.region_code = :fr2)"
                                     " AND (:fg1 = 0 OR e.ght_id = :fg2)"
                                     " AND (:dm = 1 OR e.is_demo = 0)";

struct WhereBinds {
  store::ScopeFilter scope;
  std::string region;
  long long ght = 0;
  int demo = 1;
  WhereBinds(const Scope& s, const ScopeFilter& f)
      : scope(s), region(f.region_code), ght(f.ght_id.value_or(0)), demo(f.include_demo ? 1 : 0) {
    if (f.ght_id && *f.ght_id == 0) ght = -1;  // an explicit GHT 0 matches nothing
  }
  // The object must outlive the statement's execution.
  void bind(soci::statement& st) {
    scope.bind(st);
    st.exchange(soci::use(region));
    st.exchange(soci::use(region));
    st.exchange(soci::use(ght));
    st.exchange(soci::use(ght));
    st.exchange(soci::use(demo));
  }
};

}  // namespace carepilot::evidence
