// An incident created by mistake, withdrawn (issue 19 trial), through a TestServer on both
// backends: on its page (confirmation, « Motif du retrait » required, the second factor) and
// through the API (DELETE with {"reason"}); kept and shown « Retiré » with its reason, date and
// author, in the register and the audit trail; out of the statistics and of the regulatory
// clocks; no more changes (409 incident.withdrawn), its submitted stage kept frozen; a second
// withdrawal 409; another establishment's incident 404; a reader cannot withdraw.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "common/french.hpp"
#include "incident_server.hpp"
#include "module_fixture.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::count_rows;
using carepilot::testing::kForm;
using carepilot::testing::kLyon;
using carepilot::testing::kParis;
using carepilot::testing::module_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

class IncidentWithdrawalTest : public carepilot::testing::IncidentServerTest {
 protected:
  int year_incidents(int year) {
    const auto stats = call("GET", "/api/v1/incidents/statistics", nullptr, 200);
    for (const auto& x : stats["years"])
      if (x["year"] == year) return x["incidents"].get<int>();
    return -1;
  }
};

}  // namespace

TEST_P(IncidentWithdrawalTest, AnIncidentWithdrawnOnItsPageIsKeptShownAndCountsForNothing) {
  const auto keep = incident(kParis, "Rançongiciel", "2026-04-10T08:00:00+02:00");
  const auto id = incident(kParis, "Essai de saisie", "2026-04-12T08:00:00+02:00");
  // Personal data: the 72-hour clock runs.
  call("PUT", api_of(kParis, id) + "/qualification", {{"data", {"health_data.confidentiality"}}},
       200);
  EXPECT_EQ(year_incidents(2026), 2);
  const std::string page = page_of(kParis, id);
  auto before = srv_.get(page);
  ASSERT_EQ(before.status, 200);
  EXPECT_NE(before.body.find("data-testid=\"incident-withdraw\""), std::string::npos);
  EXPECT_NE(before.body.find("data-testid=\"incident-clock\""), std::string::npos);

  auto confirm = srv_.get(page + "/retirer");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("Essai de saisie"), std::string::npos);
  EXPECT_NE(confirm.body.find("Motif du retrait"), std::string::npos);
  const int audits = count_rows(srv_.db().db(), "audit_log");
  // No reason: refused, naming the field; nothing written.
  auto no_reason = srv_.send("POST", page + "/retirer", "motif=++", kForm);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_NE(no_reason.body.find("Motif du retrait"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits);
  EXPECT_FALSE(call("GET", api_of(kParis, id), nullptr, 200)["withdrawn"].get<bool>());

  auto done = srv_.send("POST", page + "/retirer", "motif=Saisie+d%27essai+en+double", kForm);
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 400);
  EXPECT_EQ(done.header("location"), page + "?retire=incident");
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits + 1);
  EXPECT_EQ(count_rows(srv_.db().db(), "incidents"), 2);  // kept

  auto after = srv_.get(page + "?retire=incident");
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("data-status=\"withdrawn\">Retiré<"), std::string::npos);
  EXPECT_NE(after.body.find("data-testid=\"incident-withdrawn\""), std::string::npos);
  EXPECT_NE(after.body.find("Saisie d&#39;essai en double"), std::string::npos);
  EXPECT_NE(after.body.find("Incident retiré ; il reste conservé"), std::string::npos);
  EXPECT_NE(after.body.find("data-kind=\"withdrawal\""), std::string::npos);
  // No clock, no form to change it, no withdrawal link.
  EXPECT_EQ(after.body.find("data-testid=\"incident-clock\""), std::string::npos);
  EXPECT_NE(after.body.find("data-testid=\"incident-clocks-withdrawn\""), std::string::npos);
  EXPECT_EQ(after.body.find("data-testid=\"event-form\""), std::string::npos);
  EXPECT_EQ(after.body.find("data-testid=\"incident-withdraw\""), std::string::npos);
  EXPECT_EQ(after.body.find("data-testid=\"attachment-form\""), std::string::npos);
  // The register lists it, « Retiré ».
  auto list = srv_.get(std::string("/etablissements/") + kParis + "/incidents");
  EXPECT_NE(list.body.find("data-status=\"withdrawn\">Retiré<"), std::string::npos);
  // The API says it, without clocks; the statistics count only the other one.
  auto j = call("GET", api_of(kParis, id), nullptr, 200);
  EXPECT_TRUE(j["withdrawn"].get<bool>());
  EXPECT_EQ(j["withdrawal"]["withdrawal_reason"], "Saisie d'essai en double");
  EXPECT_EQ(j["withdrawal"]["withdrawn_by"], "admin@test.fr");
  EXPECT_TRUE(j["clocks"].empty());
  EXPECT_FALSE(call("GET", api_of(kParis, keep), nullptr, 200)["clocks"].empty());
  EXPECT_EQ(year_incidents(2026), 1);
  // The establishment's history keeps it, said withdrawn; the other one is not.
  const auto history = srv_.get(std::string("/etablissements/") + kParis).body;
  EXPECT_NE(history.find("Essai de saisie (incident retiré)"), std::string::npos);
  EXPECT_NE(history.find("Rançongiciel"), std::string::npos);
  EXPECT_EQ(history.find("Rançongiciel (incident retiré)"), std::string::npos);
  // Its confirmation page now says « Retiré » (issue 19 trial: it said its former status).
  const auto again = srv_.get(page + "/retirer").body;
  EXPECT_NE(again.find("<dd>Retiré</dd>"), std::string::npos);
  EXPECT_EQ(again.find("<dd>Ouvert</dd>"), std::string::npos);
  // Again: 409 with the page, nothing written.
  EXPECT_EQ(srv_.send("POST", page + "/retirer", "motif=Encore", kForm).status, 409);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits + 1);
}

TEST_P(IncidentWithdrawalTest, TheApiWithdrawsOnceAndAWithdrawnIncidentTakesNoChange) {
  const auto id = incident(kParis, "Doublon", "2026-04-12T08:00:00+02:00");
  const std::string api = api_of(kParis, id);
  call("PUT", api + "/declarations/initial",
       {{"declarant_name", "Camille Martin"},
        {"declarant_contact", "rssi@ch-paris.fr"},
        {"declarant_role", "RSSI"},
        {"observed_at", "2026-04-12"},
        {"perimeter", "PACS"},
        {"systems", "PACS"},
        {"data_concerned", "Aucune"},
        {"handling_status", "En cours"}},
       200);
  auto sub =
      call("POST", api + "/declarations/initial/submit",
           {{"submitted_at", "2026-04-12T10:00:00+02:00"}, {"portal_reference", "CS-1"}}, 200);
  const std::string digest = sub.value("digest", "");
  ASSERT_FALSE(digest.empty()) << sub.dump();
  // Another establishment's incident, no reason, a reason too long: refused, nothing written.
  call("DELETE", api_of(kLyon, id), {{"reason", "Erreur"}}, 404);
  auto j = call("DELETE", api, {{"reason", ""}}, 422);
  EXPECT_EQ(j["error"]["fields"][0]["code"], "incident.reason_required") << j.dump();
  call("DELETE", api, {{"reason", std::string(2001, 'x')}}, 422);
  EXPECT_FALSE(call("GET", api, nullptr, 200)["withdrawn"].get<bool>());

  j = call("DELETE", api, {{"reason", "Incident saisi deux fois"}}, 200);
  EXPECT_TRUE(j["withdrawn"].get<bool>());
  j = call("DELETE", api, {{"reason", "Encore"}}, 409);
  EXPECT_EQ(j["error"]["code"], "incident.withdrawn");

  // Every change refused, 409 incident.withdrawn; the submitted stage kept as it was.
  auto refused = [&](const std::string& method, const std::string& path, const json& body) {
    auto r = call(method, path, body, 409);
    EXPECT_EQ(r["error"]["code"], "incident.withdrawn") << method << " " << path << r.dump();
  };
  refused("POST", api + "/events", {{"kind", "containment"}, {"at", "2026-04-13T08:00:00+02:00"}});
  refused("PUT", api + "/qualification", {{"threat", "ransomware"}});
  refused("PUT", api + "/status", {{"status", "closed"}});
  refused("PUT", api + "/declarations/final", {{"perimeter", "PACS"}});
  refused("POST", api + "/paq-action", {{"lessons", "Segmenter"}});
  refused("POST", api + "/attachments",
          {{"file_name", "note.txt"}, {"content_base64", "Ym9uam91cg=="}});
  auto initial = call("GET", api + "/declarations/initial", nullptr, 200);
  EXPECT_EQ(initial.dump().find(digest) != std::string::npos, true);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_declarations"), 1);
  // Read still, by whoever sees the establishment.
  EXPECT_EQ(srv_.get(page_of(kParis, id) + "/declaration/initial").status, 200);
}

TEST_P(IncidentWithdrawalTest, AReaderCannotWithdrawAndAnEditorNeedsTheSecondFactor) {
  const auto id = incident(kParis, "Essai", "2026-04-12T08:00:00+02:00");
  const auto est = srv_.app().repo().visible(Scope::nation(), kParis);
  carepilot::testing::act_as(srv_, Role::establishment_reader, Scope::establishment(est.id),
                             "lecteur@test.fr");
  call("DELETE", api_of(kParis, id), {{"reason", "Erreur"}}, 403);
  EXPECT_EQ(srv_.send("POST", page_of(kParis, id) + "/retirer", "motif=Erreur", kForm).status, 403);
  EXPECT_EQ(srv_.get(page_of(kParis, id)).body.find("data-testid=\"incident-withdraw\""),
            std::string::npos);
  // An editor without the second factor: 403, said.
  carepilot::testing::act_as(srv_, Role::establishment_editor, Scope::establishment(est.id),
                             "editeur@test.fr");
  auto j = call("DELETE", api_of(kParis, id), {{"reason", "Erreur"}}, 403);
  EXPECT_EQ(j["error"]["code"], "auth.second_factor_required") << j.dump();
  // With it: withdrawn.
  carepilot::testing::act_as(srv_, Role::establishment_editor, Scope::establishment(est.id),
                             "editeur2@test.fr", true);
  EXPECT_TRUE(call("DELETE", api_of(kParis, id), {{"reason", "Erreur de saisie"}}, 200)["withdrawn"]
                  .get<bool>());
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentWithdrawalTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
