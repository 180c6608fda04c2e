// The knowledge base through the server (issue 20): public pages and API, hostile queries, the
// « Comment faire ? » of the compliance page, the programme's dates in the calendar feed, edits
// through the page form and the API, audited.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "test_server.hpp"

namespace carepilot::knowledge {

class KnowledgePagesTest : public ::testing::TestWithParam<const char*> {
 protected:
  KnowledgePagesTest() : srv_(GetParam()) {}
  long long audit_count(const std::string& key) {
    auto s = srv_.db().db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM audit_log WHERE entity = 'knowledge_entry' AND entity_key = :k",
        soci::into(n), soci::use(key);
    return n;
  }
  carepilot::testing::TestServer srv_;
};

TEST_P(KnowledgePagesTest, SearchPagesAnswerEveryQuerySanely) {
  auto r = srv_.get("/connaissances?q=PCRI");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("D2.O1.C — Un PCRI"), std::string::npos);
  EXPECT_NE(r.body.find("<mark>PCRI</mark>"), std::string::npos);
  r = srv_.get("/connaissances?q=sauvegarde+hors+ligne");
  ASSERT_EQ(r.status, 200);
  EXPECT_LT(r.body.find("D2.O3.C"), r.body.find("Financement CaRE domaine 2"));
  EXPECT_EQ(srv_.get("/connaissances?q=" + std::string(10000, 'a')).status, 422);
  for (const char* q : {"", "%22", "*", "NEAR(PCRI", "(%22a%22+OR+b)", "%C2%A4"})
    EXPECT_EQ(srv_.get(std::string("/connaissances?q=") + q).status, 200) << q;
  for (const char* p :
       {"/connaissances/faq", "/connaissances/referentiels", "/connaissances/offres",
        "/connaissances/entrees/D2.O3.C", "/connaissances/entrees/faq-desfire"})
    EXPECT_EQ(srv_.get(p).status, 200) << p;
  EXPECT_EQ(srv_.get("/connaissances/entrees/inconnue").status, 404);
  auto api = srv_.get("/api/v1/knowledge/search?q=" + std::string(10000, 'a'));
  EXPECT_EQ(api.status, 422);
  EXPECT_NE(api.body.find("knowledge.query_too_long"), std::string::npos);
  api = srv_.get("/api/v1/knowledge/search?q=D2.01.C");
  ASSERT_EQ(api.status, 200);
  auto j = nlohmann::json::parse(api.body);
  EXPECT_EQ(j["items"][0]["entry"]["id"], "D2.O1.C");
}

TEST_P(KnowledgePagesTest, ComplianceShowsHowToAndTheFeedShowsTheProgrammesDates) {
  auto made =
      srv_.send("POST", "/api/v1/establishments",
                R"({"finess_et": "490000684", "finess_ej": "490000684", "name": "CH d'essai",
                            "type": "ch", "department": "49", "city": "Cholet", "services": ["urgences"]})",
                "application/json");
  ASSERT_EQ(made.status, 201) << made.body;
  auto page = srv_.get("/etablissements/490000684/conformite");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Comment faire ?"), std::string::npos);
  // pca-pra lists the FAQ on the PCRI and the domain 2 funding.
  auto row = page.body.find("data-obligation=\"pca-pra\"");
  ASSERT_NE(row, std::string::npos);
  auto row_end = page.body.find("</tr>", row);
  auto pca = page.body.substr(row, row_end - row);
  EXPECT_NE(pca.find("href=\"/connaissances/entrees/faq-d2-o1-c-pcri\""), std::string::npos);
  EXPECT_NE(pca.find("href=\"/connaissances/entrees/offre-care-domaine-2\""), std::string::npos);
  auto u =
      carepilot::testing::make_user(srv_, "agenda@test.fr", Role::national_reader, Scope::nation());
  auto raw = srv_.app().auth_store().create_calendar_feed(u.id, Actor{"test", "", "", ""});
  auto feed = srv_.get("/calendrier/" + raw + "/echeances.ics");
  ASSERT_EQ(feed.status, 200);
  EXPECT_NE(feed.body.find("UID:care-date-bia-critiques-20260630@carepilot"), std::string::npos);
  EXPECT_NE(feed.body.find("UID:care-date-d2-candidatures-20250902@carepilot"), std::string::npos);
  EXPECT_NE(feed.body.find("DTEND;VALUE=DATE:20251101"), std::string::npos);  // to 31 October
  // The same dates in an establishment's own calendar file, after its deadlines, with a link
  // to each date's page (a médico-social calendar, where nothing applies, stays without
  // events: EvidenceExportTest.CalendarListsComingDeadlines).
  auto est = srv_.get("/etablissements/490000684/echeances.ics");
  ASSERT_EQ(est.status, 200);
  const auto date = est.body.find("UID:care-date-bia-critiques-20260630@carepilot");
  EXPECT_NE(date, std::string::npos);
  EXPECT_LT(est.body.find("UID:490000684-"), date);
  EXPECT_NE(est.body.find("URL:"), std::string::npos);
  EXPECT_NE(est.body.find("/connaissances/entrees/"), std::string::npos);
}

TEST_P(KnowledgePagesTest, NationalStaffEditThroughThePageAndTheApi) {
  auto r = srv_.send("POST", "/connaissances/entrees",
                     "id=offre-essai&kind=offer&offer_kind=training&provider=GRADeS&title=Atelier"
                     "+sauvegardes+immuables&summary=Atelier&theme=sauvegarde&audiences=sanitaire&"
                     "region=52&obligations=pca-pra",
                     "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  EXPECT_EQ(r.header("location"), "/connaissances/entrees/offre-essai?enregistre=1");
  EXPECT_EQ(audit_count("offre-essai"), 1);
  // A refused form is shown again with the field's message.
  r = srv_.send("POST", "/connaissances/entrees",
                "id=offre-essai-2&kind=offer&offer_kind=training&provider=GRADeS&title=T&summary=S&"
                "theme=sauvegarde&audiences=sanitaire&region=52&objectives=D9.X",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("pas un objectif (D2.O1.C par exemple)"), std::string::npos);
  auto api = srv_.send("PUT", "/api/v1/knowledge/entries/offre-essai",
                       R"({"kind": "offer", "offer_kind": "training", "provider": "GRADeS",
                           "title": "Atelier sauvegardes hors ligne", "summary": "Atelier",
                           "theme": "sauvegarde", "audiences": ["sanitaire"], "region": "52"})",
                       "application/json");
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(audit_count("offre-essai"), 2);
  auto found =
      nlohmann::json::parse(srv_.get("/api/v1/knowledge/search?q=hors+ligne&region=52").body);
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["entry"]["id"], "offre-essai");
  api = srv_.send("POST", "/api/v1/knowledge/entries",
                  R"({"id": "x", "kind": "offer", "offer_kind": "service", "provider": "P",
                      "title": "T", "summary": "S", "theme": "sauvegarde",
                      "audiences": ["sanitaire"], "region": "99"})",
                  "application/json");
  EXPECT_EQ(api.status, 422);
  EXPECT_NE(api.body.find("knowledge.invalid_region"), std::string::npos);
  EXPECT_EQ(srv_.send("DELETE", "/api/v1/knowledge/entries/offre-essai", "", "").status, 200);
  EXPECT_EQ(srv_.get("/connaissances/entrees/offre-essai").status, 404);
  EXPECT_EQ(audit_count("offre-essai"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, KnowledgePagesTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

// With accounts on: anyone reads; regional staff change their region's offers only.
class KnowledgeAccessTest : public ::testing::TestWithParam<const char*> {
 protected:
  KnowledgeAccessTest() : srv_(GetParam(), carepilot::testing::TestServer::with_accounts()) {}
  carepilot::testing::TestServer srv_;
};

TEST_P(KnowledgeAccessTest, AnonymousReadsRegionalStaffEditTheirRegionsOffers) {
  EXPECT_EQ(srv_.get("/connaissances?q=PCRI").status, 200);
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/faq-desfire").status, 200);
  EXPECT_EQ(srv_.send("DELETE", "/api/v1/knowledge/entries/faq-desfire", "", "").status, 401);
  carepilot::testing::act_as(srv_, Role::regional_manager, Scope::region("52"));
  const std::string mine =
      R"({"id": "offre-pdl", "kind": "offer", "offer_kind": "service", "provider": "GRADeS",
          "title": "Offre des Pays de la Loire", "summary": "S", "theme": "sauvegarde",
          "audiences": ["sanitaire"], "region": "52"})";
  auto r = srv_.send("POST", "/api/v1/knowledge/entries", mine, "application/json");
  EXPECT_EQ(r.status, 201) << r.body;
  std::string other = mine;
  other.replace(other.find("offre-pdl"), 9, "offre-idf");
  other.replace(other.find("\"52\""), 4, "\"11\"");
  r = srv_.send("POST", "/api/v1/knowledge/entries", other, "application/json");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("knowledge.forbidden"), std::string::npos);
  EXPECT_EQ(srv_.send("DELETE", "/api/v1/knowledge/entries/faq-desfire", "", "").status, 403);
  auto form = srv_.get("/connaissances/entrees/faq-desfire/modifier");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("knowledge-read-only"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, KnowledgeAccessTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace carepilot::knowledge
