// The continuity demo (issue 15): the demo territory's plans and BIAs are recorded through the
// continuity register, so the `bia` and `continuity_plan` evidence is the module's (never typed)
// and pca-pra and bia-critical show every verdict; seeding twice adds nothing.
#include <gtest/gtest.h>

#include "continuity/demo/backup_demo.hpp"
#include "continuity/demo/demo.hpp"
#include "continuity/demo/weights_demo.hpp"
#include "continuity/rules/ght_coverage.hpp"
#include "continuity/store/backup.hpp"
#include "engine/aggregate.hpp"
#include "evidence/demo.hpp"
#include "module_fixture.hpp"
#include "referential/loader.hpp"
#include "registry/activity_weight.hpp"
#include "registry/demo.hpp"
#include "test_db.hpp"

using namespace carepilot;

// The demo territory's registry, with the evidence and continuity repositories over it.
class ContinuityDemoTest : public ::testing::TestWithParam<const char*> {
 protected:
  ContinuityDemoTest()
      : t(GetParam()),
        registry(t.db(), registry::Catalog::builtin()),
        ref(referential::load_default_referential()),
        evidence(t.db(), registry, ref),
        repo(t.db(), registry, evidence) {
    registry::load_demo(registry);
  }
  carepilot::testing::TestDb t;
  registry::Repository registry;
  referential::Referential ref;
  evidence::Repository evidence;
  continuity::Repository repo;
};

TEST_P(ContinuityDemoTest, EvidenceFollowsFromTheWorkWithEveryVerdict) {
  const Date today = carepilot::testing::day("2026-11-23");
  evidence.clock = [&] { return today; };
  evidence::load_demo_evidence(evidence, registry, today);
  const int seeded = continuity::seed_demo(repo, registry, today);
  EXPECT_GT(seeded, 5);
  EXPECT_EQ(continuity::seed_demo(repo, registry, today), 0) << "idempotent";

  std::vector<engine::EstablishmentReport> reports;
  int continuity_rows = 0, held = 0, planned = 0, drafts = 0, empty = 0, over = 0, within = 0;
  for (auto& loaded : evidence.load_all(Scope::nation(), {})) {
    reports.push_back(evidence.compliance(loaded, today));
    for (const auto& r : evidence.list(Scope::nation(), loaded.establishment.finess_et)) {
      if (r.type != "bia" && r.type != "continuity_plan") continue;
      ++continuity_rows;
      EXPECT_EQ(r.source.rfind("continuity_", 0), 0u) << "typed by hand: " << r.type;
    }
    auto reg = repo.load(Scope::nation(), loaded.establishment.finess_et);
    if (reg.activities.empty()) ++empty;
    for (const auto& x : reg.tests) (x.held_on ? held : planned)++;
    for (const auto& b : reg.bias) drafts += b.validated() ? 0 : 1;
    auto req = continuity::Repository::requirements(reg);
    for (const auto& r : reg.resources) {
      auto it = req.find(r.id);
      if (it == req.end()) continue;
      auto g = continuity::gap(it->second, continuity::Repository::measured(reg, r.id));
      if (g == continuity::GapKind::rto_exceeded) ++over;
      if (g == continuity::GapKind::ok) ++within;
    }
  }
  EXPECT_GT(continuity_rows, 20);
  EXPECT_GT(held, 0);
  EXPECT_GT(planned, 0);
  EXPECT_GT(drafts, 0);
  EXPECT_GT(over, 0) << "a restore test over its RTO";
  EXPECT_GT(within, 0) << "a restore test within its RTO and RPO";
  EXPECT_GT(empty, 0) << "some establishments have no continuity work at all";

  auto agg = engine::aggregate(ref, reports);
  auto count = [&](const std::string& id, engine::Status s) {
    for (const auto& o : agg.obligations)
      if (o.id == id) return o.count[static_cast<int>(s)];
    ADD_FAILURE() << "no obligation " << id;
    return 0;
  };
  for (const char* id : {"pca-pra", "bia-critical"}) {
    EXPECT_GT(count(id, engine::Status::met), 0) << id;
    EXPECT_GT(count(id, engine::Status::overdue), 0) << id;
  }
  EXPECT_GT(count("bia-all-services", engine::Status::met), 0);
  EXPECT_GT(count("bia-all-services", engine::Status::due), 0);
}

// The backup posture of the demo: every situation, declared as a user does (a withdrawn version
// kept), dated on or before today; seeding twice adds nothing.
TEST_P(ContinuityDemoTest, BackupPostureInEverySituation) {
  const Date today = carepilot::testing::day("2026-11-23");
  const int seeded = continuity::seed_demo_backup(t.db(), registry, today);
  EXPECT_GT(seeded, 5);
  EXPECT_EQ(continuity::seed_demo_backup(t.db(), registry, today), 0) << "idempotent";
  int with = 0, without = 0, withdrawn = 0, all_yes = 0, dedicated_level = 0, not_independent = 0;
  registry::EstablishmentFilter f;
  f.per_page = 200;
  for (const auto& e : registry.list(Scope::nation(), f).items) {
    const auto all = continuity::load_backup(t.db(), registry, Scope::nation(), e.finess_et);
    (all.empty() ? without : with)++;
    int yes = 0;
    for (const auto& d : all) {
      EXPECT_LE(d.declared_on, today);
      if (!d.counts()) {
        ++withdrawn;
        EXPECT_FALSE(d.withdrawal.reason.empty());
        continue;
      }
      if (d.answer == "yes") ++yes;
      if (d.auth_mode == "dedicated_directory" && d.ad_level >= 3) ++dedicated_level;
      if (d.point == "independent_auth" && d.answer == "no") ++not_independent;
    }
    if (yes == static_cast<int>(continuity::backup_data().points.size())) ++all_yes;
  }
  EXPECT_GT(with, 0);
  EXPECT_GT(without, 0) << "some establishments have declared nothing";
  EXPECT_GT(withdrawn, 0) << "a version withdrawn, kept with its reason";
  EXPECT_GT(all_yes, 0);
  EXPECT_GT(dedicated_level, 0);
  EXPECT_GT(not_independent, 0);
}

// The demo legal entity with two sites (the two clinics) is weighed, so its 66 % page is.
TEST_P(ContinuityDemoTest, TheDemoLegalEntityWithTwoSitesIsWeighed) {
  continuity::seed_demo_weights(repo, registry);
  registry::EstablishmentFilter f;
  f.finess_ej = "449800069";
  const auto sites = registry.list(Scope::nation(), f);
  ASSERT_EQ(sites.total, 2);
  std::vector<std::int64_t> ids;
  for (const auto& e : sites.items) {
    EXPECT_FALSE(e.ght_id.has_value()) << e.name;
    ids.push_back(e.id);
  }
  EXPECT_EQ(registry::activity_weights(t.db(), ids).size(), 2u);
  // Single-site entities outside a GHT are not weighed by the demo.
  f.finess_ej.clear();
  f.per_page = 200;
  int single_site_weighed = 0;
  std::vector<std::int64_t> others;
  for (const auto& e : registry.list(Scope::nation(), f).items)
    if (!e.ght_id && e.finess_ej != "449800069") others.push_back(e.id);
  single_site_weighed = static_cast<int>(registry::activity_weights(t.db(), others).size());
  EXPECT_EQ(single_site_weighed, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ContinuityDemoTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
