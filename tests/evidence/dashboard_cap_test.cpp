#include <gtest/gtest.h>

#include <regex>

#include "accounts.hpp"
#include "fixture.hpp"
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
  EXPECT_NE(page.body.find("10 autre(s) figurent dans les exports"), std::string::npos);
  auto csv = srv.get("/tableau-de-bord.csv?date=2026-11-23");
  ASSERT_EQ(csv.status, 200);
  for (int i : {1, 30, 60}) {
    char body[16];
    std::snprintf(body, sizeof body, "750%05d", i);
    EXPECT_NE(csv.body.find(registry::with_luhn_key(body)), std::string::npos) << i;
  }
}
