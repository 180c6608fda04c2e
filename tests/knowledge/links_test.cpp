// Issue 20 trial: an objective's knowledge page and its funding call named it differently
// (« Trajectoire 3-2-1 des sauvegardes » and « Trajectoire 3-2-1 avec copie immuable »); the
// objectives an entry concerns were bare codes; « Comment faire ? » listed the catalogue-wide
// funding offer before what is specific to the obligation. One name (the funding calls'
// label), links to each objective's page, one order (knowledge/how_to.hpp).
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "funding/data.hpp"
#include "knowledge/data.hpp"
#include "knowledge/how_to.hpp"
#include "knowledge/known.hpp"
#include "knowledge/repository.hpp"
#include "test_db.hpp"
#include "test_server.hpp"

namespace carepilot::knowledge {

namespace links_test_detail {

// « ID — label » of every prerequisite and objective of the shipped funding calls.
std::map<std::string, std::string> funding_titles() {
  std::map<std::string, std::string> out;
  for (const auto& c : funding::embedded_data().calls) {
    for (const auto& p : c.prerequisites) out[p.id] = p.id + " — " + p.label;
    for (const auto& o : c.objectives) out[o.id] = o.id + " — " + o.label;
  }
  return out;
}

const char* kObjective = R"(schema_version: 1
kind: knowledge
source: "essai"
entries:
  - id: D2.03.C
    kind: objective
    summary: "Trajectoire 3-2-1."
    theme: sauvegarde
    audiences: [sanitaire]
)";

std::string refusal(const std::string& text) {
  try {
    load_entries("f.yaml", text, embedded_vocabulary(), builtin_known_codes());
  } catch (const DataError& e) {
    return e.what();
  }
  return "accepted";
}

Entry entry(std::string id, std::string kind, std::string title, std::size_t obligations,
            std::size_t objectives) {
  Entry e;
  e.id = std::move(id);
  e.kind = std::move(kind);
  e.title = std::move(title);
  e.obligations.assign(obligations, "pca-pra");
  e.objectives.assign(objectives, "D2.O1.C");
  return e;
}

}  // namespace links_test_detail

using links_test_detail::funding_titles;
using links_test_detail::kObjective;
using links_test_detail::refusal;

// The shipped objectives take their title from the funding calls: « D2.01.C » of calls.yaml is
// D2.O1.C's; objectives.yaml carries no title of its own.
TEST(KnowledgeObjectiveTitles, TheShippedObjectivesAreNamedByTheFundingCalls) {
  const auto titles = funding_titles();
  EXPECT_EQ(titles.at("D2.O1.C"), "D2.O1.C — PCA/PRA fondés sur des BIA");
  EXPECT_EQ(titles.at("D2.O3.C"), "D2.O3.C — Trajectoire 3-2-1 avec copie immuable");
  int objectives = 0;
  for (const auto& e : embedded_entries(builtin_known_codes())) {
    if (e.kind != "objective") continue;
    ++objectives;
    ASSERT_TRUE(titles.count(e.id)) << e.id;
    EXPECT_EQ(e.title, titles.at(e.id)) << e.id;
  }
  EXPECT_GE(objectives, 10);
}

// Each call names the knowledge base's offer presenting it (left out of its objectives'
// « Comment faire ? »): a shipped funding offer linked to the call's objectives.
TEST(KnowledgeObjectiveTitles, EachCallNamesItsOwnFundingOffer) {
  const auto all = embedded_entries(builtin_known_codes());
  for (const auto& c : funding::embedded_data().calls) {
    ASSERT_FALSE(c.knowledge_offer.empty()) << c.id;
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&](const Entry& e) { return e.id == c.knowledge_offer; });
    ASSERT_NE(it, all.end()) << c.id << " : " << c.knowledge_offer;
    EXPECT_EQ(it->kind, "offer") << c.id;
    EXPECT_EQ(it->offer_kind, "funding") << c.id;
    for (const auto& o : c.objectives)
      EXPECT_NE(std::find(it->objectives.begin(), it->objectives.end(), o.id), it->objectives.end())
          << c.id << " : " << o.id;
  }
}

// Left out, the title is the call's; the same title is accepted; another is refused at its line
// (FILE:LINE: reason), naming the one expected; an unknown objective is refused on its id only.
TEST(KnowledgeObjectiveTitles, ATitleOtherThanTheCallsIsRefused) {
  auto e = load_entries("f.yaml", kObjective, embedded_vocabulary(), builtin_known_codes());
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].id, "D2.O3.C");
  EXPECT_EQ(e[0].title, "D2.O3.C — Trajectoire 3-2-1 avec copie immuable");
  std::string same = kObjective;
  same.replace(same.find("    summary"), 0,
               "    title: \"D2.O3.C — Trajectoire 3-2-1 avec copie immuable\"\n");
  EXPECT_EQ(refusal(same), "accepted");
  std::string other = kObjective;
  other.replace(other.find("    summary"), 0,
                "    title: \"D2.O3.C — Trajectoire 3-2-1 des sauvegardes\"\n");
  EXPECT_EQ(refusal(other),
            "f.yaml:7: title : le titre d'un objectif est son libellé dans l'appel à financement "
            ": « D2.O3.C — Trajectoire 3-2-1 avec copie immuable » (laissez-le vide)");
  std::string unknown = kObjective;
  unknown.replace(unknown.find("D2.03.C"), 7, "D2.O9.Z");
  EXPECT_EQ(refusal(unknown),
            "f.yaml:5: id : « D2.O9.Z » n'est pas un objectif des appels à financement (D2.O1.C "
            "par exemple)");
}

// The export writes no objective title (the loader gives it back): the round trip keeps it.
TEST(KnowledgeObjectiveTitles, TheExportLeavesTheTitleToTheCalls) {
  const auto known = builtin_known_codes();
  const auto all = embedded_entries(known);
  const auto text = export_yaml(all, "export");
  EXPECT_EQ(text.find("Trajectoire 3-2-1 avec copie immuable"), std::string::npos);
  const auto back = load_entries("export.yaml", text, embedded_vocabulary(), known);
  ASSERT_EQ(back.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(back[i].title, all[i].title) << all[i].id;
}

// The order of « Comment faire ? »: the fewer obligations and objectives an entry is tied to,
// the earlier; then FAQ, referentials, offers; then the title (accents aside).
TEST(KnowledgeHowToOrder, TheMostSpecificEntriesComeFirst) {
  using links_test_detail::entry;
  const auto specific_offer = entry("o1", "offer", "Zèbre", 1, 0);
  const auto catch_all = entry("o2", "offer", "Atelier", 2, 13);
  const auto faq = entry("f1", "faq", "Zèbre", 1, 0);
  const auto faq_broad = entry("f2", "faq", "Abeille", 2, 1);
  EXPECT_TRUE(how_to_before(specific_offer, catch_all));
  EXPECT_FALSE(how_to_before(catch_all, specific_offer));
  EXPECT_TRUE(how_to_before(specific_offer, faq_broad));  // fewer ties beat the kind
  EXPECT_TRUE(how_to_before(faq, specific_offer));        // then FAQ before offers
  EXPECT_FALSE(how_to_before(specific_offer, faq));
  const auto ecole = entry("r1", "referential", "École", 1, 0);
  const auto etat = entry("r2", "referential", "Etat", 1, 0);
  EXPECT_TRUE(how_to_before(ecole, etat));  // « École » as « ecole »
  EXPECT_FALSE(how_to_before(etat, ecole));
  EXPECT_EQ(how_to_breadth(catch_all), 15u);
}

class KnowledgeLinksDbTest : public ::testing::TestWithParam<const char*> {
 protected:
  KnowledgeLinksDbTest()
      : db_(GetParam()), repo_(db_.db(), embedded_vocabulary(), builtin_known_codes()) {
    repo_.seed(embedded_entries(repo_.known()), Actor{"system", "", "", ""});
  }
  void add(const std::string& id, const std::string& kind, std::vector<std::string> obligations,
           std::vector<std::string> objectives) {
    Entry e;
    e.id = id;
    e.kind = kind;
    if (kind == "offer") {
      e.offer_kind = "service";
      e.provider = "P";
    }
    e.title = "Entrée " + id;
    e.summary = "S";
    e.theme = "continuite";
    e.audiences = {"sanitaire"};
    e.obligations = std::move(obligations);
    e.objectives = std::move(objectives);
    repo_.save(Scope::nation(), e, true, Actor{"national@example.fr", "", "", ""});
  }
  std::vector<std::string> how_to_ids(HowToQuery q) {
    std::vector<std::string> out;
    for (const auto& e : how_to(repo_, q)) out.push_back(e.id);
    return out;
  }
  carepilot::testing::TestDb db_;
  Repository repo_;
};

// Stored on either database, every objective is titled by the funding calls; a title stored
// before (the trial's « Trajectoire 3-2-1 des sauvegardes ») is given the call's at start-up,
// in the payload, the title column and the search terms, with no audit entry.
TEST_P(KnowledgeLinksDbTest, StoredObjectivesAreTitledByTheFundingCalls) {
  const auto titles = funding_titles();
  auto check_all = [&] {
    int n = 0;
    auto s = db_.db().lease();
    soci::rowset<soci::row> rs =
        (s->prepare << "SELECT code, title FROM knowledge_entries WHERE kind = 'objective'");
    for (const auto& r : rs) {
      const auto code = r.get<std::string>(0), title = r.get<std::string>(1);
      ASSERT_TRUE(titles.count(code)) << code;
      EXPECT_EQ(title, titles.at(code)) << code;
      EXPECT_EQ(repo_.find(code)->title, titles.at(code)) << code;
      ++n;
    }
    EXPECT_GE(n, 10);
  };
  check_all();
  {
    auto old = *repo_.find("D2.O3.C");
    old.title = "D2.O3.C — Trajectoire 3-2-1 des sauvegardes";
    const auto payload = entry_json(old).dump();
    auto s = db_.db().lease();
    *s << "UPDATE knowledge_entries SET title = :t, payload = :p WHERE code = 'D2.O3.C'",
        soci::use(old.title), soci::use(payload);
  }
  EXPECT_EQ(repo_.find("D2.O3.C")->title, "D2.O3.C — Trajectoire 3-2-1 des sauvegardes");
  long long audit = 0, after = -1;
  {
    auto s = db_.db().lease();
    *s << "SELECT COUNT(*) FROM audit_log", soci::into(audit);
  }
  EXPECT_EQ(repo_.seed(embedded_entries(repo_.known()), Actor{"system", "", "", ""}), 0);
  check_all();
  {
    auto s = db_.db().lease();
    *s << "SELECT COUNT(*) FROM audit_log", soci::into(after);
  }
  EXPECT_EQ(after, audit);
  // The search finds it by the call's words (its title's terms were rewritten).
  SearchQuery q;
  q.q = "copie immuable";
  const auto r = repo_.search(q);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().entry.id, "D2.O3.C");
}

// « Comment faire ? » on both sides: an entry tied to the obligation (or objective) alone comes
// before the catalogue-wide domain-2 funding offer (13 objectives), whatever its kind or title.
TEST_P(KnowledgeLinksDbTest, HowToPutsTheSpecificEntriesBeforeTheCatalogueWideOnes) {
  add("offre-zz-pca", "offer", {"pca-pra"}, {});
  add("offre-zz-immuable", "offer", {}, {"D2.O3.C"});
  HowToQuery obligation;
  obligation.obligation = "pca-pra";
  obligation.audience = "sanitaire";
  auto ids = how_to_ids(obligation);
  auto at = [&](const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) - ids.begin();
  };
  ASSERT_LT(at("offre-zz-pca"), static_cast<long>(ids.size()));
  ASSERT_LT(at("offre-care-domaine-2"), static_cast<long>(ids.size()));
  EXPECT_LT(at("offre-zz-pca"), at("offre-care-domaine-2"));
  EXPECT_EQ(ids.back(), "offre-care-domaine-2");
  // The same order as the function's, whichever the kinds.
  auto entries = how_to(repo_, obligation);
  EXPECT_TRUE(std::is_sorted(entries.begin(), entries.end(), how_to_before));
  HowToQuery objective;
  objective.objective = "D2.O3.C";
  ids = how_to_ids(objective);
  EXPECT_EQ(ids, (std::vector<std::string>{"offre-zz-immuable", "offre-care-domaine-2"}));
  // The funding call's own offer is left out where asked (its objectives' page).
  objective.except = "offre-care-domaine-2";
  EXPECT_EQ(how_to_ids(objective), std::vector<std::string>{"offre-zz-immuable"});
}

INSTANTIATE_TEST_SUITE_P(Backends, KnowledgeLinksDbTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

class KnowledgeLinksPagesTest : public ::testing::TestWithParam<const char*> {
 protected:
  KnowledgeLinksPagesTest() : srv_(GetParam()) {}
  carepilot::testing::TestServer srv_;
};

// An entry's page names the objectives it concerns by their label, each linking to its
// objective's page when there is one (D1.P1, a prerequisite without a page, is named only), and
// its obligations by their French title.
TEST_P(KnowledgeLinksPagesTest, AnEntrysObjectivesLinkToTheirPages) {
  auto page = srv_.get("/connaissances/entrees/offre-care-domaine-2");
  ASSERT_EQ(page.status, 200);
  const auto at = page.body.find("data-testid=\"knowledge-objectives\"");
  ASSERT_NE(at, std::string::npos);
  const auto list = page.body.substr(at, page.body.find("</ul>", at) - at);
  EXPECT_NE(list.find("<a href=\"/connaissances/entrees/D2.O3.C\" "
                      "data-testid=\"knowledge-objective-link\">D2.O3.C — Trajectoire 3-2-1 avec "
                      "copie immuable</a>"),
            std::string::npos)
      << list;
  EXPECT_NE(list.find("href=\"/connaissances/entrees/D2.O1.C\""), std::string::npos);
  // D2.P1 has no page of its own: named, not linked.
  EXPECT_NE(list.find("<li data-objective=\"D2.P1\">D2.P1 — Politique de sécurité"),
            std::string::npos)
      << list;
  EXPECT_EQ(list.find("href=\"/connaissances/entrees/D2.P1\""), std::string::npos);
  // The FAQ answer on the PCRI links its objective; its obligations read their French titles.
  page = srv_.get("/connaissances/entrees/faq-d2-o1-c-pcri");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-testid=\"knowledge-objective-link\">D2.O1.C — PCA/PRA fondés "
                           "sur des BIA</a>"),
            std::string::npos);
  const auto ob = page.body.find("data-testid=\"knowledge-obligations\"");
  ASSERT_NE(ob, std::string::npos);
  EXPECT_EQ(page.body.substr(ob, page.body.find("</ul>", ob) - ob).find("pca-pra"),
            std::string::npos);
  // The objective's page is titled by its funding call.
  page = srv_.get("/connaissances/entrees/D2.O3.C");
  EXPECT_NE(page.body.find(">D2.O3.C — Trajectoire 3-2-1 avec copie immuable</h1>"),
            std::string::npos);
}

// The compliance page's « Comment faire ? » of pca-pra: an offer tied to pca-pra alone comes
// before the domain-2 funding offer (tied to 2 obligations and 13 objectives), though its
// title comes after it (« Zz… »).
TEST_P(KnowledgeLinksPagesTest, TheCompliancePageListsTheSpecificEntriesFirst) {
  auto made =
      srv_.send("POST", "/api/v1/establishments",
                R"({"finess_et": "490000684", "finess_ej": "490000684", "name": "CH d'essai",
            "type": "ch", "department": "49", "city": "Cholet", "services": ["urgences"]})",
                "application/json");
  ASSERT_EQ(made.status, 201) << made.body;
  auto r = srv_.send("POST", "/api/v1/knowledge/entries",
                     R"({"id": "offre-zz-pca", "kind": "offer", "offer_kind": "service",
                         "provider": "P", "title": "Zz atelier PCA", "summary": "S",
                         "theme": "continuite", "audiences": ["sanitaire"],
                         "obligations": ["pca-pra"]})",
                     "application/json");
  ASSERT_EQ(r.status, 201) << r.body;
  auto page = srv_.get("/etablissements/490000684/conformite");
  ASSERT_EQ(page.status, 200);
  const auto row = page.body.find("data-obligation=\"pca-pra\"");
  ASSERT_NE(row, std::string::npos);
  const auto pca = page.body.substr(row, page.body.find("</tr>", row) - row);
  const auto specific = pca.find("href=\"/connaissances/entrees/offre-zz-pca\"");
  const auto catch_all = pca.find("href=\"/connaissances/entrees/offre-care-domaine-2\"");
  ASSERT_NE(specific, std::string::npos);
  ASSERT_NE(catch_all, std::string::npos);
  EXPECT_LT(specific, catch_all);
}

INSTANTIATE_TEST_SUITE_P(Backends, KnowledgeLinksPagesTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace carepilot::knowledge
