#include "evidence/late_grid.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "evidence/scope_where.hpp"

namespace carepilot::evidence {

using soci::into;
using soci::use;

namespace {

// The WHERE of the grid after kWhereSql: status on an obligation, category, late only.
constexpr const char* kGridWhere =
    " AND (:ob1 = '' OR EXISTS (SELECT 1 FROM compliance_status c WHERE c.establishment_id = "
    "e.id AND c.obligation = :ob2 AND (:st1 = '' OR c.status = :st2)))"
    " AND (:sto1 = '' OR :sto2 <> '' OR EXISTS (SELECT 1 FROM compliance_status c2 WHERE "
    "c2.establishment_id = e.id AND c2.status = :sto3))"
    " AND (:ca1 = '' OR e.category = :ca2) AND (:lt = 0 OR s.overdue > 0)";

struct GridBinds {
  WhereBinds where;
  std::string obligation, status, category;
  int late = 0;
  GridBinds(const Scope& s, const GridQuery& q)
      : where(s, q.filter),
        obligation(q.obligation),
        status(q.status),
        category(q.category),
        late(q.late_only ? 1 : 0) {}
  void bind(soci::statement& st) {
    where.bind(st);
    for (auto* v : {&obligation, &obligation, &status, &status}) st.exchange(use(*v));
    // A status alone: any obligation in that status.
    for (auto* v : {&status, &obligation, &status}) st.exchange(use(*v));
    for (auto* v : {&category, &category}) st.exchange(use(*v));
    st.exchange(use(late));
  }
};

const std::string kFrom =
    " FROM establishments e JOIN compliance_summary s ON "
    "s.establishment_id = e.id" +
    kWhereSql + kGridWhere;

}  // namespace

GridPage stored_grid(store::Database& db, const Scope& scope, const GridQuery& q) {
  auto s = db.lease();
  GridPage out;
  GridBinds b(scope, q);
  int per_page = std::clamp(q.per_page, 1, 200);
  int offset = (std::max(q.page, 1) - 1) * per_page;
  std::string order = q.sort == "nom"
                          ? " ORDER BY e.name_search, e.id"
                          : " ORDER BY s.overdue DESC, s.max_days_late DESC, e.name_search, e.id";
  {
    GridRow row;
    long long id = 0;
    int overdue = 0, max_late = 0;
    soci::statement st(*s);
    st.exchange(into(id));
    st.exchange(into(row.finess_et));
    st.exchange(into(row.name));
    st.exchange(into(row.region_code));
    st.exchange(into(row.category));
    st.exchange(into(overdue));
    st.exchange(into(max_late));
    b.bind(st);
    st.exchange(use(per_page));
    st.exchange(use(offset));
    st.alloc();
    st.prepare(
        "SELECT e.id, e.finess_et, e.name, e.region_code, e.category, s.overdue, "
        "s.max_days_late" +
        kFrom + order + " LIMIT :lim OFFSET :off");
    st.define_and_bind();
    if (st.execute(true)) do {
        row.id = id;
        row.overdue = overdue;
        row.max_days_late = max_late;
        out.rows.push_back(row);
      } while (st.fetch());
  }
  {
    long long total = 0;
    soci::statement st(*s);
    st.exchange(into(total));
    b.bind(st);
    st.alloc();
    st.prepare("SELECT COUNT(*)" + kFrom);
    st.define_and_bind();
    st.execute(true);
    out.total = total;
  }
  if (out.rows.empty()) return out;
  // The page's cells: ids are integers read from the database, listed in the statement.
  std::string ids;
  std::map<long long, GridRow*> by_id;
  for (auto& r : out.rows) {
    ids += (ids.empty() ? "" : ",") + std::to_string(r.id);
    by_id[r.id] = &r;
  }
  long long est = 0;
  std::string obligation, status, deadline;
  int days_late = 0;
  soci::indicator late_ind = soci::i_null, deadline_ind = soci::i_null;
  soci::statement st(*s);
  st.exchange(into(est));
  st.exchange(into(obligation));
  st.exchange(into(status));
  st.exchange(into(days_late, late_ind));
  st.exchange(into(deadline, deadline_ind));
  st.alloc();
  st.prepare(
      "SELECT establishment_id, obligation, status, days_late, deadline FROM "
      "compliance_status WHERE establishment_id IN (" +
      ids + ")");
  st.define_and_bind();
  if (st.execute(true)) do {
      GridCell c;
      c.status = status;
      if (late_ind == soci::i_ok) c.days_late = days_late;
      if (deadline_ind == soci::i_ok) c.deadline = deadline;
      if (auto it = by_id.find(est); it != by_id.end()) it->second->cells[obligation] = c;
    } while (st.fetch());
  return out;
}

std::vector<RegionCounts> stored_region_counts(store::Database& db, const Scope& scope,
                                               bool include_demo) {
  // compliance_counts holds region and GHT: a GHT or establishment scope is narrowed on
  // them; an establishment scope has no comparison (empty).
  std::vector<RegionCounts> out;
  if (scope.level == Scope::Level::establishment) return out;
  store::ScopeFilter sf(scope);
  std::string region = sf.region;
  long long ght = sf.ght;
  int demo = include_demo ? 1 : 0;
  auto s = db.lease();
  std::string code, obligation, status;
  long long n = 0;
  soci::statement st(*s);
  st.exchange(into(code));
  st.exchange(into(obligation));
  st.exchange(into(status));
  st.exchange(into(n));
  st.exchange(use(region));
  st.exchange(use(region));
  st.exchange(use(ght));
  st.exchange(use(ght));
  st.exchange(use(demo));
  st.alloc();
  st.prepare(
      "SELECT region_code, obligation, status, SUM(n) FROM compliance_counts WHERE "
      "(:r1 = '' OR region_code = :r2) AND (:g1 = 0 OR ght_id = :g2) AND (:dm = 1 OR is_demo = 0) "
      "GROUP BY region_code, obligation, status ORDER BY region_code");
  st.define_and_bind();
  if (st.execute(true)) do {
      if (out.empty() || out.back().region_code != code) out.push_back({code, {}});
      out.back().counts[obligation][status] += n;
    } while (st.fetch());
  return out;
}

}  // namespace carepilot::evidence
