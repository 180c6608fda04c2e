#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "fixture.hpp"
#include "store/audit_log.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::day;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

class AssessmentApiTest : public ::testing::TestWithParam<const char*> {
 protected:
  AssessmentApiTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().assessment().today = [] { return day("2026-11-23"); };
    srv_.app().repo().create(Scope::nation(),
                             carepilot::testing::assessment_establishment("750712184", "CH A"));
    // Authentication on, as the role that really calls these routes: an editor of CH A.
    // With the second factor: declaring and withdrawing need it (issue 12).
    carepilot::testing::act_as(
        srv_, Role::establishment_editor,
        Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id),
        "agent.module@test.fr", /*totp=*/true);
  }
  carepilot::testing::HttpResult put(const json& body) {
    return srv_.send("PUT", kBase + "/2026", body.dump(), "application/json");
  }
  const std::string kBase = "/api/v1/establishments/750712184/assessments";
  TestServer srv_;
};

TEST_P(AssessmentApiTest, AnswerDeclareSnapshot) {
  auto fw = srv_.get("/api/v1/frameworks");
  ASSERT_EQ(fw.status, 200) << fw.body;
  EXPECT_EQ(json::parse(fw.body)["items"][0]["id"], "care-priority-objectives");

  auto bad =
      put({{"answers",
            {{{"requirement", "D2.P1"}, {"level", 2}}, {{"requirement", "D2.O4"}, {"level", 9}}}}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  auto err = json::parse(bad.body)["error"];
  EXPECT_EQ(err["fields"][0]["field"], "level");
  EXPECT_EQ(srv_.get(kBase + "/2026").status, 404);  // nothing stored

  auto ok = put({{"answers",
                  {{{"requirement", "D2.P1"}, {"level", 3}, {"comment", "PSSI 2025"}},
                   {{"requirement", "HC.2028"}, {"level", "na"}}}}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto a = json::parse(ok.body);
  EXPECT_EQ(a["status"], "draft");
  EXPECT_EQ(a["score"]["answered"], 2);
  EXPECT_GT(a["score"]["overall"].get<int>(), 0);

  auto list = json::parse(srv_.get(kBase).body);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["year"], 2026);

  auto decl = srv_.send("POST", kBase + "/2026/declaration",
                        R"({"date":"2026-11-19","declared_on":"2026-11-20"})", "application/json");
  ASSERT_EQ(decl.status, 201) << decl.body;
  auto declared = json::parse(decl.body);
  EXPECT_EQ(declared["status"], "declared");
  auto snap = json::parse(srv_.get(kBase + "/2026/snapshot").body);
  EXPECT_EQ(snap["digest"], store::sha256_hex(snap["snapshot_text"].get<std::string>()));
  EXPECT_EQ(snap["digest"], declared["declaration"]["digest"]);
  EXPECT_EQ(snap["snapshot"]["scores"]["overall"], declared["declaration"]["score"]);

  auto later = put({{"answers", {{{"requirement", "D2.P1"}, {"level", 0}}}}});
  EXPECT_EQ(later.status, 422);
  EXPECT_EQ(json::parse(later.body)["error"]["code"], "assessment.declared");

  auto evidence = json::parse(srv_.get("/api/v1/establishments/750712184/evidence").body);
  ASSERT_EQ(evidence["items"].size(), 1u);
  EXPECT_EQ(evidence["items"][0]["type"], "maturity_assessment");

  auto paq = srv_.send("POST", kBase + "/2026/paq-actions", R"({"requirements":["DNS.AP1"]})",
                       "application/json");
  ASSERT_EQ(paq.status, 201) << paq.body;
  EXPECT_EQ(json::parse(paq.body)["created"].size(), 1u);
  auto again = srv_.send("POST", kBase + "/2026/paq-actions", R"({"requirements":["DNS.AP1"]})",
                         "application/json");
  EXPECT_EQ(json::parse(again.body)["created"].size(), 0u);
}

TEST_P(AssessmentApiTest, UnknownEstablishmentAndBadYear) {
  EXPECT_EQ(srv_.get("/api/v1/establishments/690781810/assessments").status, 404);
  EXPECT_EQ(srv_.get(kBase + "/abcd").status, 404);
  EXPECT_EQ(srv_.get(kBase + "/2026/snapshot").status, 404);
}

TEST_P(AssessmentApiTest, PagesWalkAnswerUploadDeclareCompare) {
  const std::string page = "/etablissements/750712184/maturite";
  auto list = srv_.get(page);
  ASSERT_EQ(list.status, 200) << list.body;
  auto save = srv_.send("POST", page + "/2026/reponses",
                        "section=D2&level%3AD2.P1=3&comment%3AD2.P1=ok&level%3AD2.P2=7",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(save.status, 422);
  EXPECT_NE(save.body.find("data-field=\"level\""), std::string::npos);
  save = srv_.send("POST", page + "/2026/reponses", "section=D2&level%3AD2.P1=3&level%3AD2.P2=na",
                   "application/x-www-form-urlencoded");
  EXPECT_EQ(save.status, 303) << save.body;
  auto q = srv_.get(page + "/2026?section=D2");
  ASSERT_EQ(q.status, 200);
  EXPECT_NE(q.body.find("value=\"3\" form=\"answers\" checked"), std::string::npos);

  std::string boundary = "XyZ";
  auto multipart = [&](const std::string& name, const std::string& bytes) {
    return "--" + boundary +
           "\r\nContent-Disposition: form-data; name=\"requirement\"\r\n\r\nD2.P1\r\n--" +
           boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
           "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + boundary +
           "--\r\n";
  };
  auto wrong = srv_.send("POST", page + "/2026/pieces", multipart("pssi.pdf", "not a pdf"),
                         "multipart/form-data; boundary=" + boundary);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("data-field=\"attachment\""), std::string::npos);
  // Named by its label (user trial: « Champ : le fichier … »).
  EXPECT_NE(wrong.body.find("Pièce justificative : le contenu du fichier"), std::string::npos);
  auto up = srv_.send("POST", page + "/2026/pieces",
                      multipart("pssi.pdf", carepilot::testing::pdf_bytes()),
                      "multipart/form-data; boundary=" + boundary);
  EXPECT_EQ(up.status, 303) << up.body;
  auto a = json::parse(srv_.get(kBase + "/2026").body);
  ASSERT_EQ(a["attachments"].size(), 1u);
  auto id = std::to_string(a["attachments"][0]["id"].get<long long>());
  auto file = srv_.get(page + "/2026/pieces/" + id);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, carepilot::testing::pdf_bytes());
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  EXPECT_NE(file.header("content-disposition").find("attachment; filename=\"pssi.pdf\""),
            std::string::npos);

  // The page shows the score and what is unanswered, and asks for a confirmation.
  auto before = srv_.get(page + "/2026");
  EXPECT_NE(before.body.find("data-testid=\"declare-summary\""), std::string::npos);
  EXPECT_NE(before.body.find("data-testid=\"unanswered\""), std::string::npos);
  auto unconfirmed = srv_.send("POST", page + "/2026/declaration", "declared_on=2026-11-23",
                               "application/x-www-form-urlencoded");
  EXPECT_EQ(unconfirmed.status, 422);
  EXPECT_NE(unconfirmed.body.find("Confirmation : cochez la case"), std::string::npos);
  EXPECT_EQ(srv_.get(page + "/2026").body.find("data-testid=\"declared\""), std::string::npos);
  auto decl = srv_.send("POST", page + "/2026/declaration", "declared_on=2026-11-23&confirme=oui",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(decl.status, 303) << decl.body;
  auto done = srv_.get(page + "/2026");
  EXPECT_NE(done.body.find("data-testid=\"declared\""), std::string::npos);
  auto cmp = srv_.get(page + "/comparer?annees=2025,2026");
  ASSERT_EQ(cmp.status, 200) << cmp.body;
  EXPECT_NE(cmp.body.find("data-testid=\"compare-chart\""), std::string::npos);
  EXPECT_EQ(srv_.get(page + "/comparer?annees=20x5").status, 400);
}

TEST_P(AssessmentApiTest, AnswersThatContradictTheComputedStatusAreFlagged) {
  // "Atteint" for the crisis exercise (DNS.AP1) while no exercise is recorded; "Non commencé"
  // for the self-assessment (DNS.AP2), which is indeed not done: only the first contradicts.
  auto ok = put(
      {{"answers",
        {{{"requirement", "DNS.AP1"}, {"level", 3}}, {{"requirement", "DNS.AP2"}, {"level", 0}}}}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  // Any evidence write computes the establishment's stored compliance.
  auto ev = srv_.send("POST", "/api/v1/establishments/750712184/evidence",
                      R"({"type": "registration", "service": "club-ssi", "date": "2026-03-01"})",
                      "application/json");
  ASSERT_EQ(ev.status, 201) << ev.body;
  auto page = srv_.get("/etablissements/750712184/maturite/2026?section=DNS");
  ASSERT_EQ(page.status, 200);
  auto card = [&](const std::string& id) {
    auto at = page.body.find("data-requirement=\"" + id + "\"");
    EXPECT_NE(at, std::string::npos) << id;
    auto end = page.body.find("data-requirement=", at + 20);
    return page.body.substr(at, end == std::string::npos ? std::string::npos : end - at);
  };
  EXPECT_NE(card("DNS.AP1").find("data-testid=\"answer-contradiction\""), std::string::npos);
  EXPECT_NE(card("DNS.AP1").find("cette action n&#39;est pas encore satisfaite"), std::string::npos)
      << card("DNS.AP1");
  EXPECT_EQ(card("DNS.AP2").find("data-testid=\"answer-contradiction\""), std::string::npos);
  // A mandatory action offers no "non applicable", and the API refuses it.
  EXPECT_EQ(card("DNS.AP1").find("value=\"na\""), std::string::npos);
  auto na = put({{"answers", {{{"requirement", "DNS.AP3.A"}, {"level", "na"}}}}});
  EXPECT_EQ(na.status, 422);
  EXPECT_EQ(json::parse(na.body)["error"]["code"], "assessment.mandatory");
}

INSTANTIATE_TEST_SUITE_P(Backends, AssessmentApiTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
