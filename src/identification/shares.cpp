#include "identification/shares.hpp"

#include <algorithm>
#include <map>

#include "common/french.hpp"
#include "store/scope_filter.hpp"

namespace carepilot::identification {

using soci::into;
using soci::use;

Shares shares(store::Database& db, registry::Repository& registry, const Scope& scope,
              bool include_demo) {
  Shares out;
  std::map<std::string, std::string> names;
  for (const auto& r : registry.regions(scope)) names[r.code] = r.name;
  auto s = db.lease();
  store::ScopeFilter filter(scope);
  int demo = include_demo ? 1 : 0;
  std::string region;
  long long establishments = 0, inventoried = 0, compliant = 0, accesses = 0, covered = 0;
  soci::statement st(*s);
  st.exchange(into(region));
  st.exchange(into(establishments));
  st.exchange(into(inventoried));
  st.exchange(into(compliant));
  st.exchange(into(accesses));
  st.exchange(into(covered));
  filter.bind(st);
  st.exchange(use(demo));
  st.alloc();
  // The latest measure of each establishment: one row per (establishment, day), the day the
  // greatest of its rows.
  st.prepare(std::string("SELECT e.region_code, COUNT(*), "
                         "SUM(CASE WHEN h.accesses > 0 THEN 1 ELSE 0 END), "
                         "SUM(CASE WHEN h.accesses > 0 AND h.covered >= h.accesses THEN 1 ELSE 0 "
                         "END), CAST(COALESCE(SUM(h.accesses), 0) AS BIGINT), "
                         "CAST(COALESCE(SUM(h.covered), 0) AS BIGINT) "
                         "FROM establishments e LEFT JOIN mie_coverage_history h ON "
                         "h.establishment_id = e.id AND h.day = (SELECT MAX(h2.day) FROM "
                         "mie_coverage_history h2 WHERE h2.establishment_id = e.id) "
                         "WHERE 1 = 1") +
             store::kScopeFilterSql + " AND (:dm = 1 OR e.is_demo = 0) GROUP BY e.region_code");
  st.define_and_bind();
  if (!st.execute(true)) {
    out.total.region_name = "Ensemble";
    return out;
  }
  do {
    RegionShare r;
    r.region_code = region;
    auto it = names.find(region);
    r.region_name = it == names.end() ? region : it->second;
    r.establishments = static_cast<int>(establishments);
    r.inventoried = static_cast<int>(inventoried);
    r.compliant = static_cast<int>(compliant);
    r.accesses = accesses;
    r.covered = covered;
    out.total.establishments += r.establishments;
    out.total.inventoried += r.inventoried;
    out.total.compliant += r.compliant;
    out.total.accesses += r.accesses;
    out.total.covered += r.covered;
    out.regions.push_back(std::move(r));
  } while (st.fetch());
  std::sort(out.regions.begin(), out.regions.end(), [](const RegionShare& a, const RegionShare& b) {
    return a.region_name < b.region_name;
  });
  out.total.region_name = "Ensemble";
  return out;
}

std::string share_text(std::int64_t part, std::int64_t of) {
  if (of <= 0) return "—";
  const std::int64_t tenths = (part * 1000 + of / 2) / of;
  std::string t = french_integer(tenths / 10);
  if (tenths % 10 != 0) t += "," + std::to_string(tenths % 10);
  return t + "\u00a0%";
}

}  // namespace carepilot::identification
