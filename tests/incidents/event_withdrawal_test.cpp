// A timeline event typed wrong, withdrawn (issue 19 trial: two « Violation de données notifiée
// à la CNIL » at different times were both kept and the wrong one drove the 72-hour clock), on
// both backends: through the API (DELETE …/events/:item with {"reason"}) and its page
// (confirmation, « Motif du retrait », the second factor). Kept, shown struck « Retiré le … par
// … : motif », in the audit trail, out of the durations and clocks; the detection, an event a
// transmission recorded and the start of a period whose end is recorded cannot be; a withdrawn
// incident takes none; another establishment's or incident's event is 404.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
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

class IncidentEventWithdrawalTest : public carepilot::testing::IncidentServerTest {
 protected:
  std::int64_t event(std::int64_t id, const char* kind, const char* at, const char* service = "") {
    return call("POST", api_of(kParis, id) + "/events",
                {{"kind", kind}, {"at", at}, {"service", service}}, 201)
        .value("id", std::int64_t{0});
  }
  static const json& clock(const json& inc, const char* deadline) {
    for (const auto& c : inc["clocks"])
      if (c["deadline"] == deadline) return c;
    static const json none;
    return none;
  }
  std::int64_t detection_id(std::int64_t id) {
    const auto inc = call("GET", api_of(kParis, id), nullptr, 200);
    for (const auto& e : inc["events"])
      if (e["kind"] == "detection") return e["id"].get<std::int64_t>();
    return 0;
  }
};

}  // namespace

TEST_P(IncidentEventWithdrawalTest, TheWrongNotificationWithdrawnStopsDrivingTheClock) {
  const auto id = incident(kParis, "Fuite de données", "2026-04-10T08:00:00+02:00");
  call("PUT", api_of(kParis, id) + "/qualification", {{"data", {"health_data.confidentiality"}}},
       200);
  // The right notification 13/04 at 09:00 (late: due 13/04 08:00); a wrong one typed 11/04.
  const auto right = event(id, "breach_notified", "2026-04-13T09:00:00+02:00");
  const auto wrong = event(id, "breach_notified", "2026-04-11T09:00:00+02:00");
  const auto contained = event(id, "containment", "2026-04-10T12:00:00+02:00");
  auto j = call("GET", api_of(kParis, id), nullptr, 200);
  EXPECT_EQ(clock(j, "gdpr_breach_notification")["state"], "done_on_time") << j.dump();
  EXPECT_EQ(j["durations"]["to_contain"], 4 * 3600);

  const int audits = count_rows(srv_.db().db(), "audit_log");
  // No reason: refused naming the field, nothing written.
  j = call("DELETE", api_of(kParis, id) + "/events/" + std::to_string(wrong), {{"reason", " "}},
           422);
  EXPECT_EQ(j["error"]["fields"][0]["code"], "incident.reason_required") << j.dump();
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits);
  // Another establishment's path, an unknown event: 404, the id not echoed.
  j = call("DELETE", api_of(kLyon, id) + "/events/" + std::to_string(wrong), {{"reason", "x"}},
           404);
  j = call("DELETE", api_of(kParis, id) + "/events/999999", {{"reason", "x"}}, 404);
  EXPECT_EQ(j["error"]["code"], "incident.event_not_found") << j.dump();
  EXPECT_EQ(j.dump().find("999999"), std::string::npos);

  j = call("DELETE", api_of(kParis, id) + "/events/" + std::to_string(wrong),
           {{"reason", "Date erronée : notifiée le 13/04"}}, 200);
  EXPECT_EQ(clock(j, "gdpr_breach_notification")["state"], "done_late") << j.dump();
  EXPECT_EQ(clock(j, "gdpr_breach_notification")["seconds"], 3600);
  ASSERT_EQ(j["withdrawn_events"].size(), 1u);
  EXPECT_EQ(j["withdrawn_events"][0]["id"], wrong);
  EXPECT_EQ(j["withdrawn_events"][0]["withdrawal"]["withdrawal_reason"],
            "Date erronée : notifiée le 13/04");
  EXPECT_EQ(j["withdrawn_events"][0]["withdrawal"]["withdrawn_by"], "admin@test.fr");
  for (const auto& e : j["events"]) EXPECT_NE(e["id"], wrong);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits + 1);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_events"), 4);  // kept
  // Again: 409, nothing written.
  j = call("DELETE", api_of(kParis, id) + "/events/" + std::to_string(wrong), {{"reason", "x"}},
           409);
  EXPECT_EQ(j["error"]["code"], "incident.event_withdrawn");
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits + 1);
  // The containment withdrawn: the duration is no longer known.
  j = call("DELETE", api_of(kParis, id) + "/events/" + std::to_string(contained),
           {{"reason", "Pas encore confiné"}}, 200);
  EXPECT_TRUE(j["durations"]["to_contain"].is_null()) << j.dump();
  (void)right;

  // The page shows it struck, with who, when and why; the right one can still be withdrawn.
  const auto page = srv_.get(page_of(kParis, id)).body;
  EXPECT_NE(page.find("data-state=\"withdrawn\""), std::string::npos);
  EXPECT_NE(page.find("data-testid=\"event-withdrawal\">Retiré le "), std::string::npos);
  EXPECT_NE(page.find("Date erronée : notifiée le 13/04"), std::string::npos);
  EXPECT_NE(page.find("data-testid=\"withdrawn-events-note\""), std::string::npos);
  EXPECT_NE(page.find("/evenements/" + std::to_string(right) + "/retirer"), std::string::npos);
  EXPECT_EQ(page.find("/evenements/" + std::to_string(wrong) + "/retirer"), std::string::npos);
}

TEST_P(IncidentEventWithdrawalTest, TheDetectionAndAPeriodsStartWithItsEndCannotBeWithdrawn) {
  const auto id = incident(kParis, "Panne", "2026-04-10T08:00:00+02:00");
  const auto det = detection_id(id);
  ASSERT_GT(det, 0);
  auto j = call("DELETE", api_of(kParis, id) + "/events/" + std::to_string(det),
                {{"reason", "Mauvaise date"}}, 409);
  EXPECT_EQ(j["error"]["code"], "incident.detection_event") << j.dump();
  EXPECT_NE(j.dump().find("date de détection de l'incident en dépend"), std::string::npos);
  // Its page says so, without a form; the POST too (409, nothing written).
  auto confirm = srv_.get(page_of(kParis, id) + "/evenements/" + std::to_string(det) + "/retirer");
  EXPECT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("date de détection de l&#39;incident en dépend"), std::string::npos)
      << confirm.body.substr(0, 300);
  const int audits = count_rows(srv_.db().db(), "audit_log");
  auto post =
      srv_.send("POST", page_of(kParis, id) + "/evenements/" + std::to_string(det) + "/retirer",
                "motif=Erreur", kForm);
  EXPECT_EQ(post.status, 409);
  EXPECT_NE(post.body.find("date de détection de l&#39;incident en dépend"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits);

  const auto start = event(id, "degraded_start", "2026-04-10T09:00:00+02:00", "urgences");
  const auto end = event(id, "degraded_end", "2026-04-10T15:00:00+02:00", "urgences");
  j = call("DELETE", api_of(kParis, id) + "/events/" + std::to_string(start), {{"reason", "x"}},
           409);
  EXPECT_EQ(j["error"]["code"], "incident.event_needed") << j.dump();
  // The end first, then the start.
  j = call("DELETE", api_of(kParis, id) + "/events/" + std::to_string(end),
           {{"reason", "Pas encore rétabli"}}, 200);
  EXPECT_TRUE(j["durations"]["degraded_ongoing"].get<bool>()) << j.dump();
  j = call("DELETE", api_of(kParis, id) + "/events/" + std::to_string(start),
           {{"reason", "Pas de mode dégradé"}}, 200);
  EXPECT_EQ(j["durations"]["degraded"], 0) << j.dump();
  EXPECT_EQ(j["withdrawn_events"].size(), 2u);
}

TEST_P(IncidentEventWithdrawalTest, OnItsPageWithTheSecondFactorAndNotOnAWithdrawnIncident) {
  const auto id = incident(kParis, "Hameçonnage", "2026-04-10T08:00:00+02:00");
  const auto other = incident(kParis, "Autre", "2026-04-11T08:00:00+02:00");
  const auto ev = event(id, "ars_informed", "2026-04-10T10:00:00+02:00");
  const std::string url = page_of(kParis, id) + "/evenements/" + std::to_string(ev) + "/retirer";
  // Another incident's path: 404.
  EXPECT_EQ(
      srv_.get(page_of(kParis, other) + "/evenements/" + std::to_string(ev) + "/retirer").status,
      404);
  auto confirm = srv_.get(url);
  ASSERT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("Motif du retrait"), std::string::npos);
  EXPECT_NE(confirm.body.find("ARS"), std::string::npos);
  auto empty = srv_.send("POST", url, "motif=", kForm);
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("Motif du retrait"), std::string::npos);

  const auto est = srv_.app().repo().visible(Scope::nation(), kParis);
  carepilot::testing::act_as(srv_, Role::establishment_reader, Scope::establishment(est.id),
                             "lecteur@test.fr");
  EXPECT_EQ(srv_.send("POST", url, "motif=Erreur", kForm).status, 403);
  EXPECT_EQ(srv_.get(page_of(kParis, id)).body.find("data-testid=\"event-withdraw\""),
            std::string::npos);
  carepilot::testing::act_as(srv_, Role::establishment_editor, Scope::establishment(est.id),
                             "editeur@test.fr");
  EXPECT_EQ(srv_.send("POST", url, "motif=Erreur", kForm).status, 403);  // no second factor
  carepilot::testing::act_as(srv_, Role::establishment_editor, Scope::establishment(est.id),
                             "editeur2@test.fr", true);
  auto done = srv_.send("POST", url, "motif=ARS+pas+encore+inform%C3%A9e", kForm);
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 300);
  EXPECT_EQ(done.header("location"), page_of(kParis, id) + "?retire=evenement");
  const auto page = srv_.get(page_of(kParis, id) + "?retire=evenement").body;
  EXPECT_NE(page.find("Événement retiré ; il reste dans la chronologie"), std::string::npos);
  EXPECT_NE(page.find("ARS pas encore informée"), std::string::npos);
  // Already withdrawn: the page says « Retiré », a second POST 409.
  EXPECT_EQ(srv_.send("POST", url, "motif=Encore", kForm).status, 409);

  // A withdrawn incident: its events stay as they are.
  const auto ev2 = event(other, "ars_informed", "2026-04-11T10:00:00+02:00");
  carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "admin2@test.fr", true);
  call("DELETE", api_of(kParis, other), {{"reason", "Doublon"}}, 200);
  auto j = call("DELETE", api_of(kParis, other) + "/events/" + std::to_string(ev2),
                {{"reason", "x"}}, 409);
  EXPECT_EQ(j["error"]["code"], "incident.withdrawn") << j.dump();
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentEventWithdrawalTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
