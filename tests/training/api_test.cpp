// The training API and pages through a TestServer, on both backends.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "module_fixture.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::emitted;
using carepilot::testing::module_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

constexpr const char* kApi = "/api/v1/establishments/750712184/training";
constexpr const char* kPages = "/etablissements/750712184/formation";
constexpr const char* kForm = "application/x-www-form-urlencoded";

json category(const char* name, int headcount, int trained, int initial, int continuing) {
  return {{"name", name},
          {"headcount", headcount},
          {"trained", trained},
          {"trained_initial", initial},
          {"trained_continuing", continuing}};
}

class TrainingApiTest : public ::testing::TestWithParam<const char*> {
 protected:
  TrainingApiTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return day("2026-11-23"); };
    srv_.app().training().today = [] { return day("2026-11-23"); };
    srv_.app().repo().create(Scope::nation(), module_establishment("750712184", "CH A"));
    srv_.app().repo().create(Scope::nation(), module_establishment("750100208", "CH B"));
    // Authentication on, as the role that really calls these routes: an editor of CH A.
    // With the second factor: declaring and withdrawing need it (issue 12).
    carepilot::testing::act_as(
        srv_, Role::establishment_editor,
        Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id),
        "agent.module@test.fr", /*totp=*/true);
  }
  json call(const std::string& method, const std::string& path, const json& body, long expect) {
    auto r = srv_.send(method, path, body.is_null() ? "" : body.dump(), "application/json");
    EXPECT_EQ(r.status, expect) << method << " " << path << " " << r.body;
    return r.body.empty() ? json{} : json::parse(r.body);
  }
  std::string training_status() {
    auto r = srv_.get("/api/v1/establishments/750712184/compliance?as_of=2026-11-23");
    auto report = json::parse(r.body);  // kept alive: the loop walks into it
    for (const auto& o : report["establishments"][0]["obligations"])
      if (o["id"] == "staff-training") return o["status"];
    ADD_FAILURE() << r.body.substr(0, 300);
    return {};
  }
  TestServer srv_;
};

TEST_P(TrainingApiTest, YearsDriveTheStaffTrainingObligation) {
  auto empty = call("GET", std::string(kApi) + "/2026", nullptr, 200);
  EXPECT_EQ(empty["stored"], false);
  EXPECT_EQ(empty["categories"].size(), 5u);  // the default categories
  EXPECT_NE(training_status(), "met");

  auto partial =
      call("PUT", std::string(kApi) + "/2026",
           {{"categories",
             {category("Médical", 150, 120, 30, 100), category("Soignant", 650, 455, 100, 400)}}},
           201);
  EXPECT_EQ(partial["staff"], 800);
  EXPECT_EQ(partial["trained"], 575);
  EXPECT_DOUBLE_EQ(partial["share_trained"].get<double>(), 0.719);  // 71,875 % → 71,9 %
  EXPECT_EQ(partial["recorded_on"], "2026-11-23");
  EXPECT_NE(training_status(), "met");

  auto all =
      call("PUT", std::string(kApi) + "/2026",
           {{"categories",
             {category("Médical", 150, 150, 30, 150), category("Soignant", 650, 650, 100, 600)}}},
           200);
  EXPECT_DOUBLE_EQ(all["share_trained"].get<double>(), 1.0);
  EXPECT_EQ(training_status(), "met");
  EXPECT_EQ(audit_count(srv_.db().db(), "training_coverage", "2026", "update"), 1);
  EXPECT_EQ(emitted(srv_.db().db(), "training_coverage:2026").payload["trained"], 800);

  auto overview = call("GET", kApi, nullptr, 200);
  ASSERT_EQ(overview["years"].size(), 1u);
  EXPECT_EQ(overview["years"][0]["categories"][1]["share_trained"], 1.0);
}

TEST_P(TrainingApiTest, RefusalsNameTheFieldAndStoreNothing) {
  auto over =
      call("PUT", std::string(kApi) + "/2026",
           {{"categories",
             {category("Médical", 150, 120, 30, 100), category("Soignant", 650, 455, 100, 400),
              category("Administratif", 100, 120, 60, 60)}}},
           422);
  EXPECT_EQ(over["error"]["code"], "training.trained_over_headcount");
  EXPECT_EQ(over["error"]["fields"][0]["field"], "categories[2].trained");
  EXPECT_NE(over["error"]["message"].get<std::string>().find("categories[2].trained"),
            std::string::npos);
  auto future = call("PUT", std::string(kApi) + "/2027",
                     {{"categories", {category("Médical", 1, 1, 1, 0)}}}, 422);
  EXPECT_EQ(future["error"]["fields"][0]["field"], "year");
  auto no_list = call("PUT", std::string(kApi) + "/2026", json::object(), 422);
  EXPECT_EQ(no_list["error"]["fields"][0]["field"], "categories");
  auto clicks = call("POST", std::string(kApi) + "/campaigns",
                     {{"date", "2026-03-12"},
                      {"title", "Colis"},
                      {"kind", "phishing"},
                      {"emails_sent", 100},
                      {"clicks", 101}},
                     422);
  EXPECT_EQ(clicks["error"]["code"], "training.clicks_over_sent");
  EXPECT_EQ(clicks["error"]["fields"][0]["field"], "clicks");
  EXPECT_EQ(count_rows(srv_.db().db(), "training_years"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "training_campaigns"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "evidence"), 0);
  EXPECT_EQ(srv_.get(std::string(kApi) + "/26").status, 404);
  EXPECT_EQ(srv_.get("/api/v1/establishments/999999999/training").status, 404);
}

TEST_P(TrainingApiTest, CampaignsCreateListDelete) {
  auto c = call("POST", std::string(kApi) + "/campaigns",
                {{"date", "2026-03-12"},
                 {"title", "Colis en attente"},
                 {"kind", "phishing"},
                 {"audience", "Tout le personnel"},
                 {"emails_sent", 1100},
                 {"clicks", 154},
                 {"credentials", 33},
                 {"reports", 215}},
                201);
  auto id = c["id"].get<long long>();
  EXPECT_DOUBLE_EQ(c["rates"]["click"].get<double>(), 0.14);
  EXPECT_DOUBLE_EQ(c["rates"]["report"].get<double>(), 0.195);
  EXPECT_TRUE(c["rates"]["participation"].is_null());
  EXPECT_EQ(audit_count(srv_.db().db(), "training_campaign", std::to_string(id), "create"), 1);
  auto list = call("GET", std::string(kApi) + "/campaigns", nullptr, 200);
  ASSERT_EQ(list["items"].size(), 1u);
  // Another establishment's path with this id: not found.
  call("DELETE", "/api/v1/establishments/750100208/training/campaigns/" + std::to_string(id),
       {{"reason", "x"}}, 404);
  call("DELETE", std::string(kApi) + "/campaigns/abc", {{"reason", "x"}}, 404);
  const std::string one = std::string(kApi) + "/campaigns/" + std::to_string(id);
  EXPECT_EQ(call("DELETE", one, json::object(), 422)["error"]["code"], "training.reason_required");
  EXPECT_EQ(call("GET", std::string(kApi) + "/campaigns", nullptr, 200)["items"].size(), 1u);
  EXPECT_EQ(call("DELETE", one, {{"reason", "Campagne annulée"}}, 200)["withdrawal_reason"],
            "Campagne annulée");
  call("DELETE", one, {{"reason", "encore"}}, 409);
  EXPECT_TRUE(call("GET", std::string(kApi) + "/campaigns", nullptr, 200)["items"].empty());
  EXPECT_EQ(count_rows(srv_.db().db(), "training_campaigns"), 1);  // kept
  EXPECT_EQ(audit_count(srv_.db().db(), "training_campaign", std::to_string(id), "withdraw"), 1);
  EXPECT_EQ(audit_count(srv_.db().db(), "training_campaign", std::to_string(id), "delete"), 0);
  auto page = srv_.get("/etablissements/750712184/formation");
  EXPECT_NE(page.body.find("Campagnes retirées"), std::string::npos);
  EXPECT_NE(page.body.find("Campagne annulée"), std::string::npos);
}

TEST_P(TrainingApiTest, PagesShowSharesAndFormErrors) {
  auto form = srv_.get(std::string(kPages) + "/2026");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"Personnel médical\""), std::string::npos);
  // Row 1 left blank: the third row becomes categories[1]; its error shows next to it.
  std::string body =
      "name_0=M%C3%A9dical&headcount_0=10&trained_0=10&initial_0=10&continuing_0=0"
      "&name_2=Administratif&headcount_2=100&trained_2=120&initial_2=60&continuing_2=60";
  auto bad = srv_.send("POST", std::string(kPages) + "/2026", body, kForm);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("categories[1].trained (Administratif) : 120 personnes formées"),
            std::string::npos);
  EXPECT_NE(bad.body.find("data-testid=\"error-trained-2\""), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#trained_2\""), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "training_years"), 0);

  auto good = srv_.send("POST", std::string(kPages) + "/2026",
                        "name_0=M%C3%A9dical&headcount_0=10&trained_0=10&initial_0=10"
                        "&name_2=Administratif&headcount_2=100&trained_2=20&initial_2=0"
                        "&continuing_2=20",
                        kForm);
  EXPECT_EQ(good.status, 303) << good.body.substr(0, 300);
  auto campaign =
      srv_.send("POST", std::string(kPages) + "/campagnes",
                "date=2026-03-12&title=Colis&kind=phishing&emails_sent=200&clicks=30", kForm);
  EXPECT_EQ(campaign.status, 303);
  auto page = srv_.get(kPages);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("27,3\u00a0%"), std::string::npos);       // 30 / 110
  EXPECT_NE(page.body.find("20,0\u00a0%"), std::string::npos);       // Administratif
  EXPECT_NE(page.body.find("30 (15,0\u00a0%)"), std::string::npos);  // click rate
  EXPECT_NE(page.body.find("<progress"), std::string::npos);
  EXPECT_EQ(page.body.find("style="), std::string::npos);
  auto bad_campaign =
      srv_.send("POST", std::string(kPages) + "/campagnes",
                "date=2026-03-12&title=Colis&kind=phishing&emails_sent=10&clicks=30", kForm);
  EXPECT_EQ(bad_campaign.status, 422);
  EXPECT_NE(bad_campaign.body.find("Clics : 30 clics pour 10"), std::string::npos);
  EXPECT_EQ(bad_campaign.body.find("clicks : "), std::string::npos);  // never the key
  EXPECT_EQ(srv_.get(std::string(kPages) + "/campagnes/nouvelle").status, 200);
  EXPECT_EQ(srv_.get(std::string(kPages) + "?annee=2024").status, 303);
  EXPECT_EQ(count_rows(srv_.db().db(), "training_campaigns"), 1);
}

TEST_P(TrainingApiTest, ThePageShowsTheFigureTheCompliancePageUses) {
  // The module's year (recorded on 31/12/2025): 298 of 1 200 → 24,8 %.
  call("PUT", std::string(kApi) + "/2025",
       {{"categories", {category("Soignant", 1200, 298, 100, 198)}}}, 201);
  auto page = srv_.get("/etablissements/750712184/formation");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-testid=\"training-counted-share\">24,8"), std::string::npos)
      << page.body.substr(0, 2000);
  // A later record typed on the evidence page outdates it for the engine: the training page
  // now shows that one, says where it comes from, and both pages give one figure.
  auto typed = srv_.send("POST", "/api/v1/establishments/750712184/evidence",
                         R"({"type": "training_coverage", "date": "2026-06-30", "staff": 1200,
                             "trained": 700})",
                         "application/json");
  ASSERT_EQ(typed.status, 201) << typed.body;
  page = srv_.get("/etablissements/750712184/formation");
  EXPECT_NE(page.body.find("data-testid=\"training-counted-share\">58,3"), std::string::npos);
  EXPECT_NE(page.body.find("saisi sur la page des preuves"), std::string::npos);
  auto r = srv_.get("/api/v1/establishments/750712184/compliance?as_of=2026-11-23");
  auto report = json::parse(r.body);
  bool seen = false;
  for (const auto& o : report["establishments"][0]["obligations"])
    if (o["id"] == "staff-training") {
      seen = true;
      EXPECT_NEAR(o["measures"]["training_share"].get<double>(), 700.0 / 1200.0, 1e-9) << o.dump();
    }
  EXPECT_TRUE(seen) << r.body.substr(0, 500);
}

INSTANTIATE_TEST_SUITE_P(Backends, TrainingApiTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
