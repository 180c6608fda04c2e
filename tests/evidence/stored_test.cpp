// Stored compliance (evidence/stored.hpp): the rows equal a fresh evaluation after any
// sequence of writes, `verify` catches a tampered row, the nation's recomputation is
// resumable and idempotent, dashboards read the rows, and cached dashboards are invalidated
// by scope (a write in one region leaves another region's page alone).
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "accounts.hpp"
#include "engine/aggregate.hpp"
#include "evidence/stored.hpp"
#include "fixture.hpp"
#include "registry/demo.hpp"
#include "store/migrations.hpp"
#include "test_server.hpp"
#include "web/demo.hpp"

using namespace carepilot;
using carepilot::testing::d;

namespace {

class StoredComplianceTest : public ::testing::TestWithParam<const char*> {
 protected:
  explicit StoredComplianceTest(const carepilot::testing::Seed* seed = nullptr)
      : t_(GetParam(), 4, seed), app_(t_.db(), web::AppOptions{}) {
    app_.evidence().today = [this] { return today_; };
    app_.repo().seed_regions();
  }
  evidence::Repository& repo() { return app_.evidence_repo(); }
  std::vector<std::string> verify() { return evidence::verify(t_.db(), repo(), 7); }
  int rows_for(const std::string& date) {
    int n = 0;
    auto s = t_.db().lease();
    *s << "SELECT COUNT(*) FROM compliance_status WHERE computed_for = :d", soci::into(n),
        soci::use(date);
    return n;
  }
  int establishments() {
    int n = 0;
    auto s = t_.db().lease();
    *s << "SELECT COUNT(*) FROM establishments", soci::into(n);
    return n;
  }
  int summaries() {
    int n = 0;
    auto s = t_.db().lease();
    *s << "SELECT COUNT(*) FROM compliance_summary", soci::into(n);
    return n;
  }
  registry::Establishment create(const char* digits, const std::string& name, const char* dep,
                                 std::optional<std::int64_t> ght = std::nullopt) {
    auto in = carepilot::testing::establishment_input(registry::with_luhn_key(digits), name,
                                                      {"urgences"});
    in.department = dep;
    in.ght_id = ght;
    return app_.repo().create(Scope::nation(), in);
  }
  // The summary of every establishment (compliance_summary) equals a fresh evaluation as of
  // the date it says it was computed for (its number of overdue obligations, the largest
  // number of days late) and its registry record (region, GHT, demonstration flag).
  void expect_summaries_fresh(const std::string& when) {
    struct Summary {
      int overdue = 0, max_days_late = 0, demo = 0;
      long long ght = 0;
      std::string region, computed_for;
    };
    std::map<long long, Summary> stored;
    {
      auto s = t_.db().lease();
      long long id = 0;
      Summary x;
      soci::statement st =
          (s->prepare << "SELECT establishment_id, overdue, max_days_late, is_demo, ght_id, "
                         "region_code, computed_for FROM compliance_summary",
           soci::into(id), soci::into(x.overdue), soci::into(x.max_days_late), soci::into(x.demo),
           soci::into(x.ght), soci::into(x.region), soci::into(x.computed_for));
      if (st.execute(true)) {
        do stored[id] = x;
        while (st.fetch());
      }
    }
    auto all = repo().load_all(Scope::nation(), {}, false);
    EXPECT_EQ(stored.size(), all.size()) << when;
    for (const auto& l : all) {
      const auto& e = l.establishment;
      auto it = stored.find(e.id);
      ASSERT_NE(it, stored.end()) << when << ": no summary for " << e.finess_et;
      const Summary& x = it->second;
      auto as_of = parse_date(x.computed_for);
      ASSERT_TRUE(as_of) << x.computed_for;
      int overdue = 0, max_days_late = 0;
      for (const auto& r : repo().compliance(l, *as_of).obligations)
        if (r.status == engine::Status::overdue) {
          ++overdue;
          max_days_late = std::max(max_days_late, r.days_late.value_or(0));
        }
      EXPECT_EQ(x.overdue, overdue) << when << " " << e.finess_et;
      EXPECT_EQ(x.max_days_late, max_days_late) << when << " " << e.finess_et;
      EXPECT_EQ(x.region, e.region_code) << when << " " << e.finess_et;
      EXPECT_EQ(x.ght, e.ght_id.value_or(0)) << when << " " << e.finess_et;
      EXPECT_EQ(x.demo, e.is_demo ? 1 : 0) << when << " " << e.finess_et;
    }
  }
  carepilot::testing::TestDb t_;
  web::WebApp app_;
  Date today_ = d("2026-11-23");
};

// The same over a copy of the demo territory as of today_ (test_db.hpp, Seed): each test still
// calls web::load_demo, which finds it loaded.
class StoredDemoTest : public StoredComplianceTest {
 protected:
  StoredDemoTest() : StoredComplianceTest(&seed()) {}
  static const carepilot::testing::Seed& seed() {
    static const auto s = carepilot::testing::demo_seed(d("2026-11-23"));
    return s;
  }
};

// The demo territory, then random writes of every kind (evidence added and removed,
// registry records changed, module records seeded), with the date moving on between some of
// them: after each step the stored rows equal a fresh evaluation as of their date.
TEST_P(StoredDemoTest, RandomWritesKeepStoredRowsEqualToAFreshEvaluation) {
  web::load_demo(app_, today_);
  ASSERT_GT(establishments(), 5);
  EXPECT_TRUE(verify().empty()) << verify().front();
  EXPECT_EQ(rows_for(format_date(today_)),
            establishments() * static_cast<int>(repo().referential().obligations.size()));

  std::mt19937 rng(20261123);
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto all = repo().load_all(Scope::nation(), {});
  std::vector<nlohmann::json> payloads;
  for (const auto& l : all)
    for (const auto& r : l.records) payloads.push_back(r.payload);
  ASSERT_FALSE(payloads.empty());
  int writes = 0;
  for (int step = 0; step < 40; ++step) {
    const auto& target = all[static_cast<std::size_t>(pick(static_cast<int>(all.size())))];
    const std::string finess = target.establishment.finess_et;
    switch (pick(6)) {
      case 0:
      case 1: {  // a record of another establishment, at a random date of the last 5 years
        auto p = payloads[static_cast<std::size_t>(pick(static_cast<int>(payloads.size())))];
        p["date"] = format_date(add_days(today_, -pick(5 * 365)));
        try {
          repo().add(Scope::nation(), finess, p, today_, {});
          ++writes;
        } catch (const UserError&) {  // e.g. a BIA of a service it does not run
        }
        break;
      }
      case 2: {  // withdraws one of its records typed on the evidence page (a module's own
                 // are withdrawn through that module)
        auto records = repo().list(Scope::nation(), finess);
        std::erase_if(records, [](const auto& r) { return r.derived(); });
        if (records.empty()) break;
        repo().withdraw(
            Scope::nation(), finess,
            records[static_cast<std::size_t>(pick(static_cast<int>(records.size())))].id,
            "saisie erronée", {});
        ++writes;
        break;
      }
      case 3: {  // its registry record: services dropped or restored
        auto e = app_.repo().visible(Scope::nation(), finess);
        auto in = registry::input_of(e);
        in.services = e.services.empty() ? std::vector<std::string>{"urgences", "chirurgie"}
                                         : std::vector<std::string>{};
        app_.repo().update(Scope::nation(), finess, in, {});
        ++writes;
        break;
      }
      case 4:  // the date moves on: rows written from now on are for the new date
        today_ = add_days(today_, 1 + pick(40));
        break;
      case 5: {  // renamed and moved to another region, out of its GHT (the summary's filters)
        auto e = app_.repo().visible(Scope::nation(), finess);
        auto in = registry::input_of(e);
        in.name = "Zz " + e.name;
        in.department = e.region_code == "52" ? "75" : "44";
        in.ght_id.reset();
        app_.repo().update(Scope::nation(), finess, in, {});
        ++writes;
        break;
      }
    }
    auto diffs = verify();
    ASSERT_TRUE(diffs.empty()) << "step " << step << ": " << diffs.front();
    expect_summaries_fresh("step " + std::to_string(step));
  }
  EXPECT_GT(writes, 10);
  // The nation recomputed for the last date: every row for it, still exact.
  auto stats = evidence::recompute_all(t_.db(), repo(), today_, 3);
  EXPECT_EQ(stats.establishments + stats.skipped, establishments());
  EXPECT_EQ(rows_for(format_date(today_)),
            establishments() * static_cast<int>(repo().referential().obligations.size()));
  EXPECT_TRUE(verify().empty());
}

// verify fails on a tampered row, naming the establishment and the field, and passes again
// once the nation is recomputed.
TEST_P(StoredDemoTest, VerifyFindsATamperedRow) {
  web::load_demo(app_, today_);
  ASSERT_TRUE(verify().empty());
  std::string finess;
  long long id = 0;
  {
    auto s = t_.db().lease();
    std::string obligation;
    *s << "SELECT c.establishment_id, c.obligation, e.finess_et FROM compliance_status c JOIN "
          "establishments e ON e.id = c.establishment_id WHERE c.status = 'overdue' "
          "ORDER BY c.establishment_id, c.obligation",
        soci::into(id), soci::into(obligation), soci::into(finess);
    ASSERT_TRUE(s->got_data());
    *s << "UPDATE compliance_status SET status = 'met' WHERE establishment_id = :e AND "
          "obligation = :o",
        soci::use(id), soci::use(obligation);
  }
  auto diffs = verify();
  // The row, the two counters it no longer matches (met one too few, overdue one too many)
  // and the establishment's summary (one overdue obligation more than its rows now say).
  ASSERT_EQ(diffs.size(), 4u);
  EXPECT_NE(diffs[0].find(finess), std::string::npos) << diffs[0];
  EXPECT_NE(diffs[0].find("status enregistré « met », recalculé « overdue »"), std::string::npos)
      << diffs[0];
  EXPECT_NE(diffs[1].find("compteur"), std::string::npos) << diffs[1];
  EXPECT_EQ(diffs[3].find(finess + " : résumé : overdue enregistré"), 0u) << diffs[3];
  // A row removed is a difference too (and its counter, and its establishment's summary when
  // the row was overdue: one line per establishment).
  {
    auto s = t_.db().lease();
    long long first = 0;
    std::string status;
    *s << "SELECT MIN(id) FROM establishments", soci::into(first);
    *s << "SELECT status FROM compliance_status WHERE obligation = 'crisis-exercise' AND "
          "establishment_id = :e",
        soci::into(status), soci::use(first);
    ASSERT_TRUE(s->got_data());
    *s << "DELETE FROM compliance_status WHERE obligation = 'crisis-exercise' AND "
          "establishment_id = :e",
        soci::use(first);
    EXPECT_EQ(verify().size(), 6u + (status == "overdue" && first != id ? 1u : 0u)) << status;
  }
  // The same date again: nothing to do (every row says it is computed for it) …
  EXPECT_EQ(evidence::recompute_all(t_.db(), repo(), today_).establishments, 0);
  // … the next day rewrites everything, exact again.
  auto stats = evidence::recompute_all(t_.db(), repo(), add_days(today_, 1));
  EXPECT_EQ(stats.establishments, establishments());
  EXPECT_TRUE(verify().empty());
}

// After an upgrade that changes the rules, the rows of the day keep the old verdict: a run
// for the same date skips them, a run with `all` rewrites them (compliance recompute --all).
TEST_P(StoredDemoTest, RecomputeAllWithAllRewritesTheRowsOfTheSameDate) {
  web::load_demo(app_, today_);
  {
    auto s = t_.db().lease();
    *s << "UPDATE compliance_status SET status = 'met' WHERE status = 'overdue'";
  }
  ASSERT_FALSE(verify().empty());
  EXPECT_EQ(evidence::recompute_all(t_.db(), repo(), today_).establishments, 0);
  ASSERT_FALSE(verify().empty());
  auto stats = evidence::recompute_all(t_.db(), repo(), today_, 3, {}, /*all=*/true);
  EXPECT_EQ(stats.establishments, establishments());
  EXPECT_EQ(stats.skipped, 0);
  EXPECT_TRUE(verify().empty());
}

// The nation's recomputation stops after a batch (a server killed) and resumes where it
// stopped; run again for the same date it does nothing.
TEST_P(StoredDemoTest, RecomputeAllIsResumableAndIdempotent) {
  web::load_demo(app_, today_);
  const Date next = add_days(today_, 30);
  const int n = establishments();
  struct Killed {};
  try {
    evidence::recompute_all(t_.db(), repo(), next, 2, [](const evidence::RecomputeStats& s) {
      if (s.batches == 2) throw Killed{};
    });
    FAIL() << "not stopped";
  } catch (const Killed&) {
  }
  const int per = static_cast<int>(repo().referential().obligations.size());
  EXPECT_EQ(rows_for(format_date(next)), 4 * per);  // two batches of two
  EXPECT_EQ(rows_for(format_date(today_)), (n - 4) * per);
  auto resumed = evidence::recompute_all(t_.db(), repo(), next, 2);
  EXPECT_EQ(resumed.skipped, 4);
  EXPECT_EQ(resumed.establishments, n - 4);
  EXPECT_EQ(rows_for(format_date(next)), n * per);
  auto again = evidence::recompute_all(t_.db(), repo(), next, 2);
  EXPECT_EQ(again.establishments, 0);
  EXPECT_EQ(again.skipped, n);
  EXPECT_TRUE(verify().empty());
}

// status_since: kept while the status stays, moved to the date it changed.
TEST_P(StoredComplianceTest, StatusSinceFollowsChangesOfStatus) {
  auto e = app_.repo().create(
      Scope::nation(), carepilot::testing::establishment_input(registry::with_luhn_key("75000001"),
                                                               "CH Test", {"urgences"}));
  auto since = [&](const char* obligation) {
    std::string status, s_since;
    auto s = t_.db().lease();
    long long id = e.id;
    std::string o = obligation;
    *s << "SELECT status, status_since FROM compliance_status WHERE establishment_id = :e AND "
          "obligation = :o",
        soci::into(status), soci::into(s_since), soci::use(id), soci::use(o);
    return status + "@" + s_since;
  };
  const std::string first = since("club-ssi-registration");
  EXPECT_EQ(first.substr(first.find('@') + 1), "2026-11-23");
  today_ = d("2026-11-24");
  evidence::recompute_all(t_.db(), repo(), today_);
  EXPECT_EQ(since("club-ssi-registration"), first);  // unchanged status: same since
  repo().add(Scope::nation(), e.finess_et,
             {{"type", "registration"}, {"service", "club-ssi"}, {"date", "2026-11-24"}}, today_,
             {});
  repo().add(Scope::nation(), e.finess_et,
             {{"type", "registration"}, {"service", "silene"}, {"date", "2026-11-24"}}, today_, {});
  EXPECT_EQ(since("club-ssi-registration"), "met@2026-11-24");
  EXPECT_TRUE(verify().empty());
}

// The stored dashboard equals engine::aggregate over a fresh evaluation, for the nation, a
// region, a GHT and with or without demonstration establishments, late lists included.
TEST_P(StoredDemoTest, StoredAggregateEqualsTheFreshAggregate) {
  web::load_demo(app_, today_);
  app_.repo().create(Scope::nation(),
                     carepilot::testing::establishment_input(registry::with_luhn_key("75000001"),
                                                             "CH Réel", {"urgences"}));  // not demo
  const auto& ref = repo().referential();
  std::vector<evidence::ScopeFilter> filters(4);
  filters[1].region_code =
      repo().load_all(Scope::nation(), {}, false).front().establishment.region_code;
  filters[2].include_demo = false;
  auto ghts = app_.repo().ghts(Scope::nation(), "");
  ASSERT_FALSE(ghts.empty());
  filters[3].ght_id = ghts.front().id;
  for (const auto& f : filters) {
    std::vector<engine::EstablishmentReport> reports;
    for (const auto& l : repo().load_all(Scope::nation(), f, false))
      reports.push_back(repo().compliance(l, today_));
    ASSERT_FALSE(reports.empty()) << f.region_code;
    auto fresh = engine::aggregate(ref, reports);
    auto stored = evidence::stored_aggregate(t_.db(), ref, Scope::nation(), f, 0);
    EXPECT_EQ(engine::to_json(stored.aggregate).dump(), engine::to_json(fresh).dump())
        << f.region_code;
    EXPECT_EQ(stored.late_total, static_cast<int>(fresh.late.size()));
    ASSERT_TRUE(stored.oldest);
    EXPECT_EQ(*stored.oldest, today_);
    // The most overdue first (then by name, as the fresh list is): the same establishments
    // with the same overdue obligations as the fresh list sorted so, up to the limit.
    auto most = fresh.late;
    std::stable_sort(most.begin(), most.end(), [](const auto& a, const auto& b) {
      return a.overdue.size() > b.overdue.size();
    });
    for (std::size_t limit : {std::size_t{1}, std::size_t{2}, std::size_t{50}}) {
      auto capped = evidence::stored_aggregate(t_.db(), ref, Scope::nation(), f, limit);
      EXPECT_EQ(capped.late_total, static_cast<int>(fresh.late.size()));
      ASSERT_EQ(capped.aggregate.late.size(), std::min(limit, fresh.late.size()));
      for (std::size_t i = 0; i < capped.aggregate.late.size(); ++i) {
        EXPECT_EQ(capped.aggregate.late[i].finess, most[i].finess) << limit << " " << i;
        EXPECT_EQ(capped.aggregate.late[i].name, most[i].name);
        EXPECT_EQ(capped.aggregate.late[i].overdue, most[i].overdue);
      }
    }
  }
}

// The boundary of a late establishment: one overdue obligation counts it, none leaves it
// out (its summary kept with 0); filtered by region, GHT and an establishment's own scope.
// Three real (not demonstration) establishments beside the demo territory, whose records
// serve to meet their obligations one at a time.
TEST_P(StoredDemoTest, LateListBoundaryZeroAndOneOverdueObligation) {
  web::load_demo(app_, today_);
  const auto demo = repo().load_all(Scope::nation(), {});
  auto ght =
      app_.repo().create_ght(Scope::nation(), {0, "GHT-T44", "GHT Témoin Nantes", "52", false});
  auto x = create("75000001", "CH Un", "75");  // Île-de-France (11)
  auto y = create("44000001", "CH Deux", "44", ght.id);
  auto z = create("44000002", "CH Trois", "44");  // Pays de la Loire (52), no GHT
  const auto& ref = repo().referential();
  auto overdue_of = [&](const registry::Establishment& e) {
    int n = -1, days = -1;
    long long id = e.id;
    auto s = t_.db().lease();
    *s << "SELECT overdue, max_days_late FROM compliance_summary WHERE establishment_id = :e",
        soci::into(n), soci::into(days), soci::use(id);
    EXPECT_EQ(days > 0, n > 0) << e.name << ": " << n << " overdue, " << days << " days";
    return n;
  };
  // "late_total:names of the listed establishments".
  auto late = [&](const Scope& scope, evidence::ScopeFilter f, std::size_t limit = 50) {
    f.include_demo = false;
    auto a = evidence::stored_aggregate(t_.db(), ref, scope, f, limit);
    std::string names;
    for (const auto& l : a.aggregate.late) names += (names.empty() ? "" : ",") + l.name;
    return std::to_string(a.late_total) + ":" + names;
  };
  evidence::ScopeFilter nation, r11, r52, in_ght;
  r11.region_code = "11";
  r52.region_code = "52";
  in_ght.ght_id = ght.id;
  const int start = overdue_of(x);
  ASSERT_GT(start, 1);
  EXPECT_EQ(overdue_of(y), start);
  EXPECT_EQ(late(Scope::nation(), nation), "3:CH Deux,CH Trois,CH Un");
  EXPECT_EQ(late(Scope::nation(), nation, 1), "3:CH Deux");
  // Meets one overdue obligation of X with copies of the records that meet it in the demo
  // territory; returns the ids of the records added.
  auto meet = [&](const std::string& obligation) {
    std::vector<std::int64_t> added;
    for (const auto& l : demo) {
      for (const auto& r : repo().compliance(l, today_).obligations) {
        if (r.id != obligation || r.status != engine::Status::met || r.evidence.empty()) continue;
        for (int i : r.evidence) {
          const auto stored_id = l.evidence_ids[static_cast<std::size_t>(i)];
          for (const auto& rec : l.records)
            if (rec.id == stored_id) try {
                added.push_back(
                    repo().add(Scope::nation(), x.finess_et, rec.payload, today_, {}).id);
              } catch (const UserError&) {  // e.g. a record only its module writes
              }
        }
        auto now = repo().load_all(Scope::establishment(x.id), {});
        for (const auto& o : repo().compliance(now.front(), today_).obligations)
          if (o.id == obligation && o.status != engine::Status::overdue) return added;
      }
    }
    ADD_FAILURE() << "no record of the demo territory meets " << obligation;
    return added;
  };
  auto overdue_ids = [&] {
    std::vector<std::string> out;
    auto now = repo().load_all(Scope::establishment(x.id), {});
    for (const auto& o : repo().compliance(now.front(), today_).obligations)
      if (o.status == engine::Status::overdue) out.push_back(o.id);
    return out;
  };
  // n -> 1: every overdue obligation of X met but one.
  for (auto ids = overdue_ids(); ids.size() > 1; ids = overdue_ids()) {
    meet(ids.front());
    ASSERT_LT(overdue_ids().size(), ids.size()) << ids.front();
  }
  ASSERT_EQ(overdue_of(x), 1);
  EXPECT_EQ(late(Scope::nation(), nation), "3:CH Deux,CH Trois,CH Un");  // fewest last
  EXPECT_EQ(late(Scope::nation(), r11), "1:CH Un");
  EXPECT_EQ(late(Scope::establishment(x.id), nation), "1:CH Un");
  // 1 -> 0: the last one met, X leaves every list, its summary stays (0 overdue).
  auto last = meet(overdue_ids().front());
  ASSERT_FALSE(last.empty());
  EXPECT_EQ(overdue_of(x), 0);
  EXPECT_EQ(late(Scope::nation(), nation), "2:CH Deux,CH Trois");
  EXPECT_EQ(late(Scope::nation(), r11), "0:");
  EXPECT_EQ(late(Scope::nation(), r52), "2:CH Deux,CH Trois");
  EXPECT_EQ(late(Scope::nation(), in_ght), "1:CH Deux");
  EXPECT_EQ(late(Scope::region("52"), in_ght), "1:CH Deux");
  EXPECT_EQ(late(Scope::region("11"), r52), "0:");
  EXPECT_EQ(late(Scope::ght(ght.id), nation), "1:CH Deux");
  EXPECT_EQ(late(Scope::establishment(x.id), nation), "0:");
  EXPECT_EQ(late(Scope::establishment(z.id), nation), "1:CH Trois");
  EXPECT_EQ(late(Scope::nation(), r52, 0), "2:CH Deux,CH Trois");  // the exports' full list
  // 0 -> 1: those records removed, X is late again.
  for (auto id : last) repo().withdraw(Scope::nation(), x.finess_et, id, "essai", {});
  EXPECT_EQ(overdue_of(x), 1);
  EXPECT_EQ(late(Scope::nation(), r11), "1:CH Un");
  EXPECT_EQ(late(Scope::nation(), nation), "3:CH Deux,CH Trois,CH Un");
  EXPECT_TRUE(verify().empty());
  expect_summaries_fresh("end");
}

// verify checks the summaries: a tampered or missing one is a difference, naming the
// establishment and the fields; the next day's recomputation makes them exact again.
TEST_P(StoredDemoTest, VerifyFindsATamperedSummary) {
  web::load_demo(app_, today_);
  ASSERT_TRUE(verify().empty());
  ASSERT_EQ(summaries(), establishments());
  long long id = 0, other = 0;
  std::string finess, other_finess;
  {
    auto s = t_.db().lease();
    *s << "SELECT MIN(s.establishment_id) FROM compliance_summary s", soci::into(id);
    *s << "SELECT MAX(s.establishment_id) FROM compliance_summary s", soci::into(other);
    *s << "SELECT finess_et FROM establishments WHERE id = :i", soci::into(finess), soci::use(id);
    *s << "SELECT finess_et FROM establishments WHERE id = :i", soci::into(other_finess),
        soci::use(other);
    *s << "UPDATE compliance_summary SET overdue = overdue + 1, region_code = 'XX' WHERE "
          "establishment_id = :i",
        soci::use(id);
  }
  auto diffs = verify();
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].find(finess + " : résumé : overdue enregistré"), 0u) << diffs[0];
  EXPECT_NE(diffs[0].find("region_code enregistré « XX »"), std::string::npos) << diffs[0];
  {
    auto s = t_.db().lease();
    *s << "DELETE FROM compliance_summary WHERE establishment_id = :i", soci::use(other);
  }
  diffs = verify();
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[1], other_finess + " : résumé absent");
  evidence::recompute_all(t_.db(), repo(), add_days(today_, 1));
  EXPECT_TRUE(verify().empty());
  EXPECT_EQ(summaries(), establishments());
}

// A missing summary is written by the nation's recomputation even when the rows are already
// computed for the date; an upgraded database gets its summaries from migration 0019.
TEST_P(StoredDemoTest, SummariesAreBackfilledByTheMigrationAndRepairedByRecomputeAll) {
  web::load_demo(app_, today_);
  const int n = establishments();
  {
    auto s = t_.db().lease();
    *s << "DELETE FROM compliance_summary WHERE establishment_id = (SELECT MIN(id) FROM "
          "establishments)";
  }
  EXPECT_EQ(summaries(), n - 1);
  EXPECT_EQ(evidence::recompute_all(t_.db(), repo(), today_).establishments, 1);
  EXPECT_EQ(summaries(), n);
  EXPECT_TRUE(verify().empty());
  // As before migration 0019: rows without summaries.
  {
    auto s = t_.db().lease();
    *s << "DROP TABLE compliance_summary";
    *s << "DROP INDEX establishments_real";
    *s << "DELETE FROM schema_migrations WHERE version = 19";
  }
  EXPECT_EQ(store::migrate(t_.db()), 1);
  EXPECT_EQ(summaries(), n);
  EXPECT_TRUE(verify().empty());
  expect_summaries_fresh("backfilled");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoredDemoTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
INSTANTIATE_TEST_SUITE_P(Backends, StoredComplianceTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

using carepilot::testing::act_as;
using carepilot::testing::TestServer;

class DashboardScopeCacheTest : public ::testing::TestWithParam<const char*> {
 protected:
  DashboardScopeCacheTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [this] { return today_; };
    a_ = add("75000001", "CH de Paris", "75");      // Île-de-France (11)
    a2_ = add("92000001", "CH de Nanterre", "92");  // Île-de-France (11)
    b_ = add("44000001", "CH de Nantes", "44");     // Pays de la Loire (52)
    act_as(srv_, Role::national_admin, Scope::nation());
  }
  registry::Establishment add(const char* digits, const std::string& name, const char* dep) {
    auto in = carepilot::testing::establishment_input(registry::with_luhn_key(digits), name,
                                                      {"urgences"});
    in.department = dep;
    return srv_.app().repo().create(Scope::nation(), in);
  }
  // Marks the stored rows of `e` met behind the application's back (no generation bumped):
  // a page showing it changes only when its cache is invalidated.
  void tamper(const registry::Establishment& e) {
    auto s = srv_.db().db().lease();
    long long id = e.id;
    *s << "UPDATE compliance_status SET status = 'met' WHERE establishment_id = :e", soci::use(id);
    *s << "UPDATE compliance_summary SET overdue = 0, max_days_late = 0 WHERE establishment_id = "
          ":e",
        soci::use(id);
  }
  static int overdue_of(const std::string& page) {
    auto at = page.find("Établissements en retard (");
    return at == std::string::npos ? -1 : std::stoi(page.substr(at + 27));
  }
  void write_evidence(const registry::Establishment& e) {
    auto r = srv_.send("POST", "/api/v1/establishments/" + e.finess_et + "/evidence",
                       R"({"type":"registration","service":"club-ssi","date":"2026-11-20"})",
                       "application/json");
    ASSERT_EQ(r.status, 201) << r.body;
  }
  Date today_ = d("2026-11-23");
  TestServer srv_;
  registry::Establishment a_, a2_, b_;
};

// A write in one region refreshes its own region's and the nation's dashboards and leaves
// the other region's cached dashboard alone.
TEST_P(DashboardScopeCacheTest, AWriteInOneRegionLeavesAnotherRegionsCachedPageAlone) {
  const std::string region_a = "/tableau-de-bord?region=" + a_.region_code;
  const std::string region_b = "/tableau-de-bord?region=" + b_.region_code;
  ASSERT_NE(a_.region_code, b_.region_code);
  auto first_a = srv_.get(region_a), first_b = srv_.get(region_b),
       first_n = srv_.get("/tableau-de-bord");
  ASSERT_EQ(first_b.status, 200);
  EXPECT_EQ(overdue_of(first_a.body), 2);
  EXPECT_EQ(overdue_of(first_b.body), 1);
  EXPECT_EQ(overdue_of(first_n.body), 3);
  tamper(a2_);
  tamper(b_);
  EXPECT_EQ(overdue_of(srv_.get(region_a).body), 2);  // cached: nothing was written
  write_evidence(a_);  // region A: bumps its establishment, region A and the nation
  EXPECT_EQ(overdue_of(srv_.get(region_a).body), 1);            // refreshed: a2 reads met
  EXPECT_EQ(overdue_of(srv_.get("/tableau-de-bord").body), 1);  // refreshed: a2 and b met
  EXPECT_EQ(overdue_of(srv_.get(region_b).body), 1);            // still the cached page
  // A write of no establishment (a region renamed) bumps every page.
  auto r = srv_.send("PUT", "/api/v1/regions/52", R"({"name":"Pays de la Loire renommée"})",
                     "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(overdue_of(srv_.get(region_b).body), 0);
  }
}

// The date changes before the nation is recomputed: the page says since when its statuses
// are computed; once recomputed, the notice goes.
TEST_P(DashboardScopeCacheTest, AStaleDateIsAnnouncedOnTheDashboard) {
  auto page = srv_.get("/tableau-de-bord");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("Statuts calculés au"), std::string::npos);
  today_ = d("2026-11-24");
  page = srv_.get("/tableau-de-bord");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Statuts calculés au 23/11/2026"), std::string::npos);
  EXPECT_NE(page.body.find("Situation au 24/11/2026"), std::string::npos);
  // One establishment written today: the page still names the oldest date.
  write_evidence(a_);
  page = srv_.get("/tableau-de-bord");
  EXPECT_NE(page.body.find("Statuts calculés au 23/11/2026"), std::string::npos);
  evidence::recompute_all(srv_.db().db(), srv_.app().evidence_repo(), today_);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // kGenerationTtlUs
  page = srv_.get("/tableau-de-bord");
  EXPECT_EQ(page.body.find("Statuts calculés au"), std::string::npos);
  // A past date reads the monthly snapshot of its month (evidence/trends.hpp), never the
  // stored rows of today: no stale notice; without a snapshot the page says so.
  page = srv_.get("/tableau-de-bord?date=2026-01-15");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Aucun relevé mensuel pour janvier 2026"), std::string::npos);
  EXPECT_EQ(page.body.find("Statuts calculés au"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardScopeCacheTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
