// The continuity demo (issue 15): the demo territory's plans and BIAs are recorded through the
// continuity register, so the `bia` and `continuity_plan` evidence is the module's (never typed)
// and pca-pra and bia-critical show every verdict; seeding twice adds nothing.
#include <gtest/gtest.h>

#include "continuity/demo.hpp"
#include "engine/aggregate.hpp"
#include "evidence/demo.hpp"
#include "module_fixture.hpp"
#include "referential/loader.hpp"
#include "registry/demo.hpp"
#include "test_db.hpp"

using namespace carepilot;

class ContinuityDemoTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ContinuityDemoTest, EvidenceFollowsFromTheWorkWithEveryVerdict) {
  carepilot::testing::TestDb t(GetParam());
  registry::Repository registry(t.db(), registry::Catalog::builtin());
  registry::load_demo(registry);
  auto ref = referential::load_default_referential();
  evidence::Repository evidence(t.db(), registry, ref);
  continuity::Repository repo(t.db(), registry, evidence);
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

INSTANTIATE_TEST_SUITE_P(Backends, ContinuityDemoTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
