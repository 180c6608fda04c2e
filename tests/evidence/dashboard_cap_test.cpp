#include <gtest/gtest.h>

#include <regex>

#include "accounts.hpp"
#include "fixture.hpp"
#include "outputs.hpp"
#include "registry/demo.hpp"
#include "test_server.hpp"

using namespace carepilot;

// A national page lists at most 50 late establishments, the most overdue first, and says
// how many more the exports carry; the CSV keeps them all.
TEST(DashboardLateList, IsCappedOnThePageButCompleteInTheExport) {
  carepilot::testing::TestServer srv("sqlite", carepilot::testing::TestServer::with_accounts());
  carepilot::testing::act_as(srv, Role::national_reader, Scope::nation());  // national figures
  srv.app().evidence().today = [] { return carepilot::testing::d("2026-11-23"); };
  for (int i = 1; i <= 60; ++i) {
    char body[16];
    std::snprintf(body, sizeof body, "750%05d", i);
    auto in = carepilot::testing::establishment_input(registry::with_luhn_key(body),
                                                      "CH " + std::to_string(i), {"urgences"});
    srv.app().repo().create(Scope::nation(), in);
  }
  auto page = srv.get("/tableau-de-bord?date=2026-11-23");
  ASSERT_EQ(page.status, 200);
  std::regex item("/conformite\\?date=2026-11-23\">");
  auto shown = std::distance(std::sregex_iterator(page.body.begin(), page.body.end(), item),
                             std::sregex_iterator());
  EXPECT_EQ(shown, 50);
  EXPECT_NE(page.body.find("Établissements en retard (60)"), std::string::npos);
  EXPECT_NE(page.body.find("10 autres figurent dans les exports"), std::string::npos);
  auto csv = srv.get("/tableau-de-bord.csv?date=2026-11-23");
  ASSERT_EQ(csv.status, 200);
  for (int i : {1, 30, 60}) {
    char body[16];
    std::snprintf(body, sizeof body, "750%05d", i);
    EXPECT_NE(csv.body.find(registry::with_luhn_key(body)), std::string::npos) << i;
  }
}

namespace {

using carepilot::testing::act_as;
using carepilot::testing::readable_text;
using carepilot::testing::TestServer;

// Demonstration establishments (is_demo) stay out of national and regional figures unless
// asked ("Inclure les établissements de démonstration", ?demo=1), on the page, its late list
// and its CSV and XLSX exports (issue 23, point 8); a database that holds nothing but demo
// establishments (a demo platform) shows them.
class DashboardDemoTest : public ::testing::TestWithParam<const char*> {
 protected:
  DashboardDemoTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return carepilot::testing::d("2026-11-23"); };
  }
  registry::Establishment add(const char* digits, const std::string& name, bool demo) {
    auto in = carepilot::testing::establishment_input(registry::with_luhn_key(digits), name,
                                                      {"urgences"});
    in.is_demo = demo;
    return srv_.app().repo().create(Scope::nation(), in);
  }
  TestServer srv_;
};

TEST_P(DashboardDemoTest, DemoEstablishmentsAreLeftOutOfFiguresUnlessAsked) {
  auto real = add("75000001", "CH Réel de Paris", false);
  auto demo = add("75000002", "CH Démonstration de Paris", true);
  for (auto [role, scope] : {std::pair{Role::national_reader, Scope::nation()},
                             std::pair{Role::regional_reader, Scope::region(real.region_code)}}) {
    act_as(srv_, role, scope, std::string(role_name(role)) + "@test.fr");
    const std::string who(role_name(role));
    auto page = srv_.get("/tableau-de-bord?date=2026-11-23");
    ASSERT_EQ(page.status, 200) << who;
    EXPECT_NE(page.body.find("de 1 établissement de votre périmètre"), std::string::npos) << who;
    EXPECT_NE(page.body.find(real.finess_et), std::string::npos) << who;
    EXPECT_EQ(page.body.find(demo.finess_et), std::string::npos) << who;
    EXPECT_NE(page.body.find("Inclure les établissements de démonstration"), std::string::npos);
    EXPECT_EQ(page.body.find("name=\"demo\" value=\"1\" checked"), std::string::npos) << who;
    auto asked = srv_.get("/tableau-de-bord?date=2026-11-23&demo=1");
    ASSERT_EQ(asked.status, 200) << who;
    EXPECT_NE(asked.body.find("de 2 établissements de votre périmètre"), std::string::npos) << who;
    EXPECT_NE(asked.body.find(demo.finess_et), std::string::npos) << who;
    EXPECT_NE(asked.body.find("name=\"demo\" value=\"1\" checked"), std::string::npos) << who;
    EXPECT_NE(asked.body.find("demo=1"), std::string::npos) << who << ": exports keep the choice";
    for (const char* ext : {".csv", ".xlsx"}) {
      const std::string base = std::string("/tableau-de-bord") + ext + "?date=2026-11-23";
      auto without = srv_.get(base);
      ASSERT_EQ(without.status, 200) << who << ext;
      auto text = readable_text(without);
      EXPECT_NE(text.find(real.finess_et), std::string::npos) << who << ext;
      EXPECT_EQ(text.find(demo.finess_et), std::string::npos) << who << ext;
      auto with = srv_.get(base + "&demo=1");
      ASSERT_EQ(with.status, 200) << who << ext;
      EXPECT_NE(readable_text(with).find(demo.finess_et), std::string::npos) << who << ext;
    }
  }
}

TEST_P(DashboardDemoTest, ADemoPlatformShowsItsDemoEstablishments) {
  auto demo = add("75000002", "CH Démonstration de Paris", true);
  act_as(srv_, Role::national_reader, Scope::nation());
  auto page = srv_.get("/tableau-de-bord?date=2026-11-23");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("de 1 établissement de votre périmètre"), std::string::npos);
  EXPECT_NE(page.body.find(demo.finess_et), std::string::npos);
  // The first real establishment turns the exclusion on.
  add("75000001", "CH Réel de Paris", false);
  auto after = srv_.get("/tableau-de-bord?date=2026-11-24");
  EXPECT_EQ(after.body.find(demo.finess_et), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardDemoTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
