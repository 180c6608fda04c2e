// The incident register's routes through a TestServer, on both backends (issue 19): an
// incident's lessons become a PAQ action of origin "incident" from the page and the API, shown
// on the incident; an empty lesson is refused naming its field and stores nothing; the
// statistics of a region against those of the nation, a regional caller seeing its region's
// aggregates but neither another region's nor an incident of it; the workbook opens.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "module_fixture.hpp"
#include "outputs.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::count_rows;
using carepilot::testing::module_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

constexpr const char* kParis = "750712184";
constexpr const char* kLyon = "690781810";

class IncidentsRoutesTest : public ::testing::TestWithParam<const char*> {
 protected:
  IncidentsRoutesTest() : srv_(GetParam(), TestServer::with_accounts()) {
    // 15 April 2026, 10:00 UTC.
    srv_.app().incidents().now = [] { return std::int64_t{1776247200}; };
    srv_.app().repo().create(Scope::nation(), module_establishment(kParis, "CH Paris"));
    auto lyon = module_establishment(kLyon, "CH Lyon");
    lyon.department = "69";
    srv_.app().repo().create(Scope::nation(), lyon);
    carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "admin@test.fr");
  }
  json call(const std::string& method, const std::string& path, const json& body, long expect) {
    auto r = srv_.send(method, path, body.is_null() ? "" : body.dump(), "application/json");
    EXPECT_EQ(r.status, expect) << method << " " << path << " " << r.body.substr(0, 400);
    return r.body.empty() || r.body[0] != '{' ? json{} : json::parse(r.body);
  }
  std::int64_t incident(const char* finess, const char* title, const char* detected) {
    auto j = call("POST", std::string("/api/v1/establishments/") + finess + "/incidents",
                  {{"title", title}, {"detected_at", detected}}, 201);
    return j.value("id", std::int64_t{0});
  }
  std::string page_of(const char* finess, std::int64_t id) {
    return std::string("/etablissements/") + finess + "/incidents/" + std::to_string(id);
  }
  TestServer srv_;
};

}  // namespace

TEST_P(IncidentsRoutesTest, ALessonBecomesAPaqActionOfOriginIncident) {
  const auto id = incident(kParis, "Rançongiciel sur le PACS", "2026-03-29T01:30:00+01:00");
  auto r = srv_.send("POST", page_of(kParis, id) + "/paq",
                     "lessons=Activer+la+double+authentification+des+prestataires",
                     "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 400);
  const std::string location = r.header("location");
  ASSERT_EQ(location.rfind(std::string("/etablissements/") + kParis + "/paq/", 0), 0u) << location;
  const std::string action_id =
      location.substr(location.rfind('/') + 1, location.find('?') - location.rfind('/') - 1);
  auto a =
      call("GET", std::string("/api/v1/establishments/") + kParis + "/paq/actions/" + action_id,
           nullptr, 200);
  EXPECT_EQ(a["source"], "incident");
  EXPECT_EQ(a["source_ref"].get<std::string>().rfind("incident:" + std::to_string(id) + ":", 0), 0u)
      << a.dump();
  // Its « Précision » says where it comes from, without repeating the title (issue 19 trial).
  EXPECT_EQ(a["description"].get<std::string>().find("double authentification"), std::string::npos)
      << a.dump();
  EXPECT_NE(a["description"].get<std::string>().find("Retour d'expérience de l'incident détecté"),
            std::string::npos)
      << a.dump();
  // The incident shows its action, and the form for more lessons.
  auto page = srv_.get(page_of(kParis, id));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-testid=\"incident-paq-action\""), std::string::npos);
  EXPECT_NE(page.body.find("/paq/" + action_id), std::string::npos);
  EXPECT_NE(page.body.find("data-testid=\"lessons-form\""), std::string::npos);
  // The API: the same lesson answers the same action (200, nothing written); with two new
  // ones, each its own action (201), all listed on the incident with their links.
  const std::string api = std::string("/api/v1/establishments/") + kParis + "/incidents/" +
                          std::to_string(id) + "/paq-action";
  const auto audits = count_rows(srv_.db().db(), "audit_log");
  auto again =
      call("POST", api, {{"lessons", "Activer la double authentification des prestataires"}}, 200);
  EXPECT_EQ(std::to_string(again["paq_action_id"].get<std::int64_t>()), action_id);
  EXPECT_FALSE(again["created"].get<bool>());
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audits);
  auto more = call("POST", api,
                   {{"lessons",
                     "- Segmenter le réseau\n- Sauvegardes hors ligne\n"
                     "Activer la double authentification des prestataires"}},
                   201);
  ASSERT_EQ(more["actions"].size(), 3u) << more.dump();
  EXPECT_TRUE(more["actions"][0]["created"].get<bool>());
  EXPECT_TRUE(more["actions"][1]["created"].get<bool>());
  EXPECT_FALSE(more["actions"][2]["created"].get<bool>());
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 3);
  page = srv_.get(page_of(kParis, id));
  for (const auto& x : more["actions"])
    EXPECT_NE(
        page.body.find("/paq/" + std::to_string(x["paq_action_id"].get<std::int64_t>()) + "\""),
        std::string::npos);
  // From the page, two lessons: back to the incident, which says how many were made.
  auto r2 = srv_.send("POST", page_of(kParis, id) + "/paq",
                      "lessons=Former+les+secr%C3%A9tariats%0D%0AInventorier+les+comptes",
                      "application/x-www-form-urlencoded");
  ASSERT_EQ(r2.status, 303);
  EXPECT_EQ(r2.header("location"), page_of(kParis, id) + "?paq=2#lecons");
  EXPECT_NE(srv_.get(page_of(kParis, id) + "?paq=2")
                .body.find("2 actions créées dans le PAQ, une par leçon."),
            std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 5);
}

TEST_P(IncidentsRoutesTest, AnEmptyLessonIsRefusedAndStoresNothing) {
  const auto id = incident(kParis, "Hameçonnage", "2026-03-02T09:00:00+01:00");
  auto before = count_rows(srv_.db().db(), "audit_log");
  auto r = srv_.send("POST", page_of(kParis, id) + "/paq", "lessons=++",
                     "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("data-testid=\"lessons-error\""), std::string::npos);
  EXPECT_NE(r.body.find("Leçons de l&#39;incident"), std::string::npos) << r.body.substr(0, 200);
  auto j = call("POST",
                std::string("/api/v1/establishments/") + kParis + "/incidents/" +
                    std::to_string(id) + "/paq-action",
                {{"lessons", ""}}, 422);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "lessons") << j.dump();
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), before);
  // Another establishment's incident: 404.
  call("POST",
       std::string("/api/v1/establishments/") + kLyon + "/incidents/" + std::to_string(id) +
           "/paq-action",
       {{"lessons", "x"}}, 404);
}

TEST_P(IncidentsRoutesTest, TheStatisticsOfARegionAndOfTheNation) {
  const auto paris1 = incident(kParis, "Rançongiciel", "2026-01-10T08:00:00+01:00");
  incident(kParis, "Panne", "2025-06-10T08:00:00+02:00");
  const auto lyon1 = incident(kLyon, "Hameçonnage", "2026-02-10T08:00:00+01:00");
  call("PUT",
       std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(paris1) +
           "/qualification",
       {{"malicious", "yes"}, {"threat", "ransomware"}}, 200);
  auto year = [](const json& j, int y) {
    for (const auto& x : j["years"])
      if (x["year"] == y) return x;
    return json{};
  };
  auto nation = call("GET", "/api/v1/incidents/statistics", nullptr, 200);
  EXPECT_EQ(nation["territory"]["level"], "nation");
  EXPECT_EQ(year(nation, 2026)["incidents"], 2);
  EXPECT_EQ(year(nation, 2026)["establishments"], 2);
  EXPECT_EQ(year(nation, 2025)["incidents"], 1);
  EXPECT_EQ(year(nation, 2024)["national"], 749);
  auto idf = call("GET", "/api/v1/incidents/statistics?region=11", nullptr, 200);
  EXPECT_EQ(idf["territory"]["region"], "11");
  EXPECT_EQ(year(idf, 2026)["incidents"], 1);
  EXPECT_EQ(year(idf, 2026)["threats"]["ransomware"], 1);
  EXPECT_EQ(year(idf, 2026)["malicious_share"], 1.0);
  call("GET", "/api/v1/incidents/statistics?region=zz", nullptr, 400);
  // « Part malveillante » gives its base (issue 19 trial).
  EXPECT_NE(
      srv_.get("/incidents/statistiques?region=11").body.find("100 % sur 1 incident qualifié"),
      std::string::npos);
  // The page: tables and SVG bars, aggregates only.
  auto page = srv_.get("/incidents/statistiques");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("la France entière"), std::string::npos);
  EXPECT_EQ(page.body.find("Rançongiciel"), std::string::npos);
  // The 2024 national figure is not in the reference texts: shown « à vérifier ».
  EXPECT_NE(page.body.find("data-testid=\"statistics-national-unverified\" data-year=\"2024\""),
            std::string::npos);
  EXPECT_NE(page.body.find("Chiffre national 2024 (749 incidents) : à vérifier"),
            std::string::npos);
  EXPECT_EQ(page.body.find("DOMAIN.md"), std::string::npos);
  // The chart's caption reads « en France » / « dans la région … » (issue 19 trial).
  EXPECT_NE(page.body.find("par année de détection en France"), std::string::npos);
  EXPECT_EQ(page.body.find("par année de détection, la"), std::string::npos);
  // The same figures as JSON beside the workbook (issue 19 trial).
  EXPECT_NE(page.body.find("data-testid=\"statistics-json\""), std::string::npos);

  // A regional reader of Auvergne-Rhône-Alpes: its region's aggregates only.
  carepilot::testing::act_as(srv_, Role::regional_reader, Scope::region("84"), "ars@test.fr");
  auto ara = call("GET", "/api/v1/incidents/statistics", nullptr, 200);
  EXPECT_EQ(ara["territory"]["level"], "region");
  EXPECT_EQ(year(ara, 2026)["incidents"], 1);
  // Paris's 2025 incident is not counted; 2025 is there, at 0, between 2024 and 2026 (issue 19
  // trial: it was skipped).
  EXPECT_EQ(year(ara, 2025)["incidents"], 0) << ara.dump();
  // Another region: 403, said to be outside its territory (issue 19 trial: 404 « Région
  // introuvable. »), on the API with a stable code and on the page.
  auto other = call("GET", "/api/v1/incidents/statistics?region=11", nullptr, 403);
  EXPECT_EQ(other["error"]["code"], "incident.region_outside_scope") << other.dump();
  EXPECT_NE(other.dump().find("Île-de-France » est hors de votre territoire"), std::string::npos)
      << other.dump();
  page = srv_.get("/incidents/statistiques?region=11");
  EXPECT_EQ(page.status, 403);
  EXPECT_NE(page.body.find("hors de votre territoire"), std::string::npos);
  EXPECT_EQ(page.body.find("Région introuvable"), std::string::npos);
  page = srv_.get("/incidents/statistiques");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("par année de détection dans la région Auvergne-Rhône-Alpes"),
            std::string::npos);
  EXPECT_EQ(srv_.get(page_of(kParis, paris1)).status, 404);
  EXPECT_EQ(srv_.get(page_of(kLyon, lyon1)).status, 200);
  // An establishment's user: its statistics name it (issue 19 trial: « l'établissement »).
  const auto lyon_est = srv_.app().repo().visible(Scope::nation(), kLyon);
  carepilot::testing::act_as(srv_, Role::establishment_reader, Scope::establishment(lyon_est.id),
                             "lecteur-lyon@test.fr");
  page = srv_.get("/incidents/statistiques");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("pour l&#39;établissement « " + lyon_est.name + " »"), std::string::npos)
      << page.body.substr(page.body.find("statistics-territory"), 300);
}

TEST_P(IncidentsRoutesTest, TheWorkbookOpens) {
  const auto id = incident(kParis, "Rançongiciel", "2026-01-10T08:00:00+01:00");
  // Declared 2 h 25 after its detection: the workbook says 2.4 hours.
  const std::string api = std::string("/api/v1/establishments/") + kParis + "/incidents/" +
                          std::to_string(id) + "/declarations/initial";
  call("PUT", api,
       {{"declarant_name", "Claire Martin"},
        {"declarant_role", "RSSI"},
        {"declarant_contact", "rssi@ch.fr"},
        {"observed_at", "2026-01-10"},
        {"perimeter", "Imagerie"},
        {"systems", "PACS"},
        {"data_concerned", "Images"},
        {"handling_status", "Isolement du serveur en cours"}},
       200);
  call("POST", api + "/submit",
       {{"submitted_at", "2026-01-10T10:25:00+01:00"}, {"portal_reference", "CS-1"}}, 200);
  // Occurred 12 h before its detection, services restored 30 h after it: the medians of
  // detection and recovery the page shows are in the workbook too (issue 19 trial).
  const std::string events = std::string("/api/v1/establishments/") + kParis + "/incidents/" +
                             std::to_string(id) + "/events";
  call("POST", events, {{"kind", "occurred"}, {"at", "2026-01-09T20:00:00+01:00"}}, 201);
  call("POST", events, {{"kind", "services_restored"}, {"at", "2026-01-11T14:00:00+01:00"}}, 201);
  auto r = srv_.get("/incidents/statistiques.xlsx?region=11");
  ASSERT_EQ(r.status, 200);
  // Named after the region, not its code.
  EXPECT_NE(r.header("content-disposition").find("statistiques-incidents-ile-de-france.xlsx"),
            std::string::npos)
      << r.header("content-disposition");
  EXPECT_EQ(r.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const auto entries = carepilot::testing::unzip(r.body);
  EXPECT_TRUE(entries.count("[Content_Types].xml"));
  EXPECT_TRUE(entries.count("xl/workbook.xml"));
  std::string kind;
  const auto text = carepilot::testing::readable_text(r, &kind);
  EXPECT_EQ(kind, "xlsx");
  EXPECT_NE(text.find("Incidents par année"), std::string::npos);
  EXPECT_NE(text.find("Types de menace"), std::string::npos);
  // The impact and endangerment breakdowns the page charts, each its sheet (issue 19 trial).
  EXPECT_NE(text.find("Impact sur le fonctionnement"), std::string::npos);
  EXPECT_NE(text.find("Mise en danger des patients"), std::string::npos);
  ASSERT_TRUE(entries.count("xl/worksheets/sheet4.xml"));
  for (const char* sheet : {"xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"})
    EXPECT_NE(entries.at(sheet).find("<v>2026</v>"), std::string::npos) << entries.at(sheet);
  EXPECT_NE(text.find("2.4"), std::string::npos) << text;
  EXPECT_EQ(text.find("2.41666"), std::string::npos);
  EXPECT_NE(text.find("Délai médian de détection (heures)"), std::string::npos) << text;
  EXPECT_NE(text.find("Délai médian de rétablissement (heures)"), std::string::npos) << text;
  ASSERT_TRUE(entries.count("xl/worksheets/sheet1.xml"));
  const auto& sheet1 = entries.at("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet1.find("<v>12</v>"), std::string::npos) << sheet1;
  EXPECT_NE(sheet1.find("<v>30</v>"), std::string::npos) << sheet1;
  // The national figures' note names the public source, never an internal file or note.
  EXPECT_NE(text.find("à vérifier : Observatoire 2024"), std::string::npos) << text;
  EXPECT_EQ(text.find("DOMAIN.md"), std::string::npos);
  EXPECT_EQ(text.find("administrateur"), std::string::npos);
}

TEST_P(IncidentsRoutesTest, ARefusedStageEditStoresNothingAndASubmittedStageIsReadOnly) {
  const auto id = incident(kParis, "Rançongiciel", "2026-03-29T01:30:00+01:00");
  const std::string stage = page_of(kParis, id) + "/declaration/initial";
  const std::string form = "application/x-www-form-urlencoded";
  auto blank = srv_.get(stage);
  EXPECT_EQ(blank.status, 200);
  EXPECT_NE(blank.body.find("data-testid=\"stage-form\""), std::string::npos);
  // Nothing saved yet: nothing to export.
  EXPECT_EQ(blank.body.find("data-testid=\"stage-exports\""), std::string::npos);
  // A date that is not one: 422, the error under the field naming it by its label.
  const auto audit = count_rows(srv_.db().db(), "audit_log");
  auto bad = srv_.send("POST", stage, "declarant_name=Claire+Martin&observed_at=hier", form);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("data-testid=\"stage-error-observed_at\""), std::string::npos);
  EXPECT_NE(bad.body.find("Date de constatation"), std::string::npos);
  EXPECT_NE(bad.body.find("Claire Martin"), std::string::npos);  // what was typed stays
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_declarations"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audit);
  // The page says the French format; the API the one it takes (issue 19 trial).
  EXPECT_NE(bad.body.find("date attendue (JJ/MM/AAAA)"), std::string::npos);
  EXPECT_EQ(bad.body.find("AAAA-MM-JJ"), std::string::npos);
  const std::string api = std::string("/api/v1/establishments/") + kParis + "/incidents/" +
                          std::to_string(id) + "/declarations/";
  auto j = call("PUT", api + "initial", {{"observed_at", "29/03/2026"}}, 422);
  EXPECT_NE(j.dump().find("AAAA-MM-JJ (par exemple 2026-11-29)"), std::string::npos) << j.dump();
  // A date of observation in the future: refused, named, on the page and by the API.
  auto future =
      srv_.send("POST", stage, "declarant_name=Claire+Martin&observed_at=2099-12-20", form);
  EXPECT_EQ(future.status, 422);
  EXPECT_NE(future.body.find("data-testid=\"stage-error-observed_at\""), std::string::npos);
  EXPECT_NE(future.body.find("Date de constatation : la date (20/12/2099) est postérieure"),
            std::string::npos)
      << future.body;
  j = call("PUT", api + "initial", {{"observed_at", "2099-12-20"}}, 422);
  EXPECT_NE(j.dump().find("incident.in_future"), std::string::npos) << j.dump();
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_declarations"), 0);
  // A complete draft, then its transmission without a reference: refused, named.
  auto ok = srv_.send("POST", stage,
                      "declarant_name=Claire+Martin&declarant_role=RSSI&declarant_contact=rssi%40"
                      "ch.fr&observed_at=2026-03-29&perimeter=Imagerie&systems=PACS&data_"
                      "concerned=Images&handling_status=Isolement+du+serveur+en+cours",
                      form);
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 300);
  // The saved draft: its PDF and its JSON (the form's, to paste or attach) linked from the stage
  // page (issue 19 trial), said to be a draft; the incident page links the JSON beside the PDF.
  {
    const std::string json_url = stage + "/json";
    auto draft = srv_.get(stage);
    EXPECT_NE(draft.body.find("href=\"" + stage + "/pdf\" data-testid=\"stage-pdf\""),
              std::string::npos)
        << draft.body;
    EXPECT_NE(draft.body.find("href=\"" + json_url + "\" data-testid=\"stage-json\""),
              std::string::npos);
    EXPECT_NE(draft.body.find("Brouillon : le contenu enregistré"), std::string::npos);
    EXPECT_EQ(srv_.get(stage + "/pdf").status, 200);
    auto exported = srv_.get(json_url);
    EXPECT_EQ(exported.status, 200);
    EXPECT_EQ(exported.header("content-type").rfind("application/json", 0), 0u);
    const auto form_json = json::parse(exported.body);
    EXPECT_EQ(form_json["Structure et déclarant"]["Nom du déclarant"], "Claire Martin");
    EXPECT_EQ(form_json["Description de l'incident"]["Date de constatation"], "29/03/2026");
    EXPECT_EQ(form_json["État"], "brouillon, non transmise");
    // Another establishment's incident: 404.
    EXPECT_EQ(srv_.get(std::string("/etablissements/") + kLyon + "/incidents/" +
                       std::to_string(id) + "/declaration/initial/json")
                  .status,
              404);
    auto detail = srv_.get(page_of(kParis, id));
    EXPECT_NE(
        detail.body.find("href=\"" + json_url + "\" data-testid=\"declaration-json-initial\""),
        std::string::npos);
  }
  auto no_ref =
      srv_.send("POST", stage + "/transmission", "submitted_local=2026-03-29T09%3A00", form);
  EXPECT_EQ(no_ref.status, 422);
  EXPECT_NE(no_ref.body.find("data-testid=\"stage-error-portal_reference\""), std::string::npos);
  auto sent = srv_.send("POST", stage + "/transmission",
                        "submitted_local=2026-03-29T09%3A00&portal_"
                        "reference=CS-2026-0042",
                        form);
  EXPECT_EQ(sent.status, 303) << sent.body.substr(0, 300);
  // Submitted: the page says so and offers no form; a change is refused, nothing changes.
  auto frozen = srv_.get(stage);
  EXPECT_NE(frozen.body.find("data-testid=\"stage-frozen\""), std::string::npos);
  EXPECT_NE(frozen.body.find("CS-2026-0042"), std::string::npos);
  EXPECT_EQ(frozen.body.find("data-testid=\"stage-form\""), std::string::npos);
  EXPECT_NE(frozen.body.find("data-testid=\"stage-pdf\""), std::string::npos);
  EXPECT_EQ(frozen.body.find("Brouillon : le contenu enregistré"), std::string::npos);
  auto decl = call("GET",
                   std::string("/api/v1/establishments/") + kParis + "/incidents/" +
                       std::to_string(id) + "/declarations/initial",
                   nullptr, 200);
  auto change = srv_.send("POST", stage, "declarant_name=Autre", form);
  EXPECT_EQ(change.status, 409);
  auto after = call("GET",
                    std::string("/api/v1/establishments/") + kParis + "/incidents/" +
                        std::to_string(id) + "/declarations/initial",
                    nullptr, 200);
  EXPECT_EQ(after, decl);
}

TEST_P(IncidentsRoutesTest, PageFormsTakeParisTimeAndRefuseTheFuture) {
  const std::string form = "application/x-www-form-urlencoded";
  const std::string list = std::string("/etablissements/") + kParis + "/incidents";
  const auto incidents = count_rows(srv_.db().db(), "incidents");
  // 1 April 2026 at 10:00 in Paris is summer time: 08:00 UTC (not 09:00).
  auto made = srv_.send("POST", list, "title=PACS&detected_local=2026-04-01T10%3A00", form);
  ASSERT_EQ(made.status, 303) << made.body.substr(0, 400);
  const auto id =
      std::stoll(made.header("location").substr(made.header("location").rfind('/') + 1));
  auto j = call(
      "GET", std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id),
      nullptr, 200);
  EXPECT_EQ(j["detected_at"], "2026-04-01T08:00:00Z");
  EXPECT_EQ(j["events"][0]["offset_minutes"], 120);
  // The hour skipped on 29 March 2026 did not exist: refused, naming the field.
  auto skipped = srv_.send("POST", list, "title=PACS&detected_local=2026-03-29T02%3A30", form);
  EXPECT_EQ(skipped.status, 422);
  EXPECT_NE(skipped.body.find("Date et heure de la détection : le 29/03/2026 à 02 h 30 n&#39;a "
                              "pas existé à Paris"),
            std::string::npos)
      << skipped.body;
  // Later than now (15 April 2026): refused, naming the field.
  auto future = srv_.send("POST", list, "title=PACS&detected_local=2027-01-01T10%3A00", form);
  EXPECT_EQ(future.status, 422);
  EXPECT_NE(future.body.find("Date et heure de la détection : la date (01/01/2027 à 10 h 00) est "
                             "postérieure à maintenant"),
            std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "incidents"), incidents + 1);

  // The hour repeated on 26 October 2025: the form asks which one.
  auto autumn = srv_.send("POST", list, "title=Panne&detected_local=2025-10-26T01%3A00", form);
  ASSERT_EQ(autumn.status, 303);
  const std::string made_at = autumn.header("location");
  const std::string page = made_at.substr(0, made_at.find('?'));
  const std::string events = page + "/evenements";
  auto ambiguous =
      srv_.send("POST", events, "kind=containment&at_local=2025-10-26T02%3A30&at_season=", form);
  EXPECT_EQ(ambiguous.status, 422);
  EXPECT_NE(ambiguous.body.find("Date et heure de l&#39;événement : le 26/10/2025 à 02 h 30 a eu "
                                "lieu deux fois"),
            std::string::npos)
      << ambiguous.body;
  auto winter = srv_.send("POST", events,
                          "kind=containment&at_local=2025-10-26T02%3A30&at_season=winter", form);
  EXPECT_EQ(winter.status, 303) << winter.body.substr(0, 400);
  auto summer = srv_.send("POST", events,
                          "kind=ars_informed&at_local=2025-10-26T02%3A30&at_season=summer", form);
  EXPECT_EQ(summer.status, 303) << summer.body.substr(0, 400);
  // A choice the date contradicts is refused, naming the field (issue 19 trial: ignored):
  // « heure d'été » on a winter date, « heure d'hiver » on a summer one; the matching choice
  // on either side passes.
  const int before_mismatch = count_rows(srv_.db().db(), "incident_events");
  auto summer_in_winter = srv_.send(
      "POST", events, "kind=anssi_informed&at_local=2025-11-03T10%3A00&at_season=summer", form);
  EXPECT_EQ(summer_in_winter.status, 422);
  EXPECT_NE(
      summer_in_winter.body.find("Date et heure de l&#39;événement : « heure d&#39;été » "
                                 "est choisie dans « Heure d&#39;été ou d&#39;hiver », "
                                 "mais le 03/11/2025 à 10 h 00 est à l&#39;heure d&#39;hiver"),
      std::string::npos)
      << summer_in_winter.body;
  auto winter_in_summer = srv_.send(
      "POST", list, "title=Essai&detected_local=2025-07-01T10%3A00&detected_season=winter", form);
  EXPECT_EQ(winter_in_summer.status, 422);
  EXPECT_NE(winter_in_summer.body.find("Date et heure de la détection : « heure d&#39;hiver » "),
            std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_events"), before_mismatch);
  // An empty date: « ce champ est requis », naming it (not the API's offset explanation).
  auto no_date = srv_.send("POST", events, "kind=anssi_informed&at_local=&at_season=", form);
  EXPECT_EQ(no_date.status, 422);
  EXPECT_NE(no_date.body.find("Date et heure de l&#39;événement : ce champ est requis."),
            std::string::npos);
  EXPECT_EQ(no_date.body.find("décalage horaire"), std::string::npos);
  auto no_detection = srv_.send("POST", list, "title=Essai&detected_local=", form);
  EXPECT_EQ(no_detection.status, 422);
  EXPECT_NE(no_detection.body.find("Date et heure de la détection : ce champ est requis."),
            std::string::npos);
  auto winter_ok = srv_.send(
      "POST", events, "kind=anssi_informed&at_local=2025-11-03T10%3A00&at_season=winter", form);
  EXPECT_EQ(winter_ok.status, 303);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_events"), before_mismatch + 1);
  auto shown = srv_.get(page);
  EXPECT_NE(shown.body.find("26/10/2025 à 02 h 30 (heure d&#39;hiver)"), std::string::npos);
  EXPECT_NE(shown.body.find("26/10/2025 à 02 h 30 (heure d&#39;été)"), std::string::npos);
  EXPECT_NE(shown.body.find("26/10/2025 à 01 h 00</dd>"), std::string::npos);  // not repeated

  // A refused event keeps what was typed, the field in error marked (issue 19 trial: the end of
  // a degraded mode before its start emptied the form).
  auto end_first = srv_.send(
      "POST", events,
      "kind=degraded_end&at_local=2025-10-27T09%3A15&at_season=&service=urgences&note=Retour+"
      "%C3%A0+la+normale",
      form);
  EXPECT_EQ(end_first.status, 422);
  const auto& b = end_first.body;
  EXPECT_NE(b.find("<option value=\"degraded_end\" selected>"), std::string::npos) << b;
  EXPECT_NE(b.find("value=\"2025-10-27T09:15\""), std::string::npos);
  EXPECT_NE(b.find("<option value=\"urgences\" selected>"), std::string::npos);
  EXPECT_NE(b.find(">Retour à la normale</textarea>"), std::string::npos);
  EXPECT_NE(b.find("fr-collapse--expanded"), std::string::npos);
  EXPECT_NE(b.find("fr-select-group--error\"><label class=\"fr-label\" for=\"ev-service\""),
            std::string::npos);
  EXPECT_NE(b.find("data-testid=\"event-error-service\""), std::string::npos);
  EXPECT_EQ(b.find("data-testid=\"event-error-event_at\""), std::string::npos);
  // The page opened afresh: the form empty.
  auto fresh = srv_.get(page);
  EXPECT_EQ(fresh.body.find("Retour à la normale"), std::string::npos);
  EXPECT_EQ(fresh.body.find("<option value=\"degraded_end\" selected>"), std::string::npos);
}

TEST_P(IncidentsRoutesTest, TheStagesAloneSayDeclaredAndAsOfCountsOnlyEarlierEvents) {
  const auto id = incident(kParis, "Rançongiciel", "2026-04-01T10:00:00+02:00");
  const std::string api =
      std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id);
  // A declaration typed by hand as an event: refused, the clock keeps running.
  auto j = call("POST", api + "/events",
                {{"kind", "declaration_submitted"}, {"at", "2026-04-01T12:00:00+02:00"}}, 422);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "event_kind");
  EXPECT_EQ(j["error"]["fields"][0]["code"], "incident.event_automatic");
  auto page = srv_.get(page_of(kParis, id));
  EXPECT_EQ(page.body.find("<option value=\"declaration_submitted\""), std::string::npos);
  // Future instants: 422 with the field.
  j = call("POST", api + "/events", {{"kind", "containment"}, {"at", "2030-01-01T10:00:00Z"}}, 422);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "event_at");
  EXPECT_EQ(j["error"]["fields"][0]["code"], "incident.in_future");
  j = call("POST", std::string("/api/v1/establishments/") + kParis + "/incidents",
           {{"title", "Demain"}, {"detected_at", "2031-04-16T10:00:00Z"}}, 422);
  EXPECT_EQ(j["error"]["fields"][0]["code"], "incident.in_future");
  // Contained a day later: as of the detection's evening, not yet.
  call("POST", api + "/events", {{"kind", "containment"}, {"at", "2026-04-02T10:00:00+02:00"}},
       201);
  j = call("GET", api + "?as_of=2026-04-01T20:00:00%2B02:00", nullptr, 200);
  EXPECT_TRUE(j["durations"]["to_contain"].is_null()) << j.dump();
  EXPECT_EQ(j["clocks"][0]["state"], "as_soon_as_possible");
  EXPECT_EQ(j["clocks"][0]["seconds"], 10 * 3600);
  j = call("GET", api, nullptr, 200);
  EXPECT_EQ(j["durations"]["to_contain"], 24 * 3600);
  // A day (docs/api.md): its start, Paris time — 02/04 at 0 h 00, before the containment;
  // 03/04, after it. Anything else: 400 naming as_of.
  j = call("GET", api + "?as_of=2026-04-02", nullptr, 200);
  EXPECT_EQ(j["as_of"], "2026-04-01T22:00:00Z");
  EXPECT_TRUE(j["durations"]["to_contain"].is_null());
  j = call("GET", api + "?as_of=2026-04-03", nullptr, 200);
  EXPECT_EQ(j["durations"]["to_contain"], 24 * 3600);
  for (const char* bad : {"2026-04-31", "02/04/2026", "2026-04-02T10:00"}) {
    j = call("GET", api + "?as_of=" + bad, nullptr, 400);
    EXPECT_EQ(j["error"]["code"], "incident.bad_as_of") << bad;
    EXPECT_EQ(j["error"]["fields"][0]["field"], "as_of") << bad;
  }
}

// Issue 19 trial: `GET …/incidents/:id` gave no dated status history nor closure, and
// `?as_of=` of a day the incident was contained answered « closed ».
TEST_P(IncidentsRoutesTest, TheApiGivesTheDatedStatusHistoryAndTheStatusAsOf) {
  const auto id = incident(kParis, "Rançongiciel", "2026-04-01T10:00:00+02:00");
  const std::string api =
      std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id);
  auto j = call("GET", api, nullptr, 200);
  EXPECT_EQ(j["status"], "open");
  EXPECT_TRUE(j["closed_at"].is_null());
  ASSERT_EQ(j["status_changes"].size(), 1u) << j["status_changes"].dump();
  EXPECT_EQ(j["status_changes"][0]["status"], "open");
  EXPECT_EQ(j["status_changes"][0]["author"], "admin@test.fr");
  call("PUT", api + "/status", {{"status", "contained"}, {"at", "2026-04-02T12:30:00+02:00"}}, 200);
  call("PUT", api + "/status", {{"status", "closed"}, {"at", "2026-04-10T17:00:00+02:00"}}, 200);
  j = call("GET", api, nullptr, 200);
  EXPECT_EQ(j["status"], "closed");
  EXPECT_EQ(j["closed_at"], "2026-04-10T15:00:00Z");
  ASSERT_EQ(j["status_changes"].size(), 3u);
  EXPECT_EQ(j["status_changes"][1]["status"], "contained");
  EXPECT_EQ(j["status_changes"][1]["at"], "2026-04-02T10:30:00Z");
  EXPECT_EQ(j["status_changes"][2]["status"], "closed");
  EXPECT_EQ(j["status_changes"][2]["at"], "2026-04-10T15:00:00Z");
  // As of a moment it was contained: contained, not closed, the closure not known yet.
  j = call("GET", api + "?as_of=2026-04-03T12:30%2B02:00", nullptr, 200);
  EXPECT_EQ(j["status"], "contained");
  EXPECT_TRUE(j["closed_at"].is_null());
  EXPECT_EQ(j["status_changes"].size(), 2u);
  // One second before the containment: open; at the closure's instant: closed.
  j = call("GET", api + "?as_of=2026-04-02T12:29:59%2B02:00", nullptr, 200);
  EXPECT_EQ(j["status"], "open");
  j = call("GET", api + "?as_of=2026-04-10T17:00%2B02:00", nullptr, 200);
  EXPECT_EQ(j["status"], "closed");
  EXPECT_EQ(j["closed_at"], "2026-04-10T15:00:00Z");
}

// Issue 19 trial: the ARS saw « 85 incidents » in the statistics and had no list. The list of
// the territory's incidents: read-only, linking each incident, filtered by status and late CNIL
// notification (a national user by region), paginated; a regional user sees their region only,
// an establishment's user is sent to their own register.
TEST_P(IncidentsRoutesTest, TheTerritoryListsItsIncidents) {
  const auto paris = incident(kParis, "Rançongiciel", "2026-04-01T10:00:00+02:00");
  const auto lyon = incident(kLyon, "Hameçonnage", "2026-04-02T10:00:00+02:00");
  // Lyon's: personal data, detected 13 days ago, no notification: the CNIL's 72 hours passed.
  call("PUT",
       std::string("/api/v1/establishments/") + kLyon + "/incidents/" + std::to_string(lyon) +
           "/qualification",
       {{"threat", "phishing"}, {"data", {"other_personal_data.confidentiality"}}}, 200);
  call("PUT",
       std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(paris) +
           "/status",
       {{"status", "closed"}, {"at", "2026-04-03T10:00:00+02:00"}}, 200);
  auto link = [](const char* finess, std::int64_t id) {
    return std::string("href=\"/etablissements/") + finess + "/incidents/" + std::to_string(id) +
           "\"";
  };
  auto page = srv_.get("/incidents");
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find(link(kParis, paris)), std::string::npos);
  EXPECT_NE(page.body.find(link(kLyon, lyon)), std::string::npos);
  EXPECT_NE(page.body.find("2 incidents"), std::string::npos);
  EXPECT_NE(page.body.find("CH Lyon"), std::string::npos);
  // By region (national), status, late CNIL notification.
  page = srv_.get("/incidents?region=11");
  EXPECT_NE(page.body.find(link(kParis, paris)), std::string::npos);
  EXPECT_EQ(page.body.find(link(kLyon, lyon)), std::string::npos);
  page = srv_.get("/incidents?statut=closed");
  EXPECT_NE(page.body.find(link(kParis, paris)), std::string::npos);
  EXPECT_EQ(page.body.find(link(kLyon, lyon)), std::string::npos);
  page = srv_.get("/incidents?statut=open");
  EXPECT_EQ(page.body.find(link(kParis, paris)), std::string::npos);
  EXPECT_NE(page.body.find(link(kLyon, lyon)), std::string::npos);
  page = srv_.get("/incidents?cnil=retard");
  EXPECT_EQ(page.body.find(link(kParis, paris)), std::string::npos);
  EXPECT_NE(page.body.find(link(kLyon, lyon)), std::string::npos);
  EXPECT_NE(page.body.find("1 incident<"), std::string::npos);
  EXPECT_EQ(srv_.get("/incidents?statut=perdu").status, 400);
  // Paginated, 25 a page, the filters kept in the links.
  for (int i = 0; i < 25; ++i) incident(kParis, "Panne", "2026-03-01T10:00:00+01:00");
  page = srv_.get("/incidents?region=11");
  EXPECT_NE(page.body.find("26 incidents"), std::string::npos);
  EXPECT_NE(page.body.find("data-testid=\"pagination\""), std::string::npos);
  EXPECT_NE(page.body.find("/incidents?region=11&amp;page=2"), std::string::npos);
  EXPECT_NE(page.body.find(link(kParis, paris)), std::string::npos);  // the latest first
  page = srv_.get("/incidents?region=11&page=2");
  EXPECT_EQ(page.body.find(link(kParis, paris)), std::string::npos);
  EXPECT_NE(page.body.find(">Panne</a>"), std::string::npos);

  // A regional reader of Auvergne-Rhône-Alpes: its region only; another region 403.
  carepilot::testing::act_as(srv_, Role::regional_reader, Scope::region("84"), "ars@test.fr");
  page = srv_.get("/incidents");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(link(kLyon, lyon)), std::string::npos);
  EXPECT_EQ(page.body.find(link(kParis, paris)), std::string::npos);
  EXPECT_EQ(srv_.get("/incidents?region=11").status, 403);
  // An establishment's reader: their own establishment's incidents only, and the way to its
  // register.
  const auto est = srv_.app().repo().visible(Scope::nation(), kParis);
  carepilot::testing::act_as(srv_, Role::establishment_reader, Scope::establishment(est.id),
                             "lecteur@test.fr");
  page = srv_.get("/incidents");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(link(kParis, paris)), std::string::npos);
  EXPECT_EQ(page.body.find(link(kLyon, lyon)), std::string::npos);
  EXPECT_NE(page.body.find(std::string("href=\"/etablissements/") + kParis + "/incidents\""),
            std::string::npos);
}

TEST_P(IncidentsRoutesTest, TheIncidentPageChangesItsStatus) {
  const std::string form = "application/x-www-form-urlencoded";
  const auto id = incident(kParis, "Rançongiciel", "2026-04-01T10:00:00+02:00");
  const std::string page = page_of(kParis, id);
  auto open = srv_.get(page);
  EXPECT_NE(open.body.find("data-testid=\"status-contained\""), std::string::npos);
  EXPECT_NE(open.body.find("data-testid=\"status-closed\""), std::string::npos);
  EXPECT_EQ(open.body.find("data-testid=\"status-open\""), std::string::npos);
  EXPECT_NE(open.body.find("data-testid=\"status-at\""), std::string::npos);
  // « Date et heure » of the change (issue 19 trial): a minute before the detection refused,
  // naming the field and keeping what was typed; at the detection, recorded at that instant.
  const int changes = count_rows(srv_.db().db(), "incident_status_changes");
  auto early =
      srv_.send("POST", page + "/statut", "status=contained&status_local=2026-04-01T09%3A59", form);
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("Date et heure du changement de statut : la date est antérieure à "
                            "la détection (01/04/2026 à 10 h 00)"),
            std::string::npos)
      << early.body.substr(0, 300);
  EXPECT_NE(early.body.find("value=\"2026-04-01T09:59\""), std::string::npos);
  EXPECT_NE(early.body.find("data-testid=\"status-error\""), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_status_changes"), changes);
  auto r = srv_.send("POST", page + "/statut",
                     "status=contained&status_local=2026-04-01T10%3A00&status_season=", form);
  EXPECT_EQ(r.status, 303);
  auto contained = srv_.get(page);
  EXPECT_NE(contained.body.find("data-status=\"contained\""), std::string::npos);
  {
    const auto row = contained.body.find("data-kind=\"status_contained\"");
    ASSERT_NE(row, std::string::npos);
    EXPECT_NE(contained.body.substr(row, 200).find("01/04/2026 à 10 h 00"), std::string::npos)
        << contained.body.substr(row, 200);
  }
  // Not to come (now: 15/04/2026 at 12 h 00, Paris).
  auto later =
      srv_.send("POST", page + "/statut", "status=closed&status_local=2026-04-16T10%3A00", form);
  EXPECT_EQ(later.status, 422);
  EXPECT_NE(later.body.find("Date et heure du changement de statut : "), std::string::npos);
  EXPECT_EQ(contained.body.find("data-testid=\"status-contained\""), std::string::npos);
  r = srv_.send("POST", page + "/statut", "status=closed", form);
  EXPECT_EQ(r.status, 303);
  auto closed = srv_.get(page);
  EXPECT_NE(closed.body.find("data-testid=\"status-open\""), std::string::npos);
  // Closed: no event form, the page says how (issue 19 trial).
  EXPECT_EQ(closed.body.find("data-testid=\"event-form\""), std::string::npos);
  EXPECT_NE(closed.body.find("rouvrez l'incident pour ajouter un événement"), std::string::npos);
  EXPECT_EQ(closed.body.find("data-testid=\"status-closed\""), std::string::npos);
  EXPECT_EQ(
      call("GET",
           std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id),
           nullptr, 200)["status"],
      "closed");
  // An unknown status: 422, the page names the field.
  r = srv_.send("POST", page + "/statut", "status=lost", form);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("data-field=\"incident_status\""), std::string::npos);
  // A reader sees no action.
  carepilot::testing::act_as(srv_, Role::national_reader, Scope::nation(), "lecteur@test.fr");
  EXPECT_EQ(srv_.get(page).body.find("incident-status-actions"), std::string::npos);
  EXPECT_EQ(srv_.send("POST", page + "/statut", "status=open", form).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsRoutesTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

// Issue 19 trial: a stage not started opens pre-filled from the register (title, detection,
// services in degraded mode, qualification, status), for the declarant to review; a later
// stage starts from the previous one with what the register learnt since.
TEST_P(IncidentsRoutesTest, AStageNotStartedIsPrefilledFromTheRegister) {
  const auto id = incident(kParis, "Rançongiciel sur le PACS", "2026-03-29T01:30:00+01:00");
  const std::string api =
      std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id);
  call("PUT", api + "/qualification",
       {{"malicious", "yes"},
        {"threat", "ransomware"},
        {"functioning", "degraded_mode"},
        {"endangerment", "potential"},
        {"data", {"health_data.availability"}}},
       200);
  call("POST", api + "/events",
       {{"kind", "degraded_start"}, {"at", "2026-03-29T08:00:00+02:00"}, {"service", "urgences"}},
       201);
  const std::string stage = page_of(kParis, id) + "/declaration/initial";
  auto page = srv_.get(stage);
  ASSERT_EQ(page.status, 200);
  auto field = [](const std::string& body, const std::string& name) {
    const auto at = body.find("data-testid=\"stage-" + name + "\"");
    if (at == std::string::npos) return std::string("(absent)");
    const auto open = body.find('>', at) + 1;
    return body.substr(open, body.find("</textarea>", open) - open);
  };
  EXPECT_NE(page.body.find("pré-remplies à partir du registre"), std::string::npos);
  EXPECT_NE(page.body.find("value=\"2026-03-29\" data-testid=\"stage-observed_at\""),
            std::string::npos);
  EXPECT_NE(field(page.body, "perimeter").find("Rançongiciel sur le PACS"), std::string::npos);
  EXPECT_NE(field(page.body, "perimeter").find("Urgences"), std::string::npos)
      << field(page.body, "perimeter");
  EXPECT_NE(field(page.body, "systems").find("mode dégradé depuis le 29/03/2026 à 08 h 00"),
            std::string::npos)
      << field(page.body, "systems");
  EXPECT_NE(field(page.body, "causes").find("rançongiciel"), std::string::npos);
  EXPECT_EQ(field(page.body, "causes"),
            "Type de menace : rançongiciel ; caractère malveillant : malveillant.");
  EXPECT_NE(field(page.body, "data_concerned").find("Données de santé à caractère personnel"),
            std::string::npos);
  EXPECT_NE(field(page.body, "impact_data").find("disponibilité"), std::string::npos);
  EXPECT_NE(field(page.body, "impact_people").find("mise en danger potentielle"),
            std::string::npos);
  EXPECT_NE(field(page.body, "impact_systems").find("Fonctionnement en mode dégradé"),
            std::string::npos);
  EXPECT_EQ(field(page.body, "handling_status"), "Incident ouvert ; mode dégradé en cours.");
  EXPECT_EQ(field(page.body, "declarant_contact"), "admin@test.fr");
  EXPECT_EQ(field(page.body, "declarant_role"), "");  // the register does not know it
  // Nothing is stored by the pre-filling.
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_declarations"), 0);
  // Without a qualification, its fields stay empty.
  const auto bare = incident(kParis, "Panne", "2026-03-30T09:00:00+02:00");
  auto bare_page = srv_.get(page_of(kParis, bare) + "/declaration/initial");
  EXPECT_EQ(field(bare_page.body, "causes"), "");
  EXPECT_EQ(field(bare_page.body, "impact_data"), "");

  // The declarant keeps the register's handling status, types the perimeter and the causes,
  // and submits the initial stage.
  const std::string form = "application/x-www-form-urlencoded";
  ASSERT_EQ(srv_.send("POST", stage,
                      "declarant_name=Claire+Martin&declarant_role=RSSI&declarant_contact=rssi%40"
                      "ch.fr&observed_at=2026-03-29&perimeter=PACS&systems=PACS&data_"
                      "concerned=Images&handling_status=Incident+ouvert+%3B+mode+d%C3%A9grad%C3%"
                      "A9+en+cours.&causes=Chiffrement+du+PACS",
                      form)
                .status,
            303);
  ASSERT_EQ(srv_.send("POST", stage + "/transmission",
                      "submitted_local=2026-03-29T09%3A00&portal_reference=CS-1", form)
                .status,
            303);
  // Since: contained, the urgences back, the threat requalified.
  call("POST", api + "/events", {{"kind", "containment"}, {"at", "2026-03-29T10:00:00+02:00"}},
       201);
  call("POST", api + "/events",
       {{"kind", "degraded_end"}, {"at", "2026-03-30T10:00:00+02:00"}, {"service", "urgences"}},
       201);
  call("PUT", api + "/status", {{"status", "contained"}}, 200);
  call("PUT", api + "/qualification", {{"threat", "account_compromise"}}, 200);
  auto later = srv_.get(page_of(kParis, id) + "/declaration/complementary");
  ASSERT_EQ(later.status, 200);
  EXPECT_NE(later.body.find("et de la déclaration initiale transmise"), std::string::npos);
  // Kept from the initial stage: what the declarant typed where the register did not change.
  EXPECT_EQ(field(later.body, "declarant_name"), "Claire Martin");
  // The register keeps only the latest qualification: requalified since, its fields count as
  // changed (the declarant's text kept, the register's added).
  EXPECT_EQ(field(later.body, "data_concerned"),
            "Images\nMise à jour du registre depuis la déclaration initiale : Données de santé à "
            "caractère personnel.");
  EXPECT_EQ(field(later.body, "perimeter"), "PACS");
  // The register's text of then, replaced by the register's text of now.
  EXPECT_EQ(field(later.body, "handling_status"),
            "Incident confiné ; confinement le 29/03/2026 à 10 h 00.");
  // Typed by hand, and the register changed: both, the update said so.
  EXPECT_EQ(field(later.body, "causes"),
            "Chiffrement du PACS\nMise à jour du registre depuis la déclaration initiale : Type "
            "de menace : compromission de compte ; caractère malveillant : malveillant.");
  // Empty in the initial stage: the register's text.
  EXPECT_NE(field(later.body, "impact_people").find("mise en danger potentielle"),
            std::string::npos);
  EXPECT_NE(field(later.body, "systems").find("du 29/03/2026 à 08 h 00 au 30/03/2026 à 10 h 00"),
            std::string::npos)
      << field(later.body, "systems");
  // The differences table shows what the pre-filling brought.
  EXPECT_NE(later.body.find("data-field=\"handling_status\" data-change=\"changed\""),
            std::string::npos);
}

// Issue 19 trial: a pre-filled field the declarant never touched follows the register stage
// after stage (« État de la prise en charge » said open plus two « Mise à jour du registre »
// paragraphs at the final stage of a closed incident); a field they wrote keeps their text with
// the update appended.
TEST_P(IncidentsRoutesTest, UntouchedPrefilledFieldsFollowTheRegisterAtEveryStage) {
  const auto id = incident(kParis, "Rançongiciel", "2026-03-29T01:30:00+01:00");
  const std::string api =
      std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id);
  const std::string page = page_of(kParis, id) + "/declaration/";
  auto field = [](const std::string& body, const std::string& name) {
    const auto at = body.find("data-testid=\"stage-" + name + "\"");
    if (at == std::string::npos) return std::string("(absent)");
    const auto open = body.find('>', at) + 1;
    return body.substr(open, body.find("</textarea>", open) - open);
  };
  // Contained in the timeline while the status is still open.
  call("POST", api + "/events", {{"kind", "containment"}, {"at", "2026-03-29T10:00:00+02:00"}},
       201);
  auto initial = srv_.get(page + "initial");
  const std::string opened = field(initial.body, "handling_status");
  EXPECT_EQ(opened, "Incident ouvert ; confinement le 29/03/2026 à 10 h 00.");
  json content{{"declarant_name", "Claire Martin"},
               {"declarant_role", "RSSI"},
               {"declarant_contact", "rssi@ch.fr"},
               {"observed_at", "2026-03-29"},
               {"perimeter", "PACS"},
               {"systems", "PACS"},
               {"data_concerned", "Images"},
               {"handling_status", opened},
               {"impact_data", "Aucune"},
               {"impact_people", "Aucune"},
               {"impact_systems", "PACS"},
               {"impact_structure", "Aucune"},
               {"causes", "Chiffrement du PACS"}};
  call("PUT", api + "/declarations/initial", content, 200);
  call("POST", api + "/declarations/initial/submit",
       {{"submitted_at", "2026-03-29T11:00:00+02:00"}, {"portal_reference", "CS-1"}}, 200);
  // The status follows afterwards, and the threat is qualified.
  call("PUT", api + "/status", {{"status", "contained"}}, 200);
  call("PUT", api + "/qualification", {{"threat", "ransomware"}}, 200);
  auto complementary = srv_.get(page + "complementary");
  const std::string contained = field(complementary.body, "handling_status");
  EXPECT_EQ(contained, "Incident confiné ; confinement le 29/03/2026 à 10 h 00.");
  // Written by the declarant: kept, the register's text appended.
  EXPECT_EQ(field(complementary.body, "causes"),
            "Chiffrement du PACS\nMise à jour du registre depuis la déclaration initiale : Type "
            "de menace : rançongiciel.");
  content["handling_status"] = contained;
  content["causes"] = field(complementary.body, "causes");
  call("PUT", api + "/declarations/complementary", content, 200);
  call("POST", api + "/declarations/complementary/submit",
       {{"submitted_at", "2026-04-02T10:00:00+02:00"}, {"portal_reference", "CS-1-C"}}, 200);
  call("PUT", api + "/status", {{"status", "closed"}}, 200);
  auto final_stage = srv_.get(page + "final");
  const std::string closed = field(final_stage.body, "handling_status");
  EXPECT_EQ(closed.rfind("Incident clos ; confinement le 29/03/2026 à 10 h 00 ; clos le ", 0), 0u)
      << closed;
  for (const char* f : {"handling_status", "perimeter", "systems", "causes", "impact_systems"})
    EXPECT_EQ(field(final_stage.body, f).find("depuis la déclaration complémentaire"),
              std::string::npos)
        << f << ": " << field(final_stage.body, f);
}

// Issue 19 trial: each act on an incident is confirmed on the page it leads to (the layout's
// success notice, as the other modules do); a page reached without an act shows none.
TEST_P(IncidentsRoutesTest, EachActIsConfirmedOnThePageItLeadsTo) {
  const std::string form = "application/x-www-form-urlencoded";
  const std::string list = std::string("/etablissements/") + kParis + "/incidents";
  auto notice = [&](const carepilot::testing::HttpResult& r) {
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 300);
    auto page = srv_.get(r.header("location"));
    EXPECT_EQ(page.status, 200);
    const auto at = page.body.find("fr-alert--success");
    if (at == std::string::npos) return std::string("(none)");
    const auto p = page.body.find("<p>", at) + 3;
    return page.body.substr(p, page.body.find("</p>", p) - p);
  };
  auto made = srv_.send("POST", list, "title=PACS&detected_local=2026-04-01T10%3A00", form);
  EXPECT_EQ(notice(made), "Incident enregistré. Complétez sa chronologie et sa qualification.");
  const std::string location = made.header("location");
  const std::string page = location.substr(0, location.find('?'));
  EXPECT_EQ(srv_.get(page).body.find("fr-alert--success"), std::string::npos);
  EXPECT_EQ(notice(srv_.send("POST", page + "/evenements",
                             "kind=containment&at_local=2026-04-01T11%3A00", form)),
            "Événement ajouté à la chronologie.");
  EXPECT_EQ(notice(srv_.send("POST", page + "/qualification", "threat=ransomware", form)),
            "Qualification enregistrée.");
  EXPECT_EQ(notice(srv_.send("POST", page + "/statut", "status=contained", form)),
            "Statut de l&#39;incident enregistré : confiné.");
  const std::string stage = page + "/declaration/initial";
  EXPECT_EQ(notice(srv_.send("POST", stage,
                             "declarant_name=Claire+Martin&declarant_role=RSSI&declarant_contact="
                             "rssi%40ch.fr&observed_at=2026-04-01&perimeter=PACS&systems=PACS&"
                             "data_concerned=Images&handling_status=Isol%C3%A9",
                             form)),
            "Brouillon de la déclaration initiale enregistré. Il n&#39;est pas encore transmis.");
  EXPECT_EQ(notice(srv_.send("POST", stage + "/transmission",
                             "submitted_local=2026-04-01T12%3A00&portal_reference=CS-9", form)),
            "Déclaration initiale marquée transmise au CERT Santé : elle est désormais figée.");
  EXPECT_EQ(notice(srv_.send("POST", page + "/paq", "lessons=Segmenter+le+r%C3%A9seau", form)),
            "Action créée.");
  // A refusal shows no confirmation.
  auto refused = srv_.send("POST", page + "/qualification", "threat=inconnue", form);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body.find("fr-alert--success"), std::string::npos);
}

// Issue 19 trial: the timeline shows the transmission of every stage, each with its date and
// its portal reference (only the initial one showed, as the event its transmission records).
TEST_P(IncidentsRoutesTest, TheTimelineShowsTheTransmissionOfEveryStage) {
  const auto id = incident(kParis, "Rançongiciel", "2026-03-29T01:30:00+01:00");
  const std::string decl = std::string("/api/v1/establishments/") + kParis + "/incidents/" +
                           std::to_string(id) + "/declarations/";
  const json full{{"declarant_name", "Claire Martin"}, {"declarant_role", "RSSI"},
                  {"declarant_contact", "rssi@ch.fr"}, {"observed_at", "2026-03-29"},
                  {"perimeter", "Imagerie"},           {"systems", "PACS"},
                  {"data_concerned", "Images"},        {"handling_status", "Analyse en cours"},
                  {"impact_data", "Aucune"},           {"impact_people", "Aucune"},
                  {"impact_systems", "PACS"},          {"impact_structure", "Aucune"}};
  const char* stages[][3] = {{"initial", "2026-03-29T09:00:00+02:00", "CS-0042"},
                             {"complementary", "2026-04-02T16:30:00+02:00", "CS-0042-C"},
                             {"final", "2026-04-10T11:00:00+02:00", "CS-0042-F"}};
  for (const auto& st : stages) {
    call("PUT", decl + st[0], full, 200);
    call("POST", decl + st[0] + "/submit", {{"submitted_at", st[1]}, {"portal_reference", st[2]}},
         200);
  }
  auto page = srv_.get(page_of(kParis, id));
  ASSERT_EQ(page.status, 200);
  auto row = [&](const std::string& stage) {
    const auto at = page.body.find("data-kind=\"declaration_submitted\" data-stage=\"" + stage);
    if (at == std::string::npos) return std::string();
    return page.body.substr(at, page.body.find("</tr>", at) - at);
  };
  EXPECT_NE(row("initial").find("Déclaration initiale transmise au CERT Santé"), std::string::npos)
      << row("initial");
  EXPECT_NE(row("initial").find("29/03/2026 à 09 h 00"), std::string::npos);
  // The attachment form's list of events says it in the same words.
  EXPECT_NE(page.body.find(">Déclaration initiale transmise au CERT Santé du 29/03/2026 à 09 h "
                           "00</option>"),
            std::string::npos);
  EXPECT_NE(row("initial").find("Référence du portail : CS-0042"), std::string::npos);
  EXPECT_NE(row("complementary").find("Déclaration complémentaire transmise au CERT Santé"),
            std::string::npos)
      << row("complementary");
  EXPECT_NE(row("complementary").find("02/04/2026 à 16 h 30"), std::string::npos);
  EXPECT_NE(row("complementary").find("Référence du portail : CS-0042-C"), std::string::npos);
  EXPECT_NE(row("final").find("10/04/2026 à 11 h 00"), std::string::npos);
  EXPECT_NE(row("final").find("Référence du portail : CS-0042-F"), std::string::npos);
  // In the order of the timeline, each once.
  std::size_t count = 0;
  for (auto at = page.body.find("data-kind=\"declaration_submitted\""); at != std::string::npos;
       at = page.body.find("data-kind=\"declaration_submitted\"", at + 1))
    ++count;
  EXPECT_EQ(count, 3u);
  EXPECT_LT(page.body.find("data-stage=\"initial\""), page.body.find("data-stage=\"final\""));
  // The initial stage's reference, once (issue 19 trial: « CS-0042 ; Référence du portail :
  // CS-0042 »).
  EXPECT_EQ(row("initial").find("Référence du portail : CS-0042 ;"), std::string::npos)
      << row("initial");
  EXPECT_EQ(page.body.find("data-kind=\"closure\""), std::string::npos);
  EXPECT_EQ(page.body.find("data-kind=\"status_contained\""), std::string::npos);
  // Contained, then closed: each in the incident's own timeline, the closure as in the
  // establishment's history.
  call("PUT",
       std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id) +
           "/status",
       {{"status", "contained"}}, 200);
  page = srv_.get(page_of(kParis, id));
  {
    const auto at = page.body.find("data-kind=\"status_contained\"");
    ASSERT_NE(at, std::string::npos);
    EXPECT_NE(page.body.substr(at, page.body.find("</tr>", at) - at).find("Statut : « Confiné »"),
              std::string::npos)
        << page.body.substr(at, 300);
  }
  call("PUT",
       std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id) +
           "/status",
       {{"status", "closed"}}, 200);
  page = srv_.get(page_of(kParis, id));
  const auto closure = page.body.find("data-kind=\"closure\"");
  ASSERT_NE(closure, std::string::npos);
  EXPECT_LT(page.body.find("data-kind=\"status_contained\""), closure);
  EXPECT_NE(
      page.body.substr(closure, page.body.find("</tr>", closure) - closure).find("Incident clos"),
      std::string::npos);
}

// « Systèmes et services touchés » from the qualification form and the API: the
// establishment's services and its continuity IT resources, shown on the incident page; another
// establishment's resource refused (422 naming the field, nothing stored); a list given alone
// through the API leaves the other.
TEST_P(IncidentsRoutesTest, AffectedSystemsAreChosenFromTheEstablishmentsLists) {
  const auto id = incident(kParis, "Rançongiciel", "2026-04-10T08:00:00+02:00");
  auto resource = [&](const char* finess, const std::string& name) {
    const auto e = srv_.app().repo().visible(Scope::nation(), finess);
    auto s = srv_.db().db().lease();
    long long est = e.id;
    *s << "INSERT INTO continuity_resources (establishment_id, name, kind, created_at) VALUES "
          "(:e, :n, 'application', '2026-01-01T00:00:00Z')",
        soci::use(est), soci::use(name);
    long long rid = 0;
    *s << "SELECT MAX(id) FROM continuity_resources", soci::into(rid);
    return static_cast<std::int64_t>(rid);
  };
  const auto pacs = resource(kParis, "PACS");
  const auto lyon = resource(kLyon, "DPI de Lyon");
  const std::string form = "application/x-www-form-urlencoded";
  auto page = srv_.get(page_of(kParis, id));
  EXPECT_NE(page.body.find("data-testid=\"affected-service-urgences\""), std::string::npos);
  EXPECT_NE(page.body.find("data-testid=\"affected-resource-" + std::to_string(pacs) + "\""),
            std::string::npos);
  EXPECT_EQ(page.body.find("DPI de Lyon"), std::string::npos);
  // Another establishment's resource posted: refused, named, nothing stored.
  auto r = srv_.send("POST", page_of(kParis, id) + "/qualification",
                     "threat=ransomware&affected_present=1&affected_service=urgences&"
                     "affected_resource=" +
                         std::to_string(lyon),
                     form);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Ressources informatiques touchées : "), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_affected_systems"), 0);
  r = srv_.send("POST", page_of(kParis, id) + "/qualification",
                "threat=ransomware&affected_present=1&affected_service=urgences&"
                "affected_resource=" +
                    std::to_string(pacs),
                form);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  page = srv_.get(page_of(kParis, id));
  const auto at = page.body.find("data-testid=\"incident-affected\"");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(page.body.substr(at, 200).find("Urgences ; PACS (application)"), std::string::npos)
      << page.body.substr(at, 200);
  // Issue 19 trial: what is ticked reaches the declaration's pre-fill, not only the services
  // in degraded mode (there is none here).
  {
    auto stage = srv_.get(page_of(kParis, id) + "/declaration/initial");
    ASSERT_EQ(stage.status, 200);
    auto field = [&](const std::string& name) {
      const auto f = stage.body.find("data-testid=\"stage-" + name + "\"");
      if (f == std::string::npos) return std::string("(absent)");
      const auto open = stage.body.find('>', f) + 1;
      return stage.body.substr(open, stage.body.find("</textarea>", open) - open);
    };
    EXPECT_EQ(field("perimeter"),
              "Incident « Rançongiciel » ; services touchés : Urgences ; systèmes touchés : PACS.");
    EXPECT_EQ(field("systems"), "Urgences ; PACS (application).");
  }
  // The API: the lists, one alone leaving the other; a foreign resource 422.
  const std::string api =
      std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id);
  auto j = call("GET", api, nullptr, 200);
  EXPECT_EQ(j["affected_services"], json::array({"urgences"}));
  EXPECT_EQ(j["affected_resources"][0]["name"], "PACS");
  j = call("PUT", api + "/qualification", {{"affected_resources", json::array({lyon})}}, 422);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "affected_resources") << j.dump();
  EXPECT_EQ(j["error"]["fields"][0]["code"], "incident.resource_unknown");
  // Its id not echoed (it is another establishment's).
  EXPECT_EQ(j["error"]["fields"][0]["message"].get<std::string>().find(std::to_string(lyon)),
            std::string::npos)
      << j.dump();
  call("PUT", api + "/qualification", {{"affected_resources", "PACS"}}, 422);
  j = call("PUT", api + "/qualification", {{"affected_resources", json::array()}}, 200);
  EXPECT_TRUE(j["affected_resources"].empty());
  EXPECT_EQ(j["affected_services"], json::array({"urgences"}));
}

// A stage form (and the other forms of the incident) posted from a page or a tool in Latin-1:
// a French message naming the field by its label, 422, nothing stored — never a bare 400.
// Valid UTF-8 with the same letters is saved.
TEST_P(IncidentsRoutesTest, AFormInLatin1NamesItsFieldAndStoresNothing) {
  const auto id = incident(kParis, "Rançongiciel", "2026-04-10T08:00:00+02:00");
  const std::string form = "application/x-www-form-urlencoded";
  const std::string stage = page_of(kParis, id) + "/declaration/initial";
  const auto before = count_rows(srv_.db().db(), "incident_declarations");
  auto r = srv_.send("POST", stage, "declarant_name=Claire&perimeter=Imagerie+m%E9dicale", form);
  EXPECT_EQ(r.status, 422) << r.body.substr(0, 300);
  EXPECT_NE(r.body.find("Le champ « Périmètre concerné » contient des caractères qui ne sont pas "
                        "en UTF-8"),
            std::string::npos);
  // The form is shown again with what was typed (read as Windows-1252), nothing lost.
  EXPECT_NE(r.body.find("Imagerie médicale"), std::string::npos);
  EXPECT_NE(r.body.find("Claire"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_declarations"), before);
  r = srv_.send("POST", stage, "declarant_name=Claire&perimeter=Imagerie+m%C3%A9dicale", form);
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 300);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_declarations"), before + 1);
  // The event form: its note named.
  r = srv_.send("POST", page_of(kParis, id) + "/evenements",
                "kind=ars_informed&at_local=2026-04-10T09%3A00&note=appel+%E0+l%27ARS", form);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Le champ « Note » contient des caractères"), std::string::npos);
  EXPECT_NE(r.body.find("appel à l&#39;ARS"), std::string::npos) << r.body.substr(0, 400);
  // A body that is not a form at all stays 400.
  EXPECT_EQ(srv_.send("POST", stage, "perimeter=%ZZ", form).status, 400);
}

// The statistics' charts can be read (issue 19 trial: the threat types' labels overlapped under
// their bars): the years under vertical bars; the threat types, too long for a slot, each on its
// own row left of a horizontal bar, rows 26 px apart, every label whole.
TEST_P(IncidentsRoutesTest, TheThreatChartGivesEachLabelItsOwnRow) {
  auto qualified = [&](const char* threat) {
    const auto id = incident(kParis, "Incident", "2026-01-10T08:00:00+01:00");
    call("PUT",
         std::string("/api/v1/establishments/") + kParis + "/incidents/" + std::to_string(id) +
             "/qualification",
         {{"threat", threat}}, 200);
  };
  // One threat type: its label fits under its bar, vertical.
  qualified("provider_incident");
  auto one_type = srv_.get("/incidents/statistiques");
  const auto at = one_type.body.find("data-testid=\"statistics-chart-threats\"");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(one_type.body.find("data-orientation=\"vertical\"", at), at + 39)
      << one_type.body.substr(at, 80);
  // Five: the labels would overlap under vertical bars.
  for (const char* t :
       {"account_compromise", "exposed_equipment", "infrastructure_failure", "phishing"})
    qualified(t);
  const auto page = srv_.get("/incidents/statistiques");
  ASSERT_EQ(page.status, 200);
  auto figure = [&](const std::string& chart) {
    const auto at = page.body.find("data-testid=\"statistics-chart-" + chart + "\"");
    EXPECT_NE(at, std::string::npos) << chart;
    return at == std::string::npos ? std::string()
                                   : page.body.substr(at, page.body.find("</figure>", at) - at);
  };
  EXPECT_NE(figure("incidents-per-year").find("data-orientation=\"vertical\""), std::string::npos);
  const auto threats = figure("threats");
  EXPECT_NE(threats.find("data-orientation=\"horizontal\""), std::string::npos) << threats;
  std::vector<int> ys;
  for (auto at = threats.find("data-testid=\"chart-label\""); at != std::string::npos;
       at = threats.find("data-testid=\"chart-label\"", at + 1)) {
    const auto tag = threats.rfind("<text", at);
    const auto y = threats.find(" y=\"", tag);
    ys.push_back(std::stoi(threats.substr(y + 4)));
  }
  ASSERT_GE(ys.size(), 2u);
  for (std::size_t i = 1; i < ys.size(); ++i) EXPECT_EQ(ys[i] - ys[i - 1], 26) << i;
  EXPECT_NE(threats.find(">incident chez un prestataire</text>"), std::string::npos);
  EXPECT_NE(threats.find("text-anchor=\"end\""), std::string::npos);
}
