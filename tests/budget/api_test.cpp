// The budget API and pages through a TestServer, on both backends.
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

constexpr const char* kApi = "/api/v1/establishments/750712184/budget";
constexpr const char* kPages = "/etablissements/750712184/budget";
constexpr const char* kForm = "application/x-www-form-urlencoded";

class BudgetApiTest : public ::testing::TestWithParam<const char*> {
 protected:
  BudgetApiTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return day("2026-11-23"); };
    srv_.app().budget().today = [] { return day("2026-11-23"); };
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
  std::string budget_status() {
    auto r = srv_.get("/api/v1/establishments/750712184/compliance?as_of=2026-11-23");
    auto report = json::parse(r.body);  // kept alive: the loop walks into it
    for (const auto& o : report["establishments"][0]["obligations"])
      if (o["id"] == "digital-budget") return o["status"];
    ADD_FAILURE() << r.body.substr(0, 300);
    return {};
  }
  TestServer srv_;
};

TEST_P(BudgetApiTest, PutGetDeleteDrivesTheObligation) {
  EXPECT_NE(budget_status(), "met");
  auto empty = call("GET", std::string(kApi) + "/2026", nullptr, 200);
  EXPECT_EQ(empty["stored"], false);

  auto below =
      call("PUT", std::string(kApi) + "/2026",
           {{"total_eur", 250000000}, {"digital_eur", 3500000}, {"cyber_eur", 900000}}, 201);
  EXPECT_EQ(below["threshold_met"], false);
  EXPECT_DOUBLE_EQ(below["shares"]["digital_and_cyber"].get<double>(), 0.018);  // 1,76 %
  EXPECT_NE(budget_status(), "met");

  auto met =
      call("PUT", std::string(kApi) + "/2026",
           {{"total_eur", "250000000"}, {"digital_eur", "4500000.00"}, {"cyber_eur", 900000}}, 200);
  EXPECT_EQ(met["threshold_met"], true);
  EXPECT_DOUBLE_EQ(met["shares"]["digital_and_cyber"].get<double>(), 0.022);  // 2,16 %
  EXPECT_EQ(budget_status(), "met");
  EXPECT_EQ(audit_count(srv_.db().db(), "budget_declaration", "2026", "update"), 1);

  auto list = call("GET", kApi, nullptr, 200);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["year"], 2026);
  EXPECT_EQ(call("GET", std::string(kApi) + "/2026", nullptr, 200)["stored"], true);

  // Never deleted: withdrawn with a reason (422 naming « Motif du retrait » without one).
  auto no_reason = call("DELETE", std::string(kApi) + "/2026", json::object(), 422);
  EXPECT_EQ(no_reason["error"]["code"], "budget.reason_required");
  EXPECT_NE(no_reason["error"]["message"].get<std::string>().find("Motif du retrait"),
            std::string::npos);
  EXPECT_EQ(budget_status(), "met");  // unchanged
  auto gone = call("DELETE", std::string(kApi) + "/2026", {{"reason", "Montants erronés"}}, 200);
  EXPECT_EQ(gone["withdrawal_reason"], "Montants erronés");
  call("DELETE", std::string(kApi) + "/2026", {{"reason", "encore"}}, 404);
  EXPECT_EQ(emitted(srv_.db().db(), "budget_declaration:2026").count, 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "budget_declarations"), 1);  // kept
  EXPECT_EQ(audit_count(srv_.db().db(), "budget_declaration", "2026", "withdraw"), 1);
  EXPECT_NE(budget_status(), "met");
  // The year can be declared again; the withdrawn one stays listed.
  call("PUT", std::string(kApi) + "/2026",
       {{"total_eur", 1000000}, {"digital_eur", 30000}, {"cyber_eur", 10000}}, 201);
  EXPECT_EQ(count_rows(srv_.db().db(), "budget_declarations"), 2);
  auto page = srv_.get(kPages);
  EXPECT_NE(page.body.find("Déclarations retirées"), std::string::npos);
  EXPECT_NE(page.body.find("Montants erronés"), std::string::npos);
}

TEST_P(BudgetApiTest, RefusalsNameTheFieldAndStoreNothing) {
  auto over = call("PUT", std::string(kApi) + "/2026",
                   {{"total_eur", 1000}, {"digital_eur", 1200}, {"cyber_eur", 0}}, 422);
  EXPECT_EQ(over["error"]["code"], "budget.share_over_100");
  EXPECT_EQ(over["error"]["fields"][0]["field"], "digital_eur");
  EXPECT_NE(over["error"]["message"].get<std::string>().find("digital_eur"), std::string::npos);
  auto sum = call("PUT", std::string(kApi) + "/2026",
                  {{"total_eur", 1000}, {"digital_eur", 900}, {"cyber_eur", 101}}, 422);
  EXPECT_EQ(sum["error"]["fields"][0]["field"], "cyber_eur");
  auto neg = call("PUT", std::string(kApi) + "/2026",
                  {{"total_eur", 1000}, {"digital_eur", -1}, {"cyber_eur", 0}}, 422);
  EXPECT_EQ(neg["error"]["code"], "budget.negative");
  auto zero = call("PUT", std::string(kApi) + "/2026",
                   {{"total_eur", 0}, {"digital_eur", 0}, {"cyber_eur", 0}}, 422);
  EXPECT_EQ(zero["error"]["code"], "budget.total_zero");
  auto cents = call("PUT", std::string(kApi) + "/2026",
                    {{"total_eur", 1000.123}, {"digital_eur", 1}, {"cyber_eur", 0}}, 422);
  EXPECT_EQ(cents["error"]["fields"][0]["field"], "total_eur");
  EXPECT_EQ(cents["error"]["code"], "budget.amount_invalid");
  auto future = call("PUT", std::string(kApi) + "/2028",
                     {{"total_eur", 1000}, {"digital_eur", 1}, {"cyber_eur", 0}}, 422);
  EXPECT_EQ(future["error"]["fields"][0]["field"], "year");
  EXPECT_EQ(count_rows(srv_.db().db(), "budget_declarations"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "evidence"), 0);

  EXPECT_EQ(srv_.get(std::string(kApi) + "/26").status, 404);
  EXPECT_EQ(srv_.get(std::string(kApi) + "/20x6").status, 404);
  EXPECT_EQ(srv_.get("/api/v1/establishments/999999999/budget").status, 404);
  EXPECT_EQ(srv_.send("PUT", std::string(kApi) + "/2026", "{", "application/json").status, 400);
}

TEST_P(BudgetApiTest, PagesShowSharesChartAndFormErrors) {
  auto bad = srv_.send("POST", std::string(kPages) + "/2025",
                       "total_eur=1000&digital_eur=1500&cyber_eur=0", kForm);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Budget numérique (hors cybersécurité) : dépasse le budget total"),
            std::string::npos);
  EXPECT_EQ(bad.body.find("digital_eur : "), std::string::npos);  // never the key
  EXPECT_NE(bad.body.find("value=\"1500\""), std::string::npos);  // the typed value kept
  EXPECT_EQ(count_rows(srv_.db().db(), "budget_declarations"), 0);

  auto ok = srv_.send("POST", std::string(kPages) + "/2025",
                      "total_eur=250+000+000&digital_eur=4500000&cyber_eur=900000%2C00", kForm);
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 400);
  srv_.send("POST", std::string(kPages) + "/2024",
            "total_eur=240000000&digital_eur=3000000&cyber_eur=500000", kForm);
  auto page = srv_.get(kPages);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("2,2\u00a0%"), std::string::npos);  // 2025: 2,16 %
  EXPECT_NE(page.body.find("1,5\u00a0%"), std::string::npos);  // 2024: 1,458 %
  EXPECT_NE(page.body.find("fr-badge--success"), std::string::npos);
  EXPECT_NE(page.body.find("fr-badge--error"), std::string::npos);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("cp-threshold"), std::string::npos);
  EXPECT_NE(page.body.find("2025 : 2,2\u00a0%"), std::string::npos);  // text alternative
  EXPECT_EQ(page.body.find("style="), std::string::npos);
  auto form = srv_.get(std::string(kPages) + "/2025");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Budget numérique (hors cybersécurité)"), std::string::npos);
  EXPECT_NE(form.body.find("value=\"4500000.00\""), std::string::npos);
  EXPECT_EQ(srv_.get(std::string(kPages) + "/abcd").status, 404);
  EXPECT_EQ(srv_.send("POST", std::string(kPages) + "/2024/supprimer", "", kForm).status, 404);
  auto confirm = srv_.get(std::string(kPages) + "/2024/retirer");
  EXPECT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("Retirer la déclaration de budget 2024"), std::string::npos);
  auto blank = srv_.send("POST", std::string(kPages) + "/2024/retirer", "motif=", kForm);
  EXPECT_EQ(blank.status, 422);
  EXPECT_NE(blank.body.find("Motif du retrait : indiquez pourquoi"), std::string::npos);
  auto del = srv_.send("POST", std::string(kPages) + "/2024/retirer", "motif=Doublon", kForm);
  EXPECT_EQ(del.status, 303);
  EXPECT_EQ(count_rows(srv_.db().db(), "budget_declarations"), 2);  // kept, withdrawn
  auto nothing = srv_.get(std::string(kPages) + "/2024/retirer");   // nothing current
  EXPECT_EQ(nothing.status, 200);
  EXPECT_NE(nothing.body.find("data-testid=\"withdraw-nothing\""), std::string::npos);
  EXPECT_EQ(nothing.body.find("data-testid=\"withdraw-form\""), std::string::npos);
  EXPECT_EQ(srv_.send("POST", std::string(kPages) + "/2024/retirer", "motif=x", kForm).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, BudgetApiTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
