// The incident's attachments, the differences between declaration stages and the incident in
// the establishment's history, through a TestServer on both backends (issue 19):
// - a file joined on the incident page (multipart, field « Pièce jointe »), listed with its
//   name, size, who added it and when (Paris time), downloaded with its Content-Disposition,
//   withdrawn with a reason through the confirmation page and kept; a renamed executable, an
//   empty file, a file over 5 Mio refused with a French message naming « Pièce jointe »,
//   nothing stored; the same through the API (list, upload, download, withdraw);
// - the download follows the incident's details: its establishment, its region, the nation —
//   a regional user of another region, who sees only aggregates, gets 404;
// - a later stage's page and JSON show the fields changed since the previous stage;
// - the establishment's page lists its incidents' dated events, newest first, as they happen.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "accounts.hpp"
#include "common/attachment.hpp"
#include "common/french.hpp"
#include "common/record_labels.hpp"
#include "module_fixture.hpp"
#include "sample_files.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::count_rows;
using carepilot::testing::module_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

constexpr const char* kParis = "750712184";
constexpr const char* kLyon = "690781810";
constexpr const char* kForm = "application/x-www-form-urlencoded";
const char* const kMultipart = "multipart/form-data; boundary=IcB0";

// A multipart body: plain fields, then one file (field "file") when `name` is not null.
std::string multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                      const char* name = nullptr, const std::string& bytes = {}) {
  std::string b;
  for (const auto& [k, v] : fields)
    b += "--IcB0\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  if (name)
    b += std::string("--IcB0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"") +
         name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
  return b + "--IcB0--\r\n";
}

// The HTML of `text` as a page escapes it (apostrophes).
std::string html(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("&#39;") : std::string(1, c);
  return out;
}

class IncidentAttachmentsRoutesTest : public ::testing::TestWithParam<const char*> {
 protected:
  IncidentAttachmentsRoutesTest() : srv_(GetParam(), TestServer::with_accounts()) {
    // 15 April 2026, 10:00 UTC.
    srv_.app().incidents().now = [] { return std::int64_t{1776247200}; };
    srv_.app().repo().create(Scope::nation(), module_establishment(kParis, "CH Paris"));
    auto lyon = module_establishment(kLyon, "CH Lyon");
    lyon.department = "69";
    srv_.app().repo().create(Scope::nation(), lyon);
    carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "admin@test.fr", true);
  }
  json call(const std::string& method, const std::string& path, const json& body, long expect) {
    auto r = srv_.send(method, path, body.is_null() ? "" : body.dump(), "application/json");
    EXPECT_EQ(r.status, expect) << method << " " << path << " " << r.body.substr(0, 400);
    return r.body.empty() || r.body[0] != '{' ? json{} : json::parse(r.body);
  }
  std::string api_of(const char* finess, std::int64_t id) {
    return std::string("/api/v1/establishments/") + finess + "/incidents/" + std::to_string(id);
  }
  std::string page_of(const char* finess, std::int64_t id) {
    return std::string("/etablissements/") + finess + "/incidents/" + std::to_string(id);
  }
  json incident(const char* finess, const char* title, const char* detected) {
    return call("POST", std::string("/api/v1/establishments/") + finess + "/incidents",
                {{"title", title}, {"detected_at", detected}}, 201);
  }
  TestServer srv_;
};

const std::string kExe = std::string("MZ\x90\x00\x03\x00\x00\x00", 8) + std::string(300, '\x01');

}  // namespace

TEST_P(IncidentAttachmentsRoutesTest, AFileJoinedOnThePageIsListedDownloadedAndWithdrawnKept) {
  const auto inc = incident(kParis, "Rançongiciel sur le PACS", "2026-03-29T01:30:00+01:00");
  const auto id = inc["id"].get<std::int64_t>();
  const auto detection = inc["events"][0]["id"].get<std::int64_t>();
  const std::string page = page_of(kParis, id);
  auto empty = srv_.get(page);
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("data-testid=\"attachments-none\""), std::string::npos);
  EXPECT_NE(empty.body.find("data-testid=\"attachment-form\""), std::string::npos);
  EXPECT_NE(empty.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(empty.body.find("fr-upload"), std::string::npos);
  EXPECT_NE(empty.body.find(">Pièce jointe *"), std::string::npos);

  const auto pdf = carepilot::testing::sample_pdf("Rapport du prestataire");
  auto r = srv_.send("POST", page + "/pieces-jointes",
                     multipart({{"description", "Rapport d'analyse du prestataire"},
                                {"event", std::to_string(detection)}},
                               "rapport-prestataire.pdf", pdf),
                     kMultipart);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 400);
  EXPECT_EQ(r.header("location"), page + "?enregistre=piece-jointe#pieces-jointes");
  // The incident page then confirms it (the layout's success notice).
  EXPECT_NE(srv_.get(page + "?enregistre=piece-jointe")
                .body.find("Pièce jointe ajoutée au dossier de l&#39;incident."),
            std::string::npos);
  auto list = call("GET", api_of(kParis, id) + "/attachments", nullptr, 200);
  ASSERT_EQ(list["items"].size(), 1u);
  const auto a = list["items"][0];
  EXPECT_EQ(a["file_name"], "rapport-prestataire.pdf");
  EXPECT_EQ(a["size"], pdf.size());
  EXPECT_EQ(a["event_id"], detection);
  EXPECT_EQ(a["status"], "current");
  EXPECT_EQ(a["created_by"], "admin@test.fr");
  const auto aid = a["id"].get<std::int64_t>();

  // Listed: file name, size, description, linked event, who and when (Paris time).
  auto shown = srv_.get(page);
  ASSERT_EQ(shown.status, 200);
  const auto row_at = shown.body.find("data-testid=\"incident-attachment\"");
  ASSERT_NE(row_at, std::string::npos);
  const std::string row = shown.body.substr(row_at, shown.body.find("</tr>", row_at) - row_at);
  EXPECT_NE(row.find("data-state=\"current\""), std::string::npos);
  EXPECT_NE(row.find("rapport-prestataire.pdf"), std::string::npos);
  EXPECT_NE(row.find(french_file_size(static_cast<std::int64_t>(pdf.size()))), std::string::npos);
  EXPECT_NE(row.find(html("Rapport d'analyse du prestataire")), std::string::npos);
  EXPECT_NE(row.find("Détection du 29/03/2026 à 01 h 30"), std::string::npos) << row;
  EXPECT_NE(row.find(html(actor_label("admin@test.fr"))), std::string::npos) << row;
  EXPECT_NE(row.find(paris_datetime(a["created_at"].get<std::string>())), std::string::npos);

  // Downloaded, named by its Content-Disposition, byte for byte.
  auto dl = srv_.get(page + "/pieces-jointes/" + std::to_string(aid));
  ASSERT_EQ(dl.status, 200);
  EXPECT_EQ(dl.body, pdf);
  EXPECT_EQ(dl.header("content-type").rfind("application/pdf", 0), 0u);
  EXPECT_EQ(dl.header("content-disposition"),
            files::content_disposition("rapport-prestataire.pdf"));
  EXPECT_EQ(srv_.get(page + "/pieces-jointes/999999").status, 404);

  // Withdrawn through its confirmation page: a reason is required; then kept, shown withdrawn.
  const std::string withdraw = page + "/pieces-jointes/" + std::to_string(aid) + "/retirer";
  auto confirm = srv_.get(withdraw);
  ASSERT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("rapport-prestataire.pdf"), std::string::npos);
  const int audits = count_rows(srv_.db().db(), "audit_log");
  auto no_reason = srv_.send("POST", withdraw, "motif=", kForm);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_NE(no_reason.body.find("Motif du retrait"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits);
  auto done = srv_.send("POST", withdraw, "motif=Fichier+en+double", kForm);
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 400);
  auto after = srv_.get(page);
  EXPECT_NE(after.body.find("data-state=\"withdrawn\""), std::string::npos);
  EXPECT_NE(after.body.find("Fichier en double"), std::string::npos);
  EXPECT_EQ(srv_.get(page + "/pieces-jointes/" + std::to_string(aid)).body, pdf);  // kept
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_attachments"), 1);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits + 1);
  // Again: the page says it is withdrawn (409), nothing written.
  EXPECT_EQ(srv_.send("POST", withdraw, "motif=Encore", kForm).status, 409);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits + 1);
}

TEST_P(IncidentAttachmentsRoutesTest, WrongEmptyOrOversizedFilesAreRefusedNamingTheField) {
  const auto id =
      incident(kParis, "Rançongiciel", "2026-03-29T01:30:00+01:00")["id"].get<std::int64_t>();
  const std::string upload = page_of(kParis, id) + "/pieces-jointes";
  const int audits = count_rows(srv_.db().db(), "audit_log");
  auto refused = [&](const std::string& body, std::vector<long> statuses) {
    auto r = srv_.send("POST", upload, body, kMultipart);
    EXPECT_NE(std::find(statuses.begin(), statuses.end(), r.status), statuses.end())
        << r.status << " " << r.body.substr(0, 300);
    const std::string mark = "data-testid=\"attachment-error\">", lead = "Pièce jointe :";
    const auto at = r.body.find(mark);
    EXPECT_NE(at, std::string::npos) << r.body.substr(0, 300);
    if (at != std::string::npos) {
      EXPECT_EQ(r.body.compare(at + mark.size(), lead.size(), lead), 0) << r.body.substr(at, 120);
    }
    EXPECT_NE(r.body.find("data-testid=\"incident-errors\""), std::string::npos);
    return r;
  };
  // An executable renamed as a PDF, an executable, an empty file.
  refused(multipart({}, "rapport.pdf", kExe), {415, 422});
  refused(multipart({}, "outil.exe", kExe), {415});
  refused(multipart({{"description", "Vide"}}, "vide.txt", ""), {422});
  // No file at all.
  refused(multipart({{"description", "Sans fichier"}}), {422});
  // Over 5 Mio, within the body the route reads: the checker's message; what was typed stays.
  auto big = refused(multipart({{"description", "Trop gros"}}, "gros.txt",
                               std::string(files::kMaxAttachmentBytes + 1, 'a')),
                     {413});
  EXPECT_NE(big.body.find("Trop gros"), std::string::npos);
  // Beyond the body the route reads: the page names the field and the limit.
  auto huge =
      refused(multipart({}, "enorme.txt", std::string(files::kMaxAttachmentBytes * 3, 'a')), {413});
  EXPECT_NE(huge.body.find("5 Mio"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_attachments"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits);
  // The API: the same refusals, with their HTTP status and stable codes.
  const std::string api = api_of(kParis, id) + "/attachments";
  auto j = call("POST", api,
                {{"file_name", "outil.exe"}, {"content_base64", files::base64_encode(kExe)}}, 415);
  EXPECT_EQ(j["error"]["code"], "incident.attachment_type");
  EXPECT_EQ(j["error"]["fields"][0]["field"], "incident_attachment");
  j = call("POST", api, {{"file_name", "vide.txt"}, {"content_base64", ""}}, 422);
  EXPECT_EQ(j["error"]["fields"][0]["code"], "incident.attachment_empty");
  j = call("POST", api, {{"file_name", "note.txt"}, {"content_base64", "pas du base64 !"}}, 422);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "content_base64");
  j = call("POST", api,
           {{"file_name", "note.txt"},
            {"content_base64", files::base64_encode("Note\n")},
            {"event_id", 999999}},
           422);
  EXPECT_EQ(j["error"]["fields"][0]["code"], "incident.event_unknown");
  EXPECT_EQ(srv_.send("POST", api, "x", "text/plain").status, 415);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_attachments"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits);
}

TEST_P(IncidentAttachmentsRoutesTest, TheApiListsUploadsDownloadsAndWithdraws) {
  const auto id =
      incident(kParis, "Rançongiciel", "2026-03-29T01:30:00+01:00")["id"].get<std::int64_t>();
  const std::string api = api_of(kParis, id) + "/attachments";
  auto a = call("POST", api,
                {{"file_name", "accuse-reception.txt"},
                 {"content_base64", files::base64_encode("Accusé de réception du CERT Santé\n")},
                 {"description", "Accusé de réception"}},
                201);
  EXPECT_EQ(a["content_type"], "text/plain; charset=utf-8");
  EXPECT_EQ(a["status"], "current");
  EXPECT_TRUE(a["event_id"].is_null());
  const std::string one = api + "/" + std::to_string(a["id"].get<std::int64_t>());
  EXPECT_EQ(a["download"], one);
  auto dl = srv_.get(one);
  EXPECT_EQ(dl.status, 200);
  EXPECT_EQ(dl.body, "Accusé de réception du CERT Santé\n");
  EXPECT_EQ(dl.header("content-disposition"), files::content_disposition("accuse-reception.txt"));
  // Multipart too.
  auto r = srv_.send(
      "POST", api,
      multipart({{"description", "Capture"}}, "capture.png", carepilot::testing::sample_png()),
      kMultipart);
  EXPECT_EQ(r.status, 201) << r.body.substr(0, 300);
  EXPECT_EQ(call("GET", api, nullptr, 200)["items"].size(), 2u);
  // Withdrawn: a reason, then kept (listed withdrawn, downloadable); twice: 409.
  auto j = call("DELETE", one, {{"reason", ""}}, 422);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "reason");
  j = call("DELETE", one, {{"reason", "Mauvais document"}}, 200);
  EXPECT_EQ(j["status"], "withdrawn");
  EXPECT_EQ(j["withdrawal"]["withdrawal_reason"], "Mauvais document");
  call("DELETE", one, {{"reason", "Encore"}}, 409);
  EXPECT_EQ(srv_.get(one).status, 200);
  EXPECT_EQ(call("GET", api, nullptr, 200)["items"][0]["status"], "withdrawn");
  // Another incident's address: 404.
  const auto other =
      incident(kParis, "Panne", "2026-03-30T08:00:00+02:00")["id"].get<std::int64_t>();
  EXPECT_EQ(srv_.get(api_of(kParis, other) + "/attachments/" +
                     std::to_string(a["id"].get<std::int64_t>()))
                .status,
            404);
}

TEST_P(IncidentAttachmentsRoutesTest, TheDownloadFollowsTheIncidentsDetails) {
  const auto id =
      incident(kParis, "Rançongiciel", "2026-03-29T01:30:00+01:00")["id"].get<std::int64_t>();
  const auto a =
      call("POST", api_of(kParis, id) + "/attachments",
           {{"file_name", "note.txt"}, {"content_base64", files::base64_encode("Note\n")}}, 201);
  const std::string page =
      page_of(kParis, id) + "/pieces-jointes/" + std::to_string(a["id"].get<std::int64_t>());
  const std::string api = a["download"].get<std::string>();
  auto expect = [&](long status, const char* who) {
    EXPECT_EQ(srv_.get(page).status, status) << who;
    EXPECT_EQ(srv_.get(api).status, status) << who;
    EXPECT_EQ(srv_.get(api_of(kParis, id) + "/attachments").status, status) << who;
  };
  // Its ARS (Île-de-France), national staff: yes.
  carepilot::testing::act_as(srv_, Role::regional_reader, Scope::region("11"), "ars-idf@test.fr");
  expect(200, "ARS of the region");
  carepilot::testing::act_as(srv_, Role::national_reader, Scope::nation(), "national@test.fr");
  expect(200, "national staff");
  // Another region's ARS, who sees only aggregates, and another establishment: no.
  carepilot::testing::act_as(srv_, Role::regional_reader, Scope::region("84"), "ars-ara@test.fr");
  expect(404, "another region");
  EXPECT_EQ(srv_.get("/api/v1/incidents/statistics").status, 200);  // its aggregates
  const auto lyon = srv_.app().repo().visible(Scope::nation(), kLyon);
  carepilot::testing::act_as(srv_, Role::establishment_editor, Scope::establishment(lyon.id),
                             "lyon@test.fr");
  expect(404, "another establishment");
  // A reader cannot join a file.
  const auto paris = srv_.app().repo().visible(Scope::nation(), kParis);
  carepilot::testing::act_as(srv_, Role::establishment_reader, Scope::establishment(paris.id),
                             "lecteur@test.fr");
  expect(200, "its establishment");
  EXPECT_EQ(
      srv_.send("POST", api_of(kParis, id) + "/attachments",
                json{{"file_name", "x.txt"}, {"content_base64", "eA=="}}.dump(), "application/json")
          .status,
      403);
}

TEST_P(IncidentAttachmentsRoutesTest, ALaterStageShowsWhatChangedSinceThePreviousOne) {
  const auto id =
      incident(kParis, "Rançongiciel", "2026-03-29T01:30:00+01:00")["id"].get<std::int64_t>();
  const std::string decl = api_of(kParis, id) + "/declarations/";
  call("PUT", decl + "initial",
       {{"declarant_name", "Claire Martin"},
        {"declarant_role", "RSSI"},
        {"declarant_contact", "rssi@ch.fr"},
        {"observed_at", "2026-03-29"},
        {"perimeter", "Imagerie"},
        {"systems", "PACS"},
        {"data_concerned", "Images"},
        {"handling_status", "Isolement du serveur en cours"}},
       200);
  call("POST", decl + "initial/submit",
       {{"submitted_at", "2026-03-29T09:00:00+02:00"}, {"portal_reference", "CS-2026-0042"}}, 200);
  const std::string stage = page_of(kParis, id) + "/declaration/final";
  // Not started: it starts from the initial stage, nothing changed yet.
  auto fresh = srv_.get(stage);
  ASSERT_EQ(fresh.status, 200);
  EXPECT_NE(fresh.body.find("data-testid=\"stage-no-change\""), std::string::npos);
  EXPECT_NE(fresh.body.find("Changements depuis la déclaration initiale"), std::string::npos);
  // The first stage has nothing to compare with.
  EXPECT_EQ(srv_.get(page_of(kParis, id) + "/declaration/initial")
                .body.find("data-testid=\"stage-differences-heading\""),
            std::string::npos);
  call("PUT", decl + "final",
       {{"handling_status", "Clos"},
        {"systems", ""},
        {"observed_at", "2026-03-28"},
        {"impact_data", "Images indisponibles pendant 3 jours"}},
       200);
  auto page = srv_.get(stage);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("data-testid=\"stage-no-change\""), std::string::npos);
  auto row = [&](const std::string& field) {
    const auto at = page.body.find("data-field=\"" + field + "\"");
    if (at == std::string::npos) return std::string();
    return page.body.substr(at, page.body.find("</tr>", at) - at);
  };
  EXPECT_NE(row("observed_at").find("data-change=\"changed\""), std::string::npos);
  EXPECT_NE(row("observed_at").find("Date de constatation"), std::string::npos);
  EXPECT_NE(row("observed_at").find("29/03/2026"), std::string::npos);  // French dates
  EXPECT_NE(row("observed_at").find("28/03/2026"), std::string::npos);
  EXPECT_NE(row("systems").find("data-change=\"removed\""), std::string::npos);
  EXPECT_NE(row("systems").find("Systèmes concernés"), std::string::npos);
  EXPECT_NE(row("systems").find("rubrique vidée"), std::string::npos);
  EXPECT_NE(row("systems").find("PACS"), std::string::npos);
  EXPECT_NE(row("handling_status").find("Isolement du serveur en cours"), std::string::npos);
  EXPECT_NE(row("handling_status").find("Clos"), std::string::npos);
  EXPECT_NE(row("impact_data").find("data-change=\"added\""), std::string::npos);
  EXPECT_NE(row("impact_data").find("rubrique ajoutée"), std::string::npos);
  EXPECT_TRUE(row("perimeter").empty());  // unchanged
  // The stage's JSON says the same.
  auto j = call("GET", decl + "final", nullptr, 200);
  EXPECT_EQ(j["differences"]["since_stage"], "initial");
  ASSERT_EQ(j["differences"]["changes"].size(), 4u);
  EXPECT_EQ(j["differences"]["changes"][0]["field"], "observed_at");
  EXPECT_EQ(j["differences"]["changes"][0]["before"], "2026-03-29");
  EXPECT_EQ(j["differences"]["changes"][1]["field"], "systems");
  EXPECT_EQ(j["differences"]["changes"][1]["change"], "removed");
  EXPECT_FALSE(call("GET", decl + "initial", nullptr, 200).contains("differences"));
}

TEST_P(IncidentAttachmentsRoutesTest, TheEstablishmentPageShowsItsIncidentsNewestFirst) {
  const std::string est = std::string("/etablissements/") + kParis;
  auto before = srv_.get(est);
  ASSERT_EQ(before.status, 200);
  EXPECT_NE(before.body.find("data-testid=\"establishment-history\""), std::string::npos);
  EXPECT_NE(before.body.find(">Historique</h2>"), std::string::npos);
  EXPECT_NE(before.body.find("data-testid=\"history-none\""), std::string::npos);
  // An incident of another establishment is not in this one's history.
  incident(kLyon, "Hameçonnage lyonnais", "2026-03-01T08:00:00+01:00");
  // Detected: in the history at once (the cached page is rendered again).
  const auto id = incident(kParis, "Rançongiciel sur le PACS", "2026-03-29T01:30:00+01:00")["id"]
                      .get<std::int64_t>();
  auto kinds = [&]() {
    auto r = srv_.get(est);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find("Hameçonnage lyonnais"), std::string::npos);
    std::vector<std::string> out;
    const std::string mark = "data-testid=\"history-entry\" data-kind=\"";
    for (auto at = r.body.find(mark); at != std::string::npos && out.size() < 20;
         at = r.body.find(mark, at + 1)) {
      const auto from = at + mark.size();
      out.push_back(r.body.substr(from, r.body.find('"', from) - from));
    }
    return std::make_pair(out, r.body);
  };
  auto [first, body] = kinds();
  ASSERT_EQ(first, std::vector<std::string>{"detection"});
  EXPECT_NE(body.find("29/03/2026 à 01 h 30"), std::string::npos);
  EXPECT_NE(body.find("Rançongiciel sur le PACS"), std::string::npos);
  EXPECT_NE(body.find(page_of(kParis, id)), std::string::npos);
  // Its initial declaration submitted, its lessons to the PAQ, its closure.
  const std::string decl = api_of(kParis, id) + "/declarations/initial";
  call("PUT", decl,
       {{"declarant_name", "Claire Martin"},
        {"declarant_role", "RSSI"},
        {"declarant_contact", "rssi@ch.fr"},
        {"observed_at", "2026-03-29"},
        {"perimeter", "Imagerie"},
        {"systems", "PACS"},
        {"data_concerned", "Images"},
        {"handling_status", "Isolement du serveur en cours"}},
       200);
  call("POST", decl + "/submit",
       {{"submitted_at", "2026-03-29T09:00:00+02:00"}, {"portal_reference", "CS-2026-0042"}}, 200);
  auto [second, body2] = kinds();
  EXPECT_EQ(second, (std::vector<std::string>{"declaration", "detection"}));
  EXPECT_NE(body2.find("29/03/2026 à 09 h 00"), std::string::npos);
  EXPECT_NE(body2.find("CS-2026-0042"), std::string::npos);
  const auto action =
      call("POST", api_of(kParis, id) + "/paq-action", {{"lessons", "Segmenter le réseau"}}, 201);
  call("PUT", api_of(kParis, id) + "/status", {{"status", "closed"}}, 200);
  auto [third, body3] = kinds();
  ASSERT_EQ(third.size(), 4u);
  // The closure and the PAQ action, made now, come before the March events.
  EXPECT_EQ((std::set<std::string>{third[0], third[1]}),
            (std::set<std::string>{"closure", "paq_action"}));
  EXPECT_EQ(third[2], "declaration");
  EXPECT_EQ(third[3], "detection");
  EXPECT_NE(body3.find(html(action["title"].get<std::string>())), std::string::npos);
  EXPECT_NE(body3.find("/paq/" + std::to_string(action["paq_action_id"].get<std::int64_t>())),
            std::string::npos);
  // Reopened: the closure leaves the history.
  call("PUT", api_of(kParis, id) + "/status", {{"status", "open"}}, 200);
  EXPECT_EQ(kinds().first.size(), 3u);
  // Who may not see the incident does not see the page; its establishment's reader does.
  carepilot::testing::act_as(srv_, Role::regional_reader, Scope::region("84"), "ars-ara@test.fr");
  EXPECT_EQ(srv_.get(est).status, 404);
  const auto paris = srv_.app().repo().visible(Scope::nation(), kParis);
  carepilot::testing::act_as(srv_, Role::establishment_reader, Scope::establishment(paris.id),
                             "lecteur@test.fr");
  auto own = srv_.get(est);
  EXPECT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("Rançongiciel sur le PACS"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentAttachmentsRoutesTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
