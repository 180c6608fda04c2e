// The ANSSI registrations (issue 17): declared with their document in one transaction, they
// are the `registration` evidence the obligations club-ssi-registration and
// silene-registration read; refusals store nothing; who is not registered comes from the
// stored compliance over the caller's scope.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "common/attachment.hpp"
#include "evidence/registrations.hpp"
#include "fixture.hpp"
#include "registry/demo.hpp"
#include "sample_files.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::d;
using carepilot::testing::establishment_input;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

// Made on first use, not at start-up (test discovery runs without the leak suppressions that
// fontconfig's caches need).
const std::string& pdf_doc() {
  static const std::string pdf = carepilot::testing::sample_pdf("Courriel d'inscription ANSSI");
  return pdf;
}

class RegistrationsTest : public ::testing::TestWithParam<const char*> {
 protected:
  RegistrationsTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return d("2026-11-23"); };
    srv_.app().evidence_repo().clock = [] { return d("2026-11-23"); };
    a_ = srv_.app().repo().create(Scope::nation(),
                                  establishment_input("750712184", "CH A", {"urgences"}));
    b_ = srv_.app().repo().create(Scope::nation(),
                                  establishment_input("750100208", "CH B", {"urgences"}));
    // The stored compliance of both (what the missing lists read).
    for (const auto* e : {&a_, &b_})
      srv_.app().evidence_repo().add(Scope::nation(), e->finess_et,
                                     {{"type", "ad_audit"}, {"date", "2026-10-01"}},
                                     d("2026-11-23"), Actor{"test", "", ""});
    const Scope own = Scope::establishment(a_.id);
    auto u = carepilot::testing::make_user(srv_, "rssi@test.fr", Role::establishment_editor, own,
                                           /*totp=*/true);
    editor_ = carepilot::testing::session_for(srv_, u);
    national_ = carepilot::testing::session_for(
        srv_, carepilot::testing::make_user(srv_, "national@test.fr", Role::national_reader,
                                            Scope::nation()));
    srv_.default_headers({"Cookie: " + editor_.cookie, "X-CSRF-Token: " + editor_.csrf});
  }
  static json body(const std::string& service, const std::string& date,
                   const std::string& file_name = "inscription.pdf",
                   const std::string& bytes = pdf_doc()) {
    return {
        {"service", service},
        {"date", date},
        {"contact_role", "rssi"},
        {"anssi_reference", "CLUB-2026-0042"},
        {"document", {{"file_name", file_name}, {"content_base64", files::base64_encode(bytes)}}}};
  }
  carepilot::testing::HttpResult post(const json& b, const std::string& finess = "750712184") {
    return srv_.send("POST", "/api/v1/establishments/" + finess + "/registrations", b.dump(),
                     "application/json");
  }
  std::string status_of(const std::string& obligation) {
    auto r = srv_.get("/api/v1/establishments/750712184/compliance?as_of=2026-11-23");
    EXPECT_EQ(r.status, 200) << r.body;
    const json report = json::parse(r.body);
    for (const auto& o : report["establishments"][0]["obligations"])
      if (o["id"] == obligation) return o["status"];
    return "";
  }
  long long count(const char* table) {
    auto s = srv_.db().db().lease();
    long long n = 0;
    *s << std::string("SELECT COUNT(*) FROM ") + table, soci::into(n);
    return n;
  }
  json missing(const std::string& query = "") {
    auto r = srv_.get("/api/v1/registrations/missing" + query, {"Cookie: " + national_.cookie});
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  static std::string error_code(const carepilot::testing::HttpResult& r) {
    auto j = json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error")) return "";
    const auto& e = j["error"];
    if (e.contains("fields") && !e["fields"].empty()) return e["fields"][0]["code"];
    return e.value("code", "");
  }
  TestServer srv_;
  registry::Establishment a_, b_;
  carepilot::testing::Session editor_, national_;
};

TEST_P(RegistrationsTest, DeclaringEmitsTheEvidenceThatMeetsTheObligation) {
  EXPECT_EQ(status_of("club-ssi-registration"), "due");
  auto r = post(body("club-ssi", "2026-11-23"));  // today: the last accepted day
  ASSERT_EQ(r.status, 201) << r.body;
  auto created = json::parse(r.body);
  EXPECT_EQ(created["registered"], true);
  EXPECT_EQ(created["contact_role"], "rssi");
  EXPECT_EQ(created["anssi_reference"], "CLUB-2026-0042");
  EXPECT_EQ(created["document"]["content_type"], "application/pdf");
  EXPECT_EQ(status_of("club-ssi-registration"), "met");
  EXPECT_EQ(status_of("silene-registration"), "due");  // one service does not make the other

  // The record is the evidence, seen in the evidence list; the document is its document.
  auto list = json::parse(srv_.get("/api/v1/establishments/750712184/evidence").body);
  bool found = false;
  for (const auto& it : list["items"])
    if (it["id"] == created["evidence_id"]) {
      found = true;
      EXPECT_EQ(it["type"], "registration");
      EXPECT_EQ(it["record"]["service"], "club-ssi");
    }
  EXPECT_TRUE(found);
  auto doc = srv_.get("/etablissements/750712184/preuves/" +
                      std::to_string(created["evidence_id"].get<long long>()) + "/documents/" +
                      std::to_string(created["document"]["id"].get<long long>()));
  EXPECT_EQ(doc.status, 200);
  EXPECT_EQ(doc.body, pdf_doc());

  auto regs = json::parse(srv_.get("/api/v1/establishments/750712184/registrations").body);
  ASSERT_EQ(regs["items"].size(), 2u);
  EXPECT_EQ(regs["items"][0]["service"], "club-ssi");
  EXPECT_EQ(regs["items"][0]["registered"], true);
  EXPECT_EQ(regs["items"][1]["service"], "silene");
  EXPECT_EQ(regs["items"][1]["registered"], false);

  // A second one of the same service: withdraw the first.
  auto again = post(body("club-ssi", "2026-11-20"));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(error_code(again), "registration.already_registered");

  // Withdrawn with a reason (the evidence withdrawal): kept, no longer counts.
  auto del = srv_.send("DELETE",
                       "/api/v1/establishments/750712184/evidence/" +
                           std::to_string(created["evidence_id"].get<long long>()),
                       R"({"reason": "Référence erronée"})", "application/json");
  EXPECT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(status_of("club-ssi-registration"), "due");
  regs = json::parse(srv_.get("/api/v1/establishments/750712184/registrations").body);
  EXPECT_EQ(regs["items"][0]["registered"], false);
  // The API lists it too, as withdrawn (issue 17 trial: it vanished from the GET).
  const auto& gone = regs["items"][0]["withdrawn"];
  ASSERT_TRUE(gone.is_object()) << regs.dump();
  EXPECT_EQ(gone["evidence_id"], created["evidence_id"]);
  EXPECT_EQ(gone["reason"], "Référence erronée");
  EXPECT_FALSE(gone["withdrawn_at"].get<std::string>().empty());
  EXPECT_TRUE(regs["items"][1]["withdrawn"].is_null());
  // The page still shows it, as withdrawn, with its reason and a link to the kept proof
  // (issue 17 trial: it vanished from the page); SILENE, never declared, shows nothing.
  auto page = srv_.get("/etablissements/750712184/inscriptions-anssi").body;
  const auto club = page.substr(page.find("data-testid=\"registration-club-ssi\""), 2000);
  EXPECT_NE(club.find("data-testid=\"registration-withdrawn\""), std::string::npos) << club;
  EXPECT_NE(club.find("motif : Référence erronée"), std::string::npos) << club;
  EXPECT_NE(club.find("/preuves/" + std::to_string(created["evidence_id"].get<long long>())),
            std::string::npos);
  const auto silene = page.substr(page.find("data-testid=\"registration-silene\""), 1500);
  EXPECT_EQ(silene.find("registration-withdrawn"), std::string::npos) << silene;
  EXPECT_EQ(post(body("club-ssi", "2026-11-20")).status, 201);
  // Registered again: the withdrawn one is no longer shown on the card.
  page = srv_.get("/etablissements/750712184/inscriptions-anssi").body;
  EXPECT_EQ(page.find("data-testid=\"registration-withdrawn\""), std::string::npos);
}

TEST_P(RegistrationsTest, RefusalsNameTheFieldAndStoreNothing) {
  const long long evidence = count("evidence"), documents = count("evidence_documents");
  auto future = post(body("silene", "2026-11-24"));  // the day after today
  EXPECT_EQ(future.status, 422) << future.body;
  EXPECT_EQ(error_code(future), "registration.date_in_future");
  EXPECT_NE(future.body.find("Date d'inscription"), std::string::npos) << future.body;
  // Issue 17 trial: 01/01/1900 was accepted. 2000 is the earliest year, on both sides.
  auto old = post(body("silene", "1999-12-31"));
  EXPECT_EQ(old.status, 422) << old.body;
  EXPECT_EQ(error_code(old), "registration.date_too_old");
  EXPECT_NE(old.body.find("Date d'inscription : une inscription date de 2000 au plus tôt"),
            std::string::npos)
      << old.body;

  auto no_ref = body("silene", "2026-11-01");
  no_ref["anssi_reference"] = "  ";
  auto r = post(no_ref);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_code(r), "registration.reference_required");

  r = post(body("silene", "2026-11-01", "inscription.docx", "PK\x03\x04"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_code(r), "registration.document_type");
  // A PDF name on other bytes: the content is checked too.
  r = post(body("silene", "2026-11-01", "inscription.pdf", "pas un PDF"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("registration."), std::string::npos);

  auto no_doc = body("silene", "2026-11-01");
  no_doc.erase("document");
  r = post(no_doc);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_code(r), "registration.document_required");

  // An empty body: every field refused in one answer, and the message names each by its
  // label (issue 17 trial: it named the service alone).
  r = post(json::object());
  EXPECT_EQ(r.status, 422);
  const auto all = json::parse(r.body)["error"];
  EXPECT_EQ(all["fields"].size(), 5u) << r.body;
  const std::string message = all["message"];
  for (const char* label : {"Service de l'ANSSI", "Date d'inscription",
                            "Fonction du contact inscrit", "Référence ANSSI", "Justificatif"})
    EXPECT_NE(message.find(label), std::string::npos) << label << " in " << message;
  EXPECT_EQ(message.find("contact_role"), std::string::npos) << message;

  auto role = body("silene", "2026-11-01");
  role["contact_role"] = "stagiaire";
  r = post(role);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_code(r), "registration.contact_role_invalid");

  auto service = body("autre", "2026-11-01");
  r = post(service);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_code(r), "registration.service_invalid");

  r = post(body("silene", "2026-11-01", "inscription.pdf",
                "%PDF-" + std::string(files::kMaxAttachmentBytes, 'x')));
  EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
  EXPECT_EQ(error_code(r), "registration.document_too_large");

  // Another establishment: 404 before anything else.
  EXPECT_EQ(post(body("silene", "2026-11-24"), "750100208").status, 404);

  EXPECT_EQ(count("evidence"), evidence);
  EXPECT_EQ(count("evidence_documents"), documents);
  EXPECT_EQ(status_of("silene-registration"), "due");
}

TEST_P(RegistrationsTest, TheFormDeclaresAndShowsTheRegistration) {
  auto page = srv_.get("/etablissements/750712184/inscriptions-anssi");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Pas encore inscrit"), std::string::npos);
  auto multipart = [](const std::string& date, const std::string& file_name) {
    std::string b;
    auto field = [&](const std::string& n, const std::string& v) {
      b += "--B0\r\nContent-Disposition: form-data; name=\"" + n + "\"\r\n\r\n" + v + "\r\n";
    };
    field("service", "silene");
    field("date", date);
    field("contact_role", "dsi");
    field("anssi_reference", "SILENE-77");
    b += "--B0\r\nContent-Disposition: form-data; name=\"document\"; filename=\"" + file_name +
         "\"\r\nContent-Type: application/pdf\r\n\r\n" + pdf_doc() + "\r\n--B0--\r\n";
    return b;
  };
  auto bad = srv_.send("POST", "/etablissements/750712184/inscriptions-anssi",
                       multipart("2026-11-24", "a.pdf"), "multipart/form-data; boundary=B0");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("inscription : le 24/11/2026 est postérieur à aujourd"),
            std::string::npos);
  // Issue 17 trial: the field in error is marked in red on the form (DSFR), the others not.
  EXPECT_NE(bad.body.find("fr-input-group fr-input-group--error\">\n    <label class=\"fr-label\" "
                          "for=\"reg-date\">"),
            std::string::npos);
  EXPECT_NE(bad.body.find("<p class=\"fr-error-text\" id=\"reg-date-error\">"), std::string::npos);
  EXPECT_EQ(bad.body.find("reg-document-error"), std::string::npos);
  EXPECT_EQ(bad.body.find("fr-upload-group--error"), std::string::npos);
  auto type = srv_.send("POST", "/etablissements/750712184/inscriptions-anssi",
                        multipart("2026-11-23", "a.exe"), "multipart/form-data; boundary=B0");
  EXPECT_EQ(type.status, 422);
  EXPECT_NE(type.body.find("Justificatif : un fichier PDF, PNG ou JPEG est attendu"),
            std::string::npos);
  EXPECT_NE(type.body.find("fr-upload-group--error"), std::string::npos);
  EXPECT_NE(type.body.find("id=\"reg-document-error\""), std::string::npos);
  EXPECT_EQ(type.body.find("fr-input-group--error"), std::string::npos);
  auto ok = srv_.send("POST", "/etablissements/750712184/inscriptions-anssi",
                      multipart("2026-11-23", "a.pdf"), "multipart/form-data; boundary=B0");
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 300);
  page = srv_.get("/etablissements/750712184/inscriptions-anssi");
  EXPECT_NE(page.body.find("SILENE-77"), std::string::npos);
  EXPECT_NE(page.body.find("23/11/2026"), std::string::npos);
  EXPECT_NE(page.body.find("DSI (directeur"), std::string::npos);
  EXPECT_EQ(status_of("silene-registration"), "met");
}

// User trial: an EHPAD's registrations page said « Pas encore inscrit » where its
// compliance page said « non applicable ». The page and the API give the engine's verdict.
TEST_P(RegistrationsTest, AnEstablishmentTheObligationDoesNotCoverIsNotApplicable) {
  auto in = establishment_input(registry::with_luhn_key("75000001"), "EHPAD E", {});
  in.type = "ehpad";
  auto ehpad = srv_.app().repo().create(Scope::nation(), in);
  const std::string national = "Cookie: " + national_.cookie;
  auto page = srv_.get("/etablissements/" + ehpad.finess_et + "/inscriptions-anssi", {national});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.body.find("Pas encore inscrit"), std::string::npos);
  EXPECT_NE(page.body.find("Non applicable"), std::string::npos);
  EXPECT_NE(page.body.find("data-testid=\"registration-not-applicable\">Ne s&#39;applique pas"),
            std::string::npos);
  auto api = json::parse(
      srv_.get("/api/v1/establishments/" + ehpad.finess_et + "/registrations", {national}).body);
  ASSERT_EQ(api["items"].size(), 2u) << api.dump();
  for (const auto& item : api["items"]) {
    EXPECT_EQ(item["applicable"], false);
    EXPECT_NE(item["not_applicable_reason"].get<std::string>().find("Ne s'applique pas"),
              std::string::npos);
  }
  // A hospital, which the obligation covers: « Pas encore inscrit », applicable.
  page = srv_.get("/etablissements/750100208/inscriptions-anssi", {national});
  EXPECT_NE(page.body.find("Pas encore inscrit"), std::string::npos);
  EXPECT_EQ(page.body.find("Non applicable"), std::string::npos);
  api = json::parse(srv_.get("/api/v1/establishments/750100208/registrations", {national}).body);
  for (const auto& item : api["items"]) {
    EXPECT_EQ(item["applicable"], true);
    EXPECT_TRUE(item["not_applicable_reason"].is_null());
  }
}

TEST_P(RegistrationsTest, WhoIsNotRegisteredOverTheScope) {
  auto all = missing();
  EXPECT_EQ(all["without_club_ssi"], 2);
  EXPECT_EQ(all["without_silene"], 2);
  EXPECT_EQ(all["without_both"], 2);
  EXPECT_EQ(all["total"], 2);
  ASSERT_EQ(post(body("club-ssi", "2026-11-02")).status, 201);
  all = missing();
  EXPECT_EQ(all["without_club_ssi"], 1);
  EXPECT_EQ(all["without_silene"], 2);
  EXPECT_EQ(all["without_both"], 1);
  EXPECT_EQ(all["total"], 2);  // A still lacks SILENE
  auto club = missing("?missing=club-ssi");
  ASSERT_EQ(club["items"].size(), 1u);
  EXPECT_EQ(club["items"][0]["finess"], "750100208");
  EXPECT_EQ(club["items"][0]["missing_club_ssi"], true);
  auto paged = missing("?per_page=1&page=2");
  EXPECT_EQ(paged["items"].size(), 1u);
  EXPECT_EQ(paged["total"], 2);
  EXPECT_EQ(srv_.get("/api/v1/registrations/missing?missing=autre", {"Cookie: " + national_.cookie})
                .status,
            400);
  // Issue 17 trial: an unknown region is refused, a known one filters; the default page
  // size is the one docs/api.md gives for every list.
  auto zz = srv_.get("/api/v1/registrations/missing?region=zz", {"Cookie: " + national_.cookie});
  EXPECT_EQ(zz.status, 400);
  EXPECT_EQ(json::parse(zz.body)["error"]["code"], "request.bad_parameter");
  EXPECT_EQ(
      srv_.get("/api/v1/registrations/missing?region=11", {"Cookie: " + national_.cookie}).status,
      200);
  EXPECT_EQ(all["per_page"], 100);
  // A GHT that is not a number is a bad parameter too on the API (the page ignores it).
  auto ght = srv_.get("/api/v1/registrations/missing?ght=abc", {"Cookie: " + national_.cookie});
  EXPECT_EQ(ght.status, 400);
  EXPECT_EQ(json::parse(ght.body)["error"]["fields"][0]["field"], "ght");
  EXPECT_EQ(srv_.get("/api/v1/registrations/missing?ght=1", {"Cookie: " + national_.cookie}).status,
            200);
  EXPECT_EQ(srv_.get("/inscriptions-anssi?ght=abc", {"Cookie: " + national_.cookie}).status, 200);
  // The page says which filter it did not apply, naming it by its label (issue 20 trial: an
  // unknown value was ignored silently, or gave an empty list), and lists without it.
  const auto every = srv_.get("/inscriptions-anssi", {"Cookie: " + national_.cookie}).body;
  EXPECT_EQ(every.find("ne connaît pas la valeur"), std::string::npos);
  for (const auto& [q, label] : std::vector<std::pair<std::string, std::string>>{
           {"ght=abc", "GHT"},
           {"ght=999999", "GHT"},
           {"region=zz", "Région"},
           {"manque=autre", "Inscription manquante"}}) {
    auto r = srv_.get("/inscriptions-anssi?" + q, {"Cookie: " + national_.cookie});
    EXPECT_EQ(r.status, 200) << q;
    EXPECT_NE(r.body.find("Le filtre « " + label + " » ne connaît pas la valeur « " +
                          q.substr(q.find('=') + 1) + " » : il n&#39;est pas appliqué."),
              std::string::npos)
        << q;
    auto rows = [](const std::string& b) {
      std::size_t n = 0;
      for (auto at = b.find("data-testid=\"missing-row\""); at != std::string::npos;
           at = b.find("data-testid=\"missing-row\"", at + 1))
        ++n;
      return n;
    };
    EXPECT_GT(rows(every), 0u);
    EXPECT_EQ(rows(r.body), rows(every)) << q;
  }
  // The establishment's own user sees only its establishment.
  auto own = json::parse(srv_.get("/api/v1/registrations/missing").body);
  EXPECT_EQ(own["total"], 1);
  EXPECT_EQ(own["items"][0]["finess"], "750712184");
  // The page and its exports.
  auto page = srv_.get("/inscriptions-anssi?manque=club-ssi", {"Cookie: " + national_.cookie});
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("CH B"), std::string::npos);
  EXPECT_EQ(page.body.find(">CH A<"), std::string::npos);
  auto csv = srv_.get("/inscriptions-anssi.csv", {"Cookie: " + national_.cookie});
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("750100208"), std::string::npos);
  EXPECT_NE(csv.body.find("Non inscrit"), std::string::npos);
  auto xlsx = srv_.get("/inscriptions-anssi.xlsx", {"Cookie: " + national_.cookie});
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

// Issue 17 trial: the project's order is 400/415, then 404, then 422, then 409. A second
// registration of a service whose document is invalid (a .pdf that is no PDF) is a 422 on
// the document, not the 409 of the registration already recorded; a valid one is the 409.
TEST_P(RegistrationsTest, AnInvalidDocumentAnswers422BeforeTheConflict) {
  ASSERT_EQ(post(body("club-ssi", "2026-11-02")).status, 201);
  const auto evidence = count("evidence"), documents = count("evidence_documents");
  auto r = post(body("club-ssi", "2026-11-20", "inscription.pdf", "pas un PDF"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_code(r), "registration.attachment_type");
  EXPECT_EQ(json::parse(r.body)["error"]["fields"][0]["field"], "document");
  r = post(body("club-ssi", "2026-11-20", "inscription.pdf"));
  EXPECT_EQ(r.status, 409) << r.body;
  // The 404 still comes first: another establishment than the caller's.
  r = post(body("club-ssi", "2026-11-20", "inscription.pdf", "pas un PDF"), "750100208");
  EXPECT_EQ(r.status, 404) << r.body;
  // The page says the same, naming the field by its label.
  const std::string form =
      "--XyZ\r\nContent-Disposition: form-data; name=\"service\"\r\n\r\nsilene\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"date\"\r\n\r\n2026-11-20\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"contact_role\"\r\n\r\nrssi\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"anssi_reference\"\r\n\r\nS-1\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\npas un PDF\r\n--XyZ--\r\n";
  r = srv_.send("POST", "/etablissements/750712184/inscriptions-anssi", form,
                "multipart/form-data; boundary=XyZ");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Justificatif"), std::string::npos);
  EXPECT_EQ(count("evidence"), evidence);
  EXPECT_EQ(count("evidence_documents"), documents);
}

// Issue 17 trial: the contact's role is shown by its label (data/registrations/
// contact_roles.yaml) on the withdrawal page and the evidence pages, never its code "rssi".
TEST_P(RegistrationsTest, TheContactRoleIsShownByItsLabelOnEveryPage) {
  auto r = post(body("silene", "2026-11-02"));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = std::to_string(json::parse(r.body)["evidence_id"].get<long long>());
  const auto* role = evidence::RegistrationData::builtin().role("rssi");
  ASSERT_NE(role, nullptr);
  for (const std::string& path :
       {"/etablissements/750712184/preuves/" + id + "/retirer",
        "/etablissements/750712184/preuves/" + id, std::string("/etablissements/750712184/preuves"),
        std::string("/etablissements/750712184/inscriptions-anssi")}) {
    auto p = srv_.get(path);
    ASSERT_EQ(p.status, 200) << path;
    std::string label = role->label;
    std::string escaped;
    for (char c : label) escaped += c == '\'' ? std::string("&#39;") : std::string(1, c);
    EXPECT_TRUE(p.body.find(label) != std::string::npos ||
                p.body.find(escaped) != std::string::npos)
        << path;
    EXPECT_EQ(p.body.find(": rssi"), std::string::npos) << path;
    EXPECT_EQ(p.body.find(">rssi<"), std::string::npos) << path;
  }
}

// Issue 17 trial: a yes/no query parameter other than 0 or 1 is refused by the API (400
// request.bad_parameter naming it) and ignored by the pages (their default).
TEST_P(RegistrationsTest, AYesNoParameterIsZeroOrOne) {
  const std::vector<std::string> national{"Cookie: " + national_.cookie};
  for (const char* bad : {"maybe", "true", "2", "oui"}) {
    auto r = srv_.get(std::string("/api/v1/registrations/missing?demo=") + bad, national);
    EXPECT_EQ(r.status, 400) << bad;
    auto j = json::parse(r.body);
    EXPECT_EQ(j["error"]["code"], "request.bad_parameter") << bad;
    EXPECT_EQ(j["error"]["fields"][0]["field"], "demo") << bad;
  }
  for (const char* good : {"0", "1", ""}) {
    EXPECT_EQ(srv_.get(std::string("/api/v1/registrations/missing?demo=") + good, national).status,
              200)
        << good;
  }
  for (const char* path : {"/inscriptions-anssi?demo=maybe", "/inscriptions-anssi.csv?demo=maybe",
                           "/retards?demo=maybe&retard=peut-etre", "/tableau-de-bord?demo=maybe",
                           "/etablissements?retard=maybe"}) {
    auto r = srv_.get(path, national);
    EXPECT_EQ(r.status, 200) << path;
  }
  // Ignored means the default: the same list as without the parameter.
  EXPECT_EQ(missing("?demo=1")["total"], missing()["total"]);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistrationsTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
