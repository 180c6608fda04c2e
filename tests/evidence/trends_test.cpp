// Monthly snapshots (evidence/trends.hpp): month arithmetic, medians, the stored figures
// against the engine's aggregate, idempotence, and what the dashboards and the compliance
// page make of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "accounts.hpp"
#include "common/french.hpp"
#include "engine/aggregate.hpp"
#include "evidence/demo.hpp"
#include "evidence/stored.hpp"
#include "evidence/trends.hpp"
#include "fixture.hpp"
#include "registry/demo.hpp"
#include "store/generation.hpp"
#include "test_server.hpp"
#include "web/demo.hpp"

using namespace carepilot;
using carepilot::testing::d;
using evidence::Month;

namespace {

Month month(const char* text) {
  return *evidence::parse_month(text);
}

TEST(SnapshotMonths, LastDayOfEachMonthIncludingLeapFebruary) {
  EXPECT_EQ(evidence::last_day(month("2026-10")), d("2026-10-31"));
  EXPECT_EQ(evidence::last_day(month("2026-11")), d("2026-11-30"));
  EXPECT_EQ(evidence::last_day(month("2026-12")), d("2026-12-31"));
  EXPECT_EQ(evidence::last_day(month("2026-02")), d("2026-02-28"));
  EXPECT_EQ(evidence::last_day(month("2028-02")), d("2028-02-29"));
  EXPECT_EQ(evidence::last_day(month("2100-02")), d("2100-02-28"));  // not a leap year
  EXPECT_EQ(evidence::last_day(month("2000-02")), d("2000-02-29"));
}

TEST(SnapshotMonths, JanuaryPrecededByDecember) {
  Month jan = evidence::month_of(d("2027-01-01"));
  EXPECT_EQ(evidence::format_month(jan - std::chrono::months{1}), "2026-12");
  EXPECT_EQ(evidence::format_month(month("2026-12") + std::chrono::months{1}), "2027-01");
  EXPECT_EQ(evidence::french_month(month("2026-12")), "décembre 2026");
  EXPECT_EQ(evidence::french_month(month("2027-02"), true), "févr. 2027");
}

TEST(SnapshotMonths, ParsesOnlyRealMonths) {
  EXPECT_TRUE(evidence::parse_month("2026-01"));
  EXPECT_TRUE(evidence::parse_month("2026-12"));
  for (const char* bad :
       {"2026-00", "2026-13", "2026-1", "2026/10", "26-10", "2026-10-01", "1899-12", "abcd-ef", ""})
    EXPECT_FALSE(evidence::parse_month(bad)) << bad;
}

TEST(SnapshotMedian, OddAndEvenCounts) {
  EXPECT_FALSE(evidence::median({}));
  EXPECT_DOUBLE_EQ(*evidence::median({0.4}), 0.4);
  EXPECT_DOUBLE_EQ(*evidence::median({0.9, 0.2, 0.5}), 0.5);       // odd: the middle one
  EXPECT_DOUBLE_EQ(*evidence::median({0.9, 0.2, 0.6, 0.4}), 0.5);  // even: mean of 0.4, 0.6
  EXPECT_DOUBLE_EQ(*evidence::median({1.0, 0.0}), 0.5);
  EXPECT_DOUBLE_EQ(*evidence::median({0.3, 0.3, 0.3, 0.8}), 0.3);
}

// Medians are stored in 1/10,000: a share is compared with them at that precision.
TEST(SnapshotMedian, SideOfTheMedianAtTheStoredPrecision) {
  EXPECT_EQ(evidence::side_of_median(1.0 / 3, 0.3333), 0);  // 1/3 stored as 3333
  EXPECT_EQ(evidence::side_of_median(0.3335, 0.3333), 1);
  EXPECT_EQ(evidence::side_of_median(0.3331, 0.3333), -1);
  EXPECT_EQ(evidence::side_of_median(0.5, 0.5), 0);
  EXPECT_EQ(evidence::side_of_median(0.0, 1.0), -1);
  EXPECT_EQ(evidence::side_of_median(1.0, 0.0), 1);
}

// The demo territory (28 establishments, 3 GHTs, all is_demo) with its evidence, on one
// database; the expected figures always come from engine::aggregate.
class SnapshotTest : public ::testing::TestWithParam<const char*> {
 protected:
  SnapshotTest()
      : t_(GetParam(), 4, &seed()),
        registry_(t_.db(), registry::Catalog::builtin()),
        ref_(referential::load_default_referential()),
        repo_(t_.db(), registry_, ref_) {}
  // Written once per run, copied for each test (test_db.hpp, Seed).
  static const carepilot::testing::Seed& seed() {
    static const carepilot::testing::Seed s{
        "registry-evidence-2026-11-23", [](store::Database& db) {
          registry::Repository registry(db, registry::Catalog::builtin());
          const auto ref = referential::load_default_referential();
          evidence::Repository repo(db, registry, ref);
          registry::load_demo(registry);
          evidence::load_demo_evidence(repo, registry, d("2026-11-23"));
        }};
    return s;
  }

  // engine::aggregate over the establishments of `filter` as of `as_of`.
  engine::Aggregate expected(const Date& as_of, const evidence::ScopeFilter& filter = {},
                             const std::string& category = {}) {
    std::vector<engine::EstablishmentReport> reports;
    for (auto& l : repo_.load_all(Scope::nation(), filter, false))
      if (category.empty() || l.establishment.category == category)
        reports.push_back(repo_.compliance(l, as_of));
    return engine::aggregate(ref_, reports);
  }

  static void expect_same(const engine::Aggregate& want, const engine::Aggregate& got,
                          const std::string& what) {
    EXPECT_EQ(got.establishments, want.establishments) << what;
    ASSERT_EQ(got.obligations.size(), want.obligations.size()) << what;
    for (std::size_t i = 0; i < want.obligations.size(); ++i) {
      const auto& w = want.obligations[i];
      const auto& g = got.obligations[i];
      EXPECT_EQ(g.id, w.id) << what;
      EXPECT_EQ(g.count, w.count) << what << " " << w.id;
      EXPECT_EQ(g.applicable, w.applicable) << what << " " << w.id;
      for (std::size_t s = 0; s < engine::kStatusCount; ++s)
        EXPECT_DOUBLE_EQ(g.share_of_applicable[s], w.share_of_applicable[s]) << what << w.id;
      EXPECT_EQ(g.target_reached, w.target_reached) << what << " " << w.id;
      EXPECT_EQ(g.overdue, w.overdue) << what << " " << w.id;
    }
    ASSERT_EQ(got.late.size(), want.late.size()) << what;
    for (std::size_t i = 0; i < want.late.size(); ++i) {
      EXPECT_EQ(got.late[i].finess, want.late[i].finess) << what;
      EXPECT_EQ(got.late[i].name, want.late[i].name) << what;
      EXPECT_EQ(got.late[i].overdue, want.late[i].overdue) << what;
    }
  }

  long long rows(const std::string& table) {
    auto s = t_.db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
  }

  carepilot::testing::TestDb t_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository repo_;
};

TEST_P(SnapshotTest, EqualsTheEngineAggregateOfTheLastDayForEveryScope) {
  auto r = evidence::snapshot_month(t_.db(), repo_, month("2026-10"), d("2026-11-23"));
  EXPECT_EQ(r.as_of, d("2026-10-31"));
  EXPECT_EQ(r.establishments, 28);
  auto nation = evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {});
  ASSERT_TRUE(nation);
  expect_same(expected(d("2026-10-31")), *nation, "nation");
  EXPECT_FALSE(nation->late.empty());

  evidence::ScopeFilter region;
  region.region_code = "52";
  expect_same(expected(d("2026-10-31"), region),
              *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {"region", "52"}),
              "region 52");
  for (const auto& g : registry_.ghts(Scope::nation())) {
    evidence::ScopeFilter f;
    f.ght_id = g.id;
    expect_same(expected(d("2026-10-31"), f),
                *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true,
                                         {"ght", std::to_string(g.id)}),
                "ght " + g.name);
  }
  for (const char* category : {"sanitaire", "medico_social"})
    expect_same(
        expected(d("2026-10-31"), {}, category),
        *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {"category", category}),
        category);
  // Without the demonstration establishments nothing is left of the demo territory.
  auto real = evidence::read_snapshot(t_.db(), ref_, month("2026-10"), false, {});
  ASSERT_TRUE(real);
  EXPECT_EQ(real->establishments, 0);
  EXPECT_TRUE(real->late.empty());
  for (const auto& o : real->obligations) EXPECT_EQ(o.applicable, 0) << o.id;
  // A month without a snapshot reads as none (no evaluation).
  EXPECT_FALSE(evidence::read_snapshot(t_.db(), ref_, month("2026-09"), true, {}));
}

TEST_P(SnapshotTest, RecomputingAMonthReplacesIt) {
  evidence::snapshot_month(t_.db(), repo_, month("2026-10"), d("2026-11-23"));
  const long long est = rows("snapshot_establishments"), obl = rows("snapshot_obligations"),
                  scopes = rows("snapshot_scopes");
  EXPECT_EQ(est, 28);
  auto first = *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {});
  evidence::snapshot_month(t_.db(), repo_, month("2026-10"), d("2026-11-24"));
  EXPECT_EQ(rows("snapshot_months"), 1);
  EXPECT_EQ(rows("snapshot_establishments"), est);
  EXPECT_EQ(rows("snapshot_obligations"), obl);
  EXPECT_EQ(rows("snapshot_scopes"), scopes);
  expect_same(first, *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {}),
              "second run");
  // Another month is added beside it, not in its place.
  evidence::snapshot_month(t_.db(), repo_, month("2026-09"), d("2026-11-24"));
  EXPECT_EQ(rows("snapshot_months"), 2);
  EXPECT_EQ(rows("snapshot_establishments"), 2 * est);
  expect_same(expected(d("2026-09-30")),
              *evidence::read_snapshot(t_.db(), ref_, month("2026-09"), true, {}), "september");
  auto months = evidence::snapshot_months(t_.db());
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0], month("2026-09"));
  EXPECT_EQ(months[1], month("2026-10"));
}

// The stored rows of the month's last day are read instead of evaluated (the monthly job runs
// at 00:01 on the 1st, before the daily recomputation moves them to the new day); an
// establishment whose rows are of another day is evaluated by the engine. Either way the
// snapshot is the engine's aggregate of that day.
TEST_P(SnapshotTest, ReadsTheStoredRowsOfTheLastDayAndEvaluatesTheOthers) {
  const Date last = d("2026-10-31");
  // Rows of another day only: every establishment is evaluated.
  evidence::recompute_all(t_.db(), repo_, d("2026-11-23"));
  auto engine_only = evidence::snapshot_month(t_.db(), repo_, month("2026-10"), d("2026-11-23"));
  EXPECT_EQ(engine_only.evaluated, 28);
  expect_same(expected(last), *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {}),
              "engine");
  // Rows of 31/10: none is evaluated, the same figures for every scope.
  evidence::recompute_all(t_.db(), repo_, last);
  auto from_rows = evidence::snapshot_month(t_.db(), repo_, month("2026-10"), d("2026-11-23"));
  EXPECT_EQ(from_rows.evaluated, 0);
  EXPECT_EQ(from_rows.establishments, 28);
  EXPECT_EQ(from_rows.scopes, engine_only.scopes);
  expect_same(expected(last), *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {}),
              "rows: nation");
  evidence::ScopeFilter region;
  region.region_code = "52";
  expect_same(expected(last, region),
              *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {"region", "52"}),
              "rows: region 52");
  for (const char* category : {"sanitaire", "medico_social"})
    expect_same(
        expected(last, {}, category),
        *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {"category", category}),
        category);

  // The rows are what is read: one not met, turned 'met' by hand, counts as met.
  long long est = 0;
  std::string obligation, status;
  {
    auto s = t_.db().lease();
    *s << "SELECT establishment_id, obligation, status FROM compliance_status WHERE status IN "
          "('due', 'overdue') ORDER BY establishment_id, obligation LIMIT 1",
        soci::into(est), soci::into(obligation), soci::into(status);
    ASSERT_TRUE(s->got_data());
    *s << "UPDATE compliance_status SET status = 'met' WHERE establishment_id = :e AND "
          "obligation = :o",
        soci::use(est), soci::use(obligation);
  }
  std::size_t k = 0;
  while (k < ref_.obligations.size() && ref_.obligations[k].id != obligation) ++k;
  ASSERT_LT(k, ref_.obligations.size());
  const auto want = expected(last).obligations[k].count;
  const auto met = static_cast<std::size_t>(engine::Status::met);
  const auto was =
      static_cast<std::size_t>(status == "due" ? engine::Status::due : engine::Status::overdue);
  EXPECT_EQ(evidence::snapshot_month(t_.db(), repo_, month("2026-10"), d("2026-11-23")).evaluated,
            0);
  auto changed = *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {});
  EXPECT_EQ(changed.obligations[k].count[met], want[met] + 1) << obligation;
  EXPECT_EQ(changed.obligations[k].count[was], want[was] - 1) << obligation;

  // The same row marked as computed for another day: that establishment is evaluated.
  {
    auto s = t_.db().lease();
    *s << "UPDATE compliance_status SET computed_for = '2026-11-01' WHERE establishment_id = :e "
          "AND obligation = :o",
        soci::use(est), soci::use(obligation);
  }
  EXPECT_EQ(evidence::snapshot_month(t_.db(), repo_, month("2026-10"), d("2026-11-23")).evaluated,
            1);
  expect_same(expected(last), *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), true, {}),
              "one stale establishment");
}

TEST_P(SnapshotTest, RefusesAMonthThatHasNotEnded) {
  // November 2026 ends on the 30th: still running that day, over the next.
  EXPECT_THROW(evidence::snapshot_month(t_.db(), repo_, month("2026-11"), d("2026-11-30")),
               std::invalid_argument);
  EXPECT_EQ(rows("snapshot_months"), 0);
  EXPECT_EQ(evidence::snapshot_month(t_.db(), repo_, month("2026-11"), d("2026-12-01")).as_of,
            d("2026-11-30"));
  // A leap February is evaluated on the 29th.
  EXPECT_EQ(evidence::snapshot_month(t_.db(), repo_, month("2024-02"), d("2026-12-01")).as_of,
            d("2024-02-29"));
  expect_same(expected(d("2024-02-29")),
              *evidence::read_snapshot(t_.db(), ref_, month("2024-02"), true, {}), "2024-02");
}

// Evidence dated on the last day of the month counts in its snapshot; evidence of the first
// day of the next month does not.
TEST_P(SnapshotTest, EvidenceOfTheLastDayCountsAndOfTheNextDayDoesNot) {
  auto in = carepilot::testing::establishment_input(registry::with_luhn_key("75000001"),
                                                    "CH Réel de Paris", {"urgences"});
  auto e = registry_.create(Scope::nation(), in);
  auto met_of = [&](const char* id) {
    evidence::snapshot_month(t_.db(), repo_, month("2026-10"), d("2026-12-05"));
    auto agg = *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), false, {});
    for (const auto& o : agg.obligations)
      if (o.id == id) return o.count[static_cast<std::size_t>(engine::Status::met)];
    return -1;
  };
  const int before = met_of("crisis-exercise");
  EXPECT_EQ(before, 0);
  auto exercise = [](const char* date) {
    return nlohmann::json{
        {"type", "crisis_exercise"}, {"date", date}, {"declared_on", date}, {"retex_in_paq", true}};
  };
  repo_.add(Scope::nation(), e.finess_et, exercise("2026-11-01"), d("2026-12-05"), {});
  EXPECT_EQ(met_of("crisis-exercise"), 0);
  repo_.add(Scope::nation(), e.finess_et, exercise("2026-10-31"), d("2026-12-05"), {});
  EXPECT_EQ(met_of("crisis-exercise"), 1);
  evidence::ScopeFilter real;
  real.include_demo = false;
  expect_same(expected(d("2026-10-31"), real),
              *evidence::read_snapshot(t_.db(), ref_, month("2026-10"), false, {}), "real");
}

// The median of a scope in the snapshot is the median of its establishments' met shares,
// and an establishment's position is read against it.
TEST_P(SnapshotTest, PositionAgainstTheMediansOfItsPeers) {
  auto none = registry_.list(Scope::nation(), {}).items.front();
  EXPECT_FALSE(evidence::read_position(t_.db(), none.id));
  evidence::snapshot_month(t_.db(), repo_, month("2026-10"), d("2026-11-23"));
  // The shares of each GHT, computed here from the engine's reports.
  std::map<std::int64_t, std::vector<double>> by_ght;
  std::map<std::int64_t, double> own;
  std::vector<double> all;
  for (auto& l : repo_.load_all(Scope::nation(), {}, false)) {
    auto report = repo_.compliance(l, d("2026-10-31"));
    int met = 0, applicable = 0;
    for (const auto& o : report.obligations) {
      if (o.status != engine::Status::not_applicable) ++applicable;
      if (o.status == engine::Status::met) ++met;
    }
    auto e = registry_.find(Scope::nation(), l.establishment.finess_et);
    if (applicable == 0) continue;
    double share = static_cast<double>(met) / applicable;
    own[e->id] = share;
    all.push_back(share);
    if (e->ght_id) by_ght[*e->ght_id].push_back(share);
  }
  auto hand_median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  };
  int checked = 0;
  for (const auto& e : registry_.list(Scope::nation(), {}).items) {
    if (!e.ght_id || !own.count(e.id)) continue;
    auto pos = evidence::read_position(t_.db(), e.id);
    ASSERT_TRUE(pos) << e.name;
    EXPECT_EQ(pos->month, month("2026-10"));
    ASSERT_TRUE(pos->share);
    EXPECT_DOUBLE_EQ(*pos->share, own[e.id]);
    ASSERT_EQ(pos->peers.size(), 3u);
    EXPECT_EQ(pos->peers[0].scope.kind, "ght");
    EXPECT_EQ(pos->peers[0].establishments, static_cast<int>(by_ght[*e.ght_id].size()));
    ASSERT_TRUE(pos->peers[0].median);
    EXPECT_NEAR(*pos->peers[0].median, hand_median(by_ght[*e.ght_id]), 1e-4);  // 1/10000 kept
    EXPECT_EQ(pos->peers[1].scope.kind, "region");
    EXPECT_NEAR(*pos->peers[1].median, hand_median(all), 1e-4);
    EXPECT_EQ(pos->peers[2].scope.kind, "category");
    ++checked;
  }
  EXPECT_GT(checked, 10);
  // Both parities occur among the demo GHTs, so both median rules were exercised.
  std::set<std::size_t> parities;
  for (const auto& [id, v] : by_ght) parities.insert(v.size() % 2);
  EXPECT_EQ(parities.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SnapshotTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

// ---- pages ---------------------------------------------------------------------------

using carepilot::testing::act_as;
using carepilot::testing::TestServer;

class TrendPagesTest : public ::testing::TestWithParam<const char*> {
 protected:
  TrendPagesTest()
      : srv_(GetParam(), carepilot::testing::demo_seed(d("2026-11-23")),
             TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return d("2026-11-23"); };
    web::load_demo(srv_.app(), d("2026-11-23"));  // finds it loaded
    act_as(srv_, Role::national_reader, Scope::nation());
  }
  void snapshot(const char* m) {
    evidence::snapshot_month(srv_.db().db(), srv_.app().evidence_repo(), month(m), d("2026-11-23"));
  }
  engine::Aggregate expected(const Date& as_of) {
    std::vector<engine::EstablishmentReport> reports;
    auto& repo = srv_.app().evidence_repo();
    for (auto& l : repo.load_all(Scope::nation(), {}, false))
      reports.push_back(repo.compliance(l, as_of));
    return engine::aggregate(repo.referential(), reports);
  }
  // The "Satisfaites" cell of an obligation's row: "N (P %)".
  static std::string met_cell(const std::string& body, const std::string& id) {
    auto at = body.find("<tr data-obligation=\"" + id + "\"");
    if (at == std::string::npos) return {};
    std::smatch m;
    std::string rest = body.substr(at, 4000);
    if (!std::regex_search(rest, m, std::regex("<td>(\\d+ \\(\\d+ %\\))</td>"))) return {};
    return m[1];
  }
  TestServer srv_;
};

TEST_P(TrendPagesTest, APastDateReadsTheSnapshotOfItsMonth) {
  snapshot("2026-10");
  auto want = expected(d("2026-10-31"));
  auto page = srv_.get("/tableau-de-bord?date=2026-10-15");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Situation au 31/10/2026 (relevé mensuel) de 28 établissements"),
            std::string::npos);
  for (const auto& o : want.obligations) {
    const int met = o.count[static_cast<std::size_t>(engine::Status::met)];
    EXPECT_EQ(met_cell(page.body, o.id).substr(0, std::to_string(met).size() + 2),
              std::to_string(met) + " (")
        << o.id;
  }
  // The figures are the stored ones, not a new evaluation: altered rows show as altered.
  {
    auto s = srv_.db().db().lease();
    *s << "UPDATE snapshot_obligations SET met = 977, applicable = 977, due = 0, overdue = 0 "
          "WHERE month = '2026-10' AND scope_kind = 'nation' AND obligation_id = "
          "'crisis-exercise'";
  }
  store::bump_generation(srv_.db().db());
  auto altered = srv_.get("/tableau-de-bord?date=2026-10-02");
  EXPECT_EQ(met_cell(altered.body, "crisis-exercise"), "977 (100 %)");
  // Today's page still evaluates today, and says nothing of a snapshot.
  auto today = srv_.get("/tableau-de-bord");
  EXPECT_NE(today.body.find("Situation au 23/11/2026 de 28"), std::string::npos);
  EXPECT_EQ(today.body.find("(relevé mensuel)"), std::string::npos);
}

TEST_P(TrendPagesTest, AMissingSnapshotIsSaidNotReplacedByAnEvaluation) {
  snapshot("2026-10");
  auto page = srv_.get("/tableau-de-bord?date=2026-08-15");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-testid=\"no-snapshot\""), std::string::npos);
  EXPECT_NE(page.body.find("Aucun relevé mensuel pour août 2026"), std::string::npos);
  EXPECT_NE(page.body.find("carepilot compliance snapshot"), std::string::npos);
  EXPECT_EQ(page.body.find("data-testid=\"dashboard-table\""), std::string::npos);
  EXPECT_EQ(page.body.find("data-testid=\"dashboard-situation\""), std::string::npos);
  // Earlier this month: the month has not ended, its snapshot cannot exist yet.
  auto current = srv_.get("/tableau-de-bord?date=2026-11-10");
  EXPECT_NE(current.body.find("Aucun relevé mensuel pour novembre 2026"), std::string::npos);
  EXPECT_NE(current.body.find("ce mois n'est pas terminé"), std::string::npos);
}

TEST_P(TrendPagesTest, TrendLinesWithTheirTextAlternative) {
  auto before = srv_.get("/tableau-de-bord");
  EXPECT_NE(before.body.find("data-testid=\"no-trends\""), std::string::npos);
  EXPECT_EQ(before.body.find("<polyline"), std::string::npos);
  snapshot("2026-09");
  snapshot("2026-10");
  auto page = srv_.get("/tableau-de-bord");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Évolution mensuelle"), std::string::npos);
  EXPECT_NE(page.body.find("Relevés mensuels de septembre 2026 à octobre 2026"), std::string::npos);
  auto sept = expected(d("2026-09-30")), oct = expected(d("2026-10-31"));
  for (std::size_t i = 0; i < oct.obligations.size(); ++i) {
    const auto& o = oct.obligations[i];
    if (o.applicable == 0) continue;
    const auto& s = sept.obligations[i];
    auto pct = [](const engine::ObligationAggregate& a, engine::Status st) {
      return std::to_string(static_cast<int>(
                 std::lround(a.share_of_applicable[static_cast<std::size_t>(st)] * 100))) +
             " %";
    };
    auto fig = page.body.find("<figure class=\"fr-mb-4w\" data-trend=\"" + o.id + "\"");
    ASSERT_NE(fig, std::string::npos) << o.id;
    auto end = page.body.find("</figure>", fig);
    std::string chart = page.body.substr(fig, end - fig);
    EXPECT_NE(chart.find("role=\"img\""), std::string::npos) << o.id;
    EXPECT_NE(chart.find("<desc id=\"trend-" + o.id +
                         "-desc\">De septembre 2026 à octobre 2026 "
                         ": satisfaites de " +
                         pct(s, engine::Status::met) + " à " + pct(o, engine::Status::met)),
              std::string::npos)
        << o.id;
    EXPECT_NE(chart.find("class=\"cp-trend-met\" points=\""), std::string::npos) << o.id;
    EXPECT_NE(chart.find("<th scope=\"row\">octobre 2026</th><td>" + pct(o, engine::Status::met) +
                         "</td>"),
              std::string::npos)
        << o.id;
    EXPECT_NE(chart.find("<th scope=\"row\">septembre 2026</th>"), std::string::npos) << o.id;
  }
}

TEST_P(TrendPagesTest, CompliancePageComparesWithTheMedians) {
  auto e = srv_.app().repo().list(Scope::nation(), {}).items.front();
  auto before = srv_.get("/etablissements/" + e.finess_et + "/conformite");
  ASSERT_EQ(before.status, 200);
  EXPECT_NE(before.body.find("Aucun relevé mensuel ne contient encore cet établissement"),
            std::string::npos);
  snapshot("2026-10");
  auto pos = evidence::read_position(srv_.db().db(), e.id);
  ASSERT_TRUE(pos);
  auto page = srv_.get("/etablissements/" + e.finess_et + "/conformite");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Au relevé mensuel de octobre 2026 (situation au 31/10/2026), cet "
                           "établissement satisfaisait " +
                           std::to_string(pos->met) + " de ses " + std::to_string(pos->applicable)),
            std::string::npos);
  for (const auto& peer : pos->peers) {
    auto at = page.body.find("data-peer=\"" + peer.scope.kind + "\"");
    ASSERT_NE(at, std::string::npos) << peer.scope.kind;
    std::string item = page.body.substr(at, page.body.find("</li>", at) - at);
    ASSERT_TRUE(peer.median && pos->share);
    const int where = evidence::side_of_median(*pos->share, *peer.median);
    const char* side = where > 0   ? "au-dessus de la médiane"
                       : where < 0 ? "en dessous de la médiane"
                                   : "à la médiane";
    EXPECT_NE(item.find(side), std::string::npos) << item;
    EXPECT_NE(item.find("(" + plural(peer.establishments, "établissement", "établissements") + ")"),
              std::string::npos)
        << item;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, TrendPagesTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
