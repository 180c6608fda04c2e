// The statistics' facts over a caller's scope (issue 19), on both databases: a region sees
// its establishments' incidents only, the nation every one; the XLSX export.
#include <gtest/gtest.h>

#include "incidents/store/declarations.hpp"
#include "incidents/store/statistics_store.hpp"
#include "module_fixture.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::incidents;
using carepilot::testing::module_establishment;

namespace {

class IncidentsStatisticsStoreTest : public ::testing::TestWithParam<const char*> {
 protected:
  IncidentsStatisticsStoreTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        repo_(db_.db(), registry_) {
    registry_.seed_regions();
    registry_.create(Scope::nation(), module_establishment("750712184", "CH Paris"));
    auto lyon = module_establishment("690781810", "CH Lyon");
    lyon.department = "69";
    registry_.create(Scope::nation(), lyon);
  }
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  Repository repo_;
  const Actor actor_{"rssi@ch-a.fr", "127.0.0.1", "req-1"};
};

}  // namespace

TEST_P(IncidentsStatisticsStoreTest, ARegionSeesItsOwnIncidentsOnly) {
  const auto n = Scope::nation();
  auto a = repo_.create(n, "750712184", {"Rançongiciel", "2024-03-10T08:00:00+01:00", ""}, actor_);
  repo_.qualify(n, "750712184", a.id, {{"threat", {"ransomware"}}}, actor_);
  repo_.create(n, "690781810", {"Panne", "2024-05-10T08:00:00+02:00", ""}, actor_);
  Declarations decl(db_.db(), registry_);
  decl.save(n, "750712184", a.id, "initial",
            {{"declarant_name", "A"},
             {"declarant_role", "RSSI"},
             {"declarant_contact", "a@b.fr"},
             {"observed_at", "2024-03-10"},
             {"perimeter", "PACS"},
             {"systems", "PACS"},
             {"data_concerned", "images"},
             {"handling_status", "isolement en cours"}},
            actor_);
  decl.submit(n, "750712184", a.id, "initial", "2024-03-10T09:00:00+01:00", "CS-1", actor_);

  EXPECT_EQ(gather_facts(db_.db(), n).size(), 2u);
  auto paris = registry_.visible(n, "750712184");
  auto facts = gather_facts(db_.db(), Scope::region(paris.region_code));
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].establishment, "750712184");
  EXPECT_TRUE(facts[0].declared);
  auto lyon = registry_.visible(n, "690781810");
  ASSERT_NE(lyon.region_code, paris.region_code);
  facts = gather_facts(db_.db(), Scope::region(lyon.region_code));
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_FALSE(facts[0].declared);

  auto stats = statistics(gather_facts(db_.db(), n), default_national_figures(),
                          parse_instant("2024-12-31T22:00:00Z")->unix);  // 23 h, Paris
  const auto* y2024 = &stats.back();
  ASSERT_EQ(y2024->year, 2024);
  EXPECT_EQ(y2024->incidents, 2);
  EXPECT_EQ(y2024->declaring_establishments, 1);
  EXPECT_EQ(y2024->median_to_declare, 3600);
  const auto xlsx = statistics_xlsx(stats);
  EXPECT_EQ(xlsx.rfind("PK", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsStatisticsStoreTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
