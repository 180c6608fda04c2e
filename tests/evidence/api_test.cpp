#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <set>

#include "accounts.hpp"
#include "fixture.hpp"
#include "sample_files.hpp"
#include "store/audit_log.hpp"
#include "store/rows.hpp"
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
    // Authentication on, as the role that really calls these routes: an editor of CH A, who
    // has a second factor (withdrawing evidence needs one).
    const Scope own = Scope::establishment(a_.id);
    auto u = carepilot::testing::make_user(srv_, "agent.module@test.fr", Role::establishment_editor,
                                           own, /*totp=*/true);
    auto s = carepilot::testing::session_for(srv_, u);
    srv_.default_headers({"Cookie: " + s.cookie, "X-CSRF-Token: " + s.csrf});
    // The same role without a second factor.
    no_second_factor_ = carepilot::testing::session_for(
        srv_,
        carepilot::testing::make_user(srv_, "sans.totp@test.fr", Role::establishment_editor, own));
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
  long long audit_count(const std::string& action) {
    auto s = srv_.db().db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM audit_log WHERE entity = 'evidence' AND action = :a",
        soci::use(action), soci::into(n);
    return n;
  }
  TestServer srv_;
  registry::Establishment a_;
  carepilot::testing::Session no_second_factor_;
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

  // A plan dated on the deadline, covering the mandatory « indisponibilité informatique »
  // scenario, makes pca-pra met (deadline inclusive).
  post({{"type", "continuity_plan"},
        {"kind", "pra"},
        {"covers_it_outage", true},
        {"date", "2025-06-30"}},
       201);
  EXPECT_EQ(obligation(compliance("2025-07-01"), "pca-pra")["status"], "met");

  auto list = json::parse(srv_.get("/api/v1/establishments/750712184/evidence").body);
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][0]["type"], "continuity_plan");

  // DELETE withdraws, with a reason: the plan no longer counts.
  auto del = srv_.send("DELETE",
                       "/api/v1/establishments/750712184/evidence/" +
                           std::to_string(list["items"][0]["id"].get<long long>()),
                       R"({"reason": "Plan remplacé par la version 2"})", "application/json");
  EXPECT_EQ(del.status, 200) << del.body;
  auto gone = json::parse(del.body);
  EXPECT_EQ(gone["withdrawal_reason"], "Plan remplacé par la version 2");
  EXPECT_EQ(gone["withdrawn_by"], "agent.module@test.fr");
  EXPECT_TRUE(gone["withdrawn_at"].is_string());
  EXPECT_EQ(obligation(compliance("2025-07-01"), "pca-pra")["status"], "overdue");
  EXPECT_EQ(json::parse(srv_.get("/api/v1/establishments/750712184/evidence").body)["items"].size(),
            1u);
}

// Issue 12, point 1: evidence is never deleted. It is withdrawn after a confirmation page
// naming it, with a reason, by a caller who passed a second factor; it then no longer counts
// but stays in the history and the journal. Refusals change nothing.
TEST_P(EvidenceApiTest, WithdrawalNeedsAReasonAndASecondFactorAndKeepsTheHistory) {
  auto b = srv_.app().repo().create(Scope::nation(),
                                    establishment_input("750100208", "CH B", {"medecine"}));
  auto foreign = srv_.app().evidence_repo().add(Scope::nation(), b.finess_et,
                                                {{"type", "ad_audit"}, {"date", "2026-10-05"}},
                                                d("2026-11-23"), Actor{"test", "", ""});
  auto ex = post({{"type", "crisis_exercise"},
                  {"date", "2026-03-02"},
                  {"declared_on", "2026-03-10"},
                  {"retex_in_paq", true}},
                 201);
  const std::string id = std::to_string(ex["id"].get<long long>());
  const std::string base = "/etablissements/750712184/preuves/" + id + "/retirer";
  const std::string api = "/api/v1/establishments/750712184/evidence/" + id;
  auto crisis = [&] { return obligation(compliance("2026-11-23"), "crisis-exercise")["status"]; };
  auto count = [&] {
    return json::parse(srv_.get("/api/v1/establishments/750712184/evidence").body)["items"].size();
  };
  ASSERT_EQ(crisis(), "met");

  // The list links to the confirmation page; nothing deletes in one click.
  auto list = srv_.get("/etablissements/750712184/preuves");
  EXPECT_NE(list.body.find("href=\"" + base + "\""), std::string::npos);
  EXPECT_EQ(list.body.find("/supprimer"), std::string::npos);
  EXPECT_EQ(list.body.find("Preuves retirées"), std::string::npos);  // no history yet

  // The confirmation page names the record and asks for the reason.
  auto confirm = srv_.get(base);
  ASSERT_EQ(confirm.status, 200) << confirm.body.substr(0, 300);
  EXPECT_NE(
      confirm.body.find("Retirer la preuve n° " + id + " : Exercice de crise cyber du 02/03/2026"),
      std::string::npos);
  EXPECT_NE(confirm.body.find("Motif du retrait"), std::string::npos);
  EXPECT_NE(confirm.body.find("data-testid=\"withdraw-form\""), std::string::npos);

  const long long audited = audit_count("withdraw");
  // Without a reason: 422, the page again naming the field in French; nothing changed.
  for (const char* body : {"motif=", "motif=+++", ""}) {
    auto r = srv_.send("POST", base, body, "application/x-www-form-urlencoded");
    EXPECT_EQ(r.status, 422) << body;
    EXPECT_NE(r.body.find("Motif du retrait : indiquez pourquoi"), std::string::npos) << body;
    EXPECT_NE(r.body.find("data-testid=\"withdraw-form\""), std::string::npos);
  }
  auto no_reason = srv_.send("DELETE", api, "", "");
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_EQ(json::parse(no_reason.body)["error"]["code"], "evidence.reason_required");
  EXPECT_EQ(json::parse(no_reason.body)["error"]["fields"][0]["field"], "reason");
  EXPECT_EQ(srv_.send("DELETE", api, R"({"reason": ""})", "application/json").status, 422);
  EXPECT_EQ(srv_.send("DELETE", api, R"({"reason": 12})", "application/json").status, 422);
  EXPECT_EQ(srv_.send("DELETE", api, R"({"reason": "x"})", "text/plain").status, 415);
  EXPECT_EQ(srv_.send("DELETE", api, "{", "application/json").status, 400);

  // Without a second factor: the page says what to do, the writes are refused.
  auto page = carepilot::testing::call(srv_, no_second_factor_, "GET", base);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-testid=\"withdraw-second-factor\""), std::string::npos);
  EXPECT_EQ(page.body.find("data-testid=\"withdraw-form\""), std::string::npos);
  auto refused = carepilot::testing::call(srv_, no_second_factor_, "POST", base, "motif=Doublon",
                                          "application/x-www-form-urlencoded");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("double authentification"), std::string::npos);
  auto refused_api = carepilot::testing::call(srv_, no_second_factor_, "DELETE", api,
                                              R"({"reason": "Doublon"})", "application/json");
  EXPECT_EQ(refused_api.status, 403);
  EXPECT_EQ(json::parse(refused_api.body)["error"]["code"], "auth.second_factor_required");

  // Another establishment's record, through its own FINESS or through this one's: 404.
  const std::string fid = std::to_string(foreign.id);
  for (const std::string& path : {"/etablissements/750100208/preuves/" + fid + "/retirer",
                                  "/etablissements/750712184/preuves/" + fid + "/retirer"}) {
    EXPECT_EQ(srv_.get(path).status, 404) << path;
    EXPECT_EQ(srv_.send("POST", path, "motif=Doublon", "application/x-www-form-urlencoded").status,
              404)
        << path;
  }
  EXPECT_EQ(srv_.send("DELETE", "/api/v1/establishments/750100208/evidence/" + fid,
                      R"({"reason": "Doublon"})", "application/json")
                .status,
            404);
  EXPECT_EQ(srv_.send("DELETE", "/api/v1/establishments/750712184/evidence/" + fid,
                      R"({"reason": "Doublon"})", "application/json")
                .status,
            404);
  EXPECT_FALSE(
      srv_.app().evidence_repo().get(Scope::nation(), b.finess_et, foreign.id).withdrawn());

  // None of the refusals changed anything.
  EXPECT_EQ(count(), 1u);
  EXPECT_EQ(crisis(), "met");
  EXPECT_EQ(audit_count("withdraw"), audited);

  // Withdrawn: it no longer counts, the history and the journal show it.
  auto done = srv_.send("POST", base, "motif=Exercice+saisi+deux+fois",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(done.status, 303) << done.body.substr(0, 300);
  EXPECT_EQ(done.header("location"), "/etablissements/750712184/preuves?retire=1");
  EXPECT_EQ(crisis(), "overdue");
  EXPECT_EQ(count(), 0u);
  EXPECT_EQ(audit_count("withdraw"), audited + 1);
  auto history = srv_.get("/etablissements/750712184/preuves?retire=1");
  EXPECT_NE(history.body.find("Preuve retirée"), std::string::npos);
  auto at = history.body.find("data-testid=\"withdrawn-table\"");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(history.body.find("Exercice saisi deux fois", at), std::string::npos);
  EXPECT_NE(history.body.find("agent.module@test.fr", at), std::string::npos);
  EXPECT_EQ(history.body.find(base), std::string::npos);  // no longer offered
  // Dates in Paris time, never an ISO timestamp on screen.
  EXPECT_FALSE(std::regex_search(history.body, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:)")));
  // Withdrawing again: 409; the confirmation page says it was withdrawn, and by whom.
  EXPECT_EQ(srv_.send("POST", base, "motif=Encore", "application/x-www-form-urlencoded").status,
            409);
  auto again = srv_.get(base);
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("data-testid=\"withdraw-already\""), std::string::npos);
  EXPECT_NE(again.body.find("Exercice saisi deux fois"), std::string::npos);
  EXPECT_EQ(again.body.find("data-testid=\"withdraw-form\""), std::string::npos);
  EXPECT_EQ(srv_.send("DELETE", api, R"({"reason": "Encore"})", "application/json").status, 409);
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

// Issue 12, point 5: the compliance page is a to-do list. Per obligation: status, deadline
// ("À réaliser" without one), what is missing, the button that fixes it; the rule and its
// source folded; the evidence used as links with their stored numbers, in the explanation
// too; late obligations first.
TEST_P(EvidenceApiTest, CompliancePageIsATodoList) {
  // Padding records so that a record's number is not its position in the list.
  post({{"type", "registration"}, {"date", "2025-02-10"}, {"service", "silene"}}, 201);
  post({{"type", "registration"}, {"date", "2025-02-11"}, {"service", "club-ssi"}}, 201);
  auto audit = post({{"type", "ad_audit"}, {"date", "2026-10-02"}, {"source", "ads"}}, 201);
  const std::string id = std::to_string(audit["id"].get<long long>());
  ASSERT_NE(id, "2");
  auto page = srv_.get("/etablissements/750712184/conformite?date=2026-11-23");
  ASSERT_EQ(page.status, 200);
  const auto& b = page.body;
  auto row = [&](const std::string& obligation) {
    auto at = b.find("<tr data-obligation=\"" + obligation + "\"");
    EXPECT_NE(at, std::string::npos) << obligation;
    if (at == std::string::npos) return std::string{};
    return b.substr(at, b.find("</tr>", at) - at);
  };
  // The evidence used: a link to the record, with its stored number.
  auto ad = row("ad-audit");
  EXPECT_NE(ad.find("href=\"/etablissements/750712184/preuves/" + id + "\""), std::string::npos)
      << ad;
  EXPECT_NE(ad.find("(n° " + id + ")"), std::string::npos) << ad;
  EXPECT_NE(ad.find("Satisfaite pour le 4e trimestre 2026"), std::string::npos) << ad;
  EXPECT_EQ(ad.find("2026-Q"), std::string::npos) << ad;
  // The API's explanation cites the same number.
  auto api = obligation(compliance("2026-11-23"), "ad-audit");
  EXPECT_NE(api["explanation"].get<std::string>().find("Preuves utilisées : n° " + id + "."),
            std::string::npos)
      << api["explanation"];
  // The rule and its source are folded in an accordion.
  EXPECT_NE(ad.find("fr-accordion__btn"), std::string::npos);
  EXPECT_NE(ad.find("Source : Instruction DNS/2025/12"), std::string::npos);
  // An overdue obligation: its deadline, days late and the button that fixes it.
  auto pca = row("pca-pra");
  EXPECT_NE(pca.find("30/06/2025"), std::string::npos) << pca;
  EXPECT_NE(pca.find("jours de retard"), std::string::npos) << pca;
  EXPECT_NE(pca.find("href=\"/etablissements/750712184/continuite\""), std::string::npos) << pca;
  auto exercise = row("crisis-exercise");
  EXPECT_NE(exercise.find("href=\"/etablissements/750712184/exercices/nouveau\""),
            std::string::npos);
  auto budget = row("digital-budget");
  EXPECT_NE(budget.find(">Déclarer le budget 2025</a>"), std::string::npos) << budget;
  // No deadline and not met: "À réaliser"; met: no button.
  auto paq = row("paq-integration");
  EXPECT_NE(paq.find("<td data-testid=\"deadline\">À réaliser"), std::string::npos) << paq;
  // Its badge says the same: « À échéance » would promise a date the text does not set. One
  // due with a deadline (every BIA by 30/06/2027) keeps « À échéance ».
  EXPECT_NE(paq.find("fr-badge--warning\">À réaliser</p>"), std::string::npos) << paq;
  EXPECT_EQ(paq.find("À échéance"), std::string::npos) << paq;
  auto bia = row("bia-all-services");
  EXPECT_NE(bia.find("fr-badge--warning\">À échéance</p>"), std::string::npos) << bia;
  EXPECT_NE(bia.find("30/06/2027"), std::string::npos) << bia;
  EXPECT_EQ(ad.find("data-testid=\"fix\""), std::string::npos);
  // Late first: the first row is overdue, a met one comes after every unmet one.
  auto first = b.find("<tr data-obligation=");
  const std::string overdue = "data-status=\"overdue\"";
  EXPECT_EQ(b.substr(b.find("data-status=", first), overdue.size()), overdue);
  EXPECT_LT(b.rfind("data-status=\"due\""), b.find("data-status=\"met\""));
  // The form the button opens is open.
  auto form = srv_.get("/etablissements/750712184/preuves?ajouter=continuity_plan");
  EXPECT_NE(form.body.find("aria-expanded=\"true\" aria-controls=\"acc-form-continuity_plan\""),
            std::string::npos);
  EXPECT_NE(form.body.find("aria-expanded=\"false\" aria-controls=\"acc-form-bia\""),
            std::string::npos);
  // A reader sees no button.
  auto reader = carepilot::testing::session_for(
      srv_, carepilot::testing::make_user(srv_, "lecteur.todo@test.fr", Role::establishment_reader,
                                          Scope::establishment(a_.id)));
  auto as_reader = srv_.get("/etablissements/750712184/conformite?date=2026-11-23",
                            {"Cookie: " + reader.cookie});
  EXPECT_EQ(as_reader.status, 200);
  EXPECT_EQ(as_reader.body.find("data-testid=\"fix\""), std::string::npos);
}

// Issue 12, point 4: the establishment page carries the summary (what is late, the next
// deadlines, quick actions), and it is the home page of the establishment's users.
TEST_P(EvidenceApiTest, HomeIsMyEstablishment) {
  auto show = srv_.get("/etablissements/750712184");
  ASSERT_EQ(show.status, 200);
  EXPECT_NE(show.body.find("data-testid=\"establishment-summary\""), std::string::npos);
  EXPECT_NE(show.body.find("(PCA/PRA)"), std::string::npos);
  auto home = srv_.get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Mon établissement : CH A"), std::string::npos);
  EXPECT_NE(home.body.find("data-testid=\"summary-late\""), std::string::npos);
  EXPECT_NE(home.body.find("data-testid=\"quick-actions\""), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/etablissements/750712184/exercices/nouveau\""),
            std::string::npos);
}

// Issue 12, point 2: documents on evidence. Checked as the assessment's attachments, each
// upload under the same title is a new version (the earlier one is kept, byte for byte), and
// the SHA-256 is shown. A withdrawn or module-made record takes none; another
// establishment's record or document is 404.
TEST_P(EvidenceApiTest, DocumentsAreVersionedAndShowTheirDigest) {
  auto b = srv_.app().repo().create(Scope::nation(),
                                    establishment_input("750100208", "CH B", {"medecine"}));
  auto foreign = srv_.app().evidence_repo().add(Scope::nation(), b.finess_et,
                                                {{"type", "ad_audit"}, {"date", "2026-10-05"}},
                                                d("2026-11-23"), Actor{"test", "", ""});
  auto plan = post({{"type", "continuity_plan"}, {"kind", "pca"}, {"date", "2026-02-01"}}, 201);
  const std::string id = std::to_string(plan["id"].get<long long>());
  const std::string page = "/etablissements/750712184/preuves/" + id;
  auto upload = [&](const std::string& path, const std::string& title, const std::string& name,
                    const std::string& bytes) {
    std::string body;
    auto field = [&](const std::string& n, const std::string& v) {
      body += "--B0\r\nContent-Disposition: form-data; name=\"" + n + "\"\r\n\r\n" + v + "\r\n";
    };
    field("title", title);
    field("author", "Direction des systèmes d'information");
    field("reference", "DSI-PCA-2026");
    field("comment", "Validé en comité de direction");
    body += "--B0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--B0--\r\n";
    return srv_.send("POST", path + "/documents", body, "multipart/form-data; boundary=B0");
  };
  auto rows = [&] {
    auto s = srv_.db().db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM evidence_documents", soci::into(n);
    return n;
  };
  const std::string v1 = carepilot::testing::sample_pdf("Plan de continuité, version 1");
  const std::string v2 = carepilot::testing::sample_pdf("Plan de continuité, version 2");
  // Refused: no title, a type outside the list, content that lies about its extension.
  auto no_title = upload(page, "  ", "pca.pdf", v1);
  EXPECT_EQ(no_title.status, 422) << no_title.body.substr(0, 300);
  EXPECT_NE(no_title.body.find("Intitulé du document : obligatoire"), std::string::npos);
  auto exe = upload(page, "PCA", "pca.exe", "MZ\x90");
  EXPECT_EQ(exe.status, 422);
  EXPECT_NE(exe.body.find("data-field=\"file\""), std::string::npos);
  EXPECT_EQ(upload(page, "PCA", "pca.pdf", "pas un PDF").status, 422);
  EXPECT_EQ(upload(page, "PCA", "pca.pdf", std::string(5u << 20, 'x') + "%").status, 422);
  EXPECT_EQ(rows(), 0);

  ASSERT_EQ(upload(page, "PCA", "pca-2026.pdf", v1).status, 303);
  auto again = upload(page, "PCA", "pca-2026-v2.pdf", v2);
  ASSERT_EQ(again.status, 303);
  EXPECT_EQ(again.header("location"), page + "?document=1");
  ASSERT_EQ(upload(page, "Attestation", "attestation.txt", "Attestation de test.\n").status, 303);
  EXPECT_EQ(rows(), 3);

  auto shown = srv_.get(page);
  ASSERT_EQ(shown.status, 200);
  const std::string h1 = store::sha256_hex(v1), h2 = store::sha256_hex(v2);
  EXPECT_NE(shown.body.find(h1), std::string::npos);
  EXPECT_NE(shown.body.find(h2), std::string::npos);
  EXPECT_NE(shown.body.find("DSI-PCA-2026"), std::string::npos);
  EXPECT_NE(shown.body.find("Validé en comité de direction"), std::string::npos);
  // Both versions of "PCA" are kept and each downloads its own bytes.
  std::vector<std::pair<std::string, std::string>> ids;
  std::regex link("/etablissements/750712184/preuves/" + id + "/documents/([0-9]+)\"");
  for (std::sregex_iterator it(shown.body.begin(), shown.body.end(), link), end; it != end; ++it)
    ids.emplace_back((*it)[1], "");
  ASSERT_EQ(ids.size(), 3u);
  std::set<std::string> got;
  for (const auto& [doc, unused] : ids) {
    auto f = srv_.get(page + "/documents/" + doc);
    ASSERT_EQ(f.status, 200);
    got.insert(f.body);
    if (f.body == v1) {
      EXPECT_EQ(f.header("content-type"), "application/pdf");
      EXPECT_NE(f.header("content-disposition").find("pca-2026.pdf"), std::string::npos);
    }
  }
  EXPECT_EQ(got, (std::set<std::string>{v1, v2, "Attestation de test.\n"}));
  {
    auto s = srv_.db().db().lease();
    std::string versions;
    soci::rowset<soci::row> rs =
        (s->prepare << "SELECT title, version, sha256 FROM evidence_documents ORDER BY id");
    for (const auto& r : rs)
      versions += r.get<std::string>(0) + ":" + std::to_string(store::row_int(r, 1)) + ":" +
                  r.get<std::string>(2).substr(0, 8) + " ";
    EXPECT_EQ(versions, "PCA:1:" + h1.substr(0, 8) + " PCA:2:" + h2.substr(0, 8) +
                            " Attestation:1:" +
                            store::sha256_hex("Attestation de test.\n").substr(0, 8) + " ");
  }

  // Another establishment's record, directly or through this one: 404, nothing written.
  const std::string fid = std::to_string(foreign.id);
  for (const std::string& path :
       {"/etablissements/750100208/preuves/" + fid, "/etablissements/750712184/preuves/" + fid}) {
    EXPECT_EQ(srv_.get(path).status, 404) << path;
    EXPECT_EQ(upload(path, "PCA", "pca.pdf", v1).status, 404) << path;
    EXPECT_EQ(srv_.get(path + "/documents/" + ids[0].first).status, 404) << path;
  }
  EXPECT_EQ(rows(), 3);

  // A withdrawn record takes no more documents; those it has stay readable.
  ASSERT_EQ(srv_.send("POST", page + "/retirer", "motif=Remplac%C3%A9",
                      "application/x-www-form-urlencoded")
                .status,
            303);
  EXPECT_EQ(upload(page, "PCA", "pca-v3.pdf", v1).status, 409);
  EXPECT_EQ(rows(), 3);
  auto after = srv_.get(page);
  EXPECT_NE(after.body.find(h2), std::string::npos);
  EXPECT_EQ(after.body.find("data-testid=\"document-form\""), std::string::npos);
  EXPECT_EQ(srv_.get(page + "/documents/" + ids[0].first).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceApiTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
