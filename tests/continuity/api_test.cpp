// The continuity API through a TestServer, on both backends (issue 15): resource → activity →
// validated BIA turns bia-critical to met; a PCRI does not make pca-pra met, a PCA does;
// stable error codes in the order 415/400, 404, 422; withdrawing a plan needs the second
// factor.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "common/attachment.hpp"
#include "module_fixture.hpp"
#include "outputs.hpp"
#include "sample_files.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::module_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

constexpr const char* kApi = "/api/v1/establishments/750712184/continuity";

json impacts(int base) {
  json m = json::object();
  for (const char* c : {"patient_safety", "care_continuity", "legal", "financial", "image", "data"})
    for (const char* h : {"4h", "24h", "72h", "1w", "1m"}) m[c][h] = base;
  return m;
}

class ContinuityApiTest : public ::testing::TestWithParam<const char*> {
 protected:
  ContinuityApiTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return day("2026-03-10"); };
    srv_.app().continuity().today = [] { return day("2026-03-10"); };
    srv_.app().repo().create(Scope::nation(), module_establishment("750712184", "CH A"));
    srv_.app().repo().create(Scope::nation(), module_establishment("750100208", "CH B"));
    carepilot::testing::act_as(
        srv_, Role::establishment_editor,
        Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id),
        "agent.pca@test.fr", /*totp=*/false);
  }
  json call(const std::string& method, const std::string& path, const json& body, long expect) {
    auto r = srv_.send(method, path, body.is_null() ? "" : body.dump(), "application/json");
    EXPECT_EQ(r.status, expect) << method << " " << path << " " << r.body;
    return r.body.empty() ? json{} : json::parse(r.body);
  }
  std::string status(const char* obligation) {
    auto r = srv_.get("/api/v1/establishments/750712184/compliance?as_of=2026-03-10");
    auto report = json::parse(r.body);
    for (const auto& o : report["establishments"][0]["obligations"])
      if (o["id"] == obligation) return o["status"];
    ADD_FAILURE() << r.body.substr(0, 300);
    return {};
  }
  TestServer srv_;
};

TEST_P(ContinuityApiTest, AValidatedBiaOfTheCriticalServiceMeetsBiaCritical) {
  EXPECT_NE(status("bia-critical"), "met");
  auto dpi = call("POST", std::string(kApi) + "/resources",
                  {{"name", "Dossier patient informatisé"}, {"resource_kind", "application"}}, 201);
  auto act = call("POST", std::string(kApi) + "/activities",
                  {{"name", "Urgences adultes"},
                   {"activity_kind", "care_service"},
                   {"service", "urgences"},
                   {"owner", "Dr Martin"},
                   {"share_percent", 35.5},
                   {"resources", {dpi["id"]}}},
                  201);
  EXPECT_EQ(act["share_percent"], 35.5);
  const std::string bias =
      std::string(kApi) + "/activities/" + std::to_string(act["id"].get<long long>()) + "/bias";
  // A draft does not count.
  call("POST", bias, {{"impacts", impacts(3)}}, 201);
  EXPECT_NE(status("bia-critical"), "met");
  auto m = impacts(2);
  m["patient_safety"]["24h"] = 3;
  m["patient_safety"]["72h"] = 4;
  m["patient_safety"]["1w"] = 4;
  m["patient_safety"]["1m"] = 4;
  auto v2 = call("POST", bias,
                 {{"impacts", m},
                  {"degraded_mode", "Procédures papier"},
                  {"autonomy_hours", 12},
                  {"validated_by", "Directeur des soins"},
                  {"validated_on", "2026-03-01"}},
                 201);
  EXPECT_EQ(v2["version"], 2);
  EXPECT_EQ(v2["dmia_hours"], 24);
  EXPECT_TRUE(v2["pdma_hours"].is_null());
  EXPECT_EQ(status("bia-critical"), "met");

  auto reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["services_without_bia"], json::array());
  EXPECT_EQ(reg["activities"][0]["bia"]["version"], 2);
  EXPECT_EQ(reg["resources"][0]["rto_hours"], 24);
  EXPECT_EQ(reg["bias"].size(), 2u);
  EXPECT_EQ(reg["share_percent_total"], 35.5);
}

TEST_P(ContinuityApiTest, ErrorsComeInOrderWithStableCodes) {
  auto act = call("POST", std::string(kApi) + "/activities",
                  {{"name", "Urgences"},
                   {"activity_kind", "care_service"},
                   {"service", "urgences"},
                   {"owner", "Dr Martin"},
                   {"share_percent", 60}},
                  201);
  const std::string bias =
      std::string(kApi) + "/activities/" + std::to_string(act["id"].get<long long>()) + "/bias";
  auto r = srv_.send("POST", bias, "impacts=1", "text/plain");
  EXPECT_EQ(r.status, 415);
  r = srv_.send("POST", bias, "{", "application/json");
  EXPECT_EQ(r.status, 400);
  // Issue 15 trial: a body that is JSON but no object (or none at all) is malformed, 400, on
  // every writer — never 422 « à renseigner » for each field.
  for (const std::string& url :
       {std::string(kApi) + "/resources", std::string(kApi) + "/activities", bias}) {
    for (const char* body : {"[1,2]", "", "{\"name\":\"x\",", "null", "3"}) {
      r = srv_.send("POST", url, body, "application/json");
      EXPECT_EQ(r.status, 400) << url << " " << body << " " << r.body;
      EXPECT_EQ(json::parse(r.body)["error"]["code"], "request.malformed_json") << url << body;
    }
  }
  // Through B's FINESS (outside the caller's scope) and an unknown activity: 404.
  call("POST",
       "/api/v1/establishments/750100208/continuity/activities/" +
           std::to_string(act["id"].get<long long>()) + "/bias",
       {{"impacts", impacts(2)}}, 404);
  call("POST", std::string(kApi) + "/activities/999999/bias", {{"impacts", impacts(2)}}, 404);
  // A level outside the scale: 422 naming the cell.
  auto m = impacts(2);
  m["image"]["4h"] = 5;
  auto e = call("POST", bias, {{"impacts", m}}, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.impact_invalid");
  EXPECT_EQ(e["error"]["fields"][0]["field"], "impact.image.4h");
  // Shares over 100 % together.
  e = call("POST", std::string(kApi) + "/activities",
           {{"name", "Pharmacie"},
            {"activity_kind", "technical_platform"},
            {"owner", "Pharmacien chef"},
            {"share_percent", 40.5}},
           422);
  EXPECT_EQ(e["error"]["code"], "continuity.share_percent_invalid");
  // The message names the field by its label, never by its key (kept in fields[].field).
  EXPECT_EQ(e["error"]["message"].get<std::string>().rfind("Part de l'activité", 0), 0u)
      << e.dump();
  EXPECT_EQ(e["error"]["fields"][0]["field"], "share_percent");
  // A number sent as a string: 400 naming the field by its label, nothing written.
  e = call("POST", std::string(kApi) + "/activities",
           {{"name", "Pharmacie"},
            {"activity_kind", "technical_platform"},
            {"owner", "Pharmacien chef"},
            {"share_percent", "22.5"}},
           400);
  EXPECT_EQ(e["error"]["code"], "request.bad_parameter");
  EXPECT_EQ(e["error"]["fields"][0]["field"], "share_percent");
  EXPECT_EQ(e["error"]["message"].get<std::string>().rfind("Part de l'activité", 0), 0u);
  e = call("POST", bias, {{"impacts", "tous à 2"}}, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.impacts_invalid");
  EXPECT_EQ(e["error"]["message"].get<std::string>().rfind("Niveaux d'impact du BIA : ", 0), 0u)
      << e.dump();
  e = call("POST", bias, {{"impacts", impacts(2)}, {"autonomy_hours", "12"}}, 400);
  EXPECT_EQ(e["error"]["fields"][0]["field"], "autonomy_hours");
  // An unknown kind: the choices by their labels, not their codes.
  e = call("POST", std::string(kApi) + "/resources",
           {{"name", "Serveur"}, {"resource_kind", "server"}}, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.resource_kind_unknown");
  EXPECT_EQ(e["error"]["message"],
            "Nature de la ressource : choix possibles : « Application » ou « Infrastructure ».");
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_resources"), 0);
  // A test held in the future.
  auto plan = call("POST", std::string(kApi) + "/plans",
                   {{"plan_kind", "pca"},
                    {"title", "PCA 2026"},
                    {"scope", "global"},
                    {"plan_version", "1"},
                    {"validated_by", "Directrice"},
                    {"validated_on", "2026-02-01"}},
                   201);
  const std::string tests =
      std::string(kApi) + "/plans/" + std::to_string(plan["id"].get<long long>()) + "/tests";
  e = call("POST", tests, {{"held_on", "2026-03-11"}}, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.date_in_future");
  call("POST", tests, {{"held_on", "2026-03-10"}, {"observed_hours", 5}}, 201);
  // A validation implausibly old (before data/continuity/bia.yaml's floor, 01/01/2013): 422;
  // on the floor itself, accepted.
  e = call("POST", bias,
           {{"impacts", impacts(2)}, {"validated_by", "Direction"}, {"validated_on", "1900-01-01"}},
           422);
  EXPECT_EQ(e["error"]["code"], "continuity.validated_on_too_old");
  EXPECT_EQ(e["error"]["fields"][0]["field"], "validated_on");
  EXPECT_EQ(e["error"]["message"].get<std::string>().rfind("Date de validation : ", 0), 0u)
      << e.dump();
  e = call("POST", bias,
           {{"impacts", impacts(2)}, {"validated_by", "Direction"}, {"validated_on", "2012-12-31"}},
           422);
  EXPECT_EQ(e["error"]["code"], "continuity.validated_on_too_old");
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_bias"), 0);
  call("POST", bias,
       {{"impacts", impacts(2)}, {"validated_by", "Direction"}, {"validated_on", "2013-01-01"}},
       201);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_bias"), 1);
  // The day after today is refused (the future), today accepted.
  e = call("POST", bias,
           {{"impacts", impacts(2)}, {"validated_by", "Direction"}, {"validated_on", "2026-03-11"}},
           422);
  EXPECT_EQ(e["error"]["code"], "continuity.date_in_future");
  call("POST", bias,
       {{"impacts", impacts(2)}, {"validated_by", "Direction"}, {"validated_on", "2026-03-10"}},
       201);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_bias"), 2);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_activities"), 1);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_plan_tests"), 1);
}

TEST_P(ContinuityApiTest, APcriIsNoPcaAndWithdrawingAPlanNeedsTheSecondFactor) {
  EXPECT_NE(status("pca-pra"), "met");
  json plan{{"plan_kind", "pcri"}, {"title", "PCRI"},       {"scope", "global"},
            {"plan_version", "2"}, {"validated_by", "DSI"}, {"validated_on", "2025-05-01"}};
  plan["covers_it_outage"] = true;
  call("POST", std::string(kApi) + "/plans", plan, 201);
  EXPECT_NE(status("pca-pra"), "met");
  // A PCA without the mandatory « indisponibilité informatique » scenario does not count
  // either (issue 15 trial), and the page says why, in French.
  plan["plan_kind"] = "pca";
  plan["title"] = "PCA sans le scénario";
  plan["covers_it_outage"] = false;
  call("POST", std::string(kApi) + "/plans", plan, 201);
  EXPECT_NE(status("pca-pra"), "met");
  const auto page = srv_.get("/etablissements/750712184/continuite").body;
  EXPECT_NE(page.find("non : sans ce scénario obligatoire, le plan ne compte ni pour le PCA/PRA "
                      "exigé, ni dans la part de l"),
            std::string::npos);
  EXPECT_NE(page.find(">Ne compte pas<"), std::string::npos);
  const auto compliance = srv_.get("/etablissements/750712184/conformite").body;
  EXPECT_NE(
      compliance.find("le plan couvre le scénario obligatoire « indisponibilité informatique »"),
      std::string::npos);
  plan["title"] = "PCA";
  plan["covers_it_outage"] = true;
  auto pca = call("POST", std::string(kApi) + "/plans", plan, 201);
  EXPECT_EQ(status("pca-pra"), "met");
  const std::string one =
      std::string(kApi) + "/plans/" + std::to_string(pca["id"].get<long long>());
  call("DELETE", one, {{"reason", "Remplacé"}}, 403);
  call("DELETE", std::string(kApi) + "/plans/999999", {{"reason", "Remplacé"}}, 404);
  EXPECT_EQ(status("pca-pra"), "met");
  EXPECT_EQ(call("GET", kApi, nullptr, 200)["plans"].size(), 3u);
}

// A plan's validation before data/continuity/bia.yaml's plan floor (01/01/2013) is refused
// with a stable code naming the field, on the API and on the page (in French, the field by its
// label); on the floor itself and today it is accepted, the day after today refused.
TEST_P(ContinuityApiTest, APlanValidationBeforeTheFloorOrInTheFutureIsRefused) {
  json plan{{"plan_kind", "pca"},          {"title", "PCA"},
            {"scope", "global"},           {"plan_version", "1"},
            {"validated_by", "Direction"}, {"validated_on", "2012-12-31"}};
  const std::string plans = std::string(kApi) + "/plans";
  auto e = call("POST", plans, plan, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.validated_on_too_old");
  EXPECT_EQ(e["error"]["fields"][0]["field"], "validated_on");
  EXPECT_EQ(e["error"]["message"].get<std::string>().rfind(
                "Date de validation : la date est antérieure au 01/01/2013", 0),
            0u)
      << e.dump();
  plan["validated_on"] = "1900-01-01";
  EXPECT_EQ(call("POST", plans, plan, 422)["error"]["code"], "continuity.validated_on_too_old");
  plan["validated_on"] = "2026-03-11";
  EXPECT_EQ(call("POST", plans, plan, 422)["error"]["code"], "continuity.date_in_future");
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_plans"), 0);
  plan["validated_on"] = "2013-01-01";
  call("POST", plans, plan, 201);
  plan["validated_on"] = "2026-03-10";
  call("POST", plans, plan, 201);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_plans"), 2);

  auto page = srv_.send("POST", "/etablissements/750712184/continuite/plans",
                        "plan_kind=pca&title=PCA&scope=global&plan_version=1&validated_by=DG&"
                        "validated_on=2001-05-02",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("Date de validation : la date est antérieure au 01/01/2013"),
            std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_plans"), 2);
}

TEST_P(ContinuityApiTest, ThePageSaysWhatIsMissingAndNamesRefusedFieldsByTheirLabel) {
  const std::string page = "/etablissements/750712184/continuite";
  const char* form = "application/x-www-form-urlencoded";
  auto empty = srv_.get(page);
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("Pas de verdict : aucune activité n'est recensée"), std::string::npos);
  EXPECT_EQ(empty.body.find("satisfait"), std::string::npos);
  EXPECT_EQ(srv_.send("POST", page + "/activites",
                      "name=Urgences&activity_kind=care_service&service=urgences&owner=Dr+Martin&"
                      "share_percent=40%2C5",
                      form)
                .status,
            303);
  auto reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["activities"][0]["share_percent"], 40.5);
  const std::string id = std::to_string(reg["activities"][0]["id"].get<long long>());
  auto missing = srv_.get(page);
  EXPECT_NE(missing.body.find("BIA validé manquant pour 1 service :"), std::string::npos);
  EXPECT_NE(missing.body.find("Urgences — attendu au 30/06/2026"), std::string::npos);
  // On the day it is due, still expected; the day after, late (not « attendu » in the past).
  srv_.app().continuity().today = [] { return day("2026-06-30"); };
  EXPECT_NE(srv_.get(page).body.find("Urgences — attendu au 30/06/2026"), std::string::npos);
  srv_.app().continuity().today = [] { return day("2026-07-01"); };
  auto late = srv_.get(page).body;
  EXPECT_NE(late.find("Urgences — en retard depuis le 30/06/2026"), std::string::npos);
  EXPECT_EQ(late.find("attendu au 30/06/2026"), std::string::npos);
  srv_.app().continuity().today = [] { return day("2026-03-10"); };

  std::string cells;
  for (const char* c : {"patient_safety", "care_continuity", "legal", "financial", "image", "data"})
    for (const char* h : {"4h", "24h", "72h", "1w", "1m"})
      cells += std::string("&impact.") + c + "." + h + "=2";
  // One cell missing, a future validation: refused, the values kept, fields named in French.
  auto bad = srv_.send("POST", page + "/bia",
                       "activity=" + id +
                           cells.substr(0, cells.size() - std::string("&impact.data.1m=2").size()) +
                           "&validated_by=Direction&validated_on=2026-03-11",
                       form);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Données à 1 mois : niveau d&#39;impact manquant."), std::string::npos)
      << bad.body.substr(0, 200);
  EXPECT_NE(bad.body.find("Date de validation : la date ne peut pas être dans le futur."),
            std::string::npos);
  EXPECT_NE(bad.body.find("value=\"Direction\""), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_bias"), 0);
  EXPECT_EQ(
      srv_.send("POST", page + "/bia",
                "activity=" + id + cells + "&validated_by=Direction&validated_on=2026-03-01", form)
          .status,
      303);
  auto covered = srv_.get(page);
  EXPECT_NE(covered.body.find("a un BIA validé"), std::string::npos);
  EXPECT_NE(covered.body.find("version 1, validée le 01/03/2026 par Direction"), std::string::npos);
  EXPECT_EQ(status("bia-critical"), "met");

  // A refused plan keeps its box ticked (ctemplate once escaped " checked" into "_checked").
  auto unticked = srv_.send("POST", page + "/plans",
                            "plan_kind=pca&scope=global&plan_version=1&validated_by=DG&"
                            "validated_on=2026-02-01&covers_it_outage=on",
                            form);
  EXPECT_EQ(unticked.status, 422);
  EXPECT_NE(unticked.body.find("name=\"covers_it_outage\" checked"), std::string::npos);
  EXPECT_EQ(unticked.body.find("_checked"), std::string::npos);
  EXPECT_EQ(srv_.send("POST", page + "/plans",
                      "plan_kind=pca&title=PCA&scope=global&plan_version=1&validated_by=DG&"
                      "validated_on=2026-02-01&covers_it_outage=on",
                      form)
                .status,
            303);
  const std::string plan =
      std::to_string(call("GET", kApi, nullptr, 200)["plans"][0]["id"].get<long long>());
  EXPECT_EQ(srv_.send("POST", page + "/tests", "plan=" + plan + "&held_on=2026-03-02", form).status,
            303);
  EXPECT_NE(srv_.get(page).body.find("02/03/2026"), std::string::npos);
  auto other = srv_.send("POST", page + "/tests", "plan=999999&held_on=2026-03-02", form);
  EXPECT_EQ(other.status, 422);
  EXPECT_NE(other.body.find("Plan : choisissez un plan du registre."), std::string::npos);
}

// The plan's document goes through the one attachment store, as a document of the plan's
// continuity_plan evidence: 415 for a body that is not multipart and for a file type refused,
// 404 for a plan of another establishment, 413 for a file too big; nothing stored on refusal.
TEST_P(ContinuityApiTest, APlanDocumentIsCheckedStoredOnItsEvidenceAndDownloadable) {
  auto pca = call("POST", std::string(kApi) + "/plans",
                  {{"plan_kind", "pca"},
                   {"title", "PCA 2026"},
                   {"scope", "global"},
                   {"plan_version", "3"},
                   {"validated_by", "DG"},
                   {"validated_on", "2026-02-01"}},
                  201);
  EXPECT_TRUE(pca["document"].is_null());
  const std::string plan = std::to_string(pca["id"].get<long long>());
  const std::string doc = std::string(kApi) + "/plans/" + plan + "/document";
  auto multipart = [](const std::string& name, const std::string& bytes) {
    return "--B0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
           "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--B0--\r\n";
  };
  auto upload = [&](const std::string& path, const std::string& name, const std::string& bytes) {
    return srv_.send("POST", path, multipart(name, bytes), "multipart/form-data; boundary=B0");
  };
  auto code = [](const auto& r) { return std::string(json::parse(r.body)["error"]["code"]); };
  const std::string v1 = carepilot::testing::sample_pdf("Plan de continuité 2026, version 3");
  const std::string v2 =
      carepilot::testing::sample_pdf("Plan de continuité 2026, version 3, annexes");
  const std::string v3 = carepilot::testing::sample_pdf("Plan de continuité 2026, version 3 bis");

  auto not_multipart = srv_.send("POST", doc, v1, "application/pdf");
  EXPECT_EQ(not_multipart.status, 415);
  EXPECT_EQ(code(not_multipart), "request.unsupported_media_type");
  // The message names both bodies the route takes, not JSON alone (issue 16 trial).
  EXPECT_NE(json::parse(not_multipart.body)["error"]["message"].get<std::string>().find(
                "multipart/form-data ou application/json"),
            std::string::npos)
      << not_multipart.body;
  EXPECT_EQ(upload("/api/v1/establishments/750100208/continuity/plans/" + plan + "/document",
                   "pca.pdf", v1)
                .status,
            404);
  EXPECT_EQ(upload(std::string(kApi) + "/plans/999999/document", "pca.pdf", v1).status, 404);
  auto exe = upload(doc, "pca.exe", "MZ\x90");
  EXPECT_EQ(exe.status, 415);
  EXPECT_EQ(code(exe), "continuity.attachment_type");
  EXPECT_EQ(json::parse(exe.body)["error"]["fields"][0]["field"], "plan_document");
  // The message names the field by its label, not its key (issue 15 trial).
  EXPECT_EQ(json::parse(exe.body)["error"]["fields"][0]["message"].get<std::string>().rfind(
                "Document du plan : ", 0),
            0u)
      << exe.body;
  auto liar = upload(doc, "pca.pdf", "pas un PDF");
  EXPECT_EQ(liar.status, 415);
  EXPECT_EQ(code(liar), "continuity.attachment_type");
  // A PDF header alone is no document: it is opened, found unreadable (422).
  auto header = upload(doc, "pca.pdf", "%PDF-1.7\nPlan de continuité\n");
  EXPECT_EQ(header.status, 422);
  EXPECT_EQ(code(header), "continuity.attachment_unreadable");
  // Just over 5 Mio: read, refused by the store's limit; well over: refused unread.
  auto big = upload(doc, "pca.pdf", "%PDF" + std::string(5u << 20, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(code(big), "continuity.attachment_too_large");
  auto huge = upload(doc, "pca.pdf", "%PDF" + std::string(7u << 20, 'x'));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(count_rows(srv_.db().db(), "evidence_documents"), 0);
  EXPECT_EQ(srv_.get(doc).status, 404);

  auto first = upload(doc, "pca-2026.pdf", v1);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(json::parse(first.body)["version"], 1);
  auto second = upload(doc, "pca-2026-bis.pdf", v2);
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(json::parse(second.body)["version"], 2);
  // Or as JSON: the content in base64.
  call("POST", doc, {{"file_name", "pca.pdf"}, {"content_base64", "pas du base64!"}}, 422);
  call("POST", std::string(kApi) + "/plans/999999/document",
       {{"file_name", "pca.pdf"}, {"content_base64", "pas du base64!"}}, 404);
  auto third =
      call("POST", doc,
           {{"file_name", "pca-2026-ter.pdf"}, {"content_base64", files::base64_encode(v3)}}, 201);
  EXPECT_EQ(third["version"], 3);
  auto reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["plans"][0]["document"]["file_name"], "pca-2026-ter.pdf");
  EXPECT_EQ(reg["plans"][0]["document"]["version"], 3);
  auto got = srv_.get(doc);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, v3);
  EXPECT_EQ(got.header("content-type"), "application/pdf");
  // Carried by the plan's evidence record.
  {
    auto s = srv_.db().db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM evidence_documents d JOIN evidence e ON e.id = d.evidence_id "
          "WHERE e.source = 'continuity_plan:" +
              plan + "' AND e.withdrawn_at IS NULL",
        soci::into(n);
    EXPECT_EQ(n, 3);
  }
  // Outside the caller's scope the download is unknown.
  EXPECT_EQ(
      srv_.get("/api/v1/establishments/750100208/continuity/plans/" + plan + "/document").status,
      404);

  // The page: the document linked; a refused file names the field by its label.
  const std::string page = "/etablissements/750712184/continuite";
  auto shown = srv_.get(page);
  EXPECT_NE(shown.body.find("pca-2026-ter.pdf"), std::string::npos);
  EXPECT_NE(shown.body.find(page + "/plans/" + plan + "/document"), std::string::npos);
  auto refused = upload(page + "/plans/" + plan + "/document", "pca.exe", "MZ\x90");
  EXPECT_EQ(refused.status, 415);
  EXPECT_NE(refused.body.find("Document du plan : type de fichier refusé"), std::string::npos)
      << refused.body.substr(0, 300);
  auto too_big =
      upload(page + "/plans/" + plan + "/document", "pca.pdf", "%PDF" + std::string(7u << 20, 'x'));
  EXPECT_EQ(too_big.status, 413);
  EXPECT_NE(too_big.body.find("Document du plan : le fichier dépasse la taille maximale"),
            std::string::npos);
  auto ok = upload(page + "/plans/" + plan + "/document", "pca-v3.pdf", v1);
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(count_rows(srv_.db().db(), "evidence_documents"), 4);
  EXPECT_EQ(srv_.get(page + "/plans/" + plan + "/document").body, v1);
}

// Withdrawn, a BIA version, a plan and a test stay listed (who, when, why) and stop counting:
// bia-critical and pca-pra are no longer met from them.
TEST_P(ContinuityApiTest, WithdrawnRecordsStayListedAndStopCounting) {
  auto act = call("POST", std::string(kApi) + "/activities",
                  {{"name", "Urgences"},
                   {"activity_kind", "care_service"},
                   {"service", "urgences"},
                   {"owner", "Dr Martin"},
                   {"share_percent", 30}},
                  201);
  auto bia = call(
      "POST",
      std::string(kApi) + "/activities/" + std::to_string(act["id"].get<long long>()) + "/bias",
      {{"impacts", impacts(2)}, {"validated_by", "Direction"}, {"validated_on", "2026-03-01"}},
      201);
  auto pca = call("POST", std::string(kApi) + "/plans",
                  {{"plan_kind", "pca"},
                   {"title", "PCA 2026"},
                   {"scope", "global"},
                   {"covers_it_outage", true},
                   {"plan_version", "1"},
                   {"validated_by", "DG"},
                   {"validated_on", "2026-02-01"}},
                  201);
  const std::string plan = std::to_string(pca["id"].get<long long>());
  auto test = call("POST", std::string(kApi) + "/plans/" + plan + "/tests",
                   {{"held_on", "2026-03-02"}, {"scenario", "Panne"}}, 201);
  EXPECT_EQ(status("bia-critical"), "met");
  EXPECT_EQ(status("pca-pra"), "met");
  const std::string bia_url =
      std::string(kApi) + "/bias/" + std::to_string(bia["id"].get<long long>());
  const std::string test_url =
      std::string(kApi) + "/tests/" + std::to_string(test["id"].get<long long>());
  // Without the second factor: 403; unknown: 404; nothing changed.
  call("DELETE", bia_url, {{"reason", "Erreur de saisie"}}, 403);
  call("DELETE", std::string(kApi) + "/bias/999999", {{"reason", "Erreur"}}, 404);
  call("DELETE", std::string(kApi) + "/tests/999999", {{"reason", "Erreur"}}, 404);
  EXPECT_EQ(status("bia-critical"), "met");
  carepilot::testing::act_as(
      srv_, Role::establishment_editor,
      Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id),
      "agent.pca2@test.fr", /*totp=*/true);
  call("DELETE", bia_url, {{"reason", "  "}}, 422);
  auto w = call("DELETE", bia_url, {{"reason", "Erreur de saisie"}}, 200);
  EXPECT_EQ(w["withdrawal_reason"], "Erreur de saisie");
  call("DELETE", bia_url, {{"reason", "Encore"}}, 404);
  EXPECT_NE(status("bia-critical"), "met");
  call("DELETE", test_url, {{"reason", "Test saisi en double"}}, 200);
  const std::string page = "/etablissements/750712184/continuite";
  auto form = srv_.send("POST", page + "/plans/" + plan + "/retirer", "motif=Remplac%C3%A9",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 303) << form.body.substr(0, 300);
  EXPECT_NE(status("pca-pra"), "met");
  auto reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["plans"].size(), 0u);
  EXPECT_EQ(reg["bias"].size(), 0u);
  ASSERT_EQ(reg["withdrawn"].size(), 3u);
  auto shown = srv_.get(page).body;
  EXPECT_NE(shown.find("BIA de « Urgences », version 1"), std::string::npos);
  EXPECT_NE(shown.find("Plan « PCA 2026 »"), std::string::npos);
  EXPECT_NE(shown.find("Test du 02/03/2026 du plan « PCA 2026 »"), std::string::npos);
  EXPECT_NE(shown.find("Erreur de saisie"), std::string::npos);
  // The withdrawal page of a withdrawn plan says so; of another establishment's: 404.
  auto again = srv_.get(page + "/plans/" + plan + "/retirer");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(srv_.get("/etablissements/750100208/continuite/plans/" + plan + "/retirer").status,
            404);
}

// A field exercise records the services involved and, for each, the interruption observed,
// set against the DMIA of its activity's BIA (issue 15 trial): flagged when longer, said when
// no BIA counts; on the API, the page (form and table), the workbook and the report; an
// activity of another establishment, a service named twice, a duration in a test to come:
// refused naming « Services impliqués ».
TEST_P(ContinuityApiTest, APlanTestSetsEachServicesObservedInterruptionAgainstItsDmia) {
  auto urgences = call("POST", std::string(kApi) + "/activities",
                       {{"name", "Urgences"},
                        {"activity_kind", "care_service"},
                        {"service", "urgences"},
                        {"owner", "Dr Martin"},
                        {"share_percent", 30}},
                       201);
  auto paie = call("POST", std::string(kApi) + "/activities",
                   {{"name", "Paie"},
                    {"activity_kind", "admin_process"},
                    {"owner", "DRH"},
                    {"share_percent", 5}},
                   201);
  auto m = impacts(2);
  for (const char* h : {"24h", "72h", "1w", "1m"}) m["patient_safety"][h] = 3;  // DMIA 24 h
  call("POST",
       std::string(kApi) + "/activities/" + std::to_string(urgences["id"].get<long long>()) +
           "/bias",
       {{"impacts", m}, {"validated_by", "Direction"}, {"validated_on", "2026-03-01"}}, 201);
  auto plan = call("POST", std::string(kApi) + "/plans",
                   {{"plan_kind", "pca"},
                    {"title", "PCA 2026"},
                    {"scope", "global"},
                    {"covers_it_outage", true},
                    {"scenarios", "Indisponibilité informatique\nCyberattaque"},
                    {"plan_version", "1"},
                    {"validated_by", "Directrice"},
                    {"validated_on", "2026-02-01"}},
                   201);
  const auto plan_id = std::to_string(plan["id"].get<long long>());
  const std::string tests = std::string(kApi) + "/plans/" + plan_id + "/tests";
  auto t = call("POST", tests,
                {{"held_on", "2026-03-05"},
                 {"scenario", "Indisponibilité informatique"},
                 {"services",
                  {{{"activity_id", urgences["id"]}, {"observed_hours", 30}},
                   {{"activity_id", paie["id"]}, {"observed_hours", nullptr}}}}},
                201);
  ASSERT_EQ(t["services"].size(), 2u) << t.dump();
  EXPECT_EQ(t["services"][0]["activity"], "Paie");  // by name
  EXPECT_EQ(t["services"][0]["dmia_known"], false);
  EXPECT_TRUE(t["services"][0]["observed_hours"].is_null());
  EXPECT_EQ(t["services"][1]["activity"], "Urgences");
  EXPECT_EQ(t["services"][1]["observed_hours"], 30.0);
  EXPECT_EQ(t["services"][1]["dmia_hours"], 24);
  EXPECT_EQ(t["services"][1]["dmia_exceeded"], true);
  EXPECT_EQ(t["services"][1]["excess_hours"], 6.0);
  EXPECT_EQ(call("GET", kApi, nullptr, 200)["tests"][0]["services"], t["services"]);

  // Refused: an activity of no register here, one named twice, a duration in a test to come.
  auto e = call("POST", tests,
                {{"held_on", "2026-03-05"}, {"services", {{{"activity_id", 999999}}}}}, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.test_service_unknown");
  EXPECT_EQ(e["error"]["fields"][0]["field"], "test_services");
  EXPECT_EQ(e["error"]["message"].get<std::string>().rfind("Services impliqués : ", 0), 0u);
  e = call("POST", tests,
           {{"held_on", "2026-03-05"},
            {"services", {{{"activity_id", paie["id"]}}, {{"activity_id", paie["id"]}}}}},
           422);
  EXPECT_EQ(e["error"]["code"], "continuity.test_service_repeated");
  e = call("POST", tests,
           {{"planned_on", "2026-04-01"},
            {"services", {{{"activity_id", paie["id"]}, {"observed_hours", 2}}}}},
           422);
  EXPECT_EQ(e["error"]["code"], "continuity.observed_without_test");
  e = call("POST", tests, {{"held_on", "2026-03-05"}, {"services", "Paie"}}, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.test_services_invalid");

  // The page's form: a box and a duration per activity; the table flags the DMIA exceeded.
  const std::string page = "/etablissements/750712184/continuite";
  auto body = srv_.get(page).body;
  EXPECT_NE(body.find("name=\"test_service." + std::to_string(paie["id"].get<long long>()) + "\""),
            std::string::npos);
  const auto uid = std::to_string(urgences["id"].get<long long>());
  auto form = srv_.send("POST", page + "/tests",
                        "plan=" + plan_id + "&held_on=2026-03-06&test_service." + uid +
                            "=on&test_service_hours." + uid + "=12%2C5",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 303) << form.body.substr(0, 400);
  body = srv_.get(page).body;
  auto table = body.substr(body.find("data-testid=\"continuity-tests\""));
  table = table.substr(0, table.find("</table>"));
  EXPECT_NE(table.find("DMIA dépassée"), std::string::npos);
  EXPECT_NE(table.find("Urgences : interruption de"), std::string::npos);
  EXPECT_NE(table.find("Paie : durée non relevée (pas de BIA validé"), std::string::npos);
  // The page shows each counting BIA's impact matrix and each plan's scenarios (issue 15 trial).
  auto matrix = body.substr(body.find("data-testid=\"continuity-bia-matrix\""));
  matrix = matrix.substr(0, matrix.find("</table>"));
  EXPECT_NE(matrix.find("Urgences — BIA version 1 ; DMIA : 1 jour"), std::string::npos) << matrix;
  EXPECT_NE(matrix.find("Sécurité des patients"), std::string::npos);
  EXPECT_NE(matrix.find("<strong>3 — Grave</strong> (inacceptable)"), std::string::npos);
  EXPECT_NE(matrix.find("2 — Significatif"), std::string::npos);
  auto scenarios = body.substr(body.find("data-testid=\"continuity-plan-scenarios\""));
  scenarios = scenarios.substr(0, scenarios.find("</td>"));
  EXPECT_NE(scenarios.find("Indisponibilité informatique"), std::string::npos);
  EXPECT_NE(scenarios.find("Cyberattaque"), std::string::npos);
  const auto refused = srv_.send("POST", page + "/tests",
                                 "plan=" + plan_id + "&planned_on=2026-04-01&test_service." + uid +
                                     "=on&test_service_hours." + uid + "=2",
                                 "application/x-www-form-urlencoded");
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Services impliqués : « Urgences » : une durée s"),
            std::string::npos);
  EXPECT_NE(refused.body.find("name=\"test_service." + uid + "\" checked"), std::string::npos);
  // A duration typed for a service left unticked is refused, never dropped (issue 15 trial).
  const auto unticked =
      srv_.send("POST", page + "/tests",
                "plan=" + plan_id + "&held_on=2026-03-07&test_service_hours." + uid + "=3",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(unticked.status, 422);
  EXPECT_NE(unticked.body.find("Services impliqués : une interruption est saisie pour un service"),
            std::string::npos);
  EXPECT_EQ(srv_.get(page).body.find("07/03/2026"), std::string::npos);

  // The workbook's sheet of tests, one row per service.
  std::string kind;
  auto text = carepilot::testing::readable_text(srv_.get(page + ".xlsx"), &kind);
  for (const char* s :
       {"Tests des plans", "Service impliqué", "DMIA dépassée", "Paie", "pas de BIA validé",
        "Scénarios couverts", "Indisponibilité informatique, Cyberattaque"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  // The report's table of tests held.
  auto pdf = carepilot::testing::readable_text(srv_.get(page + ".pdf"), &kind);
  EXPECT_NE(pdf.find("Services impliqués"), std::string::npos);
}

// Every continuity refusal names its field by its French label, never by its key (issue 15
// trial: « held_on : … »): the plan test, the lessons, the backup self-declaration, the
// restore test, the JSON format errors; the API keeps the key in error.fields[].field.
TEST_P(ContinuityApiTest, EveryRefusalNamesItsFieldByItsLabel) {
  auto starts = [](const json& e, const std::string& label) {
    const auto message = e["error"]["message"].get<std::string>();
    EXPECT_EQ(message.rfind(label + " : ", 0), 0u) << e.dump();
    for (const auto& f : e["error"]["fields"]) {
      const auto m = f["message"].get<std::string>();
      const auto key = f["field"].get<std::string>();
      EXPECT_NE(m.rfind(key + " : ", 0), 0u) << "the key in the message: " << e.dump();
    }
  };
  auto plan = call("POST", std::string(kApi) + "/plans",
                   {{"plan_kind", "pca"},
                    {"title", "PCA 2026"},
                    {"scope", "global"},
                    {"covers_it_outage", true},
                    {"plan_version", "1"},
                    {"validated_by", "Directrice"},
                    {"validated_on", "2026-02-01"}},
                   201);
  const std::string tests =
      std::string(kApi) + "/plans/" + std::to_string(plan["id"].get<long long>()) + "/tests";
  starts(call("POST", tests, {{"held_on", "2026-03-11"}}, 422), "Date du test");
  starts(call("POST", tests, {{"held_on", "2026-01-11"}}, 422), "Date du test");
  starts(call("POST", tests, {{"held_on", "11/03/26"}}, 422), "Date du test");
  starts(call("POST", tests, {{"planned_on", "2026-03-01"}}, 422), "Date prévue du test");
  starts(call("POST", tests, {{"held_on", "2026-03-01"}, {"observed_hours", -1}}, 422),
         "Interruption observée (heures)");
  auto planned = call("POST", tests, {{"planned_on", "2026-04-01"}}, 201);
  starts(
      call("POST",
           std::string(kApi) + "/tests/" + std::to_string(planned["id"].get<long long>()) + "/paq",
           nullptr, 422),
      "Test du plan");
  auto resource = call("POST", std::string(kApi) + "/resources",
                       {{"name", "DPI"}, {"resource_kind", "application"}}, 201);
  const std::string restores = std::string(kApi) + "/resources/" +
                               std::to_string(resource["id"].get<long long>()) + "/restore-tests";
  starts(call("POST", restores,
              {{"restored_on", "2026-03-01"}, {"data_loss_hours", 1}, {"checked_by", "Dr A"}}, 422),
         "Durée de restauration mesurée (heures)");
  auto within = call("POST", restores,
                     {{"restored_on", "2026-03-01"},
                      {"restore_hours", 1},
                      {"data_loss_hours", 0},
                      {"checked_by", "Dr A"}},
                     201);
  starts(call("POST",
              std::string(kApi) + "/restore-tests/" +
                  std::to_string(within["id"].get<long long>()) + "/paq",
              nullptr, 422),
         "Test de restauration");
  starts(call("POST", std::string(kApi) + "/backup/policy",
              {{"answer", "yes"}, {"declared_on", "2026-03-11"}}, 422),
         "Date de déclaration");
  starts(call("POST", std::string(kApi) + "/backup/policy", {{"answer", "peut-être"}}, 422),
         "Réponse");
  starts(call("POST", std::string(kApi) + "/backup/policy",
              {{"answer", "no"}, {"declared_on", "2026-03-01"}, {"ad_level", "deux"}}, 422),
         "Niveau ANSSI de l'annuaire dédié");
}

INSTANTIATE_TEST_SUITE_P(Backends, ContinuityApiTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace

// A restore test of a resource (issue 15): recorded per resource with its date, measured
// restore duration and data loss, and the referent who checked the functions; the resource's
// required RTO/RPO (strictest DMIA/PDMA of the activities using it) set against the latest
// test, the gap flagged (« écart : 6 h de plus que requis »), then closed by a later test
// within the requirement. Refusals: a future date, hours out of range or not a number, no
// referent — 422 naming the field, nothing stored; a resource of another establishment: 404.
TEST_P(ContinuityApiTest, ARestoreTestIsSetAgainstTheRequiredRtoAndRpoWithTheGapFlagged) {
  auto dpi = call("POST", std::string(kApi) + "/resources",
                  {{"name", "Dossier patient informatisé"}, {"resource_kind", "application"}}, 201);
  const std::string restores = std::string(kApi) + "/resources/" +
                               std::to_string(dpi["id"].get<long long>()) + "/restore-tests";
  // Untested and no requirement yet.
  auto reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["resources"][0]["gap"], "no_requirement");
  EXPECT_TRUE(reg["resources"][0]["last_restore"].is_null());

  auto act = call("POST", std::string(kApi) + "/activities",
                  {{"name", "Urgences adultes"},
                   {"activity_kind", "care_service"},
                   {"service", "urgences"},
                   {"owner", "Dr Martin"},
                   {"share_percent", 30},
                   {"resources", {dpi["id"]}}},
                  201);
  // Unacceptable from 24 h (DMIA 24 h), data from 4 h (PDMA 4 h).
  auto m = impacts(2);
  for (const char* h : {"24h", "72h", "1w", "1m"}) m["patient_safety"][h] = 3;
  for (const char* h : {"4h", "24h", "72h", "1w", "1m"}) m["data"][h] = 3;
  call("POST",
       std::string(kApi) + "/activities/" + std::to_string(act["id"].get<long long>()) + "/bias",
       {{"impacts", m}, {"validated_by", "Direction"}, {"validated_on", "2026-03-01"}}, 201);
  reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["resources"][0]["rto_hours"], 24);
  EXPECT_EQ(reg["resources"][0]["rpo_hours"], 4);
  EXPECT_EQ(reg["resources"][0]["gap"], "untested");

  // Refusals, nothing stored.
  json bad{{"restored_on", "2026-03-11"},
           {"restore_hours", 30},
           {"data_loss_hours", 2},
           {"checked_by", "Dr Martin"}};
  auto e = call("POST", restores, bad, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.date_in_future");
  EXPECT_EQ(e["error"]["fields"][0]["field"], "restored_on");
  EXPECT_EQ(e["error"]["message"].get<std::string>().rfind("Date du test de restauration : ", 0),
            0u)
      << e.dump();
  bad["restored_on"] = "2026-03-10";
  bad["restore_hours"] = -1;
  e = call("POST", restores, bad, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.restore_hours_out_of_range");
  bad["restore_hours"] = 30;
  bad["checked_by"] = "";
  e = call("POST", restores, bad, 422);
  EXPECT_EQ(e["error"]["code"], "continuity.checked_by_required");
  bad["checked_by"] = "Dr Martin";
  bad["data_loss_hours"] = "deux";
  call("POST", restores, bad, 400);
  bad["data_loss_hours"] = 2;
  call("POST", "/api/v1/establishments/750712184/continuity/resources/999999/restore-tests", bad,
       404);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_restore_tests"), 0);

  // 30 h to restore against 24 h required: 6 h over; 2 h lost against 4 h: within.
  auto t = call("POST", restores, bad, 201);
  EXPECT_EQ(t["restore_hours"], 30.0);
  EXPECT_EQ(t["restored_on"], "2026-03-10");
  reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["resources"][0]["gap"], "rto_exceeded");
  EXPECT_EQ(reg["resources"][0]["rto_excess_hours"], 6.0);
  EXPECT_EQ(reg["resources"][0]["rpo_excess_hours"], 0.0);
  EXPECT_EQ(reg["resources"][0]["last_restore"]["id"], t["id"]);
  EXPECT_EQ(reg["restore_tests"].size(), 1u);
  auto page = srv_.get("/etablissements/750712184/continuite").body;
  EXPECT_NE(page.find("écart : 6 heures de plus que requis pour la reprise"), std::string::npos);
  EXPECT_NE(page.find("reprise en 30 heures, 2 heures de données perdues"), std::string::npos);

  // The same day, a later test within both (1 h 30, no loss): the latest counts, no gap.
  call("POST", restores,
       {{"restored_on", "2026-03-10"},
        {"restore_hours", 1.5},
        {"data_loss_hours", 0},
        {"checked_by", "Dr Martin"}},
       201);
  reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["resources"][0]["gap"], "ok");
  page = srv_.get("/etablissements/750712184/continuite").body;
  EXPECT_EQ(page.find("de plus que requis"), std::string::npos);
  EXPECT_NE(page.find("reprise en 1 heure 30 minutes, aucune donnée perdue"), std::string::npos);

  // The page's form: a future date refused, the field named by its label, values kept.
  const char* form = "application/x-www-form-urlencoded";
  const std::string id = std::to_string(dpi["id"].get<long long>());
  auto refused = srv_.send("POST", "/etablissements/750712184/continuite/restaurations",
                           "resource=" + id +
                               "&restored_on=2026-03-11&restore_hours=2&data_loss_hours=0&"
                               "checked_by=Dr+Durand",
                           form);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Date du test de restauration : la date ne peut pas être dans le "
                              "futur."),
            std::string::npos);
  EXPECT_NE(refused.body.find("value=\"Dr Durand\""), std::string::npos);
  EXPECT_EQ(srv_.send("POST", "/etablissements/750712184/continuite/restaurations",
                      "resource=" + id +
                          "&restored_on=2026-03-09&restore_hours=2%2C5&data_loss_hours=0&"
                          "checked_by=Dr+Durand",
                      form)
                .status,
            303);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_restore_tests"), 3);
  // Another establishment's resource through this one's form: refused as unknown.
  auto other = srv_.send("POST", "/etablissements/750712184/continuite/restaurations",
                         "resource=999999&restored_on=2026-03-09&restore_hours=2&"
                         "data_loss_hours=0&checked_by=X",
                         form);
  EXPECT_EQ(other.status, 422);
  EXPECT_NE(other.body.find("Ressource : choisissez une ressource du registre."),
            std::string::npos);
}

// The register as a workbook (common/xlsx.hpp), linked from the page: the activities with
// their BIA (DMIA, PDMA), the resources with the required RTO/RPO, last restore test and gap,
// the plans; another establishment's: 404.
TEST_P(ContinuityApiTest, TheRegisterExportsAsAWorkbookWithTheGaps) {
  auto dpi = call("POST", std::string(kApi) + "/resources",
                  {{"name", "Dossier patient informatisé"}, {"resource_kind", "application"}}, 201);
  auto act = call("POST", std::string(kApi) + "/activities",
                  {{"name", "Urgences adultes"},
                   {"activity_kind", "care_service"},
                   {"service", "urgences"},
                   {"owner", "Dr Martin"},
                   {"share_percent", 30},
                   {"resources", {dpi["id"]}}},
                  201);
  auto m = impacts(2);
  for (const char* h : {"24h", "72h", "1w", "1m"}) m["patient_safety"][h] = 3;
  // The PDMA (no unacceptable data loss within a month) set by hand, with its justification.
  call("POST",
       std::string(kApi) + "/activities/" + std::to_string(act["id"].get<long long>()) + "/bias",
       {{"impacts", m},
        {"pdma_hours", 8},
        {"pdma_justification", "Sauvegarde toutes les 8 heures"},
        {"validated_by", "Direction"},
        {"validated_on", "2026-03-01"}},
       201);
  // An activity tolerant beyond the scale: DMIA and PDMA « au-delà d'un mois ».
  auto paie = call("POST", std::string(kApi) + "/activities",
                   {{"name", "Paie"},
                    {"activity_kind", "admin_process"},
                    {"owner", "DRH"},
                    {"share_percent", 5}},
                   201);
  call("POST",
       std::string(kApi) + "/activities/" + std::to_string(paie["id"].get<long long>()) + "/bias",
       {{"impacts", impacts(1)}, {"validated_by", "Direction"}, {"validated_on", "2026-03-01"}},
       201);
  call("POST",
       std::string(kApi) + "/resources/" + std::to_string(dpi["id"].get<long long>()) +
           "/restore-tests",
       {{"restored_on", "2026-03-05"},
        {"restore_hours", 30},
        {"data_loss_hours", 1},
        {"checked_by", "Dr Martin"}},
       201);
  call("POST", std::string(kApi) + "/plans",
       {{"plan_kind", "pca"},
        {"title", "PCA des urgences"},
        {"scope", "global"},
        {"plan_version", "2"},
        {"validated_by", "Directrice"},
        {"validated_on", "2026-02-01"}},
       201);
  const std::string page = "/etablissements/750712184/continuite";
  EXPECT_NE(srv_.get(page).body.find("href=\"" + page + ".xlsx\""), std::string::npos);
  auto x = srv_.get(page + ".xlsx");
  ASSERT_EQ(x.status, 200);
  std::string kind;
  auto text = carepilot::testing::readable_text(x, &kind);
  EXPECT_EQ(kind, "xlsx");
  for (const char* s : {"Urgences adultes", "Dossier patient informatisé", "PCA des urgences",
                        "écart : 6 heures de plus que requis pour la reprise", "Dr Martin",
                        "Activités et BIA", "Ressources RTO RPO",
                        // Issue 15 trial: a tolerance beyond the scale, one set by hand with its
                        // justification, the impact matrix.
                        "au-delà d'un mois", "fixée à la main : Sauvegarde toutes les 8 heures",
                        "déduite de la matrice", "Matrice des impacts", "Sécurité des patients",
                        "3 — Grave (inacceptable)", "2 — Significatif", "1 semaine"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_EQ(srv_.get("/etablissements/750100208/continuite.xlsx").status, 404);
}

// A restore test is proof: withdrawn with a reason, never deleted (issue 15). Withdrawn, it no
// longer counts for the resource's measured recovery: the gap follows the latest test left, or
// none (untested); it stays listed with who, when and why, on the page and in the API. Without
// the second factor: 403; another establishment's or already withdrawn: 404; no reason: 422.
TEST_P(ContinuityApiTest, AWithdrawnRestoreTestIsKeptAndNoLongerCounts) {
  auto dpi = call("POST", std::string(kApi) + "/resources",
                  {{"name", "Dossier patient informatisé"}, {"resource_kind", "application"}}, 201);
  auto act = call("POST", std::string(kApi) + "/activities",
                  {{"name", "Urgences adultes"},
                   {"activity_kind", "care_service"},
                   {"service", "urgences"},
                   {"owner", "Dr Martin"},
                   {"share_percent", 30},
                   {"resources", {dpi["id"]}}},
                  201);
  auto m = impacts(2);
  for (const char* h : {"24h", "72h", "1w", "1m"}) m["patient_safety"][h] = 3;
  call("POST",
       std::string(kApi) + "/activities/" + std::to_string(act["id"].get<long long>()) + "/bias",
       {{"impacts", m}, {"validated_by", "Direction"}, {"validated_on", "2026-03-01"}}, 201);
  const std::string restores = std::string(kApi) + "/resources/" +
                               std::to_string(dpi["id"].get<long long>()) + "/restore-tests";
  // Within the 24 h required on the 5th, 30 h on the 9th: the latest counts, 6 h over.
  auto within = call("POST", restores,
                     {{"restored_on", "2026-03-05"},
                      {"restore_hours", 3},
                      {"data_loss_hours", 0},
                      {"checked_by", "Dr Martin"}},
                     201);
  auto over = call("POST", restores,
                   {{"restored_on", "2026-03-09"},
                    {"restore_hours", 30},
                    {"data_loss_hours", 0},
                    {"checked_by", "Dr Durand"}},
                   201);
  auto reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["resources"][0]["gap"], "rto_exceeded");
  const std::string over_url =
      std::string(kApi) + "/restore-tests/" + std::to_string(over["id"].get<long long>());
  const std::string within_url =
      std::string(kApi) + "/restore-tests/" + std::to_string(within["id"].get<long long>());
  call("DELETE", over_url, {{"reason", "Mesure saisie par erreur"}}, 403);
  call("DELETE", std::string(kApi) + "/restore-tests/999999", {{"reason", "Erreur"}}, 404);
  // Another establishment's FINESS (outside the caller's scope): 404.
  call("DELETE",
       "/api/v1/establishments/750100208/continuity/restore-tests/" +
           std::to_string(over["id"].get<long long>()),
       {{"reason", "Erreur"}}, 404);
  carepilot::testing::act_as(
      srv_, Role::establishment_editor,
      Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id),
      "agent.pca2@test.fr", /*totp=*/true);
  call("DELETE", over_url, {{"reason", " "}}, 422);
  EXPECT_EQ(call("GET", kApi, nullptr, 200)["resources"][0]["gap"], "rto_exceeded");
  auto w = call("DELETE", over_url, {{"reason", "Mesure saisie par erreur"}}, 200);
  EXPECT_EQ(w["withdrawal_reason"], "Mesure saisie par erreur");
  call("DELETE", over_url, {{"reason", "Encore"}}, 404);
  // The earlier test within the requirement counts again: no gap.
  reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["resources"][0]["gap"], "ok");
  EXPECT_EQ(reg["resources"][0]["last_restore"]["id"], within["id"]);
  ASSERT_EQ(reg["restore_tests"].size(), 1u);
  ASSERT_EQ(reg["withdrawn"].size(), 1u);
  EXPECT_EQ(reg["withdrawn"][0]["record"], "restore_test");
  EXPECT_EQ(reg["withdrawn"][0]["label"],
            "Test de restauration du 09/03/2026 de « Dossier patient informatisé »");
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_restore_tests"), 2);

  // Through the page: the confirmation page names the test, the form withdraws it; then the
  // resource is untested again.
  const std::string page = "/etablissements/750712184/continuite";
  const std::string within_page =
      page + "/restaurations/" + std::to_string(within["id"].get<long long>()) + "/retirer";
  auto shown = srv_.get(page).body;
  EXPECT_NE(shown.find("href=\"" + within_page + "\""), std::string::npos);
  auto confirm = srv_.get(within_page);
  EXPECT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("Retirer un test de restauration"), std::string::npos);
  EXPECT_NE(confirm.body.find("reprise en 3 heures, aucune donnée perdue"), std::string::npos);
  EXPECT_EQ(srv_.get("/etablissements/750100208/continuite/restaurations/" +
                     std::to_string(within["id"].get<long long>()) + "/retirer")
                .status,
            404);
  const char* form = "application/x-www-form-urlencoded";
  auto refused = srv_.send("POST", within_page, "motif=", form);
  EXPECT_EQ(refused.status, 422);
  auto done = srv_.send("POST", within_page, "motif=Doublon", form);
  EXPECT_EQ(done.status, 303) << done.body.substr(0, 300);
  reg = call("GET", kApi, nullptr, 200);
  EXPECT_EQ(reg["resources"][0]["gap"], "untested");
  EXPECT_TRUE(reg["resources"][0]["last_restore"].is_null());
  shown = srv_.get(page + "?retire=restauration").body;
  EXPECT_NE(shown.find("Test de restauration retiré."), std::string::npos);
  EXPECT_NE(shown.find("Test de restauration du 05/03/2026 de « Dossier patient informatisé »"),
            std::string::npos);
  EXPECT_NE(shown.find("inconnu : aucun test de restauration"), std::string::npos);
  EXPECT_NE(shown.find("Aucun test de restauration enregistré."), std::string::npos);
  EXPECT_EQ(srv_.get(within_page).status, 200);  // says it was withdrawn
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_restore_tests"), 2);
}

// The lessons of a continuity test go to the PAQ in one click (issue 15): what failed in a
// held plan test, and a restore test over its resource's requirement, become one action each
// of origin « Continuité d'activité », read « test de continuité n° N du 02/03/2026 » with a
// link back to the test's row; a second send answers the same action. A planned test, a test
// with no failure, a restore test within the requirement: 422 naming the field; another
// establishment's: 404.
TEST_P(ContinuityApiTest, ATestsLessonsGoToThePaqOnceWithALinkBack) {
  auto pca = call("POST", std::string(kApi) + "/plans",
                  {{"plan_kind", "pca"},
                   {"title", "PCA 2026"},
                   {"scope", "global"},
                   {"plan_version", "1"},
                   {"validated_by", "Directrice"},
                   {"validated_on", "2026-02-01"}},
                  201);
  const std::string tests =
      std::string(kApi) + "/plans/" + std::to_string(pca["id"].get<long long>()) + "/tests";
  auto held = call("POST", tests,
                   {{"held_on", "2026-03-02"},
                    {"scenario", "Panne du DPI"},
                    {"observed_hours", 6},
                    {"failures", "Fiches réflexes introuvables"}},
                   201);
  auto clean = call("POST", tests, {{"held_on", "2026-03-03"}}, 201);
  auto planned = call("POST", tests, {{"planned_on", "2026-09-01"}}, 201);
  auto url = [&](const json& t) {
    return std::string(kApi) + "/tests/" + std::to_string(t["id"].get<long long>()) + "/paq";
  };
  auto e = call("POST", url(planned), json::object(), 422);
  EXPECT_EQ(e["error"]["code"], "continuity.test_not_held");
  e = call("POST", url(clean), json::object(), 422);
  EXPECT_EQ(e["error"]["code"], "continuity.test_without_failures");
  EXPECT_EQ(e["error"]["fields"][0]["field"], "test");
  call("POST", std::string(kApi) + "/tests/999999/paq", json::object(), 404);
  call("POST",
       "/api/v1/establishments/750100208/continuity/tests/" +
           std::to_string(held["id"].get<long long>()) + "/paq",
       json::object(), 404);
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 0);

  auto sent = call("POST", url(held), json::object(), 201);
  EXPECT_EQ(sent["created"], true);
  const std::string ref =
      "continuity_test:" + std::to_string(held["id"].get<long long>()) + ":2026-03-02";
  EXPECT_EQ(sent["source_ref"], ref);
  auto again = call("POST", url(held), json::object(), 200);
  EXPECT_EQ(again["paq_action_id"], sent["paq_action_id"]);
  EXPECT_EQ(again["created"], false);
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 1);
  const std::string action = std::to_string(sent["paq_action_id"].get<long long>());
  auto a = call("GET", "/api/v1/establishments/750712184/paq/actions/" + action, nullptr, 200);
  EXPECT_EQ(a["source"], "continuity");
  EXPECT_EQ(a["source_ref"], ref);
  EXPECT_EQ(a["title"], "Continuité : leçons du test du 02/03/2026 du plan « PCA 2026 »");
  EXPECT_NE(a["description"].get<std::string>().find("Fiches réflexes introuvables"),
            std::string::npos);
  EXPECT_EQ(a["owner"], "Directrice");
  // The PAQ action's page reads the origin in words and links back to the test's row.
  auto shown = srv_.get("/etablissements/750712184/paq/" + action).body;
  EXPECT_NE(shown.find("test de continuité n° " + std::to_string(held["id"].get<long long>()) +
                       " du 02/03/2026"),
            std::string::npos);
  EXPECT_NE(shown.find("/etablissements/750712184/continuite#test-" +
                       std::to_string(held["id"].get<long long>())),
            std::string::npos);
  // The continuity page links the test to its action; the clean test has no button.
  auto page = srv_.get("/etablissements/750712184/continuite").body;
  EXPECT_NE(page.find("href=\"/etablissements/750712184/paq/" + action + "\""), std::string::npos);
  EXPECT_EQ(page.find("data-testid=\"continuity-test-paq\""), std::string::npos);

  // A restore test: within its requirement, nothing to send; over it, sent through the page's
  // button, which leads to the action.
  auto dpi = call("POST", std::string(kApi) + "/resources",
                  {{"name", "Dossier patient informatisé"}, {"resource_kind", "application"}}, 201);
  auto act = call("POST", std::string(kApi) + "/activities",
                  {{"name", "Urgences adultes"},
                   {"activity_kind", "care_service"},
                   {"service", "urgences"},
                   {"owner", "Dr Martin"},
                   {"share_percent", 30},
                   {"resources", {dpi["id"]}}},
                  201);
  auto m = impacts(2);
  for (const char* h : {"24h", "72h", "1w", "1m"}) m["patient_safety"][h] = 3;
  call("POST",
       std::string(kApi) + "/activities/" + std::to_string(act["id"].get<long long>()) + "/bias",
       {{"impacts", m}, {"validated_by", "Direction"}, {"validated_on", "2026-03-01"}}, 201);
  const std::string restores = std::string(kApi) + "/resources/" +
                               std::to_string(dpi["id"].get<long long>()) + "/restore-tests";
  auto within = call("POST", restores,
                     {{"restored_on", "2026-03-05"},
                      {"restore_hours", 24},
                      {"data_loss_hours", 0},
                      {"checked_by", "Dr Martin"}},
                     201);
  auto over = call("POST", restores,
                   {{"restored_on", "2026-03-06"},
                    {"restore_hours", 30},
                    {"data_loss_hours", 0},
                    {"checked_by", "Dr Durand"}},
                   201);
  e = call("POST",
           std::string(kApi) + "/restore-tests/" + std::to_string(within["id"].get<long long>()) +
               "/paq",
           json::object(), 422);
  EXPECT_EQ(e["error"]["code"], "continuity.restore_within_requirement");
  page = srv_.get("/etablissements/750712184/continuite").body;
  const std::string form_action = "/etablissements/750712184/continuite/restaurations/" +
                                  std::to_string(over["id"].get<long long>()) + "/paq";
  EXPECT_NE(page.find("action=\"" + form_action + "\""), std::string::npos);
  auto r = srv_.send("POST", form_action, "", "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 2);
  auto second = srv_.send("POST", form_action, "", "application/x-www-form-urlencoded");
  EXPECT_EQ(second.status, 303);
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 2);
  auto list = call("GET", "/api/v1/establishments/750712184/paq/actions", nullptr, 200);
  bool found = false;
  for (const auto& x : list["items"])
    if (x["source_ref"] ==
        "restore_test:" + std::to_string(over["id"].get<long long>()) + ":2026-03-06") {
      found = true;
      EXPECT_EQ(x["title"],
                "Continuité : restauration de « Dossier patient informatisé » hors exigences "
                "(test du 06/03/2026)");
    }
  EXPECT_TRUE(found) << list.dump().substr(0, 400);
}

// The test plan on the page (issue 15): the plans with no test held since their validation,
// with their planned test date, flagged late once that date has passed; a plan tested leaves
// the list.
TEST_P(ContinuityApiTest, ThePageListsThePlansNotYetTestedWithTheLateOnesFlagged) {
  auto add_plan = [&](const char* title) {
    return call("POST", std::string(kApi) + "/plans",
                {{"plan_kind", "pca"},
                 {"title", title},
                 {"scope", "global"},
                 {"plan_version", "1"},
                 {"validated_by", "Directrice"},
                 {"validated_on", "2026-02-01"}},
                201);
  };
  auto tests_of = [&](const json& p) {
    return std::string(kApi) + "/plans/" + std::to_string(p["id"].get<long long>()) + "/tests";
  };
  auto planned = add_plan("PCA planifié");
  auto tested = add_plan("PCA testé");
  add_plan("PCA sans date");
  call("POST", tests_of(planned), {{"planned_on", "2026-03-20"}}, 201);
  call("POST", tests_of(tested), {{"held_on", "2026-03-02"}}, 201);
  const std::string page = "/etablissements/750712184/continuite";
  auto body = srv_.get(page).body;
  auto table = body.substr(body.find("data-testid=\"continuity-untested-plans\""));
  table = table.substr(0, table.find("</table>"));
  EXPECT_NE(table.find("PCA planifié"), std::string::npos);
  EXPECT_NE(table.find("20/03/2026"), std::string::npos);
  EXPECT_NE(table.find("PCA sans date"), std::string::npos);
  EXPECT_NE(table.find("aucune date prévue"), std::string::npos);
  EXPECT_EQ(table.find("PCA testé"), std::string::npos);
  EXPECT_EQ(table.find("En retard"), std::string::npos);
  EXPECT_NE(body.find("2 plans sans test tenu depuis la validation"), std::string::npos);
  // The planned day itself is not late; the day after is.
  srv_.app().continuity().today = [] { return day("2026-03-20"); };
  EXPECT_EQ(srv_.get(page).body.find("continuity-test-late"), std::string::npos);
  srv_.app().continuity().today = [] { return day("2026-03-21"); };
  body = srv_.get(page).body;
  EXPECT_NE(body.find("data-testid=\"continuity-test-late\">En retard"), std::string::npos);
}
