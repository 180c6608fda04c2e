#include "evidence/trends.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "evidence/stored.hpp"
#include "store/clock.hpp"
#include "store/generation.hpp"
#include "store/transaction.hpp"

namespace carepilot::evidence {

using soci::indicator;
using soci::into;
using soci::use;

std::optional<Month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  int y = std::stoi(std::string(text.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  if (y < 1900 || m < 1 || m > 12) return std::nullopt;
  return Month{std::chrono::year{y}, std::chrono::month{m}};
}

std::string format_month(Month m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(m.year()),
                static_cast<unsigned>(m.month()));
  return buf;
}

Month month_of(const Date& d) {
  return Month{d.year(), d.month()};
}

Date last_day(Month m) {
  return Date{std::chrono::year_month_day_last{m.year(), std::chrono::month_day_last{m.month()}}};
}

std::string french_month(Month m, bool short_form) {
  static const char* const kLong[] = {"janvier",   "février", "mars",     "avril",
                                      "mai",       "juin",    "juillet",  "août",
                                      "septembre", "octobre", "novembre", "décembre"};
  static const char* const kShort[] = {"janv.", "févr.", "mars",  "avr.", "mai",  "juin",
                                       "juil.", "août",  "sept.", "oct.", "nov.", "déc."};
  unsigned i = static_cast<unsigned>(m.month()) - 1;
  return std::string(short_form ? kShort[i] : kLong[i]) + " " +
         std::to_string(static_cast<int>(m.year()));
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  const std::size_t n = values.size();
  auto mid = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(values.begin(), mid, values.end());
  double upper = *mid;
  if (n % 2 == 1) return upper;
  double lower = *std::max_element(values.begin(), mid);
  return (lower + upper) / 2;
}

namespace {

constexpr std::size_t kMet = static_cast<std::size_t>(engine::Status::met);
constexpr std::size_t kDue = static_cast<std::size_t>(engine::Status::due);
constexpr std::size_t kOverdue = static_cast<std::size_t>(engine::Status::overdue);
constexpr std::size_t kNotApplicable = static_cast<std::size_t>(engine::Status::not_applicable);

using Counts = std::array<int, engine::kStatusCount>;

// A multi-row INSERT: `head` ("INSERT INTO t (a, b) VALUES ") then `rows` rows of `columns`
// values, kRows rows per statement — one round trip each on PostgreSQL, where SOCI's bulk
// use(vector) still sends one row at a time. `bind(st, i)` exchanges row i's values in column
// order; they must outlive the call.
void insert_rows(soci::session& sql, const std::string& head, std::size_t columns, std::size_t rows,
                 const std::function<void(soci::statement&, std::size_t)>& bind) {
  constexpr std::size_t kRows = 500;  // ≤ 12 × 500 parameters: under SQLite's and PostgreSQL's
  // Anonymous "?" parameters on SQLite: with thousands of named ones, SQLite looks each name up
  // in a list (sqlite3VListNumToName), quadratic in the row count — 14 s of write lock for
  // 40,000 establishments, against 0.3 s. SOCI's PostgreSQL backend needs names (":v0" → $1).
  const bool sqlite = sql.get_backend_name() == "sqlite3";
  for (std::size_t from = 0; from < rows; from += kRows) {
    const std::size_t to = std::min(rows, from + kRows);
    std::string text = head;
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i) {
      text += i == from ? "(" : ", (";
      for (std::size_t c = 0; c < columns; ++c, ++n) {
        if (c) text += ", ";
        text += sqlite ? std::string("?") : ":v" + std::to_string(n);
      }
      text += ")";
    }
    soci::statement st(sql);
    for (std::size_t i = from; i < to; ++i) bind(st, i);
    st.alloc();
    st.prepare(text);
    st.define_and_bind();
    st.execute(true);
  }
}

// One scope of one demo variant while a snapshot is built.
struct Accumulator {
  int establishments = 0;
  std::vector<Counts> counts;  // per obligation, referential order
  std::vector<double> shares;  // met / applicable of each establishment with one applicable
};

using AccKey = std::tuple<int, std::string, std::string>;  // with_demo, kind, key

std::optional<int> basis_points(const std::optional<double>& share) {
  if (!share) return std::nullopt;
  return static_cast<int>(std::lround(*share * 10000));
}

}  // namespace

SnapshotResult snapshot_month(store::Database& db, Repository& repo, Month month,
                              const Date& today) {
  if (!month.ok()) throw std::invalid_argument("mois invalide");
  const Date as_of = last_day(month);
  if (!(as_of < today))
    throw std::invalid_argument("le mois " + format_month(month) +
                                " n'est pas terminé : un relevé mensuel s'évalue au " +
                                format_date(as_of));
  const auto& ref = repo.referential();
  const std::size_t n_obl = ref.obligations.size();
  std::unordered_map<std::string_view, std::size_t> slot;
  for (std::size_t i = 0; i < n_obl; ++i) slot.emplace(ref.obligations[i].id, i);

  const auto started = std::chrono::steady_clock::now();
  ScopeFilter everything;
  everything.include_demo = true;

  // Per establishment, in load order.
  std::vector<long long> e_id, e_ght;
  std::vector<indicator> e_ght_ind;
  std::vector<int> e_demo, e_met, e_due, e_overdue, e_na, e_applicable;
  std::vector<std::string> e_region, e_category, e_overdue_ids;
  std::map<AccKey, Accumulator> acc;
  int evaluated = 0;
  {
    // The stored rows where they were computed for that day, the engine for the others.
    auto reports = reports_as_of(db, repo, Scope::nation(), everything, as_of, &evaluated);
    for (const auto& sr : reports) {
      const auto& report = sr.report;
      std::vector<int> status(n_obl, -1);
      for (std::size_t i = 0; i < report.obligations.size(); ++i) {
        const auto& r = report.obligations[i];
        std::size_t k = i < n_obl && ref.obligations[i].id == r.id ? i : SIZE_MAX;
        if (k == SIZE_MAX) {
          auto it = slot.find(r.id);
          if (it == slot.end()) continue;
          k = it->second;
        }
        status[k] = static_cast<int>(r.status);
      }
      Counts c{};
      std::string overdue_ids;
      for (std::size_t k = 0; k < n_obl; ++k) {
        if (status[k] < 0) continue;
        ++c[static_cast<std::size_t>(status[k])];
        if (static_cast<std::size_t>(status[k]) == kOverdue)
          overdue_ids += (overdue_ids.empty() ? "" : ",") + ref.obligations[k].id;
      }
      const int applicable = c[kMet] + c[kDue] + c[kOverdue];
      const std::string& category = sr.category;
      std::vector<std::pair<std::string, std::string>> scopes{
          {"nation", ""}, {"region", sr.region_code}, {"category", category}};
      if (sr.ght_id) scopes.emplace_back("ght", std::to_string(*sr.ght_id));
      for (int with_demo : {1, 0}) {
        if (with_demo == 0 && sr.is_demo) continue;
        for (const auto& [kind, key] : scopes) {
          auto& a = acc[AccKey{with_demo, kind, key}];
          if (a.counts.empty()) a.counts.resize(n_obl);
          ++a.establishments;
          for (std::size_t k = 0; k < n_obl; ++k)
            if (status[k] >= 0) ++a.counts[k][static_cast<std::size_t>(status[k])];
          if (applicable > 0) a.shares.push_back(static_cast<double>(c[kMet]) / applicable);
        }
      }
      e_id.push_back(sr.establishment_id);
      e_demo.push_back(sr.is_demo ? 1 : 0);
      e_region.push_back(sr.region_code);
      e_ght.push_back(sr.ght_id.value_or(0));
      e_ght_ind.push_back(sr.ght_id ? soci::i_ok : soci::i_null);
      e_category.push_back(category);
      e_met.push_back(c[kMet]);
      e_due.push_back(c[kDue]);
      e_overdue.push_back(c[kOverdue]);
      e_na.push_back(c[kNotApplicable]);
      e_applicable.push_back(applicable);
      e_overdue_ids.push_back(std::move(overdue_ids));
    }
  }

  // Scope and obligation rows, as columns for bulk inserts.
  std::vector<int> s_demo, s_count, s_median;
  std::vector<indicator> s_median_ind;
  std::vector<std::string> s_kind, s_key;
  std::vector<int> o_demo, o_met, o_due, o_overdue, o_na, o_applicable;
  std::vector<std::string> o_kind, o_key, o_id;
  for (auto& [k, a] : acc) {
    const auto& [with_demo, kind, key] = k;
    s_demo.push_back(with_demo);
    s_kind.push_back(kind);
    s_key.push_back(key);
    s_count.push_back(a.establishments);
    auto bp = basis_points(median(std::move(a.shares)));
    s_median.push_back(bp.value_or(0));
    s_median_ind.push_back(bp ? soci::i_ok : soci::i_null);
    for (std::size_t i = 0; i < n_obl; ++i) {
      const auto& c = a.counts[i];
      o_demo.push_back(with_demo);
      o_kind.push_back(kind);
      o_key.push_back(key);
      o_id.push_back(ref.obligations[i].id);
      o_met.push_back(c[kMet]);
      o_due.push_back(c[kDue]);
      o_overdue.push_back(c[kOverdue]);
      o_na.push_back(c[kNotApplicable]);
      o_applicable.push_back(c[kMet] + c[kDue] + c[kOverdue]);
    }
  }

  const auto read = std::chrono::steady_clock::now();
  const std::string m = format_month(month), day = format_date(as_of), now = store::now_utc_iso();
  const int total = static_cast<int>(e_id.size());
  {
    auto s = db.lease();
    store::Transaction tr(*s);
    for (const char* table :
         {"snapshot_establishments", "snapshot_obligations", "snapshot_scopes", "snapshot_months"})
      *s << "DELETE FROM " + std::string(table) + " WHERE month = :m", use(m);
    *s << "INSERT INTO snapshot_months (month, as_of, establishments, computed_at) "
          "VALUES (:m, :a, :n, :t)",
        use(m), use(day), use(total), use(now);
    std::string month_text = m;  // bound by reference in every row
    insert_rows(*s,
                "INSERT INTO snapshot_scopes (month, with_demo, scope_kind, scope_key, "
                "establishments, median_met_bp) VALUES ",
                6, s_kind.size(), [&](soci::statement& st, std::size_t i) {
                  st.exchange(use(month_text));
                  st.exchange(use(s_demo[i]));
                  st.exchange(use(s_kind[i]));
                  st.exchange(use(s_key[i]));
                  st.exchange(use(s_count[i]));
                  st.exchange(use(s_median[i], s_median_ind[i]));
                });
    insert_rows(*s,
                "INSERT INTO snapshot_obligations (month, with_demo, scope_kind, scope_key, "
                "obligation_id, met, due, overdue, not_applicable, applicable) VALUES ",
                10, o_id.size(), [&](soci::statement& st, std::size_t i) {
                  st.exchange(use(month_text));
                  st.exchange(use(o_demo[i]));
                  st.exchange(use(o_kind[i]));
                  st.exchange(use(o_key[i]));
                  st.exchange(use(o_id[i]));
                  st.exchange(use(o_met[i]));
                  st.exchange(use(o_due[i]));
                  st.exchange(use(o_overdue[i]));
                  st.exchange(use(o_na[i]));
                  st.exchange(use(o_applicable[i]));
                });
    insert_rows(*s,
                "INSERT INTO snapshot_establishments (month, establishment_id, is_demo, "
                "region_code, ght_id, category, met, due, overdue, not_applicable, applicable, "
                "overdue_ids) VALUES ",
                12, e_id.size(), [&](soci::statement& st, std::size_t i) {
                  st.exchange(use(month_text));
                  st.exchange(use(e_id[i]));
                  st.exchange(use(e_demo[i]));
                  st.exchange(use(e_region[i]));
                  st.exchange(use(e_ght[i], e_ght_ind[i]));
                  st.exchange(use(e_category[i]));
                  st.exchange(use(e_met[i]));
                  st.exchange(use(e_due[i]));
                  st.exchange(use(e_overdue[i]));
                  st.exchange(use(e_na[i]));
                  st.exchange(use(e_applicable[i]));
                  st.exchange(use(e_overdue_ids[i]));
                });
    tr.commit();
  }
  // Cached pages (trend lines, past dashboards, positions) must show the new snapshot.
  store::bump_generation(db);
  const auto written = std::chrono::steady_clock::now();
  using Seconds = std::chrono::duration<double>;
  return SnapshotResult{month,
                        as_of,
                        total,
                        static_cast<int>(s_kind.size()),
                        evaluated,
                        Seconds(read - started).count(),
                        Seconds(written - read).count()};
}

std::vector<Month> snapshot_months(store::Database& db) {
  std::vector<Month> out;
  auto s = db.lease();
  std::string m;
  soci::statement st = (s->prepare << "SELECT month FROM snapshot_months ORDER BY month", into(m));
  st.execute();
  while (st.fetch())
    if (auto p = parse_month(m)) out.push_back(*p);
  return out;
}

namespace {

// The condition selecting a scope's rows of snapshot_establishments (alias s), with `:key`.
std::string establishment_scope_sql(const SnapshotScope& scope) {
  if (scope.kind == "region") return " AND s.region_code = :key";
  if (scope.kind == "ght") return " AND s.ght_id = :key";
  if (scope.kind == "category") return " AND s.category = :key";
  return " AND :key = ''";
}

long long ght_key(const SnapshotScope& scope) {
  try {
    return std::stoll(scope.key);
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace

std::optional<engine::Aggregate> read_snapshot(store::Database& db,
                                               const referential::Referential& ref, Month month,
                                               bool with_demo, const SnapshotScope& scope) {
  const std::string m = format_month(month);
  const int w = with_demo ? 1 : 0;
  auto s = db.lease();
  long long found = 0;
  *s << "SELECT COUNT(*) FROM snapshot_months WHERE month = :m", use(m), into(found);
  if (found == 0) return std::nullopt;

  engine::Aggregate agg;
  {
    int n = 0;
    indicator ind = soci::i_null;
    *s << "SELECT establishments FROM snapshot_scopes WHERE month = :m AND with_demo = :w AND "
          "scope_kind = :k AND scope_key = :key",
        use(m), use(w), use(scope.kind), use(scope.key), into(n, ind);
    agg.establishments = s->got_data() && ind == soci::i_ok ? n : 0;
  }
  std::map<std::string, std::pair<Counts, int>> stored;
  {
    std::string id;
    Counts c{};
    int applicable = 0;
    soci::statement st =
        (s->prepare << "SELECT obligation_id, met, due, overdue, not_applicable, applicable FROM "
                       "snapshot_obligations WHERE month = :m AND with_demo = :w AND scope_kind = "
                       ":k AND scope_key = :key",
         use(m), use(w), use(scope.kind), use(scope.key), into(id), into(c[kMet]), into(c[kDue]),
         into(c[kOverdue]), into(c[kNotApplicable]), into(applicable));
    st.execute();
    while (st.fetch()) stored[id] = {c, applicable};
  }
  std::unordered_map<std::string, std::size_t> slot;
  for (const auto& o : ref.obligations) {
    engine::ObligationAggregate a;
    a.id = o.id;
    a.title = o.title;
    if (o.target) a.target = o.target->share_met;
    if (auto it = stored.find(o.id); it != stored.end()) {
      a.count = it->second.first;
      a.applicable = it->second.second;
    }
    for (std::size_t k = 0; k < engine::kStatusCount; ++k)
      if (a.applicable > 0 && k != kNotApplicable)
        a.share_of_applicable[k] = static_cast<double>(a.count[k]) / a.applicable;
    if (a.target && a.applicable > 0)
      a.target_reached = a.share_of_applicable[kMet] + 1e-12 >= *a.target;
    slot[a.id] = agg.obligations.size();
    agg.obligations.push_back(std::move(a));
  }
  {
    std::string finess, name, ids;
    std::string sql =
        "SELECT e.finess_et, e.name, s.overdue_ids FROM snapshot_establishments s JOIN "
        "establishments e ON e.id = s.establishment_id WHERE s.month = :m AND s.overdue > 0 AND "
        "(:w = 1 OR s.is_demo = 0)" +
        establishment_scope_sql(scope) + " ORDER BY e.name_search, e.id";
    const long long g = ght_key(scope);
    soci::statement st = scope.kind == "ght" ? (s->prepare << sql, use(m), use(w), use(g),
                                                into(finess), into(name), into(ids))
                                             : (s->prepare << sql, use(m), use(w), use(scope.key),
                                                into(finess), into(name), into(ids));
    st.execute();
    while (st.fetch()) {
      engine::LateEstablishment late{finess, name, {}};
      for (std::size_t from = 0; from <= ids.size();) {
        std::size_t comma = ids.find(',', from);
        if (comma == std::string::npos) comma = ids.size();
        std::string id = ids.substr(from, comma - from);
        from = comma + 1;
        auto it = slot.find(id);
        if (it == slot.end()) continue;
        agg.obligations[it->second].overdue.push_back(finess);
        late.overdue.push_back(id);
      }
      if (!late.overdue.empty()) agg.late.push_back(std::move(late));
    }
  }
  return agg;
}

std::vector<Trend> read_trends(store::Database& db, const referential::Referential& ref,
                               bool with_demo, const SnapshotScope& scope, Month from, Month to) {
  std::vector<Trend> out;
  std::unordered_map<std::string, std::size_t> slot;
  for (const auto& o : ref.obligations) {
    slot[o.id] = out.size();
    out.push_back(Trend{o.id, o.title, {}});
  }
  const std::string f = format_month(from), t = format_month(to);
  const int w = with_demo ? 1 : 0;
  auto s = db.lease();
  std::string month, id;
  TrendPoint p;
  soci::statement st =
      (s->prepare << "SELECT month, obligation_id, met, due, overdue, applicable FROM "
                     "snapshot_obligations WHERE with_demo = :w AND scope_kind = :k AND scope_key "
                     "= :key AND month >= :f AND month <= :t ORDER BY month",
       use(w), use(scope.kind), use(scope.key), use(f), use(t), into(month), into(id), into(p.met),
       into(p.due), into(p.overdue), into(p.applicable));
  st.execute();
  while (st.fetch()) {
    auto it = slot.find(id);
    auto parsed = parse_month(month);
    if (it == slot.end() || !parsed) continue;
    p.month = *parsed;
    out[it->second].points.push_back(p);
  }
  return out;
}

std::optional<Position> read_position(store::Database& db, std::int64_t establishment_id) {
  auto s = db.lease();
  std::string month, region, category;
  long long ght = 0, id = establishment_id;
  indicator ght_ind = soci::i_null;
  int demo = 0, met = 0, applicable = 0;
  *s << "SELECT month, is_demo, region_code, ght_id, category, met, applicable FROM "
        "snapshot_establishments WHERE establishment_id = :e ORDER BY month DESC LIMIT 1",
      use(id), into(month), into(demo), into(region), into(ght, ght_ind), into(category), into(met),
      into(applicable);
  if (!s->got_data()) return std::nullopt;
  auto parsed = parse_month(month);
  if (!parsed) return std::nullopt;
  Position pos;
  pos.month = *parsed;
  pos.met = met;
  pos.applicable = applicable;
  if (applicable > 0) pos.share = static_cast<double>(met) / applicable;
  std::vector<SnapshotScope> scopes;
  if (ght_ind == soci::i_ok) scopes.push_back({"ght", std::to_string(ght)});
  scopes.push_back({"region", region});
  scopes.push_back({"category", category});
  for (auto& scope : scopes) {
    PeerMedian peer{scope, 0, std::nullopt};
    int n = 0, bp = 0;
    indicator bp_ind = soci::i_null;
    *s << "SELECT establishments, median_met_bp FROM snapshot_scopes WHERE month = :m AND "
          "with_demo = :w AND scope_kind = :k AND scope_key = :key",
        use(month), use(demo), use(scope.kind), use(scope.key), into(n), into(bp, bp_ind);
    if (s->got_data()) {
      peer.establishments = n;
      if (bp_ind == soci::i_ok) peer.median = bp / 10000.0;
    }
    pos.peers.push_back(std::move(peer));
  }
  return pos;
}

int side_of_median(double share, double median) {
  const long a = std::lround(share * 10000), b = std::lround(median * 10000);
  return a < b ? -1 : a > b ? 1 : 0;
}

}  // namespace carepilot::evidence
