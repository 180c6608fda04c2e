// The demo incidents (issue 19 trial: their status changes and attachments were dated at the
// seeding — « 05/12/2026 à 01 h 58 Statut : Confiné » after the end of the degraded mode):
// every status change and attachment is dated in the demo's story, before the seeding, in the
// order of the story, on both databases.
#include <gtest/gtest.h>

#include "common/french.hpp"
#include "incidents/demo/demo.hpp"
#include "incidents/rules/timeline.hpp"
#include "module_fixture.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::incidents;

namespace {

class IncidentsDemoTest : public ::testing::TestWithParam<const char*> {
 protected:
  IncidentsDemoTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        repo_(db_.db(), registry_),
        decl_(db_.db(), registry_),
        attachments_(db_.db(), registry_) {
    registry_.seed_regions();
    auto in = carepilot::testing::module_establishment("750712184", "CH Démo");
    in.is_demo = true;
    registry_.create(Scope::nation(), in);
  }
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  Repository repo_;
  Declarations decl_;
  Attachments attachments_;
};

}  // namespace

TEST_P(IncidentsDemoTest, StatusChangesAndAttachmentsAreDatedInTheStory) {
  // Seeded on 05/12/2026 at 01:58, Paris (the trial's instant), a week after the real now.
  const auto now = parse_instant("2026-12-05T01:58:00+01:00")->unix;
  repo_.now = [now] { return now; };
  decl_.now = [now] { return now; };
  ASSERT_EQ(seed_demo(repo_, decl_, registry_, now, &attachments_), 1);
  const auto n = Scope::nation();
  int seen = 0;
  for (const auto& inc : repo_.list(n, "750712184")) {
    const auto changes = repo_.status_changes(n, "750712184", inc.id);
    const auto* det = inc.detection();
    ASSERT_NE(det, nullptr);
    std::int64_t previous = det->at;
    for (std::size_t i = 1; i < changes.size(); ++i) {
      EXPECT_GE(changes[i].at, previous) << inc.title;
      EXPECT_LT(changes[i].at, now - 86400) << inc.title << " " << changes[i].status;
      previous = changes[i].at;
      ++seen;
    }
    if (inc.status == "contained") {
      // Contained when the containment was recorded: before the degraded mode's end.
      ASSERT_EQ(changes.size(), 2u);
      for (const auto& e : inc.events) {
        if (e.kind == "containment") {
          EXPECT_EQ(changes[1].at, e.at);
        }
        if (e.kind == "degraded_end") {
          EXPECT_LT(changes[1].at, e.at);
        }
      }
      const auto files = attachments_.list(n, "750712184", inc.id);
      ASSERT_EQ(files.size(), 1u);
      const auto joined = parse_iso_utc(files[0].created_at);
      ASSERT_TRUE(joined);
      EXPECT_GT(*joined, changes[1].at);
      EXPECT_LT(*joined, now - 86400);
    }
    if (inc.status == "closed") {
      ASSERT_EQ(changes.size(), 3u);  // opened, contained, closed
      EXPECT_EQ(changes[1].status, "contained");
      EXPECT_EQ(changes[2].status, "closed");
    }
  }
  EXPECT_EQ(seen, 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsDemoTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
