#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

#include "accounts.hpp"
#include "fixture.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::d;
using carepilot::testing::establishment_input;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

class EvidenceApiTest : public ::testing::TestWithParam<const char*> {
 protected:
  EvidenceApiTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return d("2026-11-23"); };
    a_ = srv_.app().repo().create(
        Scope::nation(), establishment_input("750712184", "CH A", {"urgences", "pharmacie"}));
    // Authentication on, as the role that really calls these routes: an editor of CH A.
    carepilot::testing::act_as(
        srv_, Role::establishment_editor,
        Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id));
  }
  json post(const json& body, long expect) {
    auto r = srv_.send("POST", "/api/v1/establishments/750712184/evidence", body.dump(),
                       "application/json");
    EXPECT_EQ(r.status, expect) << r.body;
    return r.body.empty() ? json{} : json::parse(r.body);
  }
  json compliance(const std::string& as_of) {
    auto r = srv_.get("/api/v1/establishments/750712184/compliance?as_of=" + as_of);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  static json obligation(const json& report, const std::string& id) {
    for (const auto& o : report["establishments"][0]["obligations"])
      if (o["id"] == id) return o;
    ADD_FAILURE() << id;
    return {};
  }
  TestServer srv_;
  registry::Establishment a_;
};

TEST_P(EvidenceApiTest, ComplianceFollowsTheTexts) {
  auto created = post({{"type", "crisis_exercise"},
                       {"date", "2026-03-02"},
                       {"declared_on", "2026-03-10"},
                       {"retex_in_paq", true}},
                      201);
  EXPECT_GT(created["id"].get<long long>(), 0);
  EXPECT_EQ(created["record"]["declared_on"], "2026-03-10");

  auto report = compliance("2026-11-23");
  EXPECT_EQ(report["as_of"], "2026-11-23");
  EXPECT_EQ(report["establishments"][0]["finess"], "750712184");
  auto crisis = obligation(report, "crisis-exercise");
  EXPECT_EQ(crisis["status"], "met");
  EXPECT_EQ(crisis["period"], "2026");
  EXPECT_EQ(crisis["deadline"], "2026-12-31");
  EXPECT_EQ(crisis["evidence"], json::array({0}));

  auto early = compliance("2025-07-01");
  EXPECT_EQ(obligation(early, "pca-pra")["status"], "overdue");
  EXPECT_EQ(obligation(early, "pca-pra")["deadline"], "2025-06-30");
  EXPECT_EQ(obligation(early, "crisis-exercise")["status"], "due");  // 2025, not yet in 2026

  // A plan dated on the deadline makes pca-pra met (deadline inclusive).
  post({{"type", "continuity_plan"}, {"kind", "pra"}, {"date", "2025-06-30"}}, 201);
  EXPECT_EQ(obligation(compliance("2025-07-01"), "pca-pra")["status"], "met");

  auto list = json::parse(srv_.get("/api/v1/establishments/750712184/evidence").body);
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][0]["type"], "continuity_plan");

  auto del = srv_.send("DELETE",
                       "/api/v1/establishments/750712184/evidence/" +
                           std::to_string(list["items"][0]["id"].get<long long>()),
                       "", "application/json");
  EXPECT_EQ(del.status, 204) << del.body;
  EXPECT_EQ(obligation(compliance("2025-07-01"), "pca-pra")["status"], "overdue");
}

TEST_P(EvidenceApiTest, RefusalsNameTheField) {
  auto future = post({{"type", "ad_audit"}, {"date", "2026-11-24"}}, 422);
  EXPECT_EQ(future["error"]["code"], "evidence.date_in_future");
  EXPECT_EQ(future["error"]["fields"][0]["field"], "date");
  auto bia = post({{"type", "bia"}, {"service", "chirurgie"}, {"date", "2026-01-01"}}, 422);
  EXPECT_EQ(bia["error"]["fields"][0]["field"], "service");
  auto budget = post({{"type", "budget_declaration"},
                      {"date", "2026-01-01"},
                      {"total_eur", 100},
                      {"digital_eur", -1}},
                     422);
  EXPECT_EQ(budget["error"]["fields"][0]["field"], "digital_eur");
  EXPECT_NE(budget["error"]["message"].get<std::string>().find("digital_eur"), std::string::npos);
  EXPECT_TRUE(
      json::parse(srv_.get("/api/v1/establishments/750712184/evidence").body)["items"].empty());
  EXPECT_EQ(srv_.get("/api/v1/establishments/750100208/evidence").status, 404);
  EXPECT_EQ(srv_.get("/api/v1/establishments/750712184/compliance?as_of=2026-13-01").status, 400);
  auto bad =
      srv_.send("POST", "/api/v1/establishments/750712184/evidence", "{", "application/json");
  EXPECT_EQ(bad.status, 400);
}

TEST_P(EvidenceApiTest, PagesShowStatusesAndAcceptForms) {
  auto empty = srv_.get("/etablissements/750712184/conformite?date=2026-11-23");
  EXPECT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("fr-badge--error"), std::string::npos);  // pca-pra overdue
  EXPECT_NE(empty.body.find("value=\"2026-11-23\""), std::string::npos);

  auto ok = srv_.send("POST", "/etablissements/750712184/preuves",
                      "type=crisis_exercise&date=2026-03-02&declared_on=2026-03-10&retex_in_paq=on",
                      "application/x-www-form-urlencoded");
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 500);
  auto bad = srv_.send("POST", "/etablissements/750712184/preuves",
                       "type=budget_declaration&date=2026-05-01&total_eur=-3&digital_eur=1",
                       "application/x-www-form-urlencoded");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("total_eur"), std::string::npos);
  auto future = srv_.send("POST", "/etablissements/750712184/preuves",
                          "type=ad_audit&date=2027-01-01", "application/x-www-form-urlencoded");
  EXPECT_EQ(future.status, 422);
  EXPECT_NE(future.body.find("data-field=\"date\""), std::string::npos);

  auto page = srv_.get("/etablissements/750712184/preuves");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Exercice de crise cyber"), std::string::npos);
  for (const char* type : {"crisis_exercise", "maturity_assessment", "registration", "ad_audit",
                           "continuity_plan", "bia", "budget_declaration"})
    EXPECT_NE(page.body.find(std::string("data-type=\"") + type + "\""), std::string::npos) << type;

  auto met = srv_.get("/etablissements/750712184/conformite?date=2026-11-23");
  EXPECT_NE(met.body.find("data-obligation=\"crisis-exercise\" data-status=\"met\""),
            std::string::npos);
  EXPECT_NE(empty.body.find("data-obligation=\"crisis-exercise\" data-status=\"overdue\""),
            std::string::npos);
  EXPECT_EQ(srv_.get("/etablissements/750712184/conformite?date=hier").status, 400);
  EXPECT_EQ(srv_.get("/etablissements/750100208/conformite").status, 404);
  EXPECT_NE(srv_.get("/etablissements/750712184").body.find("/etablissements/750712184/conformite"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceApiTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
