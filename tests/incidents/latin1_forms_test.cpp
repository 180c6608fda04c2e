// Issue 19 trial: three forms of the incident page posted in Latin-1 / Windows-1252 — the
// lessons (RETEX), « Qualifier l'incident » and the withdrawal's « Motif » — answered a bare
// « Données invalides Erreur 422 » and lost the text. Every form of the register shows its page
// again, the text read as Windows-1252, the refusal naming the field by its label, nothing
// stored; and a page's date that is not a date (« garbage », month 13) says so in the page's
// words (not the API's « décalage horaire »), naming the field.
#include <gtest/gtest.h>

#include "incident_server.hpp"
#include "outputs.hpp"

using namespace carepilot;
using carepilot::testing::count_rows;
using carepilot::testing::kForm;
using carepilot::testing::kParis;

namespace {

class IncidentsLatin1FormsTest : public carepilot::testing::IncidentServerTest {};

// As a page escapes it.
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("&#39;") : std::string(1, c);
  return out;
}

}  // namespace

TEST_P(IncidentsLatin1FormsTest, EveryIncidentFormShowsLatin1TextAgainNamingItsField) {
  const auto id = incident(kParis, "Rançongiciel", "2026-04-01T10:00:00+02:00");
  const auto page = page_of(kParis, id);
  const auto audit = count_rows(srv_.db().db(), "audit_log");
  const std::string refused = " contient des caractères qui ne sont pas en UTF-8";

  // Lessons: « Leçon à retenir » in Windows-1252.
  auto r = srv_.send("POST", page + "/paq", "lessons=Le%E7on+%E0+retenir", kForm);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find(escaped("Le champ « Leçons de l'incident »") + refused), std::string::npos)
      << r.body.substr(0, 3000);
  EXPECT_NE(r.body.find("Leçon à retenir</textarea>"), std::string::npos);
  EXPECT_EQ(r.body.find("Données invalides"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 0);

  // « Qualifier l'incident »: a choice in Latin-1, named by its label.
  r = srv_.send("POST", page + "/qualification", "malicious=yes&threat=ran%E7on", kForm);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Type de menace : le choix envoyé contient des caractères"),
            std::string::npos)
      << r.body.substr(0, 3000);
  EXPECT_EQ(r.body.find("Données invalides"), std::string::npos);
  EXPECT_TRUE(call("GET", api_of(kParis, id), nullptr, 200)["qualification"].empty());

  // Withdrawal of the incident: « Motif du retrait » shown again.
  r = srv_.send("POST", page + "/retirer", "motif=Saisie+en+double+%E0+retirer", kForm);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Le champ « Motif du retrait »" + refused), std::string::npos)
      << r.body.substr(0, 3000);
  EXPECT_NE(r.body.find("Saisie en double à retirer</textarea>"), std::string::npos);
  EXPECT_FALSE(call("GET", api_of(kParis, id), nullptr, 200)["withdrawn"].get<bool>());

  // Withdrawal of an event (the same shared confirmation).
  const auto event = call("POST", api_of(kParis, id) + "/events",
                          {{"kind", "containment"}, {"at", "2026-04-01T11:00:00+02:00"}}, 201);
  const auto ev = event["id"].get<std::int64_t>();
  r = srv_.send("POST", page + "/evenements/" + std::to_string(ev) + "/retirer",
                "motif=Date+erron%E9e", kForm);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Le champ « Motif du retrait »" + refused), std::string::npos);
  EXPECT_NE(r.body.find("Date erronée</textarea>"), std::string::npos);

  // Attachment's description (multipart).
  const std::string body =
      "--IcB1\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nRapport d\xE9"
      "taill\xE9\r\n--IcB1\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename=\"cr.txt\"\r\nContent-Type: text/plain\r\n\r\nCompte rendu\r\n--IcB1--\r\n";
  r = srv_.send("POST", page + "/pieces-jointes", body, "multipart/form-data; boundary=IcB1");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Le champ « Description de la pièce jointe »" + refused), std::string::npos)
      << r.body.substr(0, 3000);
  EXPECT_NE(r.body.find("Rapport détaillé"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_attachments"), 0);

  // The new incident's form: « Intitulé de l'incident » named by the register's label, and
  // « Rien n'a été enregistré. » said once for two fields.
  r = srv_.send("POST", std::string("/etablissements/") + kParis + "/incidents",
                "title=Pann%E9&detected_local=2026-04-02T10%3A00&note=%E9t%E9", kForm);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find(escaped("Le champ « Intitulé de l'incident »") + refused),
            std::string::npos)
      << r.body.substr(0, 3000);
  std::size_t said = 0;
  for (auto at = r.body.find(escaped("Rien n'a été enregistré.")); at != std::string::npos;
       at = r.body.find(escaped("Rien n'a été enregistré."), at + 1))
    ++said;
  EXPECT_EQ(said, 1u);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audit + 1);  // the event added above
  // The same texts in UTF-8 pass.
  r = srv_.send("POST", page + "/paq", "lessons=Le%C3%A7on+%C3%A0+retenir", kForm);
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 400);
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 1);
}

TEST_P(IncidentsLatin1FormsTest, APageDateThatIsNotADateSaysSoInThePagesWords) {
  const auto id = incident(kParis, "Rançongiciel", "2026-04-01T10:00:00+02:00");
  const auto page = page_of(kParis, id);
  const std::string list = std::string("/etablissements/") + kParis + "/incidents";
  const std::string example =
      " : saisissez une date et une heure valides, par exemple "
      "03/12/2026 à 14 h 30.";
  const auto events = count_rows(srv_.db().db(), "incident_events");
  const auto incidents = count_rows(srv_.db().db(), "incidents");
  const struct {
    std::string path, body, label;
  } cases[] = {
      {list, "title=Essai&detected_local=garbage", "Date et heure de la détection"},
      {list, "title=Essai&detected_local=2026-13-03T10%3A00", "Date et heure de la détection"},
      {page + "/evenements", "kind=anssi_informed&at_local=garbage",
       "Date et heure de l'événement"},
      {page + "/evenements", "kind=anssi_informed&at_local=2026-02-30T10%3A00",
       "Date et heure de l'événement"},
      {page + "/statut", "status=contained&status_local=2026-13-01T10%3A00",
       "Date et heure du changement de statut"},
  };
  for (const auto& c : cases) {
    auto r = srv_.send("POST", c.path, c.body, kForm);
    EXPECT_EQ(r.status, 422) << c.body;
    EXPECT_NE(r.body.find(escaped(c.label + example)), std::string::npos) << c.body << "\n"
                                                                          << r.body.substr(0, 3000);
    EXPECT_EQ(r.body.find("décalage horaire"), std::string::npos) << c.body;
  }
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_events"), events);
  EXPECT_EQ(count_rows(srv_.db().db(), "incidents"), incidents);
  EXPECT_EQ(call("GET", api_of(kParis, id), nullptr, 200)["status"], "open");
  // The stage's transmission.
  call("PUT", api_of(kParis, id) + "/declarations/initial",
       {{"declarant_name", "Claire Martin"},
        {"declarant_role", "RSSI"},
        {"declarant_contact", "rssi@ch.fr"},
        {"observed_at", "2026-04-01"},
        {"perimeter", "Imagerie"},
        {"systems", "PACS"},
        {"data_concerned", "Images"},
        {"handling_status", "Analyse en cours"}},
       200);
  auto r = srv_.send("POST", page + "/declaration/initial/transmission",
                     "submitted_local=garbage&portal_reference=CS-1", kForm);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Date et heure de la transmission" + example), std::string::npos)
      << r.body.substr(0, 3000);
  EXPECT_EQ(r.body.find("décalage horaire"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsLatin1FormsTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
