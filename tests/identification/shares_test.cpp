// The territory's view of the identification of professionals (issue 16), on both backends:
// per region of the caller's scope, the establishments, those inventoried and those whose every
// access is covered by a compliant two-factor means (by the latest measure of each inventory),
// and the national total; a regional caller sees its region only; the page and the API say the
// same.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "identification/shares.hpp"
#include "module_fixture.hpp"
#include "test_server.hpp"

using namespace carepilot;
using namespace carepilot::identification;
using carepilot::testing::day;
using carepilot::testing::module_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

TEST(IdentificationShareText, RoundsToTheTenthAndSaysNothingOfNothing) {
  EXPECT_EQ(share_text(1, 3), "33,3\u00a0%");
  EXPECT_EQ(share_text(2, 3), "66,7\u00a0%");
  EXPECT_EQ(share_text(3, 3), "100\u00a0%");
  EXPECT_EQ(share_text(0, 3), "0\u00a0%");
  EXPECT_EQ(share_text(0, 0), "—");
}

class IdentificationSharesTest : public ::testing::TestWithParam<const char*> {
 protected:
  IdentificationSharesTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().identification().today = [] { return day("2026-03-10"); };
    srv_.app().evidence().today = [] { return day("2026-03-10"); };
    auto& reg = srv_.app().repo();
    reg.create(Scope::nation(), module_establishment("750712184", "CH Paris conforme"));
    reg.create(Scope::nation(), module_establishment("750100208", "CH Paris en cours"));
    reg.create(Scope::nation(), module_establishment("750100018", "CH Paris sans inventaire"));
    auto south = module_establishment("130783293", "CH Marseille conforme");
    south.department = "13";
    reg.create(Scope::nation(), south);
  }
  // One population of `headcount` on one local application, `covered` of them on a CPS card
  // (ANS-issued: compliant), the others on a password alone.
  void inventory(const char* finess, int headcount, int covered) {
    auto& r = srv_.app().identification_repo();
    const Date today = day("2026-03-10");
    const Actor actor{"rssi@test.fr", "127.0.0.1", "req"};
    PopulationInput p;
    p.kind = "doctors";
    p.headcount = headcount;
    r.save_population(Scope::nation(), finess, p, today, actor);
    if (r.inventory(Scope::nation(), finess).access_points.empty())
      r.add_access_point(Scope::nation(), finess, {"DPI", "application", "local", {}}, today,
                         actor);
    CellInput c;
    c.population = "doctors";
    c.access_point = "DPI";
    c.means = covered == headcount ? "cps" : "password";
    c.covered = headcount;
    r.save_cell(Scope::nation(), finess, c, today, actor);
  }
  TestServer srv_;
};

TEST_P(IdentificationSharesTest, CompliantEstablishmentsPerRegionAndInTotal) {
  inventory("750712184", 100, 100);  // compliant
  inventory("750100208", 50, 0);     // passwords alone: not compliant
  inventory("130783293", 10, 10);    // compliant
  auto& db = srv_.app().identification_repo().database();
  auto s = shares(db, srv_.app().repo(), Scope::nation(), true);
  ASSERT_EQ(s.regions.size(), 2u);
  const RegionShare* idf = nullptr;
  const RegionShare* paca = nullptr;
  for (const auto& r : s.regions) (r.region_code == "11" ? idf : paca) = &r;
  ASSERT_TRUE(idf && paca);
  EXPECT_EQ(idf->establishments, 3);
  EXPECT_EQ(idf->inventoried, 2);
  EXPECT_EQ(idf->compliant, 1);
  EXPECT_EQ(idf->accesses, 150);
  EXPECT_EQ(idf->covered, 100);
  EXPECT_EQ(paca->establishments, 1);
  EXPECT_EQ(paca->compliant, 1);
  EXPECT_EQ(s.total.establishments, 4);
  EXPECT_EQ(s.total.compliant, 2);
  EXPECT_EQ(s.total.covered, 110);
  // Not counting the demonstration establishments changes nothing here (none is one).
  EXPECT_EQ(shares(db, srv_.app().repo(), Scope::nation(), false).total.establishments, 4);
  // A regional caller sees its region only.
  auto mine = shares(db, srv_.app().repo(), Scope::region("93"), true);
  ASSERT_EQ(mine.regions.size(), 1u);
  EXPECT_EQ(mine.regions[0].region_code, "93");
  EXPECT_EQ(mine.total.establishments, 1);

  // The latest measure counts: the second establishment moves its doctors to CPS cards.
  inventory("750100208", 50, 50);
  EXPECT_EQ(shares(db, srv_.app().repo(), Scope::nation(), true).total.compliant, 3);

  // The API and the page, as a regional reader of Île-de-France.
  carepilot::testing::act_as(srv_, Role::regional_reader, Scope::region("11"), "ars@test.fr",
                             false);
  auto api = srv_.get("/api/v1/identification/shares");
  ASSERT_EQ(api.status, 200) << api.body;
  auto j = json::parse(api.body);
  ASSERT_EQ(j["regions"].size(), 1u);
  EXPECT_EQ(j["regions"][0]["region"], "11");
  EXPECT_EQ(j["total"]["compliant"], 2);
  EXPECT_EQ(j["total"]["establishments"], 3);
  auto page = srv_.get("/tableau-de-bord/identification");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-region=\"11\""), std::string::npos);
  EXPECT_EQ(page.body.find("data-region=\"93\""), std::string::npos);
  EXPECT_NE(page.body.find("66,7"), std::string::npos);  // 2 of 3 establishments
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentificationSharesTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
