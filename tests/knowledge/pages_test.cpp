// The knowledge base through the server (issue 20): public pages and API, hostile queries, the
// « Comment faire ? » of the compliance page, the programme's dates in the calendar feed, edits
// through the page form and the API, audited.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <vector>

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
  // A health establishment of Pays de la Loire (Cholet, 49), FINESS 490000684.
  void add_sanitaire_establishment() {
    auto made =
        srv_.send("POST", "/api/v1/establishments",
                  R"({"finess_et": "490000684", "finess_ej": "490000684", "name": "CH d'essai",
            "type": "ch", "department": "49", "city": "Cholet", "services": ["urgences"]})",
                  "application/json");
    ASSERT_EQ(made.status, 201) << made.body;
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

// The backup objectives' « Comment faire ? » lists what the reference texts tie to them: the
// domain 2 funding for each; for D2.O3.A (a dedicated directory at ADS level 3 at least) the
// ADS service, its levels and the Club SSI through which ADS is reached (issue 20 trial: the
// Club SSI was missing). No entry is linked that the texts do not tie to backups.
TEST_P(KnowledgePagesTest, BackupObjectivesListTheEntriesThatConcernThem) {
  auto linked = [&](const std::string& objective) {
    std::set<std::string> ids;
    auto j = nlohmann::json::parse(
        srv_.get("/api/v1/knowledge/search?per_page=100&objective=" + objective).body);
    for (const auto& it : j["items"])
      if (it["entry"]["kind"] != "objective") ids.insert(it["entry"]["id"].get<std::string>());
    return ids;
  };
  using S = std::set<std::string>;
  for (const char* o : {"D2.O2.A", "D2.O2.B", "D2.O3.B", "D2.O3.C", "D2.O3.D", "D2.O4"})
    EXPECT_EQ(linked(o), (S{"offre-care-domaine-2"})) << o;
  EXPECT_EQ(linked("D2.O3.A"),
            (S{"anssi-ads-niveaux", "offre-ads-oradad", "offre-club-ssi", "offre-care-domaine-2"}));
  auto page = srv_.get("/connaissances/entrees/D2.O3.A");
  ASSERT_EQ(page.status, 200);
  // The id as the FAQ spells it leads to the same page; an id that is not an objective's is not
  // redirected.
  auto spelt = srv_.get("/connaissances/entrees/D2.03.A");
  EXPECT_EQ(spelt.status, 301);
  EXPECT_EQ(spelt.header("location"), "/connaissances/entrees/D2.O3.A");
  EXPECT_EQ(srv_.get("/connaissances/entrees/d2.o3.a").header("location"),
            "/connaissances/entrees/D2.O3.A");
  EXPECT_EQ(srv_.get("/connaissances/entrees/faq-desfire").status, 200);
  EXPECT_EQ(srv_.get("/connaissances/entrees/inconnue").status, 404);
  for (const char* id : {"offre-club-ssi", "offre-ads-oradad", "anssi-ads-niveaux"})
    EXPECT_NE(page.body.find(std::string("href=\"/connaissances/entrees/") + id + "\""),
              std::string::npos)
        << id;
}

// A filter value the search does not know is said on the page, naming the filter by its label,
// and not applied (issue 20 trial: it was ignored silently; the API answers 400).
TEST_P(KnowledgePagesTest, AnUnknownFilterValueIsSaidOnThePage) {
  const std::string said = "ne connaît pas la valeur";
  auto known = srv_.get(
      "/connaissances?q=sauvegarde&nature=offer&theme=sauvegarde&public="
      "sanitaire&region=national");
  ASSERT_EQ(known.status, 200);
  EXPECT_EQ(known.body.find(said), std::string::npos);
  const auto all = srv_.get("/connaissances?q=sauvegarde&theme=sauvegarde");
  for (const auto& [query, label, value] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"nature=offre", "Nature", "offre"},
           {"public=ehpad", "Public", "ehpad"},
           {"region=99", "Portée", "99"}}) {
    auto r = srv_.get("/connaissances?q=sauvegarde&theme=sauvegarde&" + query);
    EXPECT_EQ(r.status, 200) << query;
    EXPECT_NE(r.body.find("Le filtre « " + label + " » ne connaît pas la valeur « " + value +
                          " » : il n&#39;est pas appliqué."),
              std::string::npos)
        << query;
    // The other filters still apply, the unknown one does not: the same hits as without it.
    const auto hits = [](const std::string& b) {
      return b.substr(b.find("data-testid=\"knowledge-hits\""),
                      b.find("</ol>", b.find("data-testid=\"knowledge-hits\"")) -
                          b.find("data-testid=\"knowledge-hits\""));
    };
    EXPECT_EQ(hits(r.body), hits(all.body)) << query;
  }
  // Every unknown filter of an address is named; on the national offers' list too.
  auto two = srv_.get("/connaissances/offres?theme=sauvegardes&public=tous");
  EXPECT_EQ(two.status, 200);
  EXPECT_NE(two.body.find("Le filtre « Thème » ne connaît pas la valeur « sauvegardes »"),
            std::string::npos);
  EXPECT_NE(two.body.find("Le filtre « Public » ne connaît pas la valeur « tous »"),
            std::string::npos);
  // The API refuses them.
  EXPECT_EQ(srv_.get("/api/v1/knowledge/search?q=sauvegarde&kind=offre").status, 400);
}

TEST_P(KnowledgePagesTest, ComplianceShowsHowToAndTheFeedShowsTheProgrammesDates) {
  ASSERT_NO_FATAL_FAILURE(add_sanitaire_establishment());
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
  // A late deadline stands on today: the programme's date of it stays (the BIA of the critical
  // services, late since 30 June 2026).
  EXPECT_NE(feed.body.find("UID:care-date-bia-critiques-20260630@carepilot"), std::string::npos);
  EXPECT_NE(feed.body.find("UID:care-date-d2-candidatures-20250902@carepilot"), std::string::npos);
  EXPECT_NE(feed.body.find("DTEND;VALUE=DATE:20251101"), std::string::npos);  // to 31 October
  // The same dates in an establishment's own calendar file, after its deadlines, with a link
  // to each date's page (a médico-social calendar, where nothing applies, stays without
  // events: EvidenceExportTest.CalendarListsComingDeadlines).
  auto est = srv_.get("/etablissements/490000684/echeances.ics");
  ASSERT_EQ(est.status, 200);
  const auto date = est.body.find("UID:care-date-");
  EXPECT_NE(date, std::string::npos);
  EXPECT_LT(est.body.find("UID:490000684-"), date);
  EXPECT_NE(est.body.find("URL:"), std::string::npos);
  EXPECT_NE(est.body.find("/connaissances/entrees/"), std::string::npos);
  // The establishment's deadline of bia-all-services and the programme's date for it fall on
  // the same day (issue 20 trial: two events): one event, the establishment's, naming the
  // programme's date; in the personal feed too.
  auto count = [](const std::string& body, const std::string& what) {
    int n = 0;
    for (auto at = body.find(what); at != std::string::npos; at = body.find(what, at + 1)) ++n;
    return n;
  };
  auto unfold = [](std::string body) {
    for (auto at = body.find("\r\n "); at != std::string::npos; at = body.find("\r\n ", at))
      body.erase(at, 3);
    return body;
  };
  for (const auto& ics :
       {unfold(est.body), unfold(srv_.get("/calendrier/" + raw + "/echeances.ics").body)}) {
    EXPECT_EQ(count(ics, "DTSTART;VALUE=DATE:20270630"), 1) << ics;
    EXPECT_EQ(count(ics, "SUMMARY:Échéance : BIA de tous les services et PCRA global"), 1);
    EXPECT_EQ(ics.find("UID:care-date-bia-tous-"), std::string::npos);
    EXPECT_NE(ics.find("Date du programme CaRE : « BIA de tous les services et PCRA global »"),
              std::string::npos);
  }
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
                "theme=sauvegarde&audiences=sanitaire&region=52&objectives=D9.X%2C+HC.O2.C%2C+"
                "D2.O9",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 422);
  // Every invalid value is named; a HospiConnect objective is valid.
  EXPECT_NE(r.body.find("« D9.X », « D2.O9 » ne sont pas des objectifs des appels à financement"),
            std::string::npos)
      << r.body.substr(0, 3000);
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

// The edit form gives back what it shows: the paliers one per line (saving the form unchanged
// keeps them apart), and a refused form names every field in error by its label at once.
TEST_P(KnowledgePagesTest, TheEditFormKeepsItsLinesAndNamesEveryErrorAtOnce) {
  auto entry =
      nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries/pgssi-s-identification").body);
  ASSERT_GE(entry["paliers"].size(), 2u);
  auto form = srv_.get("/connaissances/entrees/pgssi-s-identification/modifier");
  ASSERT_EQ(form.status, 200);
  const std::string open = "name=\"paliers\" rows=\"3\">";
  auto at = form.body.find(open);
  ASSERT_NE(at, std::string::npos);
  at += open.size();
  auto shown = form.body.substr(at, form.body.find("</textarea>", at) - at);
  EXPECT_EQ(std::count(shown.begin(), shown.end(), '\n'),
            static_cast<long>(entry["paliers"].size()) - 1)
      << shown;
  // A form with a palier per line saves them as two.
  auto r =
      srv_.send("POST", "/connaissances/entrees",
                "id=ref-essai&kind=referential&doc_kind=" + entry["doc_kind"].get<std::string>() +
                    "&title=R&summary=S&theme=identification&audiences=sanitaire&region="
                    "national&paliers=Niveau+1%0D%0ANiveau+2",
                "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 800);
  auto saved = nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries/ref-essai").body);
  EXPECT_EQ(saved["paliers"], nlohmann::json({"Niveau 1", "Niveau 2"}));
  // Four mistakes, four messages, each under its label; nothing stored.
  r = srv_.send("POST", "/connaissances/entrees",
                "id=offre-fautive&kind=offer&offer_kind=service&provider=P&title=T&summary=S&"
                "theme=sauvegarde&region=52&objectives=D7.Z&link=http%3A%2F%2Fexemple.fr&"
                "date=2026-02-30",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 422);
  for (const char* m :
       {"Public : au moins un public est attendu", "Lien : un lien https:// est attendu",
        "Date : « 30/02/2026 » n&#39;est pas une date du calendrier",
        "Objectifs : « D7.Z » n&#39;est pas un objectif"})
    EXPECT_NE(r.body.find(m), std::string::npos) << m;
  EXPECT_EQ(r.body.find("Champ :"), std::string::npos);
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-fautive").status, 404);
  // A blank title, an identifier differing only by case from another: refused.
  auto api = srv_.send("POST", "/api/v1/knowledge/entries",
                       R"({"id": "faq-vide", "kind": "faq", "title": "   ", "summary": "S",
                           "theme": "sauvegarde", "audiences": ["sanitaire"]})",
                       "application/json");
  EXPECT_EQ(api.status, 422);
  EXPECT_NE(api.body.find("knowledge.invalid_title"), std::string::npos);
  api = srv_.send("POST", "/api/v1/knowledge/entries",
                  R"({"id": "FAQ-DESFIRE", "kind": "faq", "title": "T", "summary": "S",
                      "theme": "sauvegarde", "audiences": ["sanitaire"]})",
                  "application/json");
  EXPECT_EQ(api.status, 409);
  EXPECT_NE(api.body.find("knowledge.exists"), std::string::npos);
  // "national" is the word for no region, in writes as in the filters.
  api = srv_.send("POST", "/api/v1/knowledge/entries",
                  R"({"id": "offre-nationale-essai", "kind": "offer", "offer_kind": "service",
                      "provider": "P", "title": "T", "summary": "S", "theme": "sauvegarde",
                      "audiences": ["sanitaire"], "region": "national"})",
                  "application/json");
  EXPECT_EQ(api.status, 201) << api.body;
}

// The search box takes 300 characters, whatever their bytes; one more is refused.
TEST_P(KnowledgePagesTest, TheQueryLimitCountsCharacters) {
  std::string e300, e301;
  for (int i = 0; i < 300; ++i) e300 += "%C3%A9";
  e301 = e300 + "%C3%A9";
  EXPECT_EQ(srv_.get("/api/v1/knowledge/search?q=" + e300).status, 200);
  EXPECT_EQ(srv_.get("/api/v1/knowledge/search?q=" + e301).status, 422);
  EXPECT_EQ(srv_.get("/connaissances?q=" + e300).status, 200);
  auto page = srv_.get("/connaissances?q=" + e301);
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("La recherche est limitée à 300 caractères"), std::string::npos);
}

// Issue 20 trial: a query that is not UTF-8 (a link written in Latin-1) answered the bare 400
// error page. The search page answers itself: its box with what was read (Windows-1252) and
// a French message under it, nothing searched; the API keeps its 400 request.bad_parameter,
// and other pages the central refusal.
TEST_P(KnowledgePagesTest, AQueryThatIsNotUtf8IsSaidOnTheSearchPage) {
  for (const std::string path : {"/connaissances", "/connaissances/faq", "/connaissances/offres"}) {
    auto page = srv_.get(path + "?q=%E9t%E9&theme=sauvegarde");
    EXPECT_EQ(page.status, 400) << path;
    EXPECT_NE(page.body.find("La recherche contient des caractères illisibles"), std::string::npos)
        << path << page.body.substr(0, 1500);
    EXPECT_NE(page.body.find("name=\"q\" value=\"été\""), std::string::npos) << path;
    EXPECT_NE(page.body.find("data-testid=\"knowledge-error\""), std::string::npos) << path;
    EXPECT_EQ(page.body.find("data-testid=\"knowledge-hit\""), std::string::npos) << path;
  }
  auto api = srv_.get("/api/v1/knowledge/search?q=%E9t%E9");
  EXPECT_EQ(api.status, 400);
  EXPECT_NE(api.body.find("request.bad_parameter"), std::string::npos) << api.body;
  auto other = srv_.get("/etablissements?q=%E9t%E9");
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(other.body.find("La recherche contient des caractères illisibles"), std::string::npos);
  // The same words in UTF-8 are searched.
  EXPECT_EQ(srv_.get("/connaissances?q=%C3%A9t%C3%A9").status, 200);
}

// Issue 20 trial: the current list and the chosen filters were not visible. The current list
// is marked (aria-current="page", a filled button); the chosen facet values are marked
// (aria-current, a check) and listed under « Filtres actifs », each with a link removing it.
TEST_P(KnowledgePagesTest, TheCurrentListAndTheChosenFiltersAreMarked) {
  auto faq = srv_.get("/connaissances/faq?q=sauvegarde");
  ASSERT_EQ(faq.status, 200);
  EXPECT_NE(faq.body.find("class=\"fr-btn\" href=\"/connaissances/faq\" aria-current=\"page\""),
            std::string::npos)
      << faq.body.substr(0, 3000);
  EXPECT_NE(faq.body.find("class=\"fr-btn fr-btn--tertiary\" href=\"/connaissances\" "
                          "data-testid"),
            std::string::npos);
  EXPECT_EQ(faq.body.find("Filtres actifs"), std::string::npos);  // the list's own nature
  auto page = srv_.get("/connaissances?q=sauvegarde&theme=sauvegarde&public=sanitaire");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/connaissances\" aria-current=\"page\""), std::string::npos);
  EXPECT_NE(page.body.find("Filtres actifs"), std::string::npos);
  // Each removes its own filter and keeps the other one and the words.
  EXPECT_NE(page.body.find("href=\"/connaissances?q=sauvegarde&amp;public=sanitaire\" "
                           "aria-label=\"Retirer le filtre Thème : "),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("href=\"/connaissances?q=sauvegarde&amp;theme=sauvegarde\" "
                           "aria-label=\"Retirer le filtre Public : "),
            std::string::npos);
  EXPECT_NE(page.body.find("href=\"/connaissances?q=sauvegarde\" "
                           "data-testid=\"knowledge-clear-filters\""),
            std::string::npos);
  std::size_t on = 0;
  for (auto p = page.body.find("data-testid=\"knowledge-facet-on\""); p != std::string::npos;
       p = page.body.find("data-testid=\"knowledge-facet-on\"", p + 1))
    ++on;
  EXPECT_EQ(on, 2u);
  EXPECT_EQ(srv_.get("/connaissances?q=sauvegarde").body.find("Filtres actifs"), std::string::npos);
}

// The facets' values are in lower case, « national » too (a region keeps its capital).
TEST_P(KnowledgePagesTest, FacetValuesAreInLowerCase) {
  auto page = srv_.get("/connaissances?q=sauvegarde");
  ASSERT_EQ(page.status, 200);
  const auto at = page.body.find("<p class=\"fr-text--bold fr-mb-1w\">Portée</p>");
  ASSERT_NE(at, std::string::npos) << page.body.substr(0, 2000);
  const auto facet = page.body.substr(at, page.body.find("</ul>", at) - at);
  EXPECT_NE(facet.find(">national ("), std::string::npos) << facet;
  EXPECT_EQ(facet.find(">National ("), std::string::npos) << facet;
}

// A facet's count is what choosing it gives, with the other filters kept; the programme's
// dates come in the calendar's order.
TEST_P(KnowledgePagesTest, FacetCountsAreWhatTheirLinksGive) {
  for (const std::string base :
       {"kind=faq", "q=sauvegarde&kind=offer", "q=sauvegarde&theme=sauvegarde"}) {
    auto j = nlohmann::json::parse(srv_.get("/api/v1/knowledge/search?" + base).body);
    int checked = 0;
    for (const auto& [facet, param] :
         std::vector<std::pair<std::string, std::string>>{{"kind", "kind"},
                                                          {"theme", "theme"},
                                                          {"audience", "audience"},
                                                          {"region", "region"}}) {
      for (const auto& v : j["facets"][facet]) {
        std::string q = base;
        // Choosing a value replaces that facet's filter.
        auto at = q.find(param + "=");
        if (at != std::string::npos)
          q.erase(at, q.find('&', at) == std::string::npos ? std::string::npos
                                                           : q.find('&', at) - at + 1);
        if (!q.empty() && q.back() == '&') q.pop_back();
        q += (q.empty() ? "" : "&") + param + "=" + v["code"].get<std::string>();
        auto got = nlohmann::json::parse(srv_.get("/api/v1/knowledge/search?" + q).body);
        EXPECT_EQ(got["total"], v["count"]) << base << " → " << q;
        ++checked;
      }
    }
    EXPECT_GT(checked, 2) << base;
  }
  auto dates =
      nlohmann::json::parse(srv_.get("/api/v1/knowledge/search?kind=date&per_page=100").body);
  ASSERT_GT(dates["items"].size(), 3u);
  std::string previous;
  for (const auto& it : dates["items"]) {
    auto d = it["entry"]["date"].get<std::string>();
    EXPECT_LE(previous, d);
    previous = d;
  }
}

// « Comment faire ? » lists national content and the offers of the establishment's region,
// for its category: another region's offer and content for médico-social structures only
// are left out.
TEST_P(KnowledgePagesTest, HowToShowsTheEstablishmentsRegionAndCategoryOnly) {
  ASSERT_NO_FATAL_FAILURE(add_sanitaire_establishment());
  auto post = [&](const std::string& id, const std::string& region, const std::string& audience) {
    auto r = srv_.send("POST", "/api/v1/knowledge/entries",
                       R"({"id": ")" + id + R"(", "kind": "offer", "offer_kind": "service",
                           "provider": "P", "title": ")" +
                           id + R"(", "summary": "S",
                           "theme": "continuite", "audiences": [")" +
                           audience + R"("],
                           "region": ")" +
                           region + R"(", "obligations": ["pca-pra"]})",
                       "application/json");
    ASSERT_EQ(r.status, 201) << r.body;
  };
  post("offre-bretonne-pca", "53", "sanitaire");
  post("offre-ligerienne-pca", "52", "sanitaire");
  post("offre-medico-sociale-pca", "", "medico_social");
  auto page = srv_.get("/etablissements/490000684/conformite");
  ASSERT_EQ(page.status, 200);
  auto row = page.body.find("data-obligation=\"pca-pra\"");
  ASSERT_NE(row, std::string::npos);
  auto pca = page.body.substr(row, page.body.find("</tr>", row) - row);
  EXPECT_EQ(pca.find("offre-bretonne-pca"), std::string::npos);
  EXPECT_EQ(pca.find("offre-medico-sociale-pca"), std::string::npos);
  EXPECT_NE(pca.find("offre-ligerienne-pca"), std::string::npos);
  EXPECT_NE(pca.find("(Pays de la Loire)"), std::string::npos);
  EXPECT_NE(pca.find("offre-care-domaine-2"), std::string::npos);
}

// Issue 20 trial: « Comment faire ? » showed on rows that « Ne s'applique pas » (an EHPAD's,
// none of whose obligations applies), while the rows that apply keep it.
TEST_P(KnowledgePagesTest, HowToIsNotShownOnObligationsThatDoNotApply) {
  ASSERT_NO_FATAL_FAILURE(add_sanitaire_establishment());
  auto made = srv_.send("POST", "/api/v1/establishments",
                        R"({"finess_et": "750100224", "finess_ej": "750100224", "name": "EHPAD C",
                            "type": "ehpad", "department": "75", "city": "Paris"})",
                        "application/json");
  ASSERT_EQ(made.status, 201) << made.body;
  auto rows_of = [](const std::string& body, const std::string& status) {
    std::vector<std::pair<std::string, std::string>> out;  // obligation id, row html
    const std::string mark = "<tr data-obligation=\"";
    for (auto at = body.find(mark); at != std::string::npos; at = body.find(mark, at + 1)) {
      auto id_end = body.find('"', at + mark.size());
      auto row = body.substr(at, body.find("</tr>", at) - at);
      if (row.find("data-status=\"" + status + "\"") != std::string::npos)
        out.emplace_back(body.substr(at + mark.size(), id_end - at - mark.size()), row);
    }
    return out;
  };
  auto page = srv_.get("/etablissements/750100224/conformite");
  ASSERT_EQ(page.status, 200);
  auto not_applicable = rows_of(page.body, "not_applicable");
  ASSERT_FALSE(not_applicable.empty());
  // An offer for both audiences linked to those obligations.
  std::string obligations = "\"pca-pra\"";
  for (const auto& [id, row] : not_applicable)
    if (id != "pca-pra") obligations += ", \"" + id + "\"";
  auto r = srv_.send("POST", "/api/v1/knowledge/entries",
                     R"({"id": "offre-partout", "kind": "offer", "offer_kind": "service",
                         "provider": "P", "title": "Offre partout", "summary": "S",
                         "theme": "continuite", "audiences": ["sanitaire", "medico_social"],
                         "obligations": [)" +
                         obligations + "]}",
                     "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  page = srv_.get("/etablissements/750100224/conformite");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(rows_of(page.body, "not_applicable").size(), not_applicable.size());
  for (const auto& [id, row] : rows_of(page.body, "not_applicable")) {
    EXPECT_EQ(row.find("how-to"), std::string::npos) << id;
    EXPECT_EQ(row.find("offre-partout"), std::string::npos) << id;
  }
  // The CH's pca-pra applies: its « Comment faire ? » lists the offer.
  page = srv_.get("/etablissements/490000684/conformite");
  auto row = page.body.find("data-obligation=\"pca-pra\"");
  ASSERT_NE(row, std::string::npos);
  auto pca = page.body.substr(row, page.body.find("</tr>", row) - row);
  EXPECT_NE(pca.find("how-to-button"), std::string::npos);
  EXPECT_NE(pca.find("offre-partout"), std::string::npos);
}

// The YAML export reads back unchanged; an import creates and replaces entries, all or
// nothing: a refused line (FILE:LINE: reason) leaves every entry as it was.
TEST_P(KnowledgePagesTest, TheYamlExportImportsBackAndABadFileChangesNothing) {
  // An entry written without a source (the form's field is optional) is exported without one
  // and read back without one: the export's origin is not copied into it.
  ASSERT_EQ(srv_.send("POST", "/connaissances/entrees",
                      "id=offre-sans-source&kind=offer&offer_kind=training&provider=GRADeS&title="
                      "Atelier&summary=Atelier&theme=sauvegarde&audiences=sanitaire&region=52",
                      "application/x-www-form-urlencoded")
                .status,
            303);
  auto exported = srv_.get("/api/v1/knowledge/export");
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.header("content-type").rfind("application/yaml", 0), 0u);
  EXPECT_NE(exported.body.find("id: \"faq-desfire\""), std::string::npos);
  auto stored = nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries").body);
  auto audits = [&] {
    auto s = srv_.db().db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM audit_log WHERE entity = 'knowledge_entry'", soci::into(n);
    return n;
  };
  const long long before = audits();
  auto r = srv_.send("POST", "/api/v1/knowledge/import", exported.body, "application/yaml");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  auto counts = nlohmann::json::parse(r.body);
  EXPECT_EQ(counts["created"], 0);
  EXPECT_EQ(counts["updated"], 0);
  EXPECT_EQ(counts["unchanged"], stored["total"]);
  EXPECT_EQ(audits(), before);
  auto plain = nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries/offre-sans-source").body);
  EXPECT_TRUE(!plain.contains("source") || plain["source"] == "") << plain.dump();
  const std::string head = "schema_version: 1\nkind: knowledge\nentries:\n";
  const std::string added =
      "  - {id: offre-importee, kind: offer, offer_kind: service, provider: GRADeS, title: "
      "\"Offre importée\", summary: \"Sauvegardes.\", theme: sauvegarde, audiences: [sanitaire], "
      "region: \"52\"}\n";
  // A bad line refuses the whole file: the entry before it is not stored.
  r = srv_.send("POST", "/api/v1/knowledge/import", head + added + "  - {id: x, colour: red}\n",
                "application/yaml");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("knowledge.invalid_file"), std::string::npos);
  EXPECT_NE(r.body.find("import.yaml:5: clé inconnue « colour »"), std::string::npos) << r.body;
  r = srv_.send("POST", "/api/v1/knowledge/import", head + added + added, "application/yaml");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("import.yaml:5:"), std::string::npos) << r.body;
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-importee").status, 404);
  EXPECT_EQ(audits(), before);
  EXPECT_EQ(srv_.send("POST", "/api/v1/knowledge/import", head + added, "text/plain").status, 415);
  // A good file: one entry created; the same file again changes nothing.
  r = srv_.send("POST", "/api/v1/knowledge/import", head + added, "application/yaml");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["created"], 1);
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-importee").status, 200);
  r = srv_.send("POST", "/api/v1/knowledge/import", head + added, "application/yaml");
  EXPECT_EQ(nlohmann::json::parse(r.body)["unchanged"], 1);
  // The page: the refusal names the uploaded file and its line.
  const std::string bad = head + "  - {id: offre-b, kind: offer, colour: red}\n";
  r = srv_.send("POST", "/connaissances/fichier",
                "--B0\r\nContent-Disposition: form-data; name=\"fichier\"; "
                "filename=\"offres.yaml\"\r\nContent-Type: application/yaml\r\n\r\n" +
                    bad + "\r\n--B0--\r\n",
                "multipart/form-data; boundary=B0");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("offres.yaml:4: clé inconnue « colour »"), std::string::npos);
  EXPECT_EQ(srv_.get("/connaissances/fichier").status, 200);
}

// A file yaml-cpp cannot read (bad indentation, a tab, a list not closed): the API and the page
// refuse it with FILE:LINE: and a French reason, never yaml-cpp's English (issue 20 trial).
TEST_P(KnowledgePagesTest, AMalformedImportIsRefusedInFrenchAtItsLine) {
  const std::string head = "schema_version: 1\nkind: knowledge\nentries:\n  - id: offre-x\n";
  const std::pair<std::string, std::string> cases[] = {
      {"    kind: offer\n   title: x\n", "import.yaml:6: indentation incorrecte"},
      {"\tkind: offer\n", "import.yaml:5: tabulation dans l'indentation"},
      {"    audiences: [sanitaire\n    title: x\n",
       "import.yaml:6: crochet « [ » non refermé par « ] »"},
      {"    title: Offre : sauvegarde: hors ligne\n", "import.yaml:5: « : » inattendu"}};
  for (const auto& [tail, said] : cases) {
    auto r = srv_.send("POST", "/api/v1/knowledge/import", head + tail, "application/yaml");
    EXPECT_EQ(r.status, 422) << r.body;
    auto j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["error"]["code"], "knowledge.invalid_file");
    const std::string msg = j["error"]["message"];
    EXPECT_EQ(msg.rfind(said, 0), 0u) << msg;
    for (const char* english : {"not found", "illegal", "end of", "map value"})
      EXPECT_EQ(msg.find(english), std::string::npos) << msg;
  }
  auto r = srv_.send("POST", "/connaissances/fichier",
                     "--B0\r\nContent-Disposition: form-data; name=\"fichier\"; "
                     "filename=\"offres.yaml\"\r\nContent-Type: application/yaml\r\n\r\n" +
                         head + "    kind: offer\n   title: x\n\r\n--B0--\r\n",
                     "multipart/form-data; boundary=B0");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("offres.yaml:6: indentation incorrecte"), std::string::npos);
  EXPECT_EQ(r.body.find("not found"), std::string::npos);
}

// A file that is not UTF-8 (issue 20 trial: Latin-1 gave 500, nlohmann's invalid UTF-8) is
// refused at the line of its first bad byte, on the API and on the page; nothing is stored.
TEST_P(KnowledgePagesTest, AnImportThatIsNotUtf8IsRefusedAtItsLine) {
  const std::string head = "schema_version: 1\nkind: knowledge\nentries:\n";
  const std::string good =
      "  - {id: offre-utf8, kind: offer, offer_kind: service, provider: GRADeS, title: "
      "\"Offre\", summary: \"Sauvegardes.\", theme: sauvegarde, audiences: [sanitaire], "
      "region: \"52\"}\n";
  const std::string latin1 =
      "  - {id: offre-latin1, kind: offer, offer_kind: service, provider: GRADeS, title: "
      "\"caf\xe9 latin\", summary: \"Sauvegardes.\", theme: sauvegarde, audiences: [sanitaire], "
      "region: \"52\"}\n";
  auto r = srv_.send("POST", "/api/v1/knowledge/import", head + good + latin1, "application/yaml");
  EXPECT_EQ(r.status, 422) << r.body;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "knowledge.invalid_file");
  EXPECT_NE(r.body.find("import.yaml:5: le fichier n'est pas en UTF-8"), std::string::npos)
      << r.body;
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-utf8").status, 404);
  // The same entry in UTF-8 is stored: the boundary is the encoding, not the accent.
  r = srv_.send("POST", "/api/v1/knowledge/import",
                head +
                    "  - {id: offre-latin1, kind: offer, offer_kind: service, provider: GRADeS, "
                    "title: \"café latin\", summary: \"Sauvegardes.\", theme: sauvegarde, "
                    "audiences: [sanitaire], region: \"52\"}\n",
                "application/yaml");
  EXPECT_EQ(r.status, 200) << r.body;
  r = srv_.send("POST", "/connaissances/fichier",
                "--B0\r\nContent-Disposition: form-data; name=\"fichier\"; "
                "filename=\"offres.yaml\"\r\nContent-Type: application/yaml\r\n\r\n" +
                    head + latin1 + good + "\r\n--B0--\r\n",
                "multipart/form-data; boundary=B0");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("offres.yaml:4: le fichier n&#39;est pas en UTF-8"), std::string::npos)
      << r.body.substr(0, 3000);
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-utf8").status, 404);
  // The entry form sent in Latin-1 (caf%E9): refused under the field, nothing stored.
  r = srv_.send("POST", "/connaissances/entrees",
                "id=offre-latin&kind=offer&offer_kind=service&provider=P&title=caf%E9+latin&"
                "summary=S&theme=sauvegarde&audiences=sanitaire&region=national",
                "application/x-www-form-urlencoded");
  EXPECT_TRUE(r.status == 400 || r.status == 422) << r.status << r.body.substr(0, 800);
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-latin").status, 404);
}

// The API's conventions (docs/api.md; issue 20 trial): a filter outside its codes is 400
// request.bad_parameter naming it, past the last page the last page, a duplicate identifier
// 409 wherever it is written, a member the entry does not have refused.
TEST_P(KnowledgePagesTest, TheApiFollowsTheConventionsOfTheOtherLists) {
  auto refused = [&](const std::string& path, const std::string& field) {
    auto r = srv_.get(path);
    EXPECT_EQ(r.status, 400) << path << " " << r.body;
    auto j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["error"]["code"], "request.bad_parameter") << path;
    EXPECT_EQ(j["error"]["fields"][0]["field"], field) << path;
  };
  refused("/api/v1/knowledge/search?kind=bogus", "kind");
  refused("/api/v1/knowledge/search?theme=bogus", "theme");
  refused("/api/v1/knowledge/search?audience=bogus", "audience");
  refused("/api/v1/knowledge/search?obligation=bogus", "obligation");
  refused("/api/v1/knowledge/search?objective=D9.X", "objective");
  refused("/api/v1/knowledge/entries?kind=bogus", "kind");
  // The document lists the vocabulary's codes (data/knowledge/vocabulary.yaml) as each
  // filter's enum.
  auto doc = nlohmann::json::parse(srv_.get("/api/v1/openapi.json").body);
  const auto& vocab = srv_.app().knowledge_repo().vocabulary();
  std::map<std::string, std::vector<std::string>> enums;
  for (const auto& p : doc["paths"]["/api/v1/knowledge/search"]["get"]["parameters"])
    if (p.contains("name") && p["schema"].contains("enum"))
      enums[p["name"].get<std::string>()] = p["schema"]["enum"].get<std::vector<std::string>>();
  EXPECT_EQ(enums["kind"], vocab.kinds);
  EXPECT_EQ(enums["theme"], vocab.themes);
  EXPECT_EQ(enums["audience"], vocab.audiences);
  for (const auto& p : doc["paths"]["/api/v1/knowledge/entries"]["get"]["parameters"])
    if (p.value("name", "") == "kind") {
      EXPECT_EQ(p["schema"]["enum"].get<std::vector<std::string>>(), vocab.kinds);
    }
  // The codes themselves answer.
  for (const char* ok : {"kind=faq", "theme=sauvegarde", "audience=medico_social",
                         "obligation=pca-pra", "objective=D2.O1.C"})
    EXPECT_EQ(srv_.get(std::string("/api/v1/knowledge/search?") + ok).status, 200) << ok;
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries?kind=offer").status, 200);
  // The objective filter, written with a zero for the O: the entries linked to it.
  auto linked = nlohmann::json::parse(
      srv_.get("/api/v1/knowledge/search?objective=D2.01.C&per_page=100").body);
  ASSERT_GT(linked["total"].get<int>(), 1);
  bool faq = false;
  for (const auto& it : linked["items"]) {
    const auto& objs = it["entry"]["objectives"];
    EXPECT_NE(std::find(objs.begin(), objs.end(), "D2.O1.C"), objs.end()) << it["entry"]["id"];
    faq = faq || it["entry"]["id"] == "faq-d2-o1-c-pcri";
  }
  EXPECT_TRUE(faq);
  // Past the last page: the last page, which says so.
  auto all = nlohmann::json::parse(srv_.get("/api/v1/knowledge/search?per_page=10").body);
  const int pages = all["page_count"];
  ASSERT_GT(pages, 1);
  auto past = nlohmann::json::parse(srv_.get("/api/v1/knowledge/search?per_page=10&page=99").body);
  EXPECT_EQ(past["page"], pages);
  EXPECT_EQ(past["page_count"], pages);
  EXPECT_FALSE(past["items"].empty());
  auto exact = nlohmann::json::parse(
      srv_.get("/api/v1/knowledge/search?per_page=10&page=" + std::to_string(pages)).body);
  EXPECT_EQ(past["items"], exact["items"]);
  // The page too: the last page, its pager saying so.
  auto html = srv_.get("/connaissances?page=99");
  ASSERT_EQ(html.status, 200);
  const int html_pages = (all["total"].get<int>() + 19) / 20;
  ASSERT_GT(html_pages, 1);
  const std::string last = std::to_string(html_pages);
  EXPECT_NE(html.body.find("Page " + last + " sur " + last), std::string::npos);
  EXPECT_NE(html.body.find("Page précédente"), std::string::npos);
  EXPECT_EQ(html.body.find("Page suivante"), std::string::npos);
  auto none = nlohmann::json::parse(srv_.get("/api/v1/knowledge/search?q=zzzzqx&page=3").body);
  EXPECT_EQ(none["page"], 1);
  EXPECT_EQ(none["page_count"], 1);
  // A member the entry does not have: refused, named, nothing stored.
  const std::string body =
      R"({"id": "offre-membre", "kind": "offer", "offer_kind": "service", "provider": "P",
          "title": "T", "summary": "S", "theme": "sauvegarde", "audiences": ["sanitaire"],
          "objective": ["D2.O1.C"]})";
  auto r = srv_.send("POST", "/api/v1/knowledge/entries", body, "application/json");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "request.unknown_field");
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["fields"][0]["field"], "objective");
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-membre").status, 404);
  r = srv_.send("PUT", "/api/v1/knowledge/entries/faq-desfire", R"({"titre": "T"})",
                "application/json");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["fields"][0]["field"], "titre");
  std::string good = body;
  good.replace(good.find("\"objective\""), 11, "\"objectives\"");
  EXPECT_EQ(srv_.send("POST", "/api/v1/knowledge/entries", good, "application/json").status, 201);
  // A duplicate identifier: 409 through the API, the page form and the import.
  r = srv_.send("POST", "/api/v1/knowledge/entries", good, "application/json");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "knowledge.exists");
  auto page = srv_.send("POST", "/connaissances/entrees",
                        "id=offre-membre&kind=offer&offer_kind=service&provider=P&title=T&"
                        "summary=S&theme=sauvegarde&audiences=sanitaire&region=national",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(page.status, 409);
  EXPECT_NE(page.body.find("est pas disponible : choisissez-en un autre."), std::string::npos)
      << page.body.substr(0, 2000);
  r = srv_.send("POST", "/api/v1/knowledge/import",
                "schema_version: 1\nkind: knowledge\nentries:\n  - {id: OFFRE-MEMBRE, kind: offer, "
                "offer_kind: service, provider: P, title: T, summary: S, theme: sauvegarde, "
                "audiences: [sanitaire]}\n",
                "application/yaml");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("knowledge.exists"), std::string::npos);
}

// Issue 20 trial: a value twice in a list (after normalisation), a key or member written
// twice, an objective entry with any identifier, and the list's objective filter.
TEST_P(KnowledgePagesTest, DuplicatesAndObjectiveIdentifiersAreRefused) {
  auto post = [&](const std::string& body) {
    return srv_.send("POST", "/api/v1/knowledge/entries", body, "application/json");
  };
  auto field_of = [](const auto& r) {
    nlohmann::json j = nlohmann::json::parse(r.body);
    return j["error"]["fields"][0]["field"].get<std::string>();
  };
  const std::string head =
      R"({"id": "offre-double", "kind": "offer", "offer_kind": "service", "provider": "P",
          "title": "Zorglubeur", "summary": "S", "theme": "sauvegarde", )";
  auto r = post(head + R"("audiences": ["sanitaire", "sanitaire"]})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(field_of(r), "audiences");
  EXPECT_NE(r.body.find("« sanitaire » en double"), std::string::npos) << r.body;
  r = post(head + R"("audiences": ["sanitaire"], "objectives": ["HC.O2.C", "hc.o2.c"]})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(field_of(r), "objectives");
  r = post(head + R"("audiences": ["sanitaire"], "obligations": ["pca-pra", "pca-pra"]})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(field_of(r), "obligations");
  // A member twice: refused by the shared body reader, naming it.
  r = post(head + R"("audiences": ["sanitaire"], "kind": "faq"})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "request.duplicate_member");
  EXPECT_EQ(field_of(r), "kind");
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-double").status, 404);
  // The same entry without duplicates is stored: each boundary has its other side.
  r = post(head + R"("audiences": ["sanitaire", "medico_social"],
                     "objectives": ["HC.O2.C", "D2.01.C"], "obligations": ["pca-pra"]})");
  EXPECT_EQ(r.status, 201) << r.body;
  auto facets =
      nlohmann::json::parse(srv_.get("/api/v1/knowledge/search?q=zorglubeur").body)["facets"];
  ASSERT_EQ(facets["audience"].size(), 2u) << facets.dump();
  for (const auto& f : facets["audience"]) EXPECT_EQ(f["count"].get<int>(), 1) << f.dump();
  // The page form: the French message under « Publics ».
  auto page = srv_.send("POST", "/connaissances/entrees",
                        "id=offre-double-2&kind=offer&offer_kind=service&provider=P&title=T&"
                        "summary=S&theme=sauvegarde&audiences=sanitaire&audiences=sanitaire&"
                        "region=national",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("« sanitaire » en double"), std::string::npos)
      << page.body.substr(0, 2000);
  // The import: FILE:LINE for a duplicate in a list and for a key twice; nothing stored.
  const std::string yhead = "schema_version: 1\nkind: knowledge\nentries:\n";
  r = srv_.send("POST", "/api/v1/knowledge/import",
                yhead +
                    "  - {id: offre-y, kind: offer, offer_kind: service, provider: P, title: "
                    "T, summary: S, theme: sauvegarde, audiences: [sanitaire, sanitaire]}\n",
                "application/yaml");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("import.yaml:4: audiences : public « sanitaire » en double"),
            std::string::npos)
      << r.body;
  r = srv_.send("POST", "/api/v1/knowledge/import",
                yhead +
                    "  - id: offre-y\n    kind: offer\n    offer_kind: service\n    provider: "
                    "P\n    title: T\n    summary: S\n    theme: sauvegarde\n    audiences: "
                    "[sanitaire]\n    kind: faq\n",
                "application/yaml");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("import.yaml:12: clé « kind » en double"), std::string::npos) << r.body;
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-y").status, 404);
  // An objective's identifier: normalised (then taken), and one a funding call defines.
  // Its title is its label in the funding calls: left out, given; another refused under it.
  const std::string obj =
      R"("kind": "objective", "summary": "S", "theme": "financement",
         "audiences": ["sanitaire"]})";
  r = post(R"({"id": "D2.01.C", "title": "T", )" + obj);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(field_of(r), "title");
  r = post(R"({"id": "D2.01.C", )" + obj);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "knowledge.exists");
  r = post(R"({"id": "ZZ-nimporte", )" + obj);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(field_of(r), "id");
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/ZZ-nimporte").status, 404);
  // The list's objective and obligation filters (normalised), refused when unknown.
  auto listed = nlohmann::json::parse(
      srv_.get("/api/v1/knowledge/entries?objective=D2.01.C&per_page=100").body);
  auto every = nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries?per_page=100").body);
  ASSERT_GT(listed["total"].get<int>(), 0);
  EXPECT_LT(listed["total"].get<int>(), every["total"].get<int>());
  for (const auto& e : listed["items"]) {
    const auto& objs = e["objectives"];
    EXPECT_NE(std::find(objs.begin(), objs.end(), "D2.O1.C"), objs.end()) << e["id"];
  }
  auto by_obligation = nlohmann::json::parse(
      srv_.get("/api/v1/knowledge/entries?obligation=pca-pra&per_page=100").body);
  ASSERT_GT(by_obligation["total"].get<int>(), 0);
  EXPECT_LT(by_obligation["total"].get<int>(), every["total"].get<int>());
  for (const auto& e : by_obligation["items"]) {
    const auto& obs = e["obligations"];
    EXPECT_NE(std::find(obs.begin(), obs.end(), "pca-pra"), obs.end()) << e["id"];
  }
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries?objective=D9.X").status, 400);
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries?obligation=bogus").status, 400);
}

// Deleting an entry asks first (issue 20 trial: one click deleted it): the form links to a
// confirmation page, which deletes nothing; its form does.
TEST_P(KnowledgePagesTest, DeletingAnEntryIsConfirmedFirst) {
  auto form = srv_.get("/connaissances/entrees/faq-desfire/modifier");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("href=\"/connaissances/entrees/faq-desfire/supprimer\""),
            std::string::npos);
  EXPECT_EQ(form.body.find("action=\"/connaissances/entrees/faq-desfire/supprimer\""),
            std::string::npos);
  auto confirm = srv_.get("/connaissances/entrees/faq-desfire/supprimer");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("Confirmer la suppression"), std::string::npos);
  EXPECT_NE(confirm.body.find("action=\"/connaissances/entrees/faq-desfire/supprimer\""),
            std::string::npos);
  EXPECT_NE(confirm.body.find("href=\"/connaissances/entrees/faq-desfire/modifier\""),
            std::string::npos);  // Annuler
  EXPECT_EQ(srv_.get("/connaissances/entrees/faq-desfire").status, 200);
  EXPECT_EQ(audit_count("faq-desfire"), 0);
  EXPECT_EQ(srv_.get("/connaissances/entrees/inconnue/supprimer").status, 404);
  auto r = srv_.send("POST", "/connaissances/entrees/faq-desfire/supprimer", "",
                     "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/connaissances?supprime=1");
  EXPECT_EQ(srv_.get("/connaissances/entrees/faq-desfire").status, 404);
  EXPECT_EQ(audit_count("faq-desfire"), 1);
}

// A funding objective's own page lists what helps with it, every region's offers included.
TEST_P(KnowledgePagesTest, AnObjectivesPageSaysHowToReachIt) {
  auto r = srv_.send("POST", "/api/v1/knowledge/entries",
                     R"({"id": "offre-bretonne-bia", "kind": "offer", "offer_kind": "service",
                         "provider": "P", "title": "Atelier BIA breton", "summary": "S",
                         "theme": "continuite", "audiences": ["sanitaire"], "region": "53",
                         "objectives": ["D2.O1.C"]})",
                     "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  auto page = srv_.get("/connaissances/entrees/D2.O1.C");
  ASSERT_EQ(page.status, 200);
  const auto at = page.body.find(">Comment faire ?</h2>");
  ASSERT_NE(at, std::string::npos);
  const auto how = page.body.substr(at);
  EXPECT_NE(how.find("href=\"/connaissances/entrees/faq-d2-o1-c-pcri\""), std::string::npos);
  EXPECT_NE(how.find("offre (Bretagne)"), std::string::npos);
  EXPECT_NE(how.find("Atelier BIA breton"), std::string::npos);
  // An entry that is no objective has no such list.
  EXPECT_EQ(srv_.get("/connaissances/entrees/faq-desfire").body.find("Comment faire ?"),
            std::string::npos);
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
  // Nor may they delete it: the confirmation page says so, without its form.
  auto confirm = srv_.get("/connaissances/entrees/faq-desfire/supprimer");
  EXPECT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("knowledge-read-only"), std::string::npos);
  EXPECT_EQ(confirm.body.find("Confirmer la suppression"), std::string::npos);
  EXPECT_EQ(srv_.send("POST", "/connaissances/entrees/faq-desfire/supprimer", "",
                      "application/x-www-form-urlencoded")
                .status,
            403);
  EXPECT_EQ(srv_.get("/connaissances/entrees/faq-desfire").status, 200);
  // Their new entry's form offers what they may save only: an offer of their region.
  auto blank = srv_.get("/connaissances/nouvelle");
  ASSERT_EQ(blank.status, 200);
  auto select = [&](const std::string& body, const std::string& id) {
    const auto at = body.find("<select class=\"fr-select\" id=\"" + id + "\"");
    if (at == std::string::npos) return std::string();
    return body.substr(at, body.find("</select>", at) - at);
  };
  auto count = [](const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  auto kinds = select(blank.body, "kind");
  EXPECT_EQ(count(kinds, "<option"), 1u) << kinds;
  EXPECT_NE(kinds.find("value=\"offer\" selected"), std::string::npos) << kinds;
  auto regions = select(blank.body, "region");
  EXPECT_EQ(count(regions, "<option"), 1u) << regions;
  EXPECT_NE(regions.find("value=\"52\" selected"), std::string::npos) << regions;
  EXPECT_EQ(regions.find("national"), std::string::npos);
  // Nor the referential, question and date fields, which serve the other natures.
  EXPECT_EQ(blank.body.find("knowledge-other-natures"), std::string::npos);
  EXPECT_EQ(blank.body.find("Référentiel, question, date"), std::string::npos);
  // The identifier's hint gives an example the field accepts: no accent.
  const auto hint = blank.body.find("for=\"id\">Identifiant");
  ASSERT_NE(hint, std::string::npos);
  const auto hint_text = blank.body.substr(hint, blank.body.find("</label>", hint) - hint);
  EXPECT_NE(hint_text.find("offre-grades-sauvegarde"), std::string::npos) << hint_text;
  for (const char* accent : {"é", "è", "ê", "à", "ç"})
    EXPECT_EQ(hint_text.find(std::string("offre-gr") + accent), std::string::npos) << hint_text;
  // The server still refuses what the form no longer offers.
  auto r2 = srv_.send("POST", "/connaissances/entrees",
                      "id=faq-regionale&kind=faq&title=T&summary=S&theme=sauvegarde&"
                      "audiences=sanitaire",
                      "application/x-www-form-urlencoded");
  EXPECT_EQ(r2.status, 403);
  r2 = srv_.send("POST", "/connaissances/entrees",
                 "id=offre-nationale&kind=offer&offer_kind=service&provider=P&title=T&summary=S&"
                 "theme=sauvegarde&audiences=sanitaire&region=national",
                 "application/x-www-form-urlencoded");
  EXPECT_EQ(r2.status, 403);
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-nationale").status, 404);
  // National staff are offered every nature and every scope.
  carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "national@test.fr");
  blank = srv_.get("/connaissances/nouvelle");
  ASSERT_EQ(blank.status, 200);
  EXPECT_EQ(count(select(blank.body, "kind"), "<option"), 5u);
  EXPECT_NE(blank.body.find("knowledge-other-natures"), std::string::npos);
  regions = select(blank.body, "region");
  EXPECT_NE(regions.find("value=\"national\" selected"), std::string::npos);
  EXPECT_GT(count(regions, "<option"), 10u);
}

// A regional manager re-imports the whole export (issue 20 trial: the national entries it holds
// unchanged refused the file): what they do not change is left as it is, in their scope or not;
// a change outside their scope refuses the file, naming the entry where the file has it
// (FILE:LINE: reason), and stores nothing, through the API and the page.
TEST_P(KnowledgeAccessTest, ARegionalManagerReimportsTheExportChangingOnlyTheirOffers) {
  carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "national@test.fr");
  const std::string offer =
      R"({"id": "offre-pdl", "kind": "offer", "offer_kind": "service", "provider": "GRADeS",
          "title": "Offre des Pays de la Loire", "summary": "Ateliers sauvegarde",
          "theme": "sauvegarde", "audiences": ["sanitaire"], "region": "52"})";
  std::string idf = offer;
  idf.replace(idf.find("offre-pdl"), 9, "offre-idf");
  idf.replace(idf.find("\"52\""), 4, "\"11\"");
  ASSERT_EQ(srv_.send("POST", "/api/v1/knowledge/entries", offer, "application/json").status, 201);
  ASSERT_EQ(srv_.send("POST", "/api/v1/knowledge/entries", idf, "application/json").status, 201);
  carepilot::testing::act_as(srv_, Role::regional_manager, Scope::region("52"));
  auto exported = srv_.get("/api/v1/knowledge/export");
  ASSERT_EQ(exported.status, 200);
  const std::string all = exported.body;
  const long long total =
      nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries").body)["total"].get<long long>();
  // The line of an entry in the export (its `- id:` line) and the export with one of its
  // summaries changed.
  auto line_of = [&](const std::string& id) {
    const auto at = all.find("id: \"" + id + "\"");
    EXPECT_NE(at, std::string::npos) << id;
    return 1 + std::count(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  };
  auto changed = [](std::string text, const std::string& id, const std::string& summary) {
    const auto at = text.find("id: \"" + id + "\"");
    const auto sum = text.find("summary: \"", at) + 10;
    text.replace(sum, text.find('"', sum) - sum, summary);
    return text;
  };
  auto summary_of = [&](const std::string& id) {
    auto r = srv_.get("/api/v1/knowledge/entries/" + id);
    return nlohmann::json::parse(r.body)["summary"].get<std::string>();
  };
  auto audits = [&] {
    auto s = srv_.db().db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM audit_log WHERE entity = 'knowledge_entry'", soci::into(n);
    return n;
  };
  const std::string desfire = summary_of("faq-desfire");
  // Their own offer changed, everything else as exported: accepted.
  auto mine = changed(all, "offre-pdl", "Ateliers sauvegarde hors ligne");
  auto r = srv_.send("POST", "/api/v1/knowledge/import", mine, "application/yaml");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  auto counts = nlohmann::json::parse(r.body);
  EXPECT_EQ(counts["updated"], 1);
  EXPECT_EQ(counts["created"], 0);
  EXPECT_EQ(counts["unchanged"], total - 1);
  EXPECT_EQ(summary_of("offre-pdl"), "Ateliers sauvegarde hors ligne");
  // The same export with a national entry changed too: refused, naming that entry at its line;
  // their own offer's change is not stored either.
  const long long before = audits();
  auto national = changed(changed(all, "offre-pdl", "Autre"), "faq-desfire", "Modifiée");
  r = srv_.send("POST", "/api/v1/knowledge/import", national, "application/yaml");
  EXPECT_EQ(r.status, 403) << r.body.substr(0, 500);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "knowledge.forbidden");
  const std::string at_desfire = "import.yaml:" + std::to_string(line_of("faq-desfire")) +
                                 ": l'entrée « faq-desfire » diffère de celle enregistrée ; "
                                 "vous ne pouvez modifier que les offres de votre région.";
  EXPECT_NE(r.body.find(at_desfire), std::string::npos) << r.body;
  EXPECT_EQ(summary_of("offre-pdl"), "Ateliers sauvegarde hors ligne");
  EXPECT_EQ(summary_of("faq-desfire"), desfire);
  // Another region's offer changed: refused the same way.
  r = srv_.send("POST", "/api/v1/knowledge/import", changed(all, "offre-idf", "Autre"),
                "application/yaml");
  // Another region's offer: not in their export (regional offers are not public), and a file
  // that holds it is refused as adding an entry, without saying that it exists.
  EXPECT_EQ(all.find("offre-idf"), std::string::npos);
  std::string with_idf = all;
  with_idf +=
      "  - {id: offre-idf, kind: offer, offer_kind: service, provider: GRADeS, title: T, "
      "summary: Autre, theme: sauvegarde, audiences: [sanitaire], region: \"11\"}\n";
  r = srv_.send("POST", "/api/v1/knowledge/import", with_idf, "application/yaml");
  // Issue 20 trial: the answer said « n'existe pas encore ; vous ne pouvez ajouter que des
  // offres de votre région » even for an offer of their own region, and the forms said « une
  // entrée porte déjà cet identifiant »: one neutral answer everywhere, whatever the region.
  const std::string unavailable = "cet identifiant n'est pas disponible : choisissez-en un autre.";
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("entrée « offre-idf » : " + unavailable), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("n'existe pas encore"), std::string::npos) << r.body;
  std::string own_idf = with_idf;
  own_idf.replace(own_idf.rfind("\"11\""), 4, "\"52\"");
  r = srv_.send("POST", "/api/v1/knowledge/import", own_idf, "application/yaml");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("entrée « offre-idf » : " + unavailable), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("n'existe pas encore"), std::string::npos) << r.body;
  // The API and the page form answer the same, for their own region's offer under that id.
  std::string own_offer = idf;
  own_offer.replace(own_offer.find("\"11\""), 4, "\"52\"");
  r = srv_.send("POST", "/api/v1/knowledge/entries", own_offer, "application/json");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find(unavailable), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("porte déjà"), std::string::npos) << r.body;
  auto form = srv_.send("POST", "/connaissances/entrees",
                        "id=offre-idf&kind=offer&offer_kind=service&provider=P&title=T&"
                        "summary=S&theme=sauvegarde&audiences=sanitaire&region=52",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 409);
  EXPECT_NE(form.body.find("Identifiant : cet identifiant n"), std::string::npos)
      << form.body.substr(0, 2000);
  EXPECT_NE(form.body.find("est pas disponible : choisissez-en un autre."), std::string::npos)
      << form.body.substr(0, 2000);
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-idf").status, 404);
  carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "national.2@test.fr");
  EXPECT_EQ(summary_of("offre-idf"), "Ateliers sauvegarde");
  carepilot::testing::act_as(srv_, Role::regional_manager, Scope::region("52"), "pdl.2@test.fr");
  // A national entry added: refused, nothing created.
  const std::string added =
      "  - {id: offre-ajoutee, kind: offer, offer_kind: service, provider: P, title: T, "
      "summary: S, theme: sauvegarde, audiences: [sanitaire]}\n";
  r = srv_.send("POST", "/api/v1/knowledge/import",
                "schema_version: 1\nkind: knowledge\nentries:\n" + added, "application/yaml");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("import.yaml:4: l'entrée « offre-ajoutee » n'existe pas encore ; vous ne "
                        "pouvez ajouter que des offres de votre région."),
            std::string::npos)
      << r.body;
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-ajoutee").status, 404);
  EXPECT_EQ(audits(), before);
  // The page: the same two files, the refusal naming the uploaded file's line.
  auto upload = [&](const std::string& text) {
    return srv_.send("POST", "/connaissances/fichier",
                     "--B0\r\nContent-Disposition: form-data; name=\"fichier\"; "
                     "filename=\"export.yaml\"\r\nContent-Type: application/yaml\r\n\r\n" +
                         text + "\r\n--B0--\r\n",
                     "multipart/form-data; boundary=B0");
  };
  auto page = upload(changed(all, "offre-pdl", "Ateliers par la page"));
  EXPECT_EQ(page.status, 200) << page.body.substr(0, 2000);
  EXPECT_EQ(summary_of("offre-pdl"), "Ateliers par la page");
  page = upload(changed(changed(all, "offre-pdl", "Encore"), "faq-desfire", "Modifiée"));
  EXPECT_EQ(page.status, 403);
  EXPECT_NE(page.body.find("export.yaml:" + std::to_string(line_of("faq-desfire")) +
                           ": l&#39;entrée « faq-desfire » diffère de celle enregistrée"),
            std::string::npos)
      << page.body.substr(0, 4000);
  EXPECT_EQ(summary_of("offre-pdl"), "Ateliers par la page");
  EXPECT_EQ(summary_of("faq-desfire"), desfire);
}

// Issue 20: the FAQ, the referentials and the national offers are public; regional offers are
// not. An anonymous visitor sees national offers only (search, facets, lists, entry pages, API,
// export); a signed-in user national offers and their region's (their establishment's region);
// national staff every region's. Counts never include what is hidden.
TEST_P(KnowledgeAccessTest, RegionalOffersAreSeenInTheirRegionOnly) {
  carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "national@test.fr");
  const std::string pdl =
      R"({"id": "offre-pdl-zorglub", "kind": "offer", "offer_kind": "service",
          "provider": "GRADeS", "title": "Zorglub des Pays de la Loire", "summary": "Sauvegardes",
          "theme": "sauvegarde", "audiences": ["sanitaire"], "region": "52"})";
  std::string idf = pdl;
  idf.replace(idf.find("offre-pdl-zorglub"), 17, "offre-idf-zorglub");
  idf.replace(idf.find("\"52\""), 4, "\"11\"");
  ASSERT_EQ(srv_.send("POST", "/api/v1/knowledge/entries", pdl, "application/json").status, 201);
  ASSERT_EQ(srv_.send("POST", "/api/v1/knowledge/entries", idf, "application/json").status, 201);
  auto made =
      srv_.send("POST", "/api/v1/establishments",
                R"({"finess_et": "490000684", "finess_ej": "490000684", "name": "CH d'essai",
            "type": "ch", "department": "49", "city": "Cholet", "services": ["urgences"]})",
                "application/json");
  ASSERT_EQ(made.status, 201) << made.body;
  const auto est = nlohmann::json::parse(made.body)["id"].get<std::int64_t>();
  // What a caller sees: the search's ids and total, its region facet, the list, the export,
  // the entry pages.
  struct Seen {
    std::set<std::string> search;
    long long total = 0, list_total = 0;
    std::map<std::string, long long> regions;
    bool export_pdl = false, export_idf = false;
    int page_pdl = 0, page_idf = 0, api_pdl = 0, api_idf = 0;
  };
  auto seen = [&] {
    Seen x;
    auto j = nlohmann::json::parse(srv_.get("/api/v1/knowledge/search?q=zorglub").body);
    for (const auto& h : j["items"]) x.search.insert(h["entry"]["id"].get<std::string>());
    x.total = j["total"].get<long long>();
    for (const auto& f : j["facets"]["region"])
      x.regions[f["code"].get<std::string>()] = f["count"].get<long long>();
    x.list_total =
        nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries?kind=offer").body)["total"]
            .get<long long>();
    auto exported = srv_.get("/api/v1/knowledge/export").body;
    x.export_pdl = exported.find("offre-pdl-zorglub") != std::string::npos;
    x.export_idf = exported.find("offre-idf-zorglub") != std::string::npos;
    x.page_pdl = srv_.get("/connaissances/entrees/offre-pdl-zorglub").status;
    x.page_idf = srv_.get("/connaissances/entrees/offre-idf-zorglub").status;
    x.api_pdl = srv_.get("/api/v1/knowledge/entries/offre-pdl-zorglub").status;
    x.api_idf = srv_.get("/api/v1/knowledge/entries/offre-idf-zorglub").status;
    return x;
  };
  const auto national = seen();
  EXPECT_EQ(national.search, (std::set<std::string>{"offre-pdl-zorglub", "offre-idf-zorglub"}));
  EXPECT_EQ(national.total, 2);
  EXPECT_EQ(national.regions.at("52"), 1);
  EXPECT_EQ(national.regions.at("11"), 1);
  EXPECT_TRUE(national.export_pdl && national.export_idf);
  EXPECT_EQ(national.page_idf, 200);
  // Anonymous: national offers only, nothing hidden counted.
  srv_.default_headers({});
  const auto anonymous = seen();
  EXPECT_TRUE(anonymous.search.empty());
  EXPECT_EQ(anonymous.total, 0);
  EXPECT_TRUE(anonymous.regions.empty());
  EXPECT_EQ(anonymous.list_total, national.list_total - 2);
  EXPECT_FALSE(anonymous.export_pdl || anonymous.export_idf);
  EXPECT_EQ(anonymous.page_pdl, 404);
  EXPECT_EQ(anonymous.api_pdl, 404);
  auto page = srv_.get("/connaissances?q=zorglub");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("Zorglub des Pays de la Loire"), std::string::npos);
  EXPECT_EQ(srv_.get("/connaissances?q=sauvegarde&region=52").body.find("Zorglub"),
            std::string::npos);
  EXPECT_EQ(srv_.get("/connaissances/entrees/offre-idf-zorglub/modifier").status, 303);  // sign in
  // A regional manager of Pays de la Loire and a reader of one of its establishments: their
  // region's offers, not Île-de-France's.
  for (auto [role, scope] : {std::pair{Role::regional_manager, Scope::region("52")},
                             std::pair{Role::establishment_reader, Scope::establishment(est)}}) {
    carepilot::testing::act_as(
        srv_, role, scope,
        "regional." + std::to_string(est) + std::to_string(static_cast<int>(role)) + "@test.fr");
    const auto region = seen();
    EXPECT_EQ(region.search, std::set<std::string>{"offre-pdl-zorglub"});
    EXPECT_EQ(region.total, 1);
    EXPECT_EQ(region.regions, (std::map<std::string, long long>{{"52", 1}}));
    EXPECT_EQ(region.list_total, national.list_total - 1);
    EXPECT_TRUE(region.export_pdl);
    EXPECT_FALSE(region.export_idf);
    EXPECT_EQ(region.page_pdl, 200);
    EXPECT_EQ(region.page_idf, 404);
    EXPECT_EQ(region.api_idf, 404);
  }
  // The other region's offer reads as absent to the regional manager's forms too.
  carepilot::testing::act_as(srv_, Role::regional_manager, Scope::region("52"),
                             "pdl.forms@test.fr");
  EXPECT_EQ(srv_.get("/connaissances/entrees/offre-idf-zorglub/modifier").status, 404);
  EXPECT_EQ(srv_.get("/connaissances/entrees/offre-idf-zorglub/supprimer").status, 404);
  EXPECT_EQ(srv_.send("POST", "/connaissances/entrees/offre-idf-zorglub/supprimer", "",
                      "application/x-www-form-urlencoded")
                .status,
            404);
  EXPECT_EQ(srv_.send("DELETE", "/api/v1/knowledge/entries/offre-idf-zorglub", "", "").status, 404);
  std::string moved = idf;
  moved.replace(moved.find("\"11\""), 4, "\"52\"");
  EXPECT_EQ(
      srv_.send("PUT", "/api/v1/knowledge/entries/offre-idf-zorglub", moved, "application/json")
          .status,
      404);
  // Their own region's offer they still change and delete.
  EXPECT_EQ(srv_.send("DELETE", "/api/v1/knowledge/entries/offre-pdl-zorglub", "", "").status, 200);
  carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "national.3@test.fr");
  EXPECT_EQ(srv_.get("/api/v1/knowledge/entries/offre-idf-zorglub").status, 200);  // untouched
}

// A text typed in a text area arrives with CR LF: stored with "\n" from the form, the API and
// an import, shown as paragraphs. The trail names a regional offer's region, and a long text's
// change shows what changed (issue 20 trial).
TEST_P(KnowledgeAccessTest, TextsAreStoredWithLineFeedsAndTheTrailSaysWhatChanged) {
  auto trail = [&](const std::string& key) {
    auto s = srv_.db().db().lease();
    std::string summary;
    *s << "SELECT summary FROM audit_log WHERE entity = 'knowledge_entry' AND entity_key = :k "
          "ORDER BY seq DESC",
        soci::into(summary), soci::use(key);
    return summary;
  };
  carepilot::testing::act_as(srv_, Role::regional_manager, Scope::region("52"));
  auto r = srv_.send("POST", "/connaissances/entrees",
                     "id=offre-crlf&kind=offer&offer_kind=service&provider=GRADeS&title=Veille&"
                     "summary=Premier+paragraphe.%0D%0ASa+seconde+ligne.%0D%0A%0D%0ADeuxi%C3%A8me"
                     "+paragraphe.&theme=sauvegarde&audiences=sanitaire&region=52",
                     "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 800);
  auto e = nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries/offre-crlf").body);
  EXPECT_EQ(e["summary"], "Premier paragraphe.\nSa seconde ligne.\n\nDeuxième paragraphe.");
  auto page = srv_.get("/connaissances/entrees/offre-crlf");
  EXPECT_NE(page.body.find("<p class=\"fr-text--lg\">Premier paragraphe.<br>Sa seconde ligne.</p>"
                           "<p class=\"fr-text--lg\">Deuxième paragraphe.</p>"),
            std::string::npos)
      << page.body;
  // The trail names the region of the offer its regional staff created.
  EXPECT_EQ(trail("offre-crlf"),
            "Base de connaissances : ajout de l'offre régionale (Pays de la Loire) « Veille »");
  // The API and an import: the same.
  r = srv_.send("PUT", "/api/v1/knowledge/entries/offre-crlf",
                R"({"kind": "offer", "offer_kind": "service", "provider": "GRADeS",
                    "title": "Veille", "summary": "Un.\r\nDeux.", "note": "A\rB",
                    "theme": "sauvegarde", "audiences": ["sanitaire"], "region": "52"})",
                "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  e = nlohmann::json::parse(r.body);
  EXPECT_EQ(e["summary"], "Un.\nDeux.");
  EXPECT_EQ(e["note"], "A\nB");
  r = srv_.send("POST", "/api/v1/knowledge/import",
                "schema_version: 1\r\nkind: knowledge\r\nentries:\r\n  - {id: offre-crlf, "
                "kind: offer, offer_kind: service, provider: GRADeS, title: Veille, summary: "
                "\"Un.\\r\\nTrois.\", theme: sauvegarde, audiences: [sanitaire], region: "
                "\"52\"}\r\n",
                "application/yaml");
  ASSERT_EQ(r.status, 200) << r.body;
  e = nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries/offre-crlf").body);
  EXPECT_EQ(e["summary"], "Un.\nTrois.");
  // A long summary changed: the line shows where, before and after.
  const std::string start =
      "Le GRADeS accompagne les établissements de la région dans leurs sauvegardes ";
  for (const char* end : {"hors ligne chaque semaine.", "immuables chaque nuit."}) {
    nlohmann::json body = {{"kind", "offer"},
                           {"offer_kind", "service"},
                           {"provider", "GRADeS"},
                           {"title", "Veille"},
                           {"summary", start + end},
                           {"theme", "sauvegarde"},
                           {"audiences", {"sanitaire"}},
                           {"region", "52"}};
    ASSERT_EQ(
        srv_.send("PUT", "/api/v1/knowledge/entries/offre-crlf", body.dump(), "application/json")
            .status,
        200);
  }
  EXPECT_EQ(trail("offre-crlf"),
            "Base de connaissances : modification de l'offre régionale (Pays de la Loire) "
            "« Veille » — Résumé ou réponse : modifié (ancien : « …leurs sauvegardes hors ligne "
            "chaque semaine. », nouveau : « …leurs sauvegardes immuables chaque nuit. »)");
}

// Regional staff list their region's offers (hidden from anonymous visitors) with their edit
// links; national staff every region's, with a filter; anonymous visitors are sent to sign in.
TEST_P(KnowledgeAccessTest, RegionalStaffListTheirRegionsOffers) {
  auto anon = srv_.get("/connaissances/offres-regionales");
  EXPECT_EQ(anon.status, 303);
  EXPECT_EQ(anon.header("location").rfind("/connexion", 0), 0u) << anon.header("location");
  EXPECT_EQ(srv_.get("/connaissances").body.find("knowledge-regional"), std::string::npos);
  carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "national@test.fr");
  for (const auto& [id, region, title] :
       {std::tuple<std::string, std::string, std::string>{"offre-pdl", "52", "Atelier ligérien"},
        {"offre-bzh", "53", "Atelier breton"}}) {
    nlohmann::json body = {{"id", id},
                           {"kind", "offer"},
                           {"offer_kind", "training"},
                           {"provider", "GRADeS"},
                           {"title", title},
                           {"summary", "S"},
                           {"theme", "sauvegarde"},
                           {"audiences", {"sanitaire"}},
                           {"region", region}};
    ASSERT_EQ(
        srv_.send("POST", "/api/v1/knowledge/entries", body.dump(), "application/json").status,
        201);
  }
  auto all = srv_.get("/connaissances/offres-regionales");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("Atelier ligérien"), std::string::npos);
  EXPECT_NE(all.body.find("Atelier breton"), std::string::npos);
  EXPECT_NE(all.body.find("data-testid=\"regional-filter\""), std::string::npos);
  EXPECT_EQ(all.body.find("/connaissances/entrees/offre-cert-sante"),
            std::string::npos);  // national
  auto one = srv_.get("/connaissances/offres-regionales?region=53");
  EXPECT_EQ(one.body.find("Atelier ligérien"), std::string::npos);
  EXPECT_NE(one.body.find("Atelier breton"), std::string::npos);
  EXPECT_NE(one.body.find("/connaissances/nouvelle?nature=offer&amp;region=53"), std::string::npos);
  // « Ajouter une offre régionale » for Bretagne: the form opens on an offer of Bretagne.
  auto form = srv_.get("/connaissances/nouvelle?nature=offer&region=53");
  EXPECT_NE(form.body.find("<option value=\"offer\" selected>"), std::string::npos);
  EXPECT_NE(form.body.find("<option value=\"53\" selected>"), std::string::npos);
  carepilot::testing::act_as(srv_, Role::regional_manager, Scope::region("52"));
  EXPECT_NE(srv_.get("/connaissances").body.find("href=\"/connaissances/offres-regionales\""),
            std::string::npos);
  for (const char* path :
       {"/connaissances/offres-regionales", "/connaissances/offres-regionales?region=53"}) {
    auto mine = srv_.get(path);
    ASSERT_EQ(mine.status, 200) << path;
    EXPECT_NE(mine.body.find("Offres régionales : Pays de la Loire"), std::string::npos);
    EXPECT_NE(mine.body.find("Atelier ligérien"), std::string::npos);
    EXPECT_NE(mine.body.find("href=\"/connaissances/entrees/offre-pdl/modifier\""),
              std::string::npos);
    EXPECT_NE(mine.body.find("Ajouter une offre régionale"), std::string::npos);
    EXPECT_EQ(mine.body.find("Atelier breton"), std::string::npos) << path;
    EXPECT_EQ(mine.body.find("regional-filter"), std::string::npos);
  }
}

// The entry form: the required fields marked, a hint where one helps, the fields of each nature
// in their own group; the server refuses a field of another nature, naming it.
TEST_P(KnowledgeAccessTest, TheEntryFormGroupsTheFieldsOfEachNature) {
  carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "national@test.fr");
  auto blank = srv_.get("/connaissances/nouvelle");
  ASSERT_EQ(blank.status, 200);
  for (const char* said :
       {"Les champs marqués d'un astérisque (*) sont obligatoires.",
        "par exemple <code>D2.O4</code> ou <code>faq-desfire</code>", "data-kind-fields=\"offer\"",
        "<legend class=\"fr-fieldset__legend\">Pour une offre</legend>",
        "<legend class=\"fr-fieldset__legend\">Pour une question fréquente</legend>",
        "<legend class=\"fr-fieldset__legend\">Pour un référentiel ou un guide</legend>",
        "<legend class=\"fr-fieldset__legend\">Pour une date clé</legend>", "Un palier par ligne",
        "<script src=\"/static/app/carepilot.js\"></script>"})
    EXPECT_NE(blank.body.find(said), std::string::npos) << said;
  // The region is an offer's: inside its group.
  const auto offer = blank.body.find("data-kind-fields=\"offer\"");
  const auto offer_end = blank.body.find("</fieldset>", offer);
  const auto region = blank.body.find("id=\"region\"");
  EXPECT_TRUE(region > offer && region < offer_end);
  // A referential's publication date: its own field, given back by the edit form.
  auto r = srv_.send("POST", "/connaissances/entrees",
                     "id=ref-date&kind=referential&doc_kind=guide&title=Guide&summary=S&"
                     "theme=sauvegarde&audiences=sanitaire&region=national&published=2024-01-15",
                     "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 1500);
  EXPECT_EQ(nlohmann::json::parse(srv_.get("/api/v1/knowledge/entries/ref-date").body)["date"],
            "2024-01-15");
  EXPECT_NE(srv_.get("/connaissances/entrees/ref-date/modifier")
                .body.find("name=\"published\" value=\"2024-01-15\""),
            std::string::npos);
  // A question with a provider and paliers: refused, each under its label; the API too.
  r = srv_.send("POST", "/connaissances/entrees",
                "id=faq-porteur&kind=faq&title=T&summary=S&theme=sauvegarde&audiences=sanitaire&"
                "region=national&provider=GRADeS&paliers=Un",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Porteur : ce champ ne concerne que les offres"), std::string::npos);
  EXPECT_NE(r.body.find("Paliers : ce champ ne concerne que les référentiels et guides"),
            std::string::npos);
  auto api = srv_.send("POST", "/api/v1/knowledge/entries",
                       R"({"id": "faq-cout", "kind": "faq", "title": "T", "summary": "S",
                           "theme": "sauvegarde", "audiences": ["sanitaire"], "cost": "Gratuit"})",
                       "application/json");
  EXPECT_EQ(api.status, 422);
  EXPECT_NE(api.body.find("knowledge.invalid_cost"), std::string::npos) << api.body;
  // The same fields empty (a form without script sends every group): accepted.
  r = srv_.send("POST", "/connaissances/entrees",
                "id=faq-vides&kind=faq&title=T&summary=S&theme=sauvegarde&audiences=sanitaire&"
                "region=national&provider=&offer_kind=&cost=&contact=&doc_kind=&version=&"
                "published=&paliers=&date=&end=&ref=",
                "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 1500);
}

INSTANTIATE_TEST_SUITE_P(Backends, KnowledgeAccessTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace carepilot::knowledge
