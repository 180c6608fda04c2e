// The backup posture self-declaration (issue 15; D2.O2/D2.O3) through its API and page, on both
// backends: versions (the latest not withdrawn counts), the evidence through the attachment
// store (type and size checked), independent authentication with its ADS level, refusals in
// the order 415/400, 404, 422 naming the field with nothing stored, withdrawal that keeps the
// version and its evidence.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "common/attachment.hpp"
#include "continuity/store/backup.hpp"
#include "module_fixture.hpp"
#include "test_db.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::module_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

constexpr const char* kApi = "/api/v1/establishments/750712184/continuity/backup";

class ContinuityBackupTest : public ::testing::TestWithParam<const char*> {
 protected:
  ContinuityBackupTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return day("2026-03-10"); };
    srv_.app().continuity().today = [] { return day("2026-03-10"); };
    srv_.app().repo().create(Scope::nation(), module_establishment("750712184", "CH A"));
    srv_.app().repo().create(Scope::nation(), module_establishment("750100208", "CH B"));
    carepilot::testing::act_as(
        srv_, Role::establishment_editor,
        Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id),
        "agent.sauvegarde@test.fr", /*totp=*/true);
  }
  // A body with a small text document (a « Oui » rests on its evidence).
  static json with_doc(json body) {
    body["document"] = {{"file_name", "preuve.txt"},
                        {"content_base64", files::base64_encode("Compte rendu.\n")}};
    return body;
  }
  carepilot::testing::HttpResult post(const std::string& point, const json& body) {
    return srv_.send("POST", std::string(kApi) + "/" + point, body.dump(), "application/json");
  }
  TestServer srv_;
};

TEST_P(ContinuityBackupTest, VersionsEvidenceAndWithdrawal) {
  auto r = json::parse(srv_.get(kApi).body);
  ASSERT_EQ(r["points"].size(), 6u);
  EXPECT_EQ(r["points"][0]["id"], "policy");
  EXPECT_TRUE(r["points"][0]["current"].is_null());
  EXPECT_EQ(r["ads_level_required"], 3);

  const std::string doc = files::base64_encode("Politique de sauvegarde validée.\n");
  auto v1 =
      post("policy", {{"answer", "partial"},
                      {"declared_on", "2026-01-15"},
                      {"document", {{"file_name", "politique.txt"}, {"content_base64", doc}}}});
  ASSERT_EQ(v1.status, 201) << v1.body;
  auto j1 = json::parse(v1.body);
  EXPECT_EQ(j1["version"], 1);
  EXPECT_EQ(j1["document"]["file_name"], "politique.txt");
  // Issue 15 trial: « Oui » without its evidence proved nothing; refused, nothing stored.
  auto bare = post("policy", {{"answer", "yes"}, {"declared_on", "2026-03-10"}});
  ASSERT_EQ(bare.status, 422) << bare.body;
  EXPECT_NE(bare.body.find("continuity.backup_document_required"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_backup_declarations"), 1);
  auto v2 = post("policy", with_doc({{"answer", "yes"}, {"declared_on", "2026-03-10"}}));
  ASSERT_EQ(v2.status, 201) << v2.body;
  r = json::parse(srv_.get(kApi).body);
  EXPECT_EQ(r["points"][0]["current"]["version"], 2);
  EXPECT_EQ(r["points"][0]["current"]["answer"], "yes");
  EXPECT_EQ(r["points"][0]["versions"].size(), 2u);
  auto file = srv_.get(std::string(kApi) + "/declarations/" +
                       std::to_string(j1["id"].get<long long>()) + "/document");
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "Politique de sauvegarde validée.\n");

  // Withdrawn: kept, with its reason; the first version counts again.
  const std::string del = std::string(kApi) + "/declarations/" +
                          std::to_string(json::parse(v2.body)["id"].get<long long>());
  EXPECT_EQ(srv_.send("DELETE", del, R"({"reason": ""})", "application/json").status, 422);
  auto w = srv_.send("DELETE", del, R"({"reason": "Saisie prématurée"})", "application/json");
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(srv_.send("DELETE", del, R"({"reason": "encore"})", "application/json").status, 404);
  r = json::parse(srv_.get(kApi).body);
  EXPECT_EQ(r["points"][0]["current"]["version"], 1);
  EXPECT_EQ(r["points"][0]["versions"][1]["withdrawal"]["withdrawal_reason"], "Saisie prématurée");
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_backup_declarations"), 2);
  EXPECT_EQ(audit_count(srv_.db().db(), "continuity_backup",
                        std::to_string(j1["id"].get<long long>()), "create"),
            1);

  // From the page (issue 15: no way to withdraw there): the version that counts has its link,
  // the confirmation names it; no reason, refused; with one, withdrawn and kept; again, 409.
  const std::string page = "/etablissements/750712184/continuite/sauvegardes";
  const std::string v1_url = page + "/" + std::to_string(j1["id"].get<long long>()) + "/retirer";
  auto listing = srv_.get(page);
  EXPECT_NE(listing.body.find("href=\"" + v1_url + "\""), std::string::npos);
  EXPECT_NE(listing.body.find("Retirer la version 1"), std::string::npos);
  auto confirm = srv_.get(v1_url);
  ASSERT_EQ(confirm.status, 200) << confirm.body.substr(0, 300);
  EXPECT_NE(confirm.body.find("politique.txt"), std::string::npos);
  EXPECT_NE(confirm.body.find("Motif du retrait"), std::string::npos);
  const char* form = "application/x-www-form-urlencoded";
  auto empty = srv_.send("POST", v1_url, "motif=", form);
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("Motif du retrait"), std::string::npos);
  auto done = srv_.send("POST", v1_url, "motif=Politique+remplac%C3%A9e", form);
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.header("location"), page + "?retire=sauvegarde");
  r = json::parse(srv_.get(kApi).body);
  EXPECT_TRUE(r["points"][0]["current"].is_null());
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_backup_declarations"), 2);
  EXPECT_EQ(srv_.send("POST", v1_url, "motif=encore", form).status, 409);
  // Another establishment's version: 404.
  EXPECT_EQ(srv_.get("/etablissements/750100208/continuite/sauvegardes/" +
                     std::to_string(j1["id"].get<long long>()) + "/retirer")
                .status,
            404);
}

TEST_P(ContinuityBackupTest, IndependentAuthenticationAndItsLevel) {
  // Answered yes: the mode and the second factor are required; a dedicated directory a level.
  auto bad = post("independent_auth", {{"answer", "yes"}, {"declared_on", "2026-03-01"}});
  ASSERT_EQ(bad.status, 422);
  for (const char* f : {"auth_mode", "second_factor"})
    EXPECT_NE(bad.body.find(std::string("\"") + f + "\""), std::string::npos) << bad.body;
  bad = post("independent_auth", {{"answer", "yes"},
                                  {"declared_on", "2026-03-01"},
                                  {"auth_mode", "dedicated_directory"},
                                  {"second_factor", true},
                                  {"ad_level", 6}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("continuity.backup_ad_level_invalid"), std::string::npos);
  // An AD audit that is not this establishment's: refused.
  bad = post("independent_auth", {{"answer", "yes"},
                                  {"declared_on", "2026-03-01"},
                                  {"auth_mode", "dedicated_directory"},
                                  {"second_factor", true},
                                  {"ad_audit_id", 424242}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("continuity.backup_ad_audit_unknown"), std::string::npos);
  // Issue 15 trial: « Oui » contradicting itself was accepted. The establishment's directory,
  // no second factor, a dedicated directory below level 3: refused, naming the answer.
  for (const auto& [mode, second, level, code] :
       {std::tuple{"shared_directory", true, 0, "continuity.backup_auth_not_independent"},
        std::tuple{"local_accounts", false, 0, "continuity.backup_auth_without_second_factor"},
        std::tuple{"dedicated_directory", true, 2, "continuity.backup_auth_level_too_low"}}) {
    json body = with_doc({{"answer", "yes"},
                          {"declared_on", "2026-03-01"},
                          {"auth_mode", mode},
                          {"second_factor", second}});
    if (level) body["ad_level"] = level;
    bad = post("independent_auth", body);
    ASSERT_EQ(bad.status, 422) << mode;
    auto err = json::parse(bad.body)["error"]["fields"];
    ASSERT_EQ(err.size(), 1u) << bad.body;
    EXPECT_EQ(err[0]["code"], code);
    EXPECT_EQ(err[0]["field"], "answer");
  }
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_backup_declarations"), 0);
  auto ok = post("independent_auth", with_doc({{"answer", "yes"},
                                               {"declared_on", "2026-03-01"},
                                               {"auth_mode", "dedicated_directory"},
                                               {"second_factor", true},
                                               {"ad_level", 3}}));
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["ad_level"], 3);
  // Local accounts: no level kept; answered no: nothing about authentication asked.
  ok = post("independent_auth", {{"answer", "partial"},
                                 {"declared_on", "2026-03-02"},
                                 {"auth_mode", "local_accounts"},
                                 {"second_factor", false},
                                 {"ad_level", 2}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_TRUE(json::parse(ok.body)["ad_level"].is_null());
  ok = post("independent_auth", {{"answer", "no"}, {"declared_on", "2026-03-03"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_TRUE(json::parse(ok.body)["auth_mode"].is_null());
}

TEST_P(ContinuityBackupTest, RefusalsComeInOrderAndStoreNothing) {
  EXPECT_EQ(srv_.send("POST", std::string(kApi) + "/policy", "answer=yes", "text/plain").status,
            415);
  EXPECT_EQ(srv_.send("POST", std::string(kApi) + "/policy", "{", "application/json").status, 400);
  // Another establishment (outside the scope), an unknown point: 404.
  EXPECT_EQ(srv_.send("POST", "/api/v1/establishments/750100208/continuity/backup/policy",
                      R"({"answer": "maybe"})", "application/json")
                .status,
            404);
  EXPECT_EQ(post("encryption", {{"answer", "yes"}, {"declared_on", "2026-03-01"}}).status, 404);
  // On both sides of today; an unknown answer; a file of a type refused or a false PDF.
  auto r = post("supervision", {{"answer", "yes"}, {"declared_on", "2026-03-11"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("continuity.date_in_future"), std::string::npos);
  EXPECT_EQ(post("supervision", {{"answer", "maybe"}, {"declared_on", "2026-03-10"}}).status, 422);
  EXPECT_EQ(post("supervision", {{"answer", "yes"}}).status, 422);
  r = post("supervision",
           {{"answer", "yes"},
            {"declared_on", "2026-03-10"},
            {"document",
             {{"file_name", "preuve.exe"}, {"content_base64", files::base64_encode("MZ")}}}});
  EXPECT_EQ(r.status, 415) << r.body;
  r = post(
      "supervision",
      {{"answer", "yes"},
       {"declared_on", "2026-03-10"},
       {"document",
        {{"file_name", "preuve.pdf"}, {"content_base64", files::base64_encode("pas un pdf")}}}});
  EXPECT_EQ(r.status, 415) << r.body;
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_backup_declarations"), 0);
  EXPECT_EQ(
      post("supervision", with_doc({{"answer", "yes"}, {"declared_on", "2026-03-10"}})).status,
      201);

  // The page: a refused form names the field by its label, keeps the values; then saved.
  auto page = srv_.get("/etablissements/750712184/continuite/sauvegardes");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Règle 3-2-1"), std::string::npos);
  const std::string boundary = "XyZ";
  auto form = [&](const std::string& answer, const std::string& on) {
    std::string b;
    for (auto [k, v] : {std::pair{"answer", answer}, std::pair{"declared_on", on}})
      b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v +
           "\r\n";
    return b + "--" + boundary + "--\r\n";
  };
  auto refused = srv_.send("POST", "/etablissements/750712184/continuite/sauvegardes/isolation",
                           form("yes", "2026-04-01"), "multipart/form-data; boundary=" + boundary);
  EXPECT_EQ(refused.status, 422);
  // Named as the form names the date of this point (issue 15 trial: « Date de déclaration »).
  EXPECT_NE(refused.body.find("Date de la vérification : la date ne peut pas être postérieure"),
            std::string::npos);
  EXPECT_NE(refused.body.find("value=\"2026-04-01\""), std::string::npos);
  // The answer chosen stays chosen (ctemplate once escaped " checked" into "_checked").
  EXPECT_NE(refused.body.find("value=\"yes\" checked"), std::string::npos);
  EXPECT_EQ(refused.body.find("_checked"), std::string::npos);
  auto done = srv_.send("POST", "/etablissements/750712184/continuite/sauvegardes/isolation",
                        form("partial", "2026-03-01"), "multipart/form-data; boundary=" + boundary);
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_backup_declarations"), 2);

  // A file just over the 5 Mio limit: the page names the field and keeps the answer typed; far
  // over the route's limit, the page still names the field and its limit. Nothing stored.
  auto with_file = [&](std::size_t size) {
    std::string b = form("yes", "2026-03-02");
    b.resize(b.size() - (boundary.size() + 6));  // drop the closing delimiter "--XyZ--\r\n"
    return b + "--" + boundary +
           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"preuve.pdf\"\r\n"
           "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n" +
           std::string(size, 'a') + "\r\n--" + boundary + "--\r\n";
  };
  auto over = srv_.send("POST", "/etablissements/750712184/continuite/sauvegardes/supervision",
                        with_file(files::kMaxAttachmentBytes + 1),
                        "multipart/form-data; boundary=" + boundary);
  EXPECT_EQ(over.status, 413);
  EXPECT_NE(over.body.find("Pièce justificative"), std::string::npos) << over.body.substr(0, 400);
  EXPECT_NE(over.body.find("value=\"2026-03-02\""), std::string::npos);
  auto far = srv_.send("POST", "/etablissements/750712184/continuite/sauvegardes/supervision",
                       with_file(files::kMaxAttachmentBytes * 2 + (2u << 20)),
                       "multipart/form-data; boundary=" + boundary);
  EXPECT_EQ(far.status, 413);
  EXPECT_NE(far.body.find("5 Mio"), std::string::npos);
  EXPECT_NE(far.body.find("rien n&#39;a été enregistré"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "continuity_backup_declarations"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, ContinuityBackupTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
