#include "evidence/stored.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "engine/evaluate.hpp"
#include "evidence/scope_where.hpp"
#include "store/clock.hpp"
#include "store/generation.hpp"
#include "store/scope_generation.hpp"
#include "store/transaction.hpp"

namespace carepilot::evidence {

using soci::into;
using soci::use;

namespace {

// kWhereSql over the summaries (alias `s`, compliance_summary) of the late establishments,
// with the same placeholders in the same order (bound by WhereBinds::bind). A summary's
// region, GHT (0: none) and demonstration flag are its establishment's, written in the same
// transaction as any change of them (verify checks it).
const std::string kSummaryWhereSql =
    " WHERE s.overdue > 0 AND (:sr1 = '' OR s.region_code = :sr2)"
    " AND (:sg1 = 0 OR s.ght_id = :sg2) AND (:se1 = 0 OR s.establishment_id = :se2)"
    " AND (:fr1 = '' OR s.region_code = :fr2) AND (:fg1 = 0 OR s.ght_id = :fg2)"
    " AND (:dm = 1 OR s.is_demo = 0)";

std::optional<engine::Status> status_from(const std::string& name) {
  for (std::size_t s = 0; s < engine::kStatusCount; ++s)
    if (engine::status_name(static_cast<engine::Status>(s)) == name)
      return static_cast<engine::Status>(s);
  return std::nullopt;
}

// "12,40,41": the stored ids of the records the engine used.
std::string evidence_ids_of(const Loaded& l, const engine::ObligationResult& r) {
  std::string out;
  for (int i : r.evidence) {
    if (i < 0 || static_cast<std::size_t>(i) >= l.evidence_ids.size()) continue;
    if (!out.empty()) out += ',';
    out += std::to_string(l.evidence_ids[static_cast<std::size_t>(i)]);
  }
  return out;
}

// One row as stored (also what a fresh evaluation would store, for verify).
struct Row {
  std::string obligation, status, since, deadline, period, evidence_ids, computed_for;
  int late = 0;
  std::optional<int> days_left, days_late;
};

Row row_of(const Loaded& l, const engine::ObligationResult& r, const Date& as_of) {
  Row row;
  row.obligation = r.id;
  row.status = std::string(engine::status_name(r.status));
  row.deadline = r.deadline ? format_date(*r.deadline) : "";
  row.period = r.period;
  row.evidence_ids = evidence_ids_of(l, r);
  row.computed_for = format_date(as_of);
  row.late = r.late ? 1 : 0;
  row.days_left = r.days_left;
  row.days_late = r.days_late;
  return row;
}

// Existing (obligation -> status, since) of establishments [from, to].
using Previous =
    std::unordered_map<long long, std::map<std::string, std::pair<std::string, std::string>>>;

// Changes to compliance_counts: (region, GHT or 0, demo, obligation, status) -> delta.
using CountKey = std::tuple<std::string, long long, int, std::string, std::string>;
using CountDeltas = std::map<CountKey, long long>;

// Reads the rows of [from, to]; the rows of `leaving` (about to be deleted) are taken out
// of the counts.
Previous previous_rows(soci::session& sql, long long from, long long to,
                       const std::unordered_set<long long>& leaving, CountDeltas& deltas) {
  Previous out;
  long long est = 0, ght = 0;
  int demo = 0;
  std::string obligation, status, since, region;
  soci::statement st =
      (sql.prepare << "SELECT establishment_id, obligation, status, status_since, region_code, "
                      "ght_id, is_demo FROM compliance_status WHERE establishment_id BETWEEN :a "
                      "AND :b",
       into(est), into(obligation), into(status), into(since), into(region), into(ght), into(demo),
       use(from), use(to));
  if (st.execute(true)) {
    do {
      out[est][obligation] = {status, since};
      if (leaving.count(est)) --deltas[{region, ght, demo, obligation, status}];
    } while (st.fetch());
  }
  return out;
}

void apply_deltas(soci::session& sql, const CountDeltas& deltas) {
  std::string region, obligation, status;
  long long ght = 0, n = 0;
  int demo = 0;
  soci::statement st =
      (sql.prepare << "INSERT INTO compliance_counts (region_code, ght_id, is_demo, obligation, "
                      "status, n) VALUES (:r, :g, :d, :o, :s, :n) ON CONFLICT (region_code, "
                      "ght_id, is_demo, obligation, status) DO UPDATE SET n = "
                      "compliance_counts.n + excluded.n",
       use(region), use(ght), use(demo), use(obligation), use(status), use(n));
  for (const auto& [k, delta] : deltas) {
    if (delta == 0) continue;
    std::tie(region, ght, demo, obligation, status) = k;
    n = delta;
    st.execute(true);
  }
}

// Replaces the stored rows of the given establishments (all loaded from [from, to]).
// Writes the rows of one establishment: all of them in one INSERT of `width` rows when the
// report has that many obligations (the referential's: one round trip per establishment on
// PostgreSQL), else row by row. The caller deletes the previous rows first.
class Writer {
 public:
  Writer(soci::session& sql, std::size_t width) : slots_(std::max<std::size_t>(width, 1)) {
    one_ = std::make_unique<soci::statement>(sql);
    bind(*one_, 0, 1);
    many_ = std::make_unique<soci::statement>(sql);
    bind(*many_, 0, slots_.size());
  }

  // Returns the number of rows written.
  long long write(const Loaded& l, const engine::EstablishmentReport& report, const Date& as_of,
                  const Previous& previous, CountDeltas& deltas) {
    est_ = l.establishment.id;
    region_ = l.establishment.region_code;
    ght_ = l.establishment.ght_id.value_or(0);
    demo_ = l.establishment.is_demo ? 1 : 0;
    for (const auto& r : report.obligations)
      ++deltas[{region_, ght_, demo_, r.id, std::string(engine::status_name(r.status))}];
    computed_at_ = store::now_utc_iso();
    const auto prev = previous.find(est_);
    auto fill = [&](Slot& slot, const engine::ObligationResult& r) {
      slot.row = row_of(l, r, as_of);
      slot.row.since = slot.row.computed_for;
      if (prev != previous.end())
        if (auto it = prev->second.find(r.id);
            it != prev->second.end() && it->second.first == slot.row.status &&
            !it->second.second.empty() && it->second.second <= slot.row.computed_for)
          slot.row.since = it->second.second;
      slot.deadline_ind = slot.row.deadline.empty() ? soci::i_null : soci::i_ok;
      slot.days_left = slot.row.days_left.value_or(0);
      slot.days_left_ind = slot.row.days_left ? soci::i_ok : soci::i_null;
      slot.days_late = slot.row.days_late.value_or(0);
      slot.days_late_ind = slot.row.days_late ? soci::i_ok : soci::i_null;
    };
    if (report.obligations.size() == slots_.size()) {
      for (std::size_t k = 0; k < slots_.size(); ++k) fill(slots_[k], report.obligations[k]);
      many_->execute(true);
    } else {
      for (const auto& r : report.obligations) {
        fill(slots_[0], r);
        one_->execute(true);
      }
    }
    return static_cast<long long>(report.obligations.size());
  }

 private:
  struct Slot {
    Row row;
    int days_left = 0, days_late = 0;
    soci::indicator deadline_ind = soci::i_null, days_left_ind = soci::i_null,
                    days_late_ind = soci::i_null;
  };
  void bind(soci::statement& st, std::size_t from, std::size_t count) {
    std::string sql =
        "INSERT INTO compliance_status (establishment_id, obligation, status, status_since, "
        "late, deadline, days_left, days_late, period, evidence_ids, computed_for, "
        "computed_at, region_code, ght_id, is_demo) VALUES ";
    for (std::size_t k = from; k < from + count; ++k) {
      const std::string n = std::to_string(k);
      sql += (k == from ? "(" : ", (") + std::string(":e") + n + ", :o" + n + ", :s" + n + ", :si" +
             n + ", :l" + n + ", :d" + n + ", :dl" + n + ", :dt" + n + ", :p" + n + ", :ev" + n +
             ", :cf" + n + ", :ca" + n + ", :r" + n + ", :g" + n + ", :dm" + n + ")";
      Slot& x = slots_[k];
      st.exchange(use(est_));
      st.exchange(use(x.row.obligation));
      st.exchange(use(x.row.status));
      st.exchange(use(x.row.since));
      st.exchange(use(x.row.late));
      st.exchange(use(x.row.deadline, x.deadline_ind));
      st.exchange(use(x.days_left, x.days_left_ind));
      st.exchange(use(x.days_late, x.days_late_ind));
      st.exchange(use(x.row.period));
      st.exchange(use(x.row.evidence_ids));
      st.exchange(use(x.row.computed_for));
      st.exchange(use(computed_at_));
      st.exchange(use(region_));
      st.exchange(use(ght_));
      st.exchange(use(demo_));
    }
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
  }

  long long est_ = 0, ght_ = 0;
  int demo_ = 0;
  std::string computed_at_, region_;
  std::vector<Slot> slots_;  // never resized: statements hold their addresses
  std::unique_ptr<soci::statement> one_, many_;
};

// "12,40,41": ids for an IN list.
std::string id_list(const std::vector<long long>& ids, std::size_t from, std::size_t to) {
  std::string in;
  for (std::size_t k = from; k < to; ++k) in += (in.empty() ? "" : ",") + std::to_string(ids[k]);
  return in;
}

// Deletes the stored rows and summaries of `ids` (one statement per 500).
void delete_rows(soci::session& sql, const std::vector<long long>& ids) {
  for (std::size_t at = 0; at < ids.size(); at += 500) {
    const std::string in = id_list(ids, at, std::min(ids.size(), at + 500));
    sql << "DELETE FROM compliance_status WHERE establishment_id IN (" + in + ")";
    sql << "DELETE FROM compliance_summary WHERE establishment_id IN (" + in + ")";
  }
}

// The summary of establishments recounted from their stored rows and their registry record
// (migration 0019 backfills with the same query): what compliance_summary must hold.
// `where` restricts the rows (alias c), "" for every establishment.
std::string summary_recount_sql(const std::string& where) {
  return "SELECT c.establishment_id, SUM(CASE WHEN c.status = 'overdue' THEN 1 ELSE 0 END), "
         "MAX(CASE WHEN c.status = 'overdue' THEN COALESCE(c.days_late, 0) ELSE 0 END), "
         "e.name_search, e.region_code, COALESCE(e.ght_id, 0), e.is_demo, MIN(c.computed_for) "
         "FROM compliance_status c JOIN establishments e ON e.id = c.establishment_id" +
         where + " GROUP BY c.establishment_id, e.name_search, e.region_code, e.ght_id, e.is_demo";
}

// Writes the summaries of `ids` (their rows just written, their previous summaries deleted).
void write_summaries(soci::session& sql, const std::vector<long long>& ids) {
  for (std::size_t at = 0; at < ids.size(); at += 500) {
    const std::string in = id_list(ids, at, std::min(ids.size(), at + 500));
    sql << "INSERT INTO compliance_summary (establishment_id, overdue, max_days_late, "
           "name_search, region_code, ght_id, is_demo, computed_for) " +
               summary_recount_sql(" WHERE c.establishment_id IN (" + in + ")");
  }
}

std::vector<long long> establishment_ids(soci::session& sql, const std::string& sql_text,
                                         const std::string& date) {
  std::vector<long long> out;
  long long id = 0;
  std::string d = date;
  soci::statement st = sql_text.find(":d1") == std::string::npos
                           ? (sql.prepare << sql_text, into(id))
                           : (sql.prepare << sql_text, into(id), use(d), use(d));
  if (st.execute(true)) {
    do out.push_back(id);
    while (st.fetch());
  }
  return out;
}

// Recomputes the establishments `ids` (sorted, distinct) on `sql`; returns the rows written.
long long recompute_set(soci::session& sql, Repository& repo, const std::vector<long long>& ids,
                        const Date& as_of, int& establishments) {
  std::unordered_set<long long> wanted(ids.begin(), ids.end());
  auto loaded = repo.load_ids(sql, ids.front(), ids.back());
  CountDeltas deltas;
  auto previous = previous_rows(sql, ids.front(), ids.back(), wanted, deltas);
  delete_rows(sql, ids);
  Writer writer(sql, repo.referential().obligations.size());
  long long rows = 0;
  for (const auto& l : loaded) {
    if (!wanted.count(l.establishment.id)) continue;
    rows += writer.write(l, repo.compliance(l, as_of), as_of, previous, deltas);
    ++establishments;
  }
  apply_deltas(sql, deltas);
  write_summaries(sql, ids);
  return rows;
}

}  // namespace

void recompute_one(soci::session& sql, Repository& repo, std::int64_t establishment_id,
                   const Date& as_of) {
  recompute_some(sql, repo, {establishment_id}, as_of);
}

void recompute_some(soci::session& sql, Repository& repo, std::vector<std::int64_t> ids,
                    const Date& as_of) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  constexpr std::size_t kBatch = 500;
  std::set<std::string> keys;
  for (std::size_t at = 0; at < ids.size(); at += kBatch) {
    std::vector<long long> chunk(
        ids.begin() + static_cast<std::ptrdiff_t>(at),
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), at + kBatch)));
    int n = 0;
    recompute_set(sql, repo, chunk, as_of, n);
  }
  // The scopes containing them: their own, their GHT, their region, the nation.
  {
    long long id = 0, ght = 0;
    std::string region;
    soci::indicator ght_ind = soci::i_null, found = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT region_code, ght_id FROM establishments "
                                         "WHERE id = :id",
                          into(region, found), into(ght, ght_ind), use(id));
    for (auto x : ids) {
      id = x;
      found = soci::i_null;
      st.execute(true);
      if (found != soci::i_ok) continue;
      for (auto& k : store::establishment_scope_keys(
               x, region, ght_ind == soci::i_ok ? std::optional<std::int64_t>(ght) : std::nullopt))
        keys.insert(k);
    }
  }
  store::bump_scope_generations(sql, {keys.begin(), keys.end()});
}

RecomputeStats recompute_all(store::Database& db, Repository& repo, const Date& as_of, int batch,
                             const std::function<void(const RecomputeStats&)>& progress, bool all) {
  if (batch < 1) batch = 1;
  RecomputeStats stats;
  const std::string date = format_date(as_of);
  std::vector<long long> todo;
  int total = 0;
  {
    auto s = db.lease();
    *s << "SELECT COUNT(*) FROM establishments", into(total);
    // Establishments without rows, or with a row computed for another date (every one with
    // `all`).
    if (all)
      todo = establishment_ids(*s, "SELECT id FROM establishments ORDER BY id", "");
    else
      todo = establishment_ids(
          *s,
          "SELECT e.id FROM establishments e LEFT JOIN (SELECT establishment_id, "
          "MIN(computed_for) AS lo, MAX(computed_for) AS hi FROM compliance_status GROUP BY "
          "establishment_id) c ON c.establishment_id = e.id LEFT JOIN compliance_summary s ON "
          "s.establishment_id = e.id WHERE c.establishment_id IS NULL OR c.lo <> :d1 OR c.hi <> "
          ":d2 OR s.establishment_id IS NULL ORDER BY e.id",
          date);
  }
  stats.skipped = total - static_cast<int>(todo.size());
  for (std::size_t at = 0; at < todo.size(); at += static_cast<std::size_t>(batch)) {
    const std::size_t end = std::min(todo.size(), at + static_cast<std::size_t>(batch));
    std::vector<long long> chunk(todo.begin() + static_cast<std::ptrdiff_t>(at),
                                 todo.begin() + static_cast<std::ptrdiff_t>(end));
    auto s = db.lease();
    store::Transaction tr(*s);
    stats.rows += recompute_set(*s, repo, chunk, as_of, stats.establishments);
    tr.commit();
    ++stats.batches;
    if (progress) progress(stats);
  }
  if (stats.establishments > 0) {
    {
      // The counters recounted from the rows: a pass over the nation also repairs any drift.
      auto s = db.lease();
      store::Transaction tr(*s);
      if (s->get_backend_name() == "postgresql")
        *s << "LOCK TABLE compliance_counts IN EXCLUSIVE MODE";  // writers' deltas wait
      *s << "DELETE FROM compliance_counts";
      *s << "INSERT INTO compliance_counts (region_code, ght_id, is_demo, obligation, status, n) "
            "SELECT region_code, ght_id, is_demo, obligation, status, COUNT(*) FROM "
            "compliance_status GROUP BY region_code, ght_id, is_demo, obligation, status";
      tr.commit();
    }  // the lease goes back first: a pool of one would wait for itself
    store::bump_generation(db);
  }
  return stats;
}

std::vector<std::string> verify(store::Database& db, Repository& repo, int batch) {
  if (batch < 1) batch = 1;
  std::vector<std::string> diffs;
  std::vector<long long> ids;
  {
    auto s = db.lease();
    ids = establishment_ids(*s, "SELECT id FROM establishments ORDER BY id", "");
  }
  for (std::size_t at = 0; at < ids.size(); at += static_cast<std::size_t>(batch)) {
    const std::size_t end = std::min(ids.size(), at + static_cast<std::size_t>(batch));
    const long long from = ids[at], to = ids[end - 1];
    auto s = db.lease();
    auto loaded = repo.load_ids(*s, from, to);
    std::unordered_map<long long, std::map<std::string, Row>> stored;
    {
      long long est = 0;
      Row r;
      int days_left = 0, days_late = 0;
      soci::indicator dl_ind = soci::i_null, dt_ind = soci::i_null, d_ind = soci::i_null;
      soci::statement st =
          (s->prepare << "SELECT establishment_id, obligation, status, late, deadline, "
                         "days_left, days_late, period, evidence_ids, computed_for FROM "
                         "compliance_status WHERE establishment_id BETWEEN :a AND :b",
           into(est), into(r.obligation), into(r.status), into(r.late), into(r.deadline, d_ind),
           into(days_left, dl_ind), into(days_late, dt_ind), into(r.period), into(r.evidence_ids),
           into(r.computed_for), use(from), use(to));
      if (st.execute(true)) {
        do {
          Row x = r;
          if (d_ind != soci::i_ok) x.deadline.clear();
          x.days_left = dl_ind == soci::i_ok ? std::optional<int>(days_left) : std::nullopt;
          x.days_late = dt_ind == soci::i_ok ? std::optional<int>(days_late) : std::nullopt;
          stored[est][x.obligation] = x;
        } while (st.fetch());
      }
    }
    for (const auto& l : loaded) {
      const std::string who = l.establishment.finess_et;
      auto it = stored.find(l.establishment.id);
      if (it == stored.end()) {
        diffs.push_back(who + " : aucun statut enregistré");
        continue;
      }
      auto rows = it->second;
      std::map<std::string, engine::EstablishmentReport> by_date;
      for (const auto& [obligation, row] : rows) {
        auto date = parse_date(row.computed_for);
        if (!date) {
          diffs.push_back(who + " " + obligation + " : date de calcul illisible « " +
                          row.computed_for + " »");
          continue;
        }
        if (!by_date.count(row.computed_for))
          by_date.emplace(row.computed_for, repo.compliance(l, *date));
      }
      if (by_date.empty()) continue;
      // Every obligation of the referential has a row, computed for one of the dates.
      const auto& any = by_date.begin()->second;
      for (const auto& r : any.obligations)
        if (!rows.count(r.id)) diffs.push_back(who + " " + r.id + " : statut absent");
      for (const auto& [obligation, row] : rows) {
        auto report = by_date.find(row.computed_for);
        if (report == by_date.end()) continue;
        const engine::ObligationResult* fresh = nullptr;
        for (const auto& r : report->second.obligations)
          if (r.id == obligation) fresh = &r;
        if (!fresh) {
          diffs.push_back(who + " " + obligation + " : obligation inconnue du référentiel");
          continue;
        }
        Row want = row_of(l, *fresh, *parse_date(row.computed_for));
        // Named references: clang before 16 cannot capture structured bindings in a lambda.
        const std::string& obligation_id = obligation;
        const std::string& computed_for = row.computed_for;
        auto differ = [&](const char* field, const std::string& a, const std::string& b) {
          if (a != b)
            diffs.push_back(who + " " + obligation_id + " (" + computed_for + ") : " + field +
                            " enregistré « " + a + " », recalculé « " + b + " »");
        };
        auto opt = [](const std::optional<int>& v) { return v ? std::to_string(*v) : ""; };
        differ("status", row.status, want.status);
        differ("late", std::to_string(row.late), std::to_string(want.late));
        differ("deadline", row.deadline, want.deadline);
        differ("days_left", opt(row.days_left), opt(want.days_left));
        differ("days_late", opt(row.days_late), opt(want.days_late));
        differ("period", row.period, want.period);
        differ("evidence_ids", row.evidence_ids, want.evidence_ids);
      }
    }
  }
  // The counters equal a recount of the rows.
  {
    auto s = db.lease();
    std::map<CountKey, long long> want, have;
    std::string region, obligation, status;
    long long ght = 0, n = 0;
    int demo = 0;
    for (auto* target : {&want, &have}) {
      soci::statement st =
          (s->prepare << (target == &want
                              ? "SELECT region_code, ght_id, is_demo, obligation, status, "
                                "COUNT(*) FROM compliance_status GROUP BY region_code, ght_id, "
                                "is_demo, obligation, status"
                              : "SELECT region_code, ght_id, is_demo, obligation, status, n "
                                "FROM compliance_counts WHERE n <> 0"),
           into(region), into(ght), into(demo), into(obligation), into(status), into(n));
      if (st.execute(true)) {
        do (*target)[{region, ght, demo, obligation, status}] = n;
        while (st.fetch());
      }
    }
    std::set<CountKey> keys;
    for (const auto& [k, v] : want) keys.insert(k);
    for (const auto& [k, v] : have) keys.insert(k);
    for (const auto& k : keys) {
      long long w = want.count(k) ? want[k] : 0, h = have.count(k) ? have[k] : 0;
      if (w != h)
        diffs.push_back("compteur région " + std::get<0>(k) + ", GHT " +
                        std::to_string(std::get<1>(k)) + ", démo " +
                        std::to_string(std::get<2>(k)) + ", " + std::get<3>(k) + " " +
                        std::get<4>(k) + " : enregistré " + std::to_string(h) + ", recompté " +
                        std::to_string(w));
    }
  }
  // The summaries (compliance_summary) equal a recount of the rows and the registry records.
  {
    auto s = db.lease();
    using Summary = std::tuple<long long, long long, std::string, std::string, long long, long long,
                               std::string>;
    std::map<long long, Summary> want, have;
    std::map<long long, std::string> finess;
    long long id = 0, overdue = 0, max_days_late = 0, ght = 0, demo = 0;
    std::string name_search, region, computed_for, f;
    for (auto* target : {&want, &have}) {
      soci::statement st =
          (s->prepare << (target == &want
                              ? summary_recount_sql("")
                              : "SELECT establishment_id, overdue, max_days_late, name_search, "
                                "region_code, ght_id, is_demo, computed_for FROM "
                                "compliance_summary"),
           into(id), into(overdue), into(max_days_late), into(name_search), into(region), into(ght),
           into(demo), into(computed_for));
      if (st.execute(true)) {
        do (*target)[id] = {overdue, max_days_late, name_search, region, ght, demo, computed_for};
        while (st.fetch());
      }
    }
    {
      soci::statement st =
          (s->prepare << "SELECT id, finess_et FROM establishments", into(id), into(f));
      if (st.execute(true)) {
        do finess[id] = f;
        while (st.fetch());
      }
    }
    std::set<long long> ids;
    for (const auto& [k, v] : want) ids.insert(k);
    for (const auto& [k, v] : have) ids.insert(k);
    static const char* const kFields[] = {"overdue", "max_days_late", "name_search", "region_code",
                                          "ght_id",  "is_demo",       "computed_for"};
    for (long long k : ids) {
      const std::string who =
          finess.count(k) ? finess[k] : "établissement " + std::to_string(k) + " (supprimé)";
      auto w = want.find(k), h = have.find(k);
      if (h == have.end()) {
        diffs.push_back(who + " : résumé absent");
        continue;
      }
      if (w == want.end()) {
        diffs.push_back(who + " : résumé sans statut enregistré");
        continue;
      }
      auto text = [](const Summary& x) {
        return std::vector<std::string>{std::to_string(std::get<0>(x)),
                                        std::to_string(std::get<1>(x)),
                                        std::get<2>(x),
                                        std::get<3>(x),
                                        std::to_string(std::get<4>(x)),
                                        std::to_string(std::get<5>(x)),
                                        std::get<6>(x)};
      };
      const auto a = text(h->second), b = text(w->second);
      std::string line;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i])
          line += std::string(line.empty() ? "" : ", ") + kFields[i] + " enregistré « " + a[i] +
                  " », recompté « " + b[i] + " »";
      if (!line.empty()) diffs.push_back(who + " : résumé : " + line);
    }
  }
  return diffs;
}

StoredAggregate stored_aggregate(store::Database& db, const referential::Referential& ref,
                                 const Scope& scope, const ScopeFilter& filter,
                                 std::size_t late_limit) {
  StoredAggregate out;
  auto& agg = out.aggregate;
  std::unordered_map<std::string, std::size_t> slot;
  for (const auto& o : ref.obligations) {
    slot.emplace(o.id, agg.obligations.size());
    engine::ObligationAggregate a;
    a.id = o.id;
    a.title = o.title;
    if (o.target) a.target = o.target->share_met;
    agg.obligations.push_back(std::move(a));
  }
  WhereBinds wb(scope, filter);
  auto s = db.lease();
  int computed = 0;
  {
    soci::statement st(*s);
    st.exchange(into(agg.establishments));
    wb.bind(st);
    st.alloc();
    st.prepare(std::string("SELECT COUNT(*) FROM establishments e") + kWhereSql);
    st.define_and_bind();
    st.execute(true);
  }
  std::map<std::string, int> per_obligation;
  auto count = [&](const std::string& obligation, const std::string& status, int n) {
    per_obligation[obligation] += n;
    auto it = slot.find(obligation);
    auto status_value = status_from(status);
    if (it == slot.end() || !status_value) return;
    agg.obligations[it->second].count[static_cast<std::size_t>(*status_value)] += n;
  };
  if (scope.level != Scope::Level::establishment) {
    // The counters (compliance_counts), narrowed like the establishments.
    std::string obligation, status;
    long long n = 0;
    soci::statement st(*s);
    st.exchange(into(obligation));
    st.exchange(into(status));
    st.exchange(into(n));
    st.exchange(use(wb.scope.region));
    st.exchange(use(wb.scope.region));
    st.exchange(use(wb.scope.ght));
    st.exchange(use(wb.scope.ght));
    st.exchange(use(wb.region));
    st.exchange(use(wb.region));
    st.exchange(use(wb.ght));
    st.exchange(use(wb.ght));
    st.exchange(use(wb.demo));
    st.alloc();
    st.prepare(
        "SELECT k.obligation, k.status, SUM(k.n) FROM compliance_counts k WHERE (:sr1 = '' OR "
        "k.region_code = :sr2) AND (:sg1 = 0 OR k.ght_id = :sg2) AND (:fr1 = '' OR "
        "k.region_code = :fr2) AND (:fg1 = 0 OR k.ght_id = :fg2) AND (:dm = 1 OR k.is_demo = 0) "
        "GROUP BY k.obligation, k.status");
    st.define_and_bind();
    if (st.execute(true)) {
      do count(obligation, status, static_cast<int>(n));
      while (st.fetch());
    }
    // The oldest date of the nation's rows (an index lookup): never younger than the scope's.
    out.oldest = oldest_computed_for(*s);
  } else {
    std::string obligation, status, oldest;
    int n = 0;
    soci::statement st(*s);
    st.exchange(into(obligation));
    st.exchange(into(status));
    st.exchange(into(n));
    st.exchange(into(oldest));
    wb.bind(st);
    st.alloc();
    st.prepare(std::string("SELECT c.obligation, c.status, COUNT(*), MIN(c.computed_for) FROM "
                           "compliance_status c JOIN establishments e ON e.id = "
                           "c.establishment_id") +
               kWhereSql + " GROUP BY c.obligation, c.status");
    st.define_and_bind();
    if (st.execute(true)) {
      do {
        auto d = parse_date(oldest);
        if (d && (!out.oldest || *d < *out.oldest)) out.oldest = d;
        count(obligation, status, n);
      } while (st.fetch());
    }
  }
  for (const auto& [o, n2] : per_obligation) computed = std::max(computed, n2);
  out.not_computed = std::max(0, agg.establishments - computed);
  for (auto& a : agg.obligations) {
    const auto na = static_cast<std::size_t>(engine::Status::not_applicable);
    int rows = 0;
    for (int c : a.count) rows += c;
    a.applicable = rows - a.count[na];
    for (std::size_t st = 0; st < engine::kStatusCount; ++st)
      if (a.applicable > 0 && st != na)
        a.share_of_applicable[st] = static_cast<double>(a.count[st]) / a.applicable;
    if (a.target && a.applicable > 0)
      a.target_reached =
          a.share_of_applicable[static_cast<std::size_t>(engine::Status::met)] + 1e-12 >= *a.target;
  }
  // Late establishments.
  auto sort_overdue = [&](std::vector<std::string>& ids) {
    std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
      auto ia = slot.find(a), ib = slot.find(b);
      return (ia == slot.end() ? SIZE_MAX : ia->second) <
             (ib == slot.end() ? SIZE_MAX : ib->second);
    });
  };
  // Late establishments, from the summaries (compliance_summary, migration 0019): its partial
  // indexes hold only the late establishments, in the order of the list.
  const std::string from_summary =
      "FROM compliance_summary s JOIN establishments e ON e.id = s.establishment_id";
  {
    soci::statement st(*s);
    st.exchange(into(out.late_total));
    wb.bind(st);
    st.alloc();
    st.prepare(std::string("SELECT COUNT(*) FROM compliance_summary s") + kSummaryWhereSql);
    st.define_and_bind();
    st.execute(true);
  }
  if (late_limit > 0) {
    std::vector<long long> ids;
    long long id = 0;
    std::string finess, name;
    int n = 0;
    {
      long long limit = static_cast<long long>(late_limit);
      soci::statement st(*s);
      st.exchange(into(id));
      st.exchange(into(finess));
      st.exchange(into(name));
      st.exchange(into(n));
      wb.bind(st);
      st.exchange(use(limit));
      st.alloc();
      st.prepare("SELECT s.establishment_id, e.finess_et, e.name, s.overdue " + from_summary +
                 kSummaryWhereSql +
                 " ORDER BY s.overdue DESC, s.name_search, s.establishment_id LIMIT :lim");
      st.define_and_bind();
      if (st.execute(true)) {
        do {
          ids.push_back(id);
          agg.late.push_back({finess, name, {}});
        } while (st.fetch());
      }
    }
    if (!ids.empty()) {
      std::string in;
      for (auto x : ids) in += (in.empty() ? "" : ",") + std::to_string(x);
      std::unordered_map<long long, std::size_t> pos;
      for (std::size_t i = 0; i < ids.size(); ++i) pos[ids[i]] = i;
      std::string obligation;
      soci::statement st = (s->prepare << "SELECT establishment_id, obligation FROM "
                                          "compliance_status WHERE status = 'overdue' AND "
                                          "establishment_id IN (" +
                                              in + ")",
                            into(id), into(obligation));
      if (st.execute(true)) {
        do agg.late[pos[id]].overdue.push_back(obligation);
        while (st.fetch());
      }
      for (auto& l : agg.late) sort_overdue(l.overdue);
    }
  } else {
    long long id = 0, current = -1;
    std::string finess, name, obligation;
    soci::statement st(*s);
    st.exchange(into(id));
    st.exchange(into(finess));
    st.exchange(into(name));
    st.exchange(into(obligation));
    wb.bind(st);
    st.alloc();
    st.prepare("SELECT s.establishment_id, e.finess_et, e.name, c.obligation " + from_summary +
               " JOIN compliance_status c ON c.establishment_id = s.establishment_id AND "
               "c.status = 'overdue'" +
               kSummaryWhereSql + " ORDER BY s.name_search, s.establishment_id");
    st.define_and_bind();
    if (st.execute(true)) {
      do {
        if (id != current) {
          current = id;
          agg.late.push_back({finess, name, {}});
        }
        agg.late.back().overdue.push_back(obligation);
      } while (st.fetch());
    }
    for (auto& l : agg.late) {
      sort_overdue(l.overdue);
      for (const auto& o : l.overdue)
        if (auto it = slot.find(o); it != slot.end())
          agg.obligations[it->second].overdue.push_back(l.finess);
    }
  }
  return out;
}

std::vector<StoredReport> stored_reports(store::Database& db, const referential::Referential& ref,
                                         const Scope& scope, const ScopeFilter& filter) {
  std::unordered_map<std::string, std::size_t> slot;
  for (std::size_t i = 0; i < ref.obligations.size(); ++i) slot.emplace(ref.obligations[i].id, i);
  std::vector<StoredReport> out;
  // Per establishment: the obligations read, by referential slot, and their dates.
  std::vector<std::vector<std::optional<engine::ObligationResult>>> by_slot;
  std::vector<std::set<std::string>> dates;
  WhereBinds wb(scope, filter);
  auto s = db.lease();
  long long id = 0, ght = 0;
  int demo = 0, late = 0, days_left = 0, days_late = 0;
  std::string finess, name, category, region, obligation, status, deadline, period, computed_for;
  soci::indicator ght_ind = soci::i_null, ob_ind = soci::i_null, st_ind = soci::i_null,
                  late_ind = soci::i_null, d_ind = soci::i_null, dl_ind = soci::i_null,
                  dt_ind = soci::i_null, p_ind = soci::i_null, cf_ind = soci::i_null;
  soci::statement st(*s);
  st.exchange(into(id));
  st.exchange(into(finess));
  st.exchange(into(name));
  st.exchange(into(category));
  st.exchange(into(region));
  st.exchange(into(ght, ght_ind));
  st.exchange(into(demo));
  st.exchange(into(obligation, ob_ind));
  st.exchange(into(status, st_ind));
  st.exchange(into(late, late_ind));
  st.exchange(into(deadline, d_ind));
  st.exchange(into(days_left, dl_ind));
  st.exchange(into(days_late, dt_ind));
  st.exchange(into(period, p_ind));
  st.exchange(into(computed_for, cf_ind));
  wb.bind(st);
  st.alloc();
  st.prepare(std::string("SELECT e.id, e.finess_et, e.name, e.category, e.region_code, e.ght_id, "
                         "e.is_demo, c.obligation, c.status, c.late, c.deadline, c.days_left, "
                         "c.days_late, c.period, c.computed_for FROM establishments e LEFT JOIN "
                         "compliance_status c ON c.establishment_id = e.id") +
             kWhereSql + " ORDER BY e.name_search, e.id");
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      if (out.empty() || out.back().establishment_id != id) {
        StoredReport r;
        r.establishment_id = id;
        r.region_code = region;
        if (ght_ind == soci::i_ok) r.ght_id = ght;
        r.category = category;
        r.is_demo = demo != 0;
        r.report.finess = finess;
        r.report.name = name;
        r.report.category = referential::normalize_name(category);
        out.push_back(std::move(r));
        by_slot.emplace_back(ref.obligations.size());
        dates.emplace_back();
      }
      if (ob_ind != soci::i_ok) continue;  // no row: the LEFT JOIN's NULLs
      auto it = slot.find(obligation);
      auto value = st_ind == soci::i_ok ? status_from(status) : std::nullopt;
      dates.back().insert(cf_ind == soci::i_ok ? computed_for : "");
      if (it == slot.end() || !value) {
        dates.back().insert("?");  // unknown obligation or status: never complete
        continue;
      }
      engine::ObligationResult o;
      o.id = obligation;
      o.title = ref.obligations[it->second].title;
      o.status = *value;
      if (p_ind == soci::i_ok) o.period = period;
      if (d_ind == soci::i_ok) o.deadline = parse_date(deadline);
      o.late = late_ind == soci::i_ok && late != 0;
      if (dl_ind == soci::i_ok) o.days_left = days_left;
      if (dt_ind == soci::i_ok) o.days_late = days_late;
      by_slot.back()[it->second] = std::move(o);
    } while (st.fetch());
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    bool complete = !ref.obligations.empty();
    for (auto& o : by_slot[k]) {
      if (!o) {
        complete = false;
        continue;
      }
      out[k].report.obligations.push_back(std::move(*o));
    }
    if (complete && dates[k].size() == 1) out[k].computed_for = parse_date(*dates[k].begin());
  }
  return out;
}

namespace {

// `r` as the engine gives it as of `as_of`, reduced to what a stored row holds.
void fill_from_engine(StoredReport& r, Repository& repo, const Loaded& l, const Date& as_of) {
  r.region_code = l.establishment.region_code;
  r.ght_id = l.establishment.ght_id;
  r.category = l.establishment.category;
  r.is_demo = l.establishment.is_demo;
  r.computed_for = as_of;
  r.report = repo.compliance(l, as_of);
  for (auto& o : r.report.obligations) {
    o.explanation.clear();
    o.evidence.clear();
    o.missing.clear();
    o.measures.clear();
  }
}

}  // namespace

std::vector<StoredReport> reports_as_of(store::Database& db, Repository& repo, const Scope& scope,
                                        const ScopeFilter& filter, const Date& as_of,
                                        int* evaluated) {
  std::vector<StoredReport> out;
  {
    // No row of that day at all (a past month, the day before the daily recomputation): the
    // engine over the whole scope, in three queries, without reading the rows first.
    long long of_day = 0;
    {
      std::string day = format_date(as_of);
      auto s = db.lease();  // given back before load_all leases (a pool of one)
      *s << "SELECT COUNT(*) FROM (SELECT 1 FROM compliance_status WHERE computed_for = :d "
            "LIMIT 1) x",
          use(day), into(of_day);
    }
    if (of_day == 0) {
      for (const auto& l : repo.load_all(scope, filter, /*keep_records=*/false)) {
        StoredReport r;
        r.establishment_id = l.establishment.id;
        out.push_back(std::move(r));
        fill_from_engine(out.back(), repo, l, as_of);
      }
      if (evaluated) *evaluated = static_cast<int>(out.size());
      return out;
    }
  }
  out = stored_reports(db, repo.referential(), scope, filter);
  std::vector<long long> stale;
  std::unordered_map<long long, std::size_t> index;
  for (std::size_t k = 0; k < out.size(); ++k)
    if (out[k].computed_for != as_of) {
      stale.push_back(out[k].establishment_id);
      index.emplace(out[k].establishment_id, k);
    }
  if (evaluated) *evaluated = static_cast<int>(stale.size());
  std::sort(stale.begin(), stale.end());
  constexpr std::size_t kBatch = 500;
  for (std::size_t at = 0; at < stale.size(); at += kBatch) {
    const std::size_t end = std::min(stale.size(), at + kBatch);
    std::vector<Loaded> loaded;
    {
      auto s = db.lease();
      loaded = repo.load_ids(*s, stale[at], stale[end - 1]);
    }
    for (const auto& l : loaded) {
      auto it = index.find(l.establishment.id);
      if (it == index.end()) continue;  // not stale, or not in the scope
      fill_from_engine(out[it->second], repo, l, as_of);
      index.erase(it);
    }
  }
  return out;
}

std::optional<Date> oldest_computed_for(store::Database& db) {
  auto s = db.lease();
  return oldest_computed_for(*s);
}

std::optional<Date> oldest_computed_for(soci::session& sql) {
  std::string oldest;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MIN(computed_for) FROM compliance_status", into(oldest, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return parse_date(oldest);
}

}  // namespace carepilot::evidence
