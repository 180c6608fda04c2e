#include "identification/shares.hpp"

#include <algorithm>
#include <map>

#include "common/french.hpp"
#include "store/scope_filter.hpp"

namespace carepilot::identification {

using soci::into;
using soci::use;

namespace {

// The latest measure of each establishment (alias h): one row per (establishment, day), the
// day the greatest of its rows.
constexpr const char* kLatestMeasureJoin =
    " FROM establishments e LEFT JOIN mie_coverage_history h ON h.establishment_id = e.id AND "
    "h.day = (SELECT MAX(h2.day) FROM mie_coverage_history h2 WHERE h2.establishment_id = e.id)";
// ShareState as a number: 0 not inventoried, 1 in progress, 2 compliant: every access covered,
// no crossing blank and none not compliant (a crossing of 0 people weighs nothing in the
// shares); NULL columns (measures taken before them) never read as compliant.
constexpr const char* kStateSql =
    "(CASE WHEN h.accesses IS NULL OR h.accesses = 0 THEN 0 WHEN h.covered >= h.accesses AND "
    "h.blanks = 0 AND h.not_compliant = 0 THEN 2 ELSE 1 END)";

}  // namespace

std::string share_state_code(ShareState s) {
  switch (s) {
    case ShareState::not_inventoried:
      return "not_inventoried";
    case ShareState::in_progress:
      return "in_progress";
    case ShareState::compliant:
      return "compliant";
  }
  return "not_inventoried";
}

std::optional<ShareState> share_state_of(const std::string& code) {
  for (auto s : {ShareState::not_inventoried, ShareState::in_progress, ShareState::compliant})
    if (share_state_code(s) == code) return s;
  return std::nullopt;
}

EstablishmentSharePage establishment_shares(store::Database& db, const Scope& scope,
                                            const EstablishmentShareQuery& q) {
  EstablishmentSharePage out;
  auto s = db.lease();
  store::ScopeFilter filter(scope);
  int demo = q.include_demo ? 1 : 0;
  int state = q.state ? static_cast<int>(*q.state) : -1;
  std::string region = q.region;
  std::string where = std::string(" WHERE 1 = 1") + store::kScopeFilterSql +
                      " AND (:dm = 1 OR e.is_demo = 0) AND (:rg1 = '' OR e.region_code = :rg2)"
                      " AND (:st1 < 0 OR " +
                      kStateSql + " = :st2)";
  auto bind_where = [&](soci::statement& st) {
    filter.bind(st);
    st.exchange(use(demo));
    st.exchange(use(region));
    st.exchange(use(region));
    st.exchange(use(state));
    st.exchange(use(state));
  };
  {
    long long total = 0;
    soci::statement st(*s);
    st.exchange(into(total));
    bind_where(st);
    st.alloc();
    st.prepare(std::string("SELECT COUNT(*)") + kLatestMeasureJoin + where);
    st.define_and_bind();
    st.execute(true);
    out.total = total;
  }
  const int per_page = std::max(1, q.per_page);
  const int pages = static_cast<int>(std::max<long long>(1, (out.total + per_page - 1) / per_page));
  out.page = std::clamp(q.page, 1, pages);
  const bool desc = !q.sort.empty() && q.sort.front() == '-';
  const std::string field = desc ? q.sort.substr(1) : q.sort;
  const std::string dir = desc ? " DESC" : " ASC";
  // The share of a never-measured or empty inventory sorts as -1: after every measured one when
  // descending, before them ascending. Ties by name then FINESS: a stable order across pages.
  // The order comes from a fixed list, never from the request's text. By name: the folded
  // name (accents and case, as the registry sorts), the same on both databases.
  std::string order =
      field == "finess_et" ? "e.finess_et" + dir
      : field == "covered_share"
          ? "(CASE WHEN h.accesses > 0 THEN CAST(h.covered AS REAL) / h.accesses ELSE -1 END)" +
                dir + ", e.name_search ASC"
          : "e.name_search" + dir;
  order += ", e.finess_et ASC";
  long long limit = per_page, offset = static_cast<long long>(out.page - 1) * per_page;
  EstablishmentShare row;
  std::string day;
  long long accesses = 0, covered = 0;
  int st_code = 0;
  soci::indicator day_ind = soci::i_ok;
  soci::statement st(*s);
  st.exchange(into(row.finess_et));
  st.exchange(into(row.name));
  st.exchange(into(row.region_code));
  st.exchange(into(day, day_ind));
  st.exchange(into(accesses));
  st.exchange(into(covered));
  st.exchange(into(st_code));
  bind_where(st);
  st.exchange(use(limit));
  st.exchange(use(offset));
  st.alloc();
  st.prepare(std::string("SELECT e.finess_et, e.name, e.region_code, h.day, "
                         "CAST(COALESCE(h.accesses, 0) AS BIGINT), "
                         "CAST(COALESCE(h.covered, 0) AS BIGINT), ") +
             kStateSql + kLatestMeasureJoin + where + " ORDER BY " + order +
             " LIMIT :lim OFFSET :off");
  st.define_and_bind();
  if (!st.execute(true)) return out;
  do {
    EstablishmentShare e = row;
    e.day = day_ind == soci::i_ok ? day : std::string();
    e.accesses = accesses;
    e.covered = covered;
    e.state = static_cast<ShareState>(st_code);
    out.items.push_back(std::move(e));
  } while (st.fetch());
  return out;
}

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
  st.prepare(std::string("SELECT e.region_code, COUNT(*), "
                         "SUM(CASE WHEN h.accesses > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN ") +
             kStateSql +
             " = 2 THEN 1 ELSE 0 END), CAST(COALESCE(SUM(h.accesses), 0) AS BIGINT), "
             "CAST(COALESCE(SUM(h.covered), 0) AS BIGINT)" +
             kLatestMeasureJoin + " WHERE 1 = 1" + store::kScopeFilterSql +
             " AND (:dm = 1 OR e.is_demo = 0) GROUP BY e.region_code");
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
