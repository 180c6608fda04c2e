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
#include "page_faults.hpp"
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

// The establishments behind the counts (issue 16 trial: the page gave counts with no names):
// each by its latest measure in one of three states, filtered by region and state, paged and
// sorted; a crossing left blank keeps an establishment from « tous les accès conformes »; a
// regional caller never lists another region; the API refuses a malformed ?demo= and ?state=.
TEST_P(IdentificationSharesTest, TheEstablishmentsBehindTheCounts) {
  inventory("750712184", 100, 100);  // compliant
  inventory("750100208", 50, 0);     // passwords alone: in progress
  inventory("130783293", 10, 10);    // compliant
  auto& db = srv_.app().identification_repo().database();
  EstablishmentShareQuery q;
  q.include_demo = true;
  auto all = establishment_shares(db, Scope::nation(), q);
  ASSERT_EQ(all.total, 4);
  ASSERT_EQ(all.items.size(), 4u);
  // By folded name: « CH Marseille conforme », « CH Paris conforme », « … en cours », « … sans ».
  EXPECT_EQ(all.items[0].finess_et, "130783293");
  EXPECT_EQ(all.items[1].finess_et, "750712184");
  EXPECT_EQ(all.items[2].finess_et, "750100208");
  EXPECT_EQ(all.items[3].finess_et, "750100018");
  EXPECT_EQ(all.items[1].state, ShareState::compliant);
  EXPECT_EQ(all.items[1].day, "2026-03-10");
  EXPECT_EQ(all.items[2].state, ShareState::in_progress);
  EXPECT_EQ(all.items[2].accesses, 50);
  EXPECT_EQ(all.items[2].covered, 0);
  EXPECT_EQ(all.items[3].state, ShareState::not_inventoried);
  EXPECT_EQ(all.items[3].day, "");
  q.region = "11";
  q.state = ShareState::compliant;
  auto idf = establishment_shares(db, Scope::nation(), q);
  ASSERT_EQ(idf.total, 1);
  EXPECT_EQ(idf.items[0].finess_et, "750712184");
  // Paged: one a page, the second page is the second establishment; past the last, the last.
  EstablishmentShareQuery paged;
  paged.include_demo = true;
  paged.per_page = 1;
  paged.page = 2;
  auto second = establishment_shares(db, Scope::nation(), paged);
  EXPECT_EQ(second.total, 4);
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].finess_et, "750712184");
  paged.page = 99;
  EXPECT_EQ(establishment_shares(db, Scope::nation(), paged).page, 4);
  // By share, descending: the covered ones first, the never-measured last.
  paged.page = 1;
  paged.per_page = 10;
  paged.sort = "-covered_share";
  auto by_share = establishment_shares(db, Scope::nation(), paged);
  EXPECT_EQ(by_share.items.back().finess_et, "750100018");
  // A regional caller lists its region only, whatever it asks.
  EstablishmentShareQuery other;
  other.include_demo = true;
  other.region = "93";
  EXPECT_EQ(establishment_shares(db, Scope::region("11"), other).total, 0);

  // A second access point left blank: the compliant establishment is in progress again, in
  // the list and in the counts.
  srv_.app().identification_repo().add_access_point(Scope::nation(), "750712184",
                                                    {"VPN", "remote_access", "remote", {}},
                                                    day("2026-03-10"), {"rssi@test.fr", "", ""});
  q.state = std::nullopt;
  auto after = establishment_shares(db, Scope::nation(), q);
  for (const auto& e : after.items) {
    if (e.finess_et == "750712184") {
      EXPECT_EQ(e.state, ShareState::in_progress);
    }
  }
  EXPECT_EQ(shares(db, srv_.app().repo(), Scope::nation(), true).total.compliant, 1);

  // Issue 16 trial: a population of 0 people on a password alone weighs nothing in the covered
  // share (10 of 10 still), yet its crossing is not compliant: never « tous les accès
  // conformes », in the list or in the counts. Its crossing compliant again: compliant again.
  auto& repo = srv_.app().identification_repo();
  const Actor actor{"rssi@test.fr", "127.0.0.1", "req"};
  PopulationInput none;
  none.kind = "students";
  none.headcount = 0;
  repo.save_population(Scope::nation(), "130783293", none, day("2026-03-10"), actor);
  CellInput password;
  password.population = "students";
  password.access_point = "DPI";
  password.means = "password";
  password.covered = 0;
  repo.save_cell(Scope::nation(), "130783293", password, day("2026-03-10"), actor);
  auto state_of = [&](const char* finess) {
    EstablishmentShareQuery all_states;
    all_states.include_demo = true;
    for (const auto& e : establishment_shares(db, Scope::nation(), all_states).items)
      if (e.finess_et == finess)
        return std::pair<ShareState, std::int64_t>{e.state, e.covered * 1000 + e.accesses};
    return std::pair<ShareState, std::int64_t>{ShareState::not_inventoried, -1};
  };
  EXPECT_EQ(state_of("130783293"),
            (std::pair<ShareState, std::int64_t>{ShareState::in_progress, 10 * 1000 + 10}));
  EXPECT_EQ(shares(db, srv_.app().repo(), Scope::nation(), true).total.compliant, 0);
  CellInput card = password;
  card.means = "cps";
  repo.save_cell(Scope::nation(), "130783293", card, day("2026-03-10"), actor);
  EXPECT_EQ(state_of("130783293").first, ShareState::compliant);
  EXPECT_EQ(shares(db, srv_.app().repo(), Scope::nation(), true).total.compliant, 1);

  // The API and the page, as a regional reader of Île-de-France.
  carepilot::testing::act_as(srv_, Role::regional_reader, Scope::region("11"), "ars@test.fr",
                             false);
  auto api = srv_.get("/api/v1/identification/establishments?region=11&state=in_progress");
  ASSERT_EQ(api.status, 200) << api.body;
  auto j = json::parse(api.body);
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(j["per_page"], 100);  // every API list's default (docs/api.md); the page shows 50
  EXPECT_EQ(j["items"][0]["state"], "in_progress");
  EXPECT_TRUE(j["items"][0].contains("covered_share"));
  // A region unknown, or outside the caller's scope: the page says so; the API refuses an
  // unknown code (400) and answers a known one outside the scope with nothing of it.
  for (const char* asked : {"99", "93"}) {
    auto p = srv_.get(std::string("/tableau-de-bord/identification?region=") + asked);
    EXPECT_EQ(p.status, 200);
    EXPECT_NE(p.body.find("Aucune région de votre périmètre ne porte le code « " +
                          std::string(asked) + " »"),
              std::string::npos)
        << asked;
  }
  EXPECT_EQ(srv_.get("/api/v1/identification/establishments?region=99").status, 400);
  auto foreign = json::parse(srv_.get("/api/v1/identification/establishments?region=93").body);
  EXPECT_EQ(foreign["total"], 0);
  for (const char* bad : {"/api/v1/identification/establishments?state=conforme",
                          "/api/v1/identification/establishments?demo=maybe",
                          "/api/v1/identification/shares?demo=maybe"}) {
    auto r = srv_.get(bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(json::parse(r.body)["error"]["code"], "request.bad_parameter") << bad;
  }
  EXPECT_EQ(srv_.get("/api/v1/identification/shares?demo=1").status, 200);
  auto page = srv_.get("/tableau-de-bord/identification?region=11");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-testid=\"identification-territory-establishments\""),
            std::string::npos);
  EXPECT_NE(page.body.find("data-finess=\"750100018\" data-state=\"not_inventoried\""),
            std::string::npos);
  EXPECT_NE(page.body.find("Inventaire non renseigné"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/etablissements/750712184/identification\""), std::string::npos);
  EXPECT_NE(page.body.find("3 établissements"), std::string::npos);
  auto filtered = srv_.get("/tableau-de-bord/identification?region=11&etat=not_inventoried");
  EXPECT_EQ(filtered.body.find("data-finess=\"750712184\""), std::string::npos);
  EXPECT_NE(filtered.body.find("<option value=\"not_inventoried\" selected>"), std::string::npos);
  EXPECT_EQ(filtered.body.find("identification-territory-unknown-state"), std::string::npos);
  // A state the filter does not know is said, and every establishment shown (issue 16 trial).
  auto unknown = srv_.get("/tableau-de-bord/identification?region=11&etat=foo");
  EXPECT_EQ(unknown.status, 200);
  EXPECT_NE(unknown.body.find("identification-territory-unknown-state"), std::string::npos);
  EXPECT_NE(unknown.body.find("ne connaît pas la valeur « foo »"), std::string::npos);
  EXPECT_NE(unknown.body.find("data-finess=\"750712184\""), std::string::npos);
  EXPECT_EQ(carepilot::testing::page_faults(unknown.body), "");
  // Another region's list is not shown (nor its name): the region is not in the scope.
  auto other_page = srv_.get("/tableau-de-bord/identification?region=93");
  EXPECT_EQ(other_page.body.find("identification-territory-establishments"), std::string::npos);
  EXPECT_EQ(other_page.body.find("Marseille"), std::string::npos);
  // A malformed ?demo= on the page reads as « non » (a hand-typed address still shows it).
  EXPECT_EQ(srv_.get("/tableau-de-bord/identification?demo=maybe").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentificationSharesTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
