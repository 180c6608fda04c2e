// The AD audit in the platform (issue 14, "In the platform"): uploads of real collections
// through the pages and the API, the background job through the real job queue, the stored
// result and evidence, refused uploads that store nothing, the PAQ in one click and never
// twice, the comparison page, ADS reports, and the scope. SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "../adaudit/oradad_writer.hpp"
#include "accounts.hpp"
#include "adaudit/audit.hpp"
#include "adaudit/readers/ingest.hpp"
#include "adplatform/repository.hpp"
#include "common/labels.hpp"
#include "jobs/chunked_upload.hpp"
#include "jobs/runner.hpp"
#include "page_faults.hpp"
#include "sample_files.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

const std::string kShared = ADAUDIT_SHARED_DIR;
const std::string kData = ADPLATFORM_DATA_DIR;
constexpr const char* kA = "750712184";
constexpr const char* kC = "750100208";

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

registry::EstablishmentInput establishment(const std::string& finess, const std::string& name) {
  registry::EstablishmentInput in;
  in.finess_et = finess;
  in.finess_ej = finess;
  in.name = name;
  in.type = "ch";
  in.department = "75";
  in.services = {"urgences"};
  return in;
}

std::string multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::string& file_name, const std::string& bytes) {
  std::string b;
  for (const auto& [k, v] : fields)
    b += "--XyZ\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  b += "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
       "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--XyZ--\r\n";
  return b;
}
constexpr const char* kMultipart = "multipart/form-data; boundary=XyZ";

web::AppOptions options(const std::filesystem::path& dir, std::size_t limit) {
  auto o = TestServer::with_accounts();
  o.ad_audit_dir = dir.string();
  o.ad_audit_max_upload_bytes = limit;
  return o;
}

std::filesystem::path fresh_dir() {
  auto d = std::filesystem::temp_directory_path() /
           ("carepilot-adplatform-" + std::to_string(::getpid()) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(d);
  return d;
}

class AdPlatformTest : public ::testing::TestWithParam<const char*> {
 protected:
  AdPlatformTest() : dir_(fresh_dir()), srv_(GetParam(), options(dir_, 100u << 10)) {
    srv_.app().evidence().today = [] { return *parse_date("2026-11-30"); };
    a_ = srv_.app().repo().create(Scope::nation(), establishment(kA, "CH A"));
    c_ = srv_.app().repo().create(Scope::nation(), establishment(kC, "CH C"));
    carepilot::testing::act_as(srv_, Role::establishment_editor, Scope::establishment(a_.id));
  }
  ~AdPlatformTest() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // Runs the due jobs as `carepilot serve` does (the same handler through the queue).
  int run_jobs() {
    jobs::Runner runner(srv_.db().db());
    runner.on(adplatform::kJobKind, [this](const json& p, jobs::JobContext&) {
      adplatform::run_job(srv_.app().adaudit(), p);
    });
    int n = 0;
    while (runner.run_once()) ++n;
    return n;
  }
  // Uploads through the page; returns the audit's id (0 when refused).
  std::int64_t upload_page(const std::string& file_name, const std::string& bytes,
                           long expect = 303) {
    auto r = srv_.send("POST", std::string("/etablissements/") + kA + "/audit-ad",
                       multipart({}, file_name, bytes), kMultipart);
    EXPECT_EQ(r.status, expect) << r.body.substr(0, 400);
    if (r.status != 303) return 0;
    auto loc = r.header("location");
    auto at = loc.rfind('/');
    return std::stoll(loc.substr(at + 1));
  }
  int count(const std::string& sql) {
    auto s = srv_.db().db().lease();
    int n = 0;
    *s << sql, soci::into(n);
    return n;
  }
  std::string text(const std::string& sql) {
    auto s = srv_.db().db().lease();
    std::string v;
    *s << sql, soci::into(v);
    return v;
  }
  std::size_t files_waiting() {
    std::size_t n = 0;
    for (auto it = std::filesystem::directory_iterator(dir_);
         it != std::filesystem::directory_iterator(); ++it)
      ++n;
    return n;
  }

  std::filesystem::path dir_;
  TestServer srv_;
  registry::Establishment a_, c_;
};

TEST_P(AdPlatformTest, ACollectionIsAuditedInTheBackgroundAndRecordedWithItsReport) {
  const auto zip = read_bytes(kShared + "/testdata/ad/bhce-zip/Version6ZIP.zip");
  const auto id = upload_page("Version6ZIP.zip", zip);
  ASSERT_GT(id, 0);
  const std::string page = std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(id);
  auto r = srv_.get(page);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("data-state=\"queued\""), std::string::npos);
  EXPECT_NE(r.body.find("En attente"), std::string::npos);
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
  EXPECT_EQ(files_waiting(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'adaudit.run' AND state = 'pending'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM evidence WHERE source LIKE 'ad_audit:%'"), 0);

  EXPECT_EQ(run_jobs(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'adaudit.run' AND state = 'done'"), 1);
  EXPECT_EQ(files_waiting(), 0u) << "the collection is removed once audited";

  // The same library call as the CLI gives the same level.
  const auto tmp = dir_ / "cli.zip";
  std::ofstream(tmp, std::ios::binary) << zip;
  const auto expected = adaudit::run_audit(adaudit::ingest(tmp), *parse_date("2026-11-30"));
  std::filesystem::remove(tmp);
  const int level = expected.complete() ? expected.level : expected.level_floor;

  const std::string source = "ad_audit:" + std::to_string(id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM evidence WHERE source = '" + source + "'"), 1);
  auto payload = json::parse(text("SELECT payload FROM evidence WHERE source = '" + source + "'"));
  EXPECT_EQ(payload.at("type"), "ad_audit");
  EXPECT_EQ(payload.at("level"), level);
  EXPECT_EQ(payload.at("source"), expected.complete() ? "carepilot" : "carepilot, audit incomplet");
  // The result JSON and the HTML report, attached with their SHA-256.
  EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_documents d JOIN evidence e ON e.id = "
                  "d.evidence_id WHERE e.source = '" +
                  source + "'"),
            2);
  const auto api =
      srv_.get(std::string("/api/v1/establishments/") + kA + "/ad-audits/" + std::to_string(id));
  ASSERT_EQ(api.status, 200) << api.body;
  auto j = json::parse(api.body);
  EXPECT_EQ(j.at("state"), "done");
  EXPECT_EQ(j.at("level"), level);
  EXPECT_EQ(j.at("sha256"), store::sha256_hex(zip));
  ASSERT_FALSE(j.at("findings").empty());
  auto report = srv_.get(j.at("report_url").get<std::string>());
  EXPECT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("<html"), std::string::npos);
  EXPECT_EQ(report.header("x-content-sha256"), store::sha256_hex(report.body));
  auto result = srv_.get(j.at("result_url").get<std::string>());
  EXPECT_EQ(json::parse(result.body).at("findings").size(), j.at("findings").size());
  // The page's score is the result's (it read a key the result does not have: « 0/100, plus
  // bas, meilleur » for a directory scored 100; issue 17 trial).
  const int score = json::parse(result.body).at("score").at("global").get<int>();
  EXPECT_EQ(score, expected.global_score);
  EXPECT_NE(srv_.get(page).body.find("Score global " + std::to_string(score) + "/100"),
            std::string::npos);

  // The page shows the report: findings with severity, count, remediation and the PAQ button.
  r = srv_.get(page);
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
  // User trial: a first audit offers no comparison.
  EXPECT_EQ(r.body.find("data-testid=\"ad-compare\""), std::string::npos);
  EXPECT_EQ(r.body.find("Comparer avec l'audit précédent"), std::string::npos);
  EXPECT_NE(r.body.find("data-state=\"done\""), std::string::npos);
  EXPECT_NE(r.body.find("data-testid=\"ad-finding\""), std::string::npos);
  EXPECT_NE(r.body.find("Envoyer au PAQ"), std::string::npos);
  // Each finding's form posts to its own address (not to the page's).
  const std::string first_rule = j.at("findings")[0].at("rule_id");
  EXPECT_NE(r.body.find("action=\"" + page + "/constats/" + first_rule + "/paq\""),
            std::string::npos);
  EXPECT_NE(r.body.find("Correction :"), std::string::npos);
  // A card shows its title first: the DSFR orders a card's content by class (title 2,
  // description 3, end 4); the correction, the « why » and the PAQ form, without a class, came
  // above the title (order 0). They are in the card's end now.
  {
    const auto card = r.body.find("data-testid=\"ad-finding\"");
    const auto end = r.body.find("<div class=\"fr-card__end\"", card);
    const auto next = r.body.find("data-testid=\"ad-finding\"", card + 1);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LT(end, next);
    EXPECT_LT(r.body.find("fr-card__title", card), end);
    EXPECT_GT(r.body.find("Correction :", card), end);
    EXPECT_GT(r.body.find("data-testid=\"ad-paq-form\"", card), end);
    EXPECT_GT(r.body.find("Pourquoi c'est important", card), end);
  }
  EXPECT_NE(r.body.find(j.at("findings")[0].at("title").get<std::string>()), std::string::npos);
  // The list shows its date, level and counts.
  r = srv_.get(std::string("/etablissements/") + kA + "/audit-ad");
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
  EXPECT_EQ(carepilot::testing::page_faults(report.body), "");
  EXPECT_NE(r.body.find("30/11/2026"), std::string::npos);
  EXPECT_NE(r.body.find("Terminé"), std::string::npos);
}

// ANSSI's collector ORADAD (outputFiles=1), its folder zipped, goes through the same upload
// and job as a SharpHound zip, and audits like the same domain exported in LDIF.
TEST_P(AdPlatformTest, AnOradadFolderZippedIsAuditedLikeTheSameDomainInLdif) {
  const std::filesystem::path ldif = kData + "/../../adaudit/data/corp.ldif";
  namespace oradad = adaudit::testing::oradad;
  const auto tree = dir_ / "oradad-tree";
  oradad::write_oradad(oradad::parse_ldif(read_bytes(ldif.string())), tree);
  const auto zip_path = dir_ / "oradad-zip" / "CORP_ORADAD.zip";
  std::filesystem::create_directories(zip_path.parent_path());
  oradad::zip_folder(tree, zip_path);
  const auto zip = read_bytes(zip_path.string());
  std::filesystem::remove_all(tree);
  std::filesystem::remove_all(zip_path.parent_path());
  const auto id = upload_page("CORP_ORADAD.zip", zip);
  ASSERT_GT(id, 0);
  EXPECT_EQ(run_jobs(), 1);
  const auto expected = adaudit::run_audit(adaudit::ingest(ldif), *parse_date("2026-11-30"));
  auto j = json::parse(
      srv_.get(std::string("/api/v1/establishments/") + kA + "/ad-audits/" + std::to_string(id))
          .body);
  ASSERT_EQ(j.at("state"), "done") << j.dump();
  EXPECT_EQ(j.at("level"), expected.complete() ? expected.level : expected.level_floor);
  std::set<std::string> rules, expected_rules;
  for (const auto& f : j.at("findings")) rules.insert(f.at("rule_id").get<std::string>());
  for (const auto& f : expected.findings)
    if (f.status == adaudit::Status::Fail) expected_rules.insert(std::string(f.rule->id));
  EXPECT_EQ(rules, expected_rules);
  EXPECT_FALSE(rules.empty());
  auto result = json::parse(srv_.get(j.at("result_url").get<std::string>()).body);
  EXPECT_EQ(result.at("input").at("format"), "oradad");
  EXPECT_EQ(result.at("input").at("objects").at("user"), 5);
}

// The result and the report name the file the user sent, never the one the server stored it
// under (« collecte-….ldif », issue 14 trial), on a single file as for a zip's entries.
TEST_P(AdPlatformTest, TheResultNamesTheFileAsSentNotAsStored) {
  const std::filesystem::path ldif = kData + "/../../adaudit/data/corp.ldif";
  const auto id = upload_page("export-corp.ldif", read_bytes(ldif.string()));
  ASSERT_GT(id, 0);
  EXPECT_EQ(run_jobs(), 1);
  auto j = json::parse(
      srv_.get(std::string("/api/v1/establishments/") + kA + "/ad-audits/" + std::to_string(id))
          .body);
  ASSERT_EQ(j.at("state"), "done") << j.dump();
  const auto result = json::parse(srv_.get(j.at("result_url").get<std::string>()).body);
  EXPECT_EQ(result.at("input").at("files"), json::array({"export-corp.ldif"}));
  EXPECT_EQ(result.dump().find("collecte-"), std::string::npos);
  const auto report = srv_.get(j.at("report_url").get<std::string>()).body;
  EXPECT_NE(report.find("export-corp.ldif"), std::string::npos);
  EXPECT_EQ(report.find("collecte-"), std::string::npos);
}

// A queued audit claims nothing yet; once done, its report and result are API routes that a
// bearer token reads (they pointed to the evidence's page routes, which need a session).
TEST_P(AdPlatformTest, TheReportAndResultAreReadWithAnApiTokenOnceDone) {
  const auto zip = read_bytes(kShared + "/testdata/ad/bhce-zip/Version6ZIP.zip");
  const auto id = upload_page("Version6ZIP.zip", zip);
  ASSERT_GT(id, 0);
  const std::string api =
      std::string("/api/v1/establishments/") + kA + "/ad-audits/" + std::to_string(id);
  auto created =
      srv_.send("POST", "/api/v1/tokens",
                R"({"name":"script","role":"establishment_editor","days":30})", "application/json");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::vector<std::string> bearer{"Authorization: Bearer " +
                                        json::parse(created.body).at("token").get<std::string>()};
  auto get = [&](const std::string& path) {
    return carepilot::testing::http_request(srv_.base(), "GET", path, "", "", bearer);
  };
  auto q = get(api);
  ASSERT_EQ(q.status, 200) << q.body;
  auto j = json::parse(q.body);
  EXPECT_EQ(j.at("state"), "queued");
  EXPECT_TRUE(j.at("complete").is_null()) << j.dump();
  EXPECT_TRUE(j.at("counts").is_null()) << j.dump();
  EXPECT_TRUE(j.at("report_url").is_null());
  EXPECT_EQ(get(api + "/report").status, 404);
  EXPECT_EQ(get(api + "/result").status, 404);

  run_jobs();
  j = json::parse(get(api).body);
  ASSERT_EQ(j.at("state"), "done");
  EXPECT_TRUE(j.at("complete").is_boolean());
  EXPECT_TRUE(j.at("counts").is_object());
  EXPECT_EQ(j.at("report_url"), api + "/report");
  EXPECT_EQ(j.at("result_url"), api + "/result");
  auto report = get(j.at("report_url").get<std::string>());
  EXPECT_EQ(report.status, 200);
  EXPECT_EQ(report.header("content-type").rfind("text/html", 0), 0u);
  EXPECT_NE(report.body.find("<html"), std::string::npos);
  auto result = get(j.at("result_url").get<std::string>());
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(json::parse(result.body).at("findings").size(), j.at("findings").size());
  // Another establishment's audit: 404, token or not.
  EXPECT_EQ(get(std::string("/api/v1/establishments/") + kC + "/ad-audits/" + std::to_string(id) +
                "/report")
                .status,
            404);
}

TEST_P(AdPlatformTest, AnIncompleteCollectionIsRecordedAsIncompleteWithABoundedLevel) {
  const auto zip = read_bytes(kShared +
                              "/field-cases/ad-partial-collection/"
                              "20261130101500_BloodHound_sans_users.zip");
  const auto id = upload_page("sans_users.zip", zip);
  ASSERT_GT(id, 0);
  run_jobs();
  auto payload = json::parse(
      text("SELECT payload FROM evidence WHERE source = 'ad_audit:" + std::to_string(id) + "'"));
  EXPECT_EQ(payload.at("source"), "carepilot, audit incomplet");
  auto r = srv_.get(std::string("/etablissements/") + kA + "/audit-ad");
  // The retained level, the same as the report's, result's and evidence's: the lowest still
  // possible (1: the collection without users.json hides the ESC1 of three users), never a
  // bound that reads better (« au plus 3 », issue 14 trial).
  EXPECT_EQ(payload.at("level"), 1);
  EXPECT_NE(r.body.find(">1 (audit incomplet)<"), std::string::npos)
      << r.body.substr(r.body.find("data-testid=\"ad-level\""), 80);
  EXPECT_EQ(r.body.find(">au plus "), std::string::npos);
  r = srv_.get(std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(id));
  EXPECT_NE(r.body.find("Audit incomplet"), std::string::npos);
  // The missing part is named in French (« users » read on the page before).
  EXPECT_NE(r.body.find("Parties absentes de la collecte : utilisateurs"), std::string::npos);
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
  auto j = json::parse(
      srv_.get(std::string("/api/v1/establishments/") + kA + "/ad-audits/" + std::to_string(id))
          .body);
  EXPECT_EQ(carepilot::testing::page_faults(srv_.get(j.at("report_url").get<std::string>()).body),
            "");
}

TEST_P(AdPlatformTest, AMalformedCollectionFailsWithTheReadersReasonAndStoresNothingElse) {
  const auto id = upload_page("malformed.zip", read_bytes(kData + "/malformed_users.zip"));
  ASSERT_GT(id, 0);
  const int evidence_before = count("SELECT COUNT(*) FROM evidence");
  run_jobs();
  EXPECT_EQ(text("SELECT state FROM ad_audits WHERE id = " + std::to_string(id)), "failed");
  const auto error = text("SELECT error FROM ad_audits WHERE id = " + std::to_string(id));
  // The file sent is named, never the stored one (collecte-RANDOM.zip; issue 17 trial).
  EXPECT_NE(error.find("collecte « malformed.zip » refusée"), std::string::npos) << error;
  EXPECT_EQ(error.find("collecte-"), std::string::npos) << error;
  EXPECT_NE(error.find("users.json"), std::string::npos) << error;
  EXPECT_EQ(count("SELECT COUNT(*) FROM evidence"), evidence_before);
  EXPECT_EQ(files_waiting(), 0u);
  auto r = srv_.get(std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(id) +
                    "?depose=1");
  EXPECT_NE(r.body.find("L'analyse a échoué"), std::string::npos);
  EXPECT_EQ(r.body.find("Collecte déposée"), std::string::npos) << "no success banner";
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
  EXPECT_NE(r.body.find("Échec"), std::string::npos);
  // The job itself ended: a refused collection is not retried.
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'adaudit.run' AND state = 'done'"), 1);
  // A failed audit claims no completeness, no counts, no report (it read « complete: true,
  // counts: {} »: a clean complete audit to a script).
  auto j = json::parse(
      srv_.get(std::string("/api/v1/establishments/") + kA + "/ad-audits/" + std::to_string(id))
          .body);
  EXPECT_EQ(j.at("state"), "failed");
  EXPECT_TRUE(j.at("complete").is_null()) << j.dump();
  EXPECT_TRUE(j.at("counts").is_null()) << j.dump();
  EXPECT_TRUE(j.at("level").is_null());
  EXPECT_TRUE(j.at("report_url").is_null());
  const auto listed =
      json::parse(srv_.get(std::string("/api/v1/establishments/") + kA + "/ad-audits").body);
  EXPECT_TRUE(listed.at("items").at(0).at("complete").is_null()) << listed.dump();
  EXPECT_EQ(srv_.get(std::string("/api/v1/establishments/") + kA + "/ad-audits/" +
                     std::to_string(id) + "/report")
                .status,
            404);
  // The page says no level was computed and counts nothing.
  EXPECT_NE(r.body.find("data-testid=\"ad-level\">non calculé<"), std::string::npos);
  EXPECT_EQ(r.body.find("data-testid=\"ad-incomplete\""), std::string::npos);
}

TEST_P(AdPlatformTest, BadUploadsAreRefusedClearlyAndStoreNothing) {
  const std::string api = std::string("/api/v1/establishments/") + kA + "/ad-audits";
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  // Wrong type: the page names the field in French, the API gives the code.
  auto r = srv_.send("POST", std::string("/etablissements/") + kA + "/audit-ad",
                     multipart({}, "image.png", png), kMultipart);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("ni une archive zip"), std::string::npos);
  r = srv_.send("POST", api + "?file_name=image.png", png, "application/octet-stream");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.file_type");
  // A zip header followed by garbage.
  r = srv_.send("POST", api + "?file_name=tronque.zip",
                std::string("PK\x03\x04", 4) + std::string(200, 'x'), "application/zip");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.malformed_zip");
  // Over the configured limit (100 Kio here): the 110 Kio GoodHound collection.
  const auto big =
      read_bytes(kShared + "/testdata/ad/goodhound-badblood/20211017151337_BloodHound.zip");
  ASSERT_GT(big.size(), 100u << 10);
  r = srv_.send("POST", api + "?file_name=big.zip", big, "application/zip");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.too_large");
  r = srv_.send("POST", std::string("/etablissements/") + kA + "/audit-ad",
                multipart({}, "big.zip", big), kMultipart);
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("dépasse la taille autorisée"), std::string::npos);
  // Another media type: 415; a JSON body carries the collection in base64.
  r = srv_.send("POST", api, "version: 1\n", "text/plain");
  EXPECT_EQ(r.status, 415);
  r = srv_.send("POST", api,
                json{{"file_name", "x.png"}, {"content_base64", "iVBORw0KGgo="}}.dump(),
                "application/json");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.file_type");
  // Empty.
  r = srv_.send("POST", api + "?file_name=vide.zip", "", "application/zip");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.empty");

  EXPECT_EQ(count("SELECT COUNT(*) FROM ad_audits"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs"), 0);
  EXPECT_EQ(files_waiting(), 0u);
  // Just under the limit is accepted (both sides of the boundary), LDIF text too.
  r = srv_.send("POST", api + "?file_name=export.ldif",
                "# ldapsearch\nversion: 1\n\ndn: DC=essai,DC=local\nobjectClass: domain\n",
                "application/ldif");
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body).at("format"), "ldif");
}

// A body beyond even the route's limit (the configured 100 Kio plus the multipart envelope's
// 1 Mio) is answered, never a closed connection (issue 17 trial): the page shows its form with
// the field's French message and the limit, the API the stable code; outside the scope 404
// first; nothing stored either way.
// An upload of another media type: 415 with its stable code, naming every accepted kind (it
// named JSON alone); on the page, the same in French words, no media type, nothing stored.
TEST_P(AdPlatformTest, AnUploadOfAnotherMediaTypeNamesEveryAcceptedKind) {
  auto r = srv_.send("POST", std::string("/api/v1/establishments/") + kA + "/ad-audits", "x",
                     "text/plain");
  ASSERT_EQ(r.status, 415) << r.body;
  const auto err = json::parse(r.body).at("error");
  EXPECT_EQ(err.at("code"), "request.unsupported_media_type");
  const std::string msg = err.at("message");
  for (const char* kind : {"SharpHound", "ORADAD", "LDIF", "JSON", "application/zip",
                           "application/ldif", "multipart/form-data", "application/json"})
    EXPECT_NE(msg.find(kind), std::string::npos) << kind << " in " << msg;
  r = srv_.send("POST", std::string("/etablissements/") + kA + "/audit-ad", "x", "text/plain");
  EXPECT_EQ(r.status, 415);
  EXPECT_NE(r.body.find("type de fichier non pris en charge"), std::string::npos)
      << r.body.substr(0, 300);
  for (const char* kind : {"SharpHound", "ORADAD", "LDIF"})
    EXPECT_NE(r.body.find(kind), std::string::npos) << kind;
  EXPECT_EQ(r.body.find("text/plain"), std::string::npos);
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
  EXPECT_EQ(count("SELECT COUNT(*) FROM ad_audits"), 0);
}

TEST_P(AdPlatformTest, ABodyBeyondTheRoutesLimitGetsTheFieldsMessageNotAReset) {
  const std::string api = std::string("/api/v1/establishments/") + kA + "/ad-audits";
  const std::string huge =
      std::string("PK\x03\x04", 4) + std::string((1u << 20) + (200u << 10), 'x');
  auto r = srv_.send("POST", std::string("/etablissements/") + kA + "/audit-ad",
                     multipart({}, "grosse.zip", huge), kMultipart);
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("Collecte Active Directory : le fichier dépasse la taille autorisée "
                        "(100 Kio)."),
            std::string::npos)
      << r.body.substr(0, 400);
  EXPECT_NE(r.body.find("data-testid=\"ad-upload-form\""), std::string::npos) << "the form again";
  r = srv_.send("POST", api + "?file_name=grosse.zip", huge, "application/zip");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.too_large");
  EXPECT_EQ(json::parse(r.body).at("error").at("fields").at(0).at("field"), "file");
  // Just over the configured limit but within the route's: the same answers.
  const std::string over = std::string("PK\x03\x04", 4) + std::string(100u << 10, 'x');
  r = srv_.send("POST", api + "?file_name=grosse.zip", over, "application/zip");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.too_large");
  // Another establishment's route: 404 whatever the size.
  const std::string foreign = std::string("/api/v1/establishments/") + kC + "/ad-audits";
  r = srv_.send("POST", foreign + "?file_name=grosse.zip", huge, "application/zip");
  EXPECT_EQ(r.status, 404);
  r = srv_.send("POST", std::string("/etablissements/") + kC + "/audit-ad",
                multipart({}, "grosse.zip", huge), kMultipart);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ad_audits"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs"), 0);
  EXPECT_EQ(files_waiting(), 0u);
  // The connection still serves the next request.
  EXPECT_EQ(srv_.get(std::string("/etablissements/") + kA + "/audit-ad").status, 200);
}

// A collection sent in chunks (jobs/chunked_upload.hpp: declared, chunks at their offsets,
// completed) is audited exactly as the same collection sent in one body: same digest, same
// level and findings; nothing is left of the upload on disk once its job has run.
TEST_P(AdPlatformTest, ACollectionTravelsInChunksAndIsAuditedAsOne) {
  const std::string api = std::string("/api/v1/establishments/") + kA + "/ad-audits";
  const auto zip = read_bytes(kShared + "/testdata/ad/bhce-zip/Version6AllZIP.zip");
  ASSERT_GT(zip.size(), 30000u);
  auto r = srv_.send("POST", api + "/uploads",
                     json{{"file_name", "Version6AllZIP.zip"}, {"size", zip.size()}}.dump(),
                     "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto up = json::parse(r.body);
  EXPECT_EQ(up.at("offset"), 0);
  EXPECT_EQ(up.at("chunk_max"), jobs::kMaxChunkBytes);
  const std::string url = api + "/uploads/" + up.at("id").get<std::string>();
  EXPECT_EQ(r.header("location"), url);
  constexpr std::size_t kChunk = 10000;  // four chunks, the last one short
  for (std::size_t off = 0; off < zip.size(); off += kChunk) {
    r = srv_.send("PUT", url + "?offset=" + std::to_string(off), zip.substr(off, kChunk),
                  "application/octet-stream");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body).at("offset"), std::min(off + kChunk, zip.size()));
  }
  r = srv_.send("POST", url + "/complete", "{}", "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto chunked = json::parse(r.body);
  EXPECT_EQ(chunked.at("sha256"), store::sha256_hex(zip));
  EXPECT_EQ(chunked.at("size"), zip.size());
  EXPECT_EQ(chunked.at("file_name"), "Version6AllZIP.zip");
  EXPECT_EQ(chunked.at("format"), "zip");
  // The same collection in one body, for comparison.
  r = srv_.send("POST", api + "?file_name=Version6AllZIP.zip", zip, "application/zip");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto whole = json::parse(r.body);
  run_jobs();
  const auto a =
      json::parse(srv_.get(api + "/" + std::to_string(chunked.at("id").get<int>())).body);
  const auto b = json::parse(srv_.get(api + "/" + std::to_string(whole.at("id").get<int>())).body);
  EXPECT_EQ(a.at("state"), "done") << a.dump();
  EXPECT_EQ(a.at("level"), b.at("level"));
  EXPECT_EQ(a.at("counts"), b.at("counts"));
  EXPECT_EQ(a.at("findings").size(), b.at("findings").size());
  // The upload is gone: completed once, and nothing waits on disk.
  r = srv_.send("POST", url + "/complete", "{}", "application/json");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "envois"));
  EXPECT_EQ(files_waiting(), 1u) << "only the (empty) folder of uploads";
}

// Chunks are checked (offset on both sides, size, media type) and refused chunks write
// nothing; the declared size is checked before any byte travels; another user's upload, or
// the upload under another establishment, is 404; completion needs every byte and a
// collection of the right type.
TEST_P(AdPlatformTest, ChunksAreCheckedAndOnlyTheirOwnerMayAddThem) {
  const std::string api = std::string("/api/v1/establishments/") + kA + "/ad-audits";
  auto declare = [&](const json& body) {
    return srv_.send("POST", api + "/uploads", body.dump(), "application/json");
  };
  // Over the configured limit (100 Kio here) on both sides, empty, not a number.
  auto r = declare({{"file_name", "c.zip"}, {"size", (100u << 10) + 1}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.too_large");
  EXPECT_NE(json::parse(r.body).at("error").at("message").get<std::string>().find("(100 Kio)"),
            std::string::npos);
  r = declare({{"file_name", "c.zip"}, {"size", 0}});
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.empty");
  r = declare({{"file_name", "c.zip"}, {"size", "vingt"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.size");
  r = declare({{"file_name", "c.zip"}, {"size", 100u << 10}});
  EXPECT_EQ(r.status, 201);

  const std::string ldif = "version: 1\n\ndn: DC=essai,DC=local\nobjectClass: domain\n";
  r = declare({{"file_name", "export.ldif"}, {"size", ldif.size()}});
  ASSERT_EQ(r.status, 201);
  const std::string url = api + "/uploads/" + json::parse(r.body).at("id").get<std::string>();
  const auto put = [&](const std::string& query, const std::string& bytes,
                       const std::string& type = "application/octet-stream") {
    return srv_.send("PUT", url + query, bytes, type);
  };
  r = put("?offset=0", ldif.substr(0, 10));
  ASSERT_EQ(r.status, 200) << r.body;
  // The offset on both sides of the 10 bytes received; the answer says where to resume.
  for (const char* off : {"?offset=9", "?offset=11", "?offset=0"}) {
    r = put(off, ldif.substr(10, 5));
    EXPECT_EQ(r.status, 409) << off;
    EXPECT_EQ(json::parse(r.body).at("error").at("code"), "upload.offset");
    EXPECT_EQ(json::parse(r.body).at("error").at("fields").at(0).at("message"), "10");
  }
  r = put("", ldif.substr(10));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "upload.offset_missing");
  r = put("?offset=10", ldif.substr(10), "text/plain");
  EXPECT_EQ(r.status, 415);
  r = put("?offset=10", ldif.substr(10) + "x");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "upload.beyond_size");
  r = srv_.send("POST", url + "/complete", "{}", "application/json");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "upload.incomplete");
  // The same upload under another establishment, or by another user: 404, nothing written.
  const std::string id = url.substr(url.rfind('/') + 1);
  r = srv_.send(
      "PUT",
      std::string("/api/v1/establishments/") + kC + "/ad-audits/uploads/" + id + "?offset=10",
      ldif.substr(10), "application/octet-stream");
  EXPECT_EQ(r.status, 404);
  // Nothing of the refused chunks was written: the rest completes the file.
  r = put("?offset=10", ldif.substr(10));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("offset"), ldif.size());
  EXPECT_EQ(count("SELECT COUNT(*) FROM ad_audits"), 0);
  r = srv_.send("POST", url + "/complete", "{}", "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body).at("format"), "ldif");

  // A complete upload of the wrong type is refused as a one-body upload is; nothing stays.
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  r = declare({{"file_name", "image.png"}, {"size", png.size()}});
  const std::string url2 = api + "/uploads/" + json::parse(r.body).at("id").get<std::string>();
  ASSERT_EQ(srv_.send("PUT", url2 + "?offset=0", png, "application/octet-stream").status, 200);
  r = srv_.send("POST", url2 + "/complete", "{}", "application/json");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.file_type");
  EXPECT_EQ(count("SELECT COUNT(*) FROM ad_audits"), 1);
  EXPECT_EQ(srv_.send("POST", url2 + "/complete", "{}", "application/json").status, 404);

  // Another user of the same establishment: the upload is not theirs (404), nothing written.
  r = declare({{"file_name", "export.ldif"}, {"size", ldif.size()}});
  ASSERT_EQ(r.status, 201);
  const std::string id3 = json::parse(r.body).at("id");
  carepilot::testing::act_as(srv_, Role::establishment_editor, Scope::establishment(a_.id),
                             "autre.agent@test.fr");
  r = srv_.send("PUT", api + "/uploads/" + id3 + "?offset=0", ldif, "application/octet-stream");
  EXPECT_EQ(r.status, 404) << r.body;
  r = srv_.send("POST", api + "/uploads/" + id3 + "/complete", "{}", "application/json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(std::filesystem::file_size(dir_ / "envois" / (id3 + ".part")), 0u);
}

TEST_P(AdPlatformTest, AFindingGoesToThePaqInOneClickAndNeverTwice) {
  const auto id =
      upload_page("v6.zip", read_bytes(kShared + "/testdata/ad/bhce-zip/Version6ZIP.zip"));
  run_jobs();
  const std::string base = std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(id);
  auto j = json::parse(
      srv_.get(std::string("/api/v1/establishments/") + kA + "/ad-audits/" + std::to_string(id))
          .body);
  const std::string rule = j.at("findings")[0].at("rule_id");
  auto r = srv_.send("POST", base + "/constats/" + rule + "/paq",
                     "owner=", "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  const auto loc = r.header("location");
  EXPECT_NE(loc.find("/paq/"), std::string::npos);
  EXPECT_NE(loc.find("?cree=1"), std::string::npos);
  const std::string ref = "ad_audit:" + std::to_string(id) + ":" + rule;
  EXPECT_EQ(count("SELECT COUNT(*) FROM paq_actions WHERE source_ref = '" + ref + "'"), 1);
  EXPECT_EQ(text("SELECT owner FROM paq_actions WHERE source_ref = '" + ref + "'"), "RSSI");
  EXPECT_EQ(text("SELECT source FROM paq_actions WHERE source_ref = '" + ref + "'"), "ad_audit");
  // A second click shows the existing action.
  r = srv_.send("POST", base + "/constats/" + rule + "/paq", "owner=DSI",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), loc.substr(0, loc.find('?')));
  EXPECT_EQ(count("SELECT COUNT(*) FROM paq_actions WHERE source_ref = '" + ref + "'"), 1);
  // The audit page links to it; the action links back to the audit.
  auto page = srv_.get(base);
  EXPECT_NE(page.body.find("Action du PAQ déjà créée"), std::string::npos);
  auto action = srv_.get(loc.substr(0, loc.find('?')));
  EXPECT_NE(action.body.find(base + "#constat-" + rule), std::string::npos);
  // The action reads the finding's French title; its rule id is only in the link's anchor
  // (« constat P-Krbtgt » on the page before).
  EXPECT_NE(action.body.find(j.at("findings")[0].at("title").get<std::string>()),
            std::string::npos);
  EXPECT_EQ(action.body.find(">" + rule), std::string::npos);
  EXPECT_EQ(action.body.find(" " + rule), std::string::npos);
  EXPECT_EQ(action.body.find("constat " + rule), std::string::npos);
  // The owner and the due date are editable; a bad date is refused in French.
  const std::string rule2 = j.at("findings")[1].at("rule_id");
  r = srv_.send("POST", base + "/constats/" + rule2 + "/paq", "owner=DSI&due=31%2F02%2F2027",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Échéance"), std::string::npos);
  r = srv_.send("POST", base + "/constats/" + rule2 + "/paq", "owner=DSI&due=2027-01-15",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 303);
  const std::string ref2 = "ad_audit:" + std::to_string(id) + ":" + rule2;
  EXPECT_EQ(text("SELECT owner FROM paq_actions WHERE source_ref = '" + ref2 + "'"), "DSI");
  EXPECT_EQ(text("SELECT due_date FROM paq_actions WHERE source_ref = '" + ref2 + "'"),
            "2027-01-15");
  // An unknown finding: 404.
  r = srv_.send("POST", base + "/constats/P-Inconnue/paq", "", "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 404);
}

// Issue 17 trial (same kind in the AD audit): a rule still failing in the next quarter's audit
// is the same PAQ action, not a new one each quarter.
TEST_P(AdPlatformTest, ARuleStillFailingInTheNextAuditIsTheSameAction) {
  const auto zip = read_bytes(kShared + "/testdata/ad/bhce-zip/Version6ZIP.zip");
  const auto first = upload_page("v6.zip", zip);
  run_jobs();
  const auto second = upload_page("v6-again.zip", zip);
  run_jobs();
  ASSERT_NE(first, second);
  const std::string api = std::string("/api/v1/establishments/") + kA + "/ad-audits/";
  const std::string rule =
      json::parse(srv_.get(api + std::to_string(first)).body).at("findings")[0].at("rule_id");
  auto r = srv_.send("POST", api + std::to_string(first) + "/findings/" + rule + "/paq", "{}",
                     "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto action = json::parse(r.body).at("id").get<std::int64_t>();
  auto shown =
      srv_.get(std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(second));
  EXPECT_NE(shown.body.find("Action du PAQ déjà créée"), std::string::npos);
  r = srv_.send("POST", api + std::to_string(second) + "/findings/" + rule + "/paq", "{}",
                "application/json");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("id").get<std::int64_t>(), action);
  EXPECT_EQ(count("SELECT COUNT(*) FROM paq_actions WHERE source_ref LIKE 'ad_audit:%'"), 1);
}

// The API's « Envoyer au PAQ »: 201 with the action created, 200 with the same action on a
// second call (never two); 400/415 for the body, then 404 (unknown finding, unfinished audit,
// another establishment), then 422 with a stable code; a refused call creates nothing.
TEST_P(AdPlatformTest, TheApiSendsAFindingToThePaqOnceAndAnswersTheExistingAction) {
  const auto id =
      upload_page("v6.zip", read_bytes(kShared + "/testdata/ad/bhce-zip/Version6ZIP.zip"));
  const std::string api =
      std::string("/api/v1/establishments/") + kA + "/ad-audits/" + std::to_string(id);
  // Not finished yet: no finding to send.
  auto r = srv_.send("POST", api + "/findings/P-DCSync/paq", "", "application/json");
  EXPECT_EQ(r.status, 404) << r.body;
  run_jobs();
  auto j = json::parse(srv_.get(api).body);
  const std::string rule = j.at("findings")[0].at("rule_id");
  const std::string url = api + "/findings/" + rule + "/paq";
  const std::string ref = "ad_audit:" + std::to_string(id) + ":" + rule;
  // Refused bodies, in the documented order; nothing is created.
  EXPECT_EQ(srv_.send("POST", url, "x", "text/plain").status, 415);
  EXPECT_EQ(srv_.send("POST", url, "{\"owner\":", "application/json").status, 400);
  r = srv_.send("POST", api + "/findings/P-Inconnue/paq", R"({"owner": 3})", "application/json");
  EXPECT_EQ(r.status, 404) << "404 before 422";
  r = srv_.send("POST", url, R"({"owner": 3})", "application/json");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "ad_audit.type") << r.body;
  r = srv_.send("POST", url, R"({"due": "31/02/2027"})", "application/json");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("paq.due_invalid"), std::string::npos) << r.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM paq_actions WHERE source_ref = '" + ref + "'"), 0);
  // Created once.
  r = srv_.send("POST", url, R"({"owner": "DSI", "due": "2027-01-15"})", "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  auto act = json::parse(r.body);
  EXPECT_EQ(act.at("source"), "ad_audit");
  EXPECT_EQ(act.at("source_ref"), ref);
  EXPECT_EQ(act.at("owner"), "DSI");
  EXPECT_EQ(act.at("due"), "2027-01-15");
  // A second call (any body, or none) answers the same action, 200, and creates nothing.
  r = srv_.send("POST", url, "", "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("id"), act.at("id"));
  EXPECT_EQ(json::parse(r.body).at("owner"), "DSI");
  EXPECT_EQ(count("SELECT COUNT(*) FROM paq_actions WHERE source_ref = '" + ref + "'"), 1);
  // The audit lists it; the page's button agrees (same action).
  j = json::parse(srv_.get(api).body);
  EXPECT_EQ(j.at("findings")[0].at("paq_action_id"), act.at("id"));
  r = srv_.send("POST",
                std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(id) +
                    "/constats/" + rule + "/paq",
                "owner=", "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), std::string("/etablissements/") + kA + "/paq/" +
                                      std::to_string(act.at("id").get<long>()));
  // Outside the caller's scope: 404, nothing created.
  r = srv_.send("POST",
                std::string("/api/v1/establishments/") + kC + "/ad-audits/" + std::to_string(id) +
                    "/findings/" + rule + "/paq",
                "", "application/json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM paq_actions WHERE source LIKE 'ad_audit'"), 1);
}

TEST_P(AdPlatformTest, TheComparisonPageShowsTheDiffWithThePreviousAudit) {
  const auto first =
      upload_page("v6.zip", read_bytes(kShared + "/testdata/ad/bhce-zip/Version6ZIP.zip"));
  run_jobs();
  auto r = srv_.get(std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(first) +
                    "/comparaison");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("rien à comparer"), std::string::npos);
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
  const auto second =
      upload_page("v6adcs.zip", read_bytes(kShared + "/testdata/ad/bhce-zip/Version6ADCSZIP.zip"));
  run_jobs();
  r = srv_.get(std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(second) +
               "/comparaison");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("data-testid=\"ad-diff-summary\""), std::string::npos);
  EXPECT_NE(r.body.find("/audit-ad/" + std::to_string(first)), std::string::npos);
  // This audit first, then the previous one (issue 14 trial: the headline read the other way);
  // two audits of one day are told apart by their time.
  const auto head = r.body.substr(r.body.find("data-testid=\"ad-diff-headline\""), 600);
  EXPECT_LT(head.find("/audit-ad/" + std::to_string(second)),
            head.find("/audit-ad/" + std::to_string(first)))
      << head;
  EXPECT_NE(head.find("Cet audit, du "), std::string::npos) << head;
  EXPECT_NE(head.find(" h "), std::string::npos) << head;
  // The two shared collections are of two domains (TESTLAB.LOCAL, ESC1.LOCAL): said.
  EXPECT_NE(r.body.find("data-testid=\"ad-diff-domains\""), std::string::npos);
  EXPECT_NE(r.body.find("ESC1.LOCAL"), std::string::npos);
  // The first against itself has no previous audit; no warning on a single domain.
  EXPECT_EQ(srv_.get(std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(first) +
                     "/comparaison")
                .body.find("data-testid=\"ad-diff-domains\""),
            std::string::npos);
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
  // The second audit offers the comparison.
  r = srv_.get(std::string("/etablissements/") + kA + "/audit-ad/" + std::to_string(second));
  EXPECT_NE(r.body.find("data-testid=\"ad-compare\""), std::string::npos);
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
}

TEST_P(AdPlatformTest, AnAdsReportIsRecordedAsEvidenceWithItsDocument) {
  const std::string pdf = carepilot::testing::sample_pdf("Rapport ADS");
  const std::string url = std::string("/etablissements/") + kA + "/audit-ad/ads";
  auto r = srv_.send(
      "POST", url, multipart({{"date", "2026-10-15"}, {"level", "6"}}, "ads.pdf", pdf), kMultipart);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Niveau ANSSI"), std::string::npos);
  r = srv_.send("POST", url,
                multipart({{"date", "2026-10-15"}, {"level", "2"}}, "ads.txt", "Rapport ADS"),
                kMultipart);
  EXPECT_EQ(r.status, 422);
  // Any file but a PDF is refused as such, before its content is opened (user trial: a fake
  // PNG read « ne peut pas être ouvert comme un PNG »).
  r = srv_.send("POST", url,
                multipart({{"date", "2026-10-15"}, {"level", "2"}}, "ads.png",
                          std::string("\x89PNG\r\n\x1a\n\0\0\0\0", 12)),
                kMultipart);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Rapport ADS : un fichier PDF est attendu."), std::string::npos);
  EXPECT_EQ(r.body.find("comme un PNG"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ad_audits"), 0);
  r = srv_.send("POST", url, multipart({{"date", "2026-10-15"}, {"level", "2"}}, "ads.pdf", pdf),
                kMultipart);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  auto payload = json::parse(text("SELECT payload FROM evidence WHERE source LIKE 'ad_audit:%'"));
  EXPECT_EQ(payload.at("source"), "ADS");
  EXPECT_EQ(payload.at("level"), 2);
  EXPECT_EQ(payload.at("date"), "2026-10-15");
  EXPECT_EQ(text("SELECT d.sha256 FROM evidence_documents d JOIN evidence e ON e.id = "
                 "d.evidence_id WHERE e.source LIKE 'ad_audit:%'"),
            store::sha256_hex(pdf));
  const auto shown = srv_.get(r.header("location"));
  EXPECT_EQ(shown.status, 200);
  EXPECT_EQ(carepilot::testing::page_faults(shown.body), "");
  r = srv_.get(std::string("/etablissements/") + kA + "/audit-ad");
  EXPECT_NE(r.body.find("Rapport ADS (ANSSI)"), std::string::npos);
  EXPECT_EQ(carepilot::testing::page_faults(r.body), "");
}

TEST_P(AdPlatformTest, OnlyTheCallersScope) {
  // An audit of C.
  const auto zip = read_bytes(kShared + "/testdata/ad/bhce-zip/Version6ZIP.zip");
  auto c_audit = srv_.app().adaudit_repo().upload(Scope::nation(), kC, {"c.zip", &zip},
                                                  *parse_date("2026-11-30"), Actor{"t", "", ""},
                                                  store::now_unix());
  run_jobs();
  const std::string foreign = std::to_string(c_audit.id);
  EXPECT_EQ(srv_.get(std::string("/etablissements/") + kC + "/audit-ad").status, 404);
  EXPECT_EQ(srv_.get(std::string("/etablissements/") + kA + "/audit-ad/" + foreign).status, 404);
  EXPECT_EQ(srv_.get(std::string("/api/v1/establishments/") + kA + "/ad-audits/" + foreign).status,
            404);
  auto r = srv_.send("POST", std::string("/etablissements/") + kC + "/audit-ad",
                     multipart({}, "v6.zip", zip), kMultipart);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ad_audits"), 1);
  // A reader sees, but may not upload.
  carepilot::testing::act_as(srv_, Role::establishment_reader, Scope::establishment(a_.id),
                             "lecteur@test.fr");
  EXPECT_EQ(srv_.get(std::string("/etablissements/") + kA + "/audit-ad").status, 200);
  r = srv_.send("POST", std::string("/etablissements/") + kA + "/audit-ad",
                multipart({}, "v6.zip", zip), kMultipart);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ad_audits"), 1);
}

// Every severity a finding can take, and every state of an audit, has its French words in
// data/labels/labels.yaml: none falls back to the unknown-code label.
TEST(AdPlatformLabels, EverySeverityAndStateHasItsLabel) {
  const auto has = [](const char* table, std::string_view code) {
    const auto codes = labelled_codes(table);
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  std::set<std::string> answered;
  for (int level = -1; level <= 6; ++level) answered.insert(adplatform::severity_of(level));
  for (const auto& s : answered)
    EXPECT_NE(std::find(adplatform::severities().begin(), adplatform::severities().end(), s),
              adplatform::severities().end())
        << s << " is not listed by severities()";
  for (const auto s : adplatform::severities()) {
    EXPECT_TRUE(has("severities", s)) << "severities." << s << " has no label";
    EXPECT_TRUE(has("severity_counts", s)) << "severity_counts." << s << " has no label";
    EXPECT_NE(severity_count_label(s, 1), severity_count_label(s, 2)) << s;
  }
  EXPECT_EQ(severity_label("critical"), "Critique");
  EXPECT_EQ(severity_label("high"), "Élevée");
  EXPECT_EQ(severity_count_label("high", 0), "élevée");
  EXPECT_EQ(severity_count_label("high", 1), "élevée");
  EXPECT_EQ(severity_count_label("high", 2), "élevées");
  for (auto st : {adplatform::State::queued, adplatform::State::running, adplatform::State::done,
                  adplatform::State::failed})
    EXPECT_TRUE(has("statuses", "ad_audit." + std::string(adplatform::state_name(st))))
        << adplatform::state_name(st);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdPlatformTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
