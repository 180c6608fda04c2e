// The knowledge search on both databases (issue 20): French words, accents and case ignored,
// stemming, identifiers; the entries that must come first for a list of French queries; the
// same answer on SQLite and PostgreSQL; hostile queries answered sanely; edits audited and
// confined to the region's offers.
#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "knowledge/data.hpp"
#include "knowledge/known.hpp"
#include "knowledge/repository.hpp"
#include "knowledge/text.hpp"
#include "test_db.hpp"

namespace carepilot::knowledge {

namespace search_test_detail {

struct Relevance {
  const char* query;
  const char* first;              // the entry that must come first
  std::vector<const char*> also;  // entries that must be found too
};

// French queries and the entries that must come first (data/knowledge).
const std::vector<Relevance>& relevance() {
  static const std::vector<Relevance> list{
      {"PCRI", "faq-d2-o1-c-pcri", {}},
      {"pcri", "faq-d2-o1-c-pcri", {}},
      {"D2.01.C", "D2.O1.C", {"faq-d2-o1-c-pcri", "offre-care-domaine-2"}},
      {"sauvegarde hors ligne", "D2.O3.C", {"offre-care-domaine-2"}},
      {"SAUVEGARDES immuables", "D2.O3.C", {"offre-care-domaine-2"}},
      {"politique de sauvegarde", "D2.O2.A", {}},
      {"3-2-1", "D2.O3.C", {}},
      {"badge sans contact", "faq-desfire", {}},
      {"clé maîtresse", "faq-desfire", {}},
      {"cle maitresse", "faq-desfire", {}},
      {"exercice de crise éligible", "faq-d2-exercice-crise", {}},
      {"déclarer un incident", "offre-cert-sante", {}},
      // Fields weigh (title > keywords > body): the ANSSI guide has « Active Directory » in its
      // title and keywords, the ADS/ORADAD offer in its title and summary.
      {"Active Directory", "anssi-ads-niveaux", {"offre-ads-oradad", "D2.O3.A"}},
      {"niveaux de sécurité de l'annuaire", "anssi-ads-niveaux", {}},
      {"test de restauration", "D2.O4", {"offre-care-domaine-2"}},
      // D1.O2.B has « exposition internet » in its title and keywords, SILENE in its title.
      {"exposition internet", "D1.O2.B", {"offre-silene"}},
      {"audits espacés de 45 jours", "D1.O2.B", {}},
      {"authentification forte", "offre-pro-sante-connect", {"pgssi-s-identification"}},
      {"identifiant et mot de passe tolérés", "pgssi-s-identification", {}},
      // Issue 20 trial: the FAQ entry that explains the PCRA (title, keywords and answer),
      // not the key date whose title names it.
      {"PCRA", "faq-d2-o1-c-pcri", {"D2.O1.C", "date-bia-tous"}},
      // Natural questions: the words of a question are left out, the rest must all match.
      {"comment faire une sauvegarde hors ligne", "D2.O3.C", {"offre-care-domaine-2"}},
      {"Comment faire une sauvegarde hors ligne ?", "D2.O3.C", {"offre-care-domaine-2"}},
      // « quand » asks when: the instruction that says the crisis exercise is yearly (its
      // « exercice de crise annuel »; vocabulary.yaml, question_hints) before the FAQ entry
      // about its funding.
      {"quand dois-je faire l'exercice de crise ?",
       "instruction-dns-2025-12",
       {"faq-d2-exercice-crise"}},
      {"quand faire l'exercice de crise", "instruction-dns-2025-12", {"faq-d2-exercice-crise"}},
      {"quand dois-je faire un exercice de crise",
       "instruction-dns-2025-12",
       {"faq-d2-exercice-crise"}},
      // Without the question word, the FAQ entry (title and keywords) comes first.
      {"exercice de crise", "faq-d2-exercice-crise", {"instruction-dns-2025-12"}},
      // « quand » and a key date: the date entry first.
      {"quand déclarer l'atteinte des objectifs du domaine 2", "date-d2-declarations", {}},
      // Synonyms (vocabulary.yaml): the entry saying the words typed first.
      {"Pro Santé Connect", "offre-pro-sante-connect", {"offre-hospiconnect"}},
      {"PSC", "offre-pro-sante-connect", {}},
      {"comment déclarer un incident ?", "offre-cert-sante", {}},
      {"quels sont les niveaux de l'annuaire ?", "anssi-ads-niveaux", {}},
      // No entry holds every word: those holding the most come first.
      {"sauvegarde hors ligne externalisée", "D2.O3.C", {"offre-care-domaine-2"}},
      {"pourquoi un PCRI ne suffit-il pas ?", "faq-d2-o1-c-pcri", {}},
      // An objective's identifier, typed in any of its spellings, or its beginning.
      {"D2.O1", "D2.O1.C", {"D2.O1.D", "faq-d2-o1-c-pcri"}},
      {"D2.01", "D2.O1.C", {"D2.O1.D", "faq-d2-o1-c-pcri"}},
      {"d2o1c", "D2.O1.C", {"faq-d2-o1-c-pcri"}},
      {"d201c", "D2.O1.C", {"faq-d2-o1-c-pcri"}},
      {"D2.O3", "D2.O3.A", {"D2.O3.B", "D2.O3.C", "D2.O3.D"}},
  };
  return list;
}

}  // namespace search_test_detail

class KnowledgeSearchTest : public ::testing::TestWithParam<const char*> {
 protected:
  KnowledgeSearchTest()
      : db_(GetParam()), repo_(db_.db(), embedded_vocabulary(), builtin_known_codes()) {
    repo_.seed(embedded_entries(repo_.known()), Actor{"system", "", "", ""});
  }
  std::vector<std::string> ids(const std::string& q) {
    SearchQuery s;
    s.q = q;
    s.per_page = 100;
    std::vector<std::string> out;
    for (const auto& h : repo_.search(s).hits) out.push_back(h.entry.id);
    return out;
  }
  carepilot::testing::TestDb db_;
  Repository repo_;
};

TEST_P(KnowledgeSearchTest, FrenchQueriesFindTheirEntriesFirst) {
  for (const auto& r : search_test_detail::relevance()) {
    auto got = ids(r.query);
    ASSERT_FALSE(got.empty()) << r.query;
    EXPECT_EQ(got.front(), r.first) << r.query;
    for (const char* a : r.also)
      EXPECT_NE(std::find(got.begin(), got.end(), a), got.end()) << r.query << " lacks " << a;
  }
}

// The search operators typed as words are stop words (data/knowledge/vocabulary.yaml): the
// query finds what it finds without them, on both databases.
TEST_P(KnowledgeSearchTest, OperatorsTypedAsWordsAreLeftOut) {
  const auto plain = ids("PCRI PCRA");
  ASSERT_FALSE(plain.empty());
  EXPECT_EQ(plain.front(), "faq-d2-o1-c-pcri");
  // « OR » / « OU » in capitals between two words is « either » (KnowledgeSearchTest.
  // OrBetweenTwoWordsFindsEitherOfThem); in lower case, or anywhere else, a word left out.
  for (const char* q : {"PCRI AND PCRA", "PCRI NOT PCRA", "PCRI NEAR PCRA", "pcri and pcra",
                        "pcri or pcra", "NEAR PCRI PCRA", "AND PCRI PCRA NOT", "OR PCRI PCRA OR",
                        "PCRI -PCRA", "(PCRI) (PCRA)", "PCRI* PCRA*", "NEAR(PCRI, PCRA)"})
    EXPECT_EQ(ids(q), plain) << q;
  EXPECT_EQ(ids("sauvegarde AND immuable"), ids("sauvegarde immuable"));
  EXPECT_FALSE(ids("sauvegarde AND immuable").empty());
  // Only operators: no term, every entry listed as for an empty query.
  SearchQuery s;
  s.q = "AND OR NOT NEAR";
  EXPECT_TRUE(repo_.search(s).terms.empty());
}

TEST_P(KnowledgeSearchTest, SeedingTwiceInsertsNothingMore) {
  EXPECT_EQ(repo_.seed(embedded_entries(repo_.known()), Actor{"system", "", "", ""}), 0);
}

TEST_P(KnowledgeSearchTest, HostileQueriesAreAnsweredSanely) {
  SearchQuery s;
  s.q = std::string(10000, 'a');
  EXPECT_TRUE(repo_.search(s).too_long);
  for (const char* q :
       {"\"", "*", "NEAR(PCRI", "PCRI*", "(", ")", "\"PCRI\" OR", "AND NOT", "col:PCRI", "^PCRI",
        "'; DROP TABLE knowledge_entries; --", "¤ € ✓ 🙂"}) {
    s.q = q;
    EXPECT_NO_THROW(repo_.search(s)) << q;
  }
  s.q = "\"PCRI\"";
  auto r = repo_.search(s);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().entry.id, "faq-d2-o1-c-pcri");
  // An empty query lists every entry, by kind.
  s.q = "";
  s.per_page = 100;
  r = repo_.search(s);
  EXPECT_TRUE(r.terms.empty());
  EXPECT_EQ(r.total, static_cast<int>(embedded_entries(repo_.known()).size()));
  EXPECT_EQ(r.hits.front().entry.kind, "faq");
}

TEST_P(KnowledgeSearchTest, FacetsFiltersAndExcerpts) {
  SearchQuery s;
  s.q = "sauvegarde hors ligne";
  auto r = repo_.search(s);
  ASSERT_FALSE(r.hits.empty());
  bool marked = false;
  for (const auto& seg : r.hits.front().excerpt)
    if (seg.hit && (seg.text == "hors" || seg.text == "ligne")) marked = true;
  EXPECT_TRUE(marked);
  ASSERT_TRUE(r.facets.count("kind"));
  int offers = 0;
  for (const auto& f : r.facets["kind"])
    if (f.code == "offer") offers = f.count;
  EXPECT_GE(offers, 1);
  s.kind = "offer";
  auto o = repo_.search(s);
  EXPECT_EQ(o.total, offers);
  for (const auto& h : o.hits) EXPECT_EQ(h.entry.kind, "offer");
  s = {};
  s.obligation = "mfa-trajectory";
  s.per_page = 100;
  auto m = repo_.search(s);
  EXPECT_GE(m.total, 3);
  for (const auto& h : m.hits)
    EXPECT_NE(std::find(h.entry.obligations.begin(), h.entry.obligations.end(), "mfa-trajectory"),
              h.entry.obligations.end());
}

// A search matching more entries than are ranked (kMaxCandidates): the total and the facets
// are still exact, with and without filters; the first kMaxCandidates are ranked and the
// result says so; a filter that narrows the matches below the bound ranks every one of them,
// wherever they are stored.
TEST_P(KnowledgeSearchTest, ABroadSearchCountsEveryMatchAndRanksTheFirstOnes) {
  SearchQuery s;
  s.q = "sauvegarde";
  const auto before = repo_.search(s);
  ASSERT_EQ(before.ranked, before.total);
  auto shipped = embedded_entries(repo_.known());
  Entry offer, faq;
  for (const auto& e : shipped) {
    if (e.kind == "offer" && e.region.empty() && offer.id.empty()) offer = e;
    if (e.kind == "faq" && faq.id.empty()) faq = e;
  }
  ASSERT_FALSE(offer.id.empty());
  ASSERT_FALSE(faq.id.empty());
  const int extra = static_cast<int>(kMaxCandidates) + 300;
  const int regional = 40;  // the last ones stored: regional offers of Pays de la Loire
  std::vector<Entry> more;
  int faqs = 0;
  for (int i = 0; i < extra; ++i) {
    const bool last = i >= extra - regional;
    Entry e = last || i % 3 != 0 ? offer : faq;
    faqs += e.kind == "faq" ? 1 : 0;
    e.id = "essai-large-" + std::to_string(i);
    e.title = "Sauvegarde numéro " + std::to_string(i);
    if (last) e.region = "52";
    more.push_back(e);
  }
  ASSERT_EQ(repo_.seed(more, Actor{"system", "", "", ""}), extra);
  auto r = repo_.search(s);
  EXPECT_EQ(r.total, before.total + extra);
  EXPECT_EQ(r.ranked, static_cast<int>(kMaxCandidates));
  auto facet = [](const SearchResult& x, const std::string& f, const std::string& code) {
    auto it = x.facets.find(f);
    if (it == x.facets.end()) return 0;
    for (const auto& v : it->second)
      if (v.code == code) return v.count;
    return 0;
  };
  EXPECT_EQ(facet(r, "kind", "faq"), facet(before, "kind", "faq") + faqs);
  EXPECT_EQ(facet(r, "kind", "offer"), facet(before, "kind", "offer") + extra - faqs);
  EXPECT_EQ(facet(r, "region", "52"), facet(before, "region", "52") + regional);
  // The last ranked page is full; a page beyond it answers the last page (docs/api.md).
  s.per_page = 100;
  s.page = static_cast<int>(kMaxCandidates) / 100;
  const auto last = repo_.search(s);
  EXPECT_EQ(last.hits.size(), 100u);
  EXPECT_EQ(last.page, s.page);
  s.page += 1;
  const auto past = repo_.search(s);
  EXPECT_EQ(past.page, s.page - 1);
  ASSERT_EQ(past.hits.size(), 100u);
  EXPECT_EQ(past.hits.front().entry.id, last.hits.front().entry.id);
  // Filters: exact totals; the regional offers, stored last, are all ranked.
  s.page = 1;
  s.kind = "faq";
  auto f = repo_.search(s);
  EXPECT_EQ(f.total, facet(r, "kind", "faq"));
  EXPECT_EQ(f.ranked, std::min(f.total, static_cast<int>(kMaxCandidates)));
  for (const auto& h : f.hits) EXPECT_EQ(h.entry.kind, "faq");
  s.kind.clear();
  s.region = "52";
  auto g = repo_.search(s);
  EXPECT_EQ(g.total, facet(r, "region", "52"));
  EXPECT_EQ(g.ranked, g.total);
  int found = 0;
  for (const auto& h : g.hits) {
    EXPECT_EQ(h.entry.region, "52");
    found += h.entry.id.rfind("essai-large-", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(found, regional);
}

TEST_P(KnowledgeSearchTest, RegionalStaffEditTheirRegionsOffersOnly) {
  Entry e;
  e.id = "offre-regionale-essai";
  e.kind = "offer";
  e.offer_kind = "training";
  e.provider = "GRADeS";
  e.title = "Formation régionale aux sauvegardes immuables";
  e.summary = "Atelier sur les copies inaltérables.";
  e.theme = "sauvegarde";
  e.audiences = {"medico_social"};
  e.region = "52";
  Actor a{"regional@example.fr", "", "", ""};
  EXPECT_THROW(repo_.save(Scope::region("11"), e, true, a), UserError);
  repo_.save(Scope::region("52"), e, true, a);
  SearchQuery s;
  s.q = "inaltérables";
  s.region = "52";
  auto r = repo_.search(s);
  ASSERT_EQ(r.total, 1);
  EXPECT_EQ(r.hits.front().entry.id, e.id);
  // A region cannot touch a national entry, nor move its offer to national.
  auto faq = *repo_.find("faq-desfire");
  EXPECT_THROW(repo_.save(Scope::region("52"), faq, false, a), UserError);
  e.region = "";
  EXPECT_THROW(repo_.save(Scope::region("52"), e, false, a), UserError);
  e.region = "52";
  e.summary = "Atelier sur les copies hors ligne.";
  repo_.save(Scope::region("52"), e, false, a);
  EXPECT_EQ(repo_.search(s).total, 0);  // the old words are gone from the index
  repo_.remove(Scope::region("52"), e.id, a);
  EXPECT_FALSE(repo_.find(e.id));
  auto lease = db_.db().lease();
  int n = 0;
  *lease << "SELECT COUNT(*) FROM audit_log WHERE entity = 'knowledge_entry' AND entity_key = :k",
      soci::into(n), soci::use(e.id);
  EXPECT_EQ(n, 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, KnowledgeSearchTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

// Both databases give the same ordered answer for every tested query.
TEST(KnowledgeSearchBothDatabases, SameResults) {
  carepilot::testing::TestDb lite("sqlite"), pg("postgresql");
  Repository a(lite.db(), embedded_vocabulary(), builtin_known_codes());
  Repository b(pg.db(), embedded_vocabulary(), builtin_known_codes());
  Actor sys{"system", "", "", ""};
  a.seed(embedded_entries(a.known()), sys);
  b.seed(embedded_entries(b.known()), sys);
  std::vector<std::string> queries{"",
                                   "PCRI",
                                   "sauvegarde",
                                   "continuité d'activité",
                                   "exercice",
                                   "annuaire",
                                   "financement",
                                   "identification électronique",
                                   "D2.O3",
                                   "d203",
                                   "D2",
                                   "sauvegarde hors ligne externalisée",
                                   "PCRI OU BIA",
                                   "BIA OR PCRI",
                                   "continuité PCRI OU BIA",
                                   "pcri ou bia",
                                   "MFA",
                                   "2FA",
                                   "authentification à deux facteurs",
                                   "ransomware",
                                   "cyberattaque",
                                   "\"PCRI\" OR (BIA*) NOT NEAR -PCA"};
  for (const auto& r : search_test_detail::relevance()) queries.push_back(r.query);
  for (const auto& q : queries) {
    SearchQuery s;
    s.q = q;
    s.per_page = 100;
    auto ra = a.search(s), rb = b.search(s);
    std::vector<std::string> ia, ib;
    for (const auto& h : ra.hits) ia.push_back(h.entry.id);
    for (const auto& h : rb.hits) ib.push_back(h.entry.id);
    EXPECT_EQ(ia, ib) << q;
    EXPECT_EQ(ra.total, rb.total) << q;
    EXPECT_EQ(ra.any_word, rb.any_word) << q;
  }
}

}  // namespace carepilot::knowledge

namespace carepilot::knowledge {

TEST_P(KnowledgeSearchTest, ADeletedShippedEntryStaysDeletedAtTheNextStart) {
  repo_.remove(Scope::nation(), "faq-desfire", Actor{"national@example.fr", "", "", ""});
  EXPECT_EQ(repo_.seed(embedded_entries(repo_.known()), Actor{"system", "", "", ""}), 0);
  EXPECT_FALSE(repo_.find("faq-desfire"));
  SearchQuery s;
  s.q = "DESFire";
  EXPECT_EQ(repo_.search(s).total, 0);
}

}  // namespace carepilot::knowledge

namespace carepilot::knowledge {

// Issue 20 (search speed): a search reuses the statements kept on its connection. Parsing the
// SQL again at every search was a fifth of its time; the second search of every shape (text,
// obligation, both, neither; one page of hits) prepares nothing.
TEST_P(KnowledgeSearchTest, ASearchPreparesItsStatementsOnceAndKeepsTheSameAnswers) {
  std::vector<SearchQuery> shapes(4);
  shapes[0].q = "sauvegarde hors ligne";
  shapes[1].obligation = "pca-pra";
  shapes[2].q = "PCRI";
  shapes[2].obligation = "pca-pra";
  for (auto& s : shapes) s.per_page = 100;
  // Every connection of the pool has its own kept statements: run each shape on all of them.
  std::vector<SearchResult> first;
  for (int round = 0; round < 8; ++round)
    for (const auto& s : shapes) {
      auto r = repo_.search(s);
      if (round == 0) first.push_back(r);
    }
  const auto before = db_.db().prepare_count();
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    auto r = repo_.search(shapes[i]);
    ASSERT_EQ(r.total, first[i].total) << i;
    ASSERT_EQ(r.hits.size(), first[i].hits.size()) << i;
    for (std::size_t h = 0; h < r.hits.size(); ++h)
      EXPECT_EQ(r.hits[h].entry.id, first[i].hits[h].entry.id) << i;
  }
  EXPECT_EQ(db_.db().prepare_count(), before);
  EXPECT_GT(first[0].total, 0);
  EXPECT_GT(first[1].total, 0);
  EXPECT_GT(first[3].total, first[0].total);  // no text, no filter: every entry
}

// PostgreSQL's search index is written in place (no fast-update pending list that every
// search would scan until a VACUUM: migration 0049).
TEST_P(KnowledgeSearchTest, ThePostgresqlSearchIndexHasNoPendingList) {
  if (db_.db().backend() != store::Backend::postgresql) {
    SUCCEED() << "SQLite's FTS5 index has no pending list";
    return;
  }
  auto s = db_.db().lease();
  std::string options;
  soci::indicator ind = soci::i_null;
  *s << "SELECT array_to_string(c.reloptions, ',') FROM pg_class c "
        "WHERE c.relname = 'knowledge_entries_search' AND c.relnamespace = "
        "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())",
      soci::into(options, ind);
  ASSERT_EQ(ind, soci::i_ok);
  EXPECT_NE(options.find("fastupdate=off"), std::string::npos) << options;
}

}  // namespace carepilot::knowledge

namespace carepilot::knowledge {

// Issue 20 trial: a natural question found nothing because every word had to match. When no
// entry holds every word, the entries holding some come, those holding the most first (the
// same on both databases: KnowledgeSearchBothDatabases.SameResults runs these queries too).
TEST_P(KnowledgeSearchTest, WhenNoEntryHoldsEveryWordThoseHoldingTheMostComeFirst) {
  SearchQuery s;
  s.q = "sauvegarde hors ligne externalisée";
  s.per_page = 100;
  auto r = repo_.search(s);
  EXPECT_TRUE(r.any_word);
  ASSERT_GT(r.hits.size(), 2u);
  // How many of the query's terms an entry holds, read from its text.
  auto held = [&](const Entry& e) {
    std::string text = e.title + " " + e.id + " " + e.summary + " " + e.provider;
    for (const auto& k : e.keywords) text += " " + k;
    for (const auto& o : e.objectives) text += " " + o;
    for (const auto& p : e.paliers) text += " " + p;
    auto doc = document_terms(text, repo_.vocabulary().stopwords);
    int n = 0;
    for (const auto& t : r.terms) n += std::find(doc.begin(), doc.end(), t) != doc.end() ? 1 : 0;
    return n;
  };
  EXPECT_EQ(held(r.hits.front().entry), 3);
  bool fewer = false;
  for (std::size_t i = 1; i < r.hits.size(); ++i) {
    EXPECT_LE(held(r.hits[i].entry), held(r.hits[i - 1].entry)) << r.hits[i].entry.id;
    fewer = fewer || held(r.hits[i].entry) < 3;
  }
  EXPECT_TRUE(fewer);  // entries holding only some words are listed too
  // Every word held somewhere: no fallback, only the entries holding them all.
  s.q = "sauvegarde hors ligne";
  auto all = repo_.search(s);
  EXPECT_FALSE(all.any_word);
  for (const auto& h : all.hits) EXPECT_EQ(held(h.entry), 3) << h.entry.id;
  // The words of a question are left out when something else is typed, searched otherwise.
  s.q = "comment faire une sauvegarde hors ligne ?";
  EXPECT_EQ(repo_.search(s).terms, all.terms);
  s.q = "comment";
  EXPECT_EQ(repo_.search(s).terms, std::vector<std::string>{"comment"});
}

// An objective's identifier typed (« D2.O3 », « D2.03 », « d2o3 ») finds the entries with that
// identifier or beginning first, then those linked to them.
TEST_P(KnowledgeSearchTest, AnIdentifierTypedFindsTheEntriesItStartsFirst) {
  for (const char* q : {"D2.O3", "D2.03", "d2o3", "d203"}) {
    auto got = ids(q);
    ASSERT_GE(got.size(), 5u) << q;
    std::vector<std::string> first(got.begin(), got.begin() + 4);
    std::sort(first.begin(), first.end());
    EXPECT_EQ(first, (std::vector<std::string>{"D2.O3.A", "D2.O3.B", "D2.O3.C", "D2.O3.D"})) << q;
    EXPECT_EQ(got, ids("D2.O3")) << q;
  }
  auto one = ids("d2o1c");
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(one.front(), "D2.O1.C");
  EXPECT_EQ(std::find(one.begin(), one.end(), "D2.O1.D"), one.end());  // not its beginning
  EXPECT_EQ(ids("D2.01.C"), one);
}

// Fields weigh: a word in the title (or the identifier) before the same word in the keywords,
// before the same word in the body only, whatever the storage order.
TEST_P(KnowledgeSearchTest, TheTitleWeighsMoreThanTheKeywordsMoreThanTheBody) {
  Entry base;
  base.kind = "faq";
  base.ref = "D2.O1.C";
  base.theme = "continuite";
  base.audiences = {"sanitaire"};
  Entry body = base, keywords = base, title = base;
  body.id = "essai-a-corps";
  body.title = "Une question sur les plans";
  body.summary = "Le zorglub est un plan de reprise.";
  keywords.id = "essai-b-mots";
  keywords.title = "Une question sur les plans";
  keywords.summary = "Un plan de reprise.";
  keywords.keywords = {"zorglub"};
  title.id = "essai-c-titre";
  title.title = "Une question sur le zorglub";
  title.summary = "Un plan de reprise.";
  ASSERT_EQ(repo_.seed({body, keywords, title}, Actor{"system", "", "", ""}), 3);
  EXPECT_EQ(ids("zorglub"),
            (std::vector<std::string>{"essai-c-titre", "essai-b-mots", "essai-a-corps"}));
}

}  // namespace carepilot::knowledge

namespace carepilot::knowledge {

// A database written before the keywords had their own weight (no « | » in search_title) is
// reindexed at start-up (seed), without an audit entry, and ranks like a new one.
// Issue 20 trial: « sauvegardées », « Sauvegardée » found nothing while « sauvegardes » found
// nine entries; a keyword « déconnectée » was not found by « déconnecté ». The masculine,
// feminine and plural forms of a word, accents or not, find the same entries.
TEST_P(KnowledgeSearchTest, MasculineFeminineAndPluralFormsFindTheSameEntries) {
  const std::vector<std::vector<const char*>> families{
      {"sauvegardes", "sauvegarde", "sauvegardées", "Sauvegardée", "sauvegardees", "sauvegardé"},
      {"déconnecté", "déconnectée", "déconnectées", "deconnecte"},
      {"déclaré", "déclarée", "déclarées", "declaree"},
      {"restauré", "restaurée", "restaurees"},
      {"homologué", "homologuée", "homologuées"},
      {"formalisé", "formalisée", "formalisées"},
      {"dédié", "dédiée", "dédiés", "dediee"},
  };
  for (const auto& f : families) {
    auto first = ids(f.front());
    std::sort(first.begin(), first.end());
    EXPECT_FALSE(first.empty()) << f.front();
    for (const char* w : f) {
      auto got = ids(w);
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, first) << w << " vs " << f.front();
    }
  }
  EXPECT_GE(ids("sauvegardées").size(), 5u);
}

// Issue 20 trial: synonyms are data (vocabulary.yaml, `synonyms`): « double authentification »,
// « MFA », « 2FA » find the strong-authentication entries; « ransomware » what says
// « rançongiciel »; « cyberattaque » the CERT Santé.
TEST_P(KnowledgeSearchTest, SynonymsFindTheSameEntries) {
  auto holds = [](const std::vector<std::string>& v, const char* id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  for (const char* q : {"double authentification", "MFA", "2FA", "authentification forte",
                        "authentification multifacteur"}) {
    auto got = ids(q);
    EXPECT_TRUE(holds(got, "offre-pro-sante-connect")) << q;
    EXPECT_TRUE(holds(got, "offre-hospiconnect")) << q;
  }
  auto ransomware = ids("ransomware"), rancongiciel = ids("rançongiciel");
  EXPECT_FALSE(ransomware.empty());
  std::sort(ransomware.begin(), ransomware.end());
  std::sort(rancongiciel.begin(), rancongiciel.end());
  EXPECT_EQ(ransomware, rancongiciel);
  EXPECT_TRUE(holds(ids("cyberattaque"), "offre-cert-sante"));
  // A word of no group finds only what holds it.
  EXPECT_TRUE(ids("zzzmotabsent").empty());
}

// Rows stored with the stems of an earlier version (accents folded before stemming) are
// rewritten at start-up: a stale stored term is not left in the index.
TEST_P(KnowledgeSearchTest, RowsStemmedTheOldWayAreReindexedAtStartUp) {
  const auto before = ids("sauvegardées");
  ASSERT_FALSE(before.empty());
  {
    auto s = db_.db().lease();
    *s << "UPDATE knowledge_entries SET search_title = REPLACE(search_title, 'sauvegard', "
          "'sauvegardx'), search_body = REPLACE(search_body, 'sauvegard', 'sauvegardx')";
  }
  auto stale = [&] {
    auto s = db_.db().lease();
    int n = -1;
    *s << "SELECT COUNT(*) FROM knowledge_entries WHERE search_title LIKE '%sauvegardx%' OR "
          "search_body LIKE '%sauvegardx%'",
        soci::into(n);
    return n;
  };
  ASSERT_GT(stale(), 0);
  EXPECT_EQ(repo_.seed(embedded_entries(repo_.known()), Actor{"system", "", "", ""}), 0);
  EXPECT_EQ(stale(), 0);
  EXPECT_EQ(ids("sauvegardées"), before);
}

TEST_P(KnowledgeSearchTest, RowsIndexedInTheOldLayoutAreReindexedAtStartUp) {
  const auto before = ids("PCRA");
  {
    auto s = db_.db().lease();
    *s << "UPDATE knowledge_entries SET search_title = REPLACE(search_title, ' | ', ' ')";
    int old = 0;
    *s << "SELECT COUNT(*) FROM knowledge_entries WHERE search_title NOT LIKE '%|%'",
        soci::into(old);
    ASSERT_GT(old, 0);
  }
  int audit = 0, after_audit = 0;
  auto count_audit = [&](int& n) {
    auto s = db_.db().lease();
    *s << "SELECT COUNT(*) FROM audit_log", soci::into(n);
  };
  count_audit(audit);
  EXPECT_EQ(repo_.seed(embedded_entries(repo_.known()), Actor{"system", "", "", ""}), 0);
  count_audit(after_audit);
  EXPECT_EQ(after_audit, audit);
  auto s = db_.db().lease();
  int old = -1;
  *s << "SELECT COUNT(*) FROM knowledge_entries WHERE search_title NOT LIKE '%|%'", soci::into(old);
  EXPECT_EQ(old, 0);
  EXPECT_EQ(ids("PCRA"), before);
}

}  // namespace carepilot::knowledge

namespace carepilot::knowledge {

// Issue 20 trial: the audit trail says which fields an edit changed, by their French labels,
// before → after (common/changes.hpp); an import that changes an entry says it the same way.
TEST_P(KnowledgeSearchTest, TheAuditTrailSaysWhichFieldsAnEditChanged) {
  auto e = *repo_.find("offre-cert-sante");
  const auto old_title = e.title;
  e.title = "CERT Santé : l'appui aux incidents";
  e.cost = "Gratuit";
  e.audiences.push_back("medico_social");
  repo_.save(Scope::nation(), e, false, Actor{"national@example.fr", "", "", ""});
  auto summary = [&] {
    auto s = db_.db().lease();
    std::string out;
    *s << "SELECT summary FROM audit_log WHERE entity = 'knowledge_entry' AND entity_key = "
          "'offre-cert-sante' ORDER BY seq DESC",
        soci::into(out);
    return out;
  };
  const auto line = summary();
  EXPECT_NE(line.find("Intitulé : « " + old_title + " » → « CERT Santé : l'appui aux incidents »"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("Coût : « Non précisé par les textes de référence » → « Gratuit »"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("Public : « sanitaire » → « sanitaire, médico-social »"), std::string::npos)
      << line;
  EXPECT_EQ(line.find("Porteur"), std::string::npos) << line;        // unchanged: not named
  EXPECT_EQ(line.find("medico_social"), std::string::npos) << line;  // no code on the trail
}

}  // namespace carepilot::knowledge

namespace carepilot::knowledge {

namespace search_test_detail {
// The excerpt of `id` in the answer to `q`: the marked words (folded) and whether the text
// goes on after the last marked word (at least one more word before the end or the « … »).
struct Shown {
  std::vector<std::string> marked;
  bool words_after_last = false;
  std::string text;
};
Shown shown(Repository& repo, const std::string& q, const std::string& id) {
  SearchQuery s;
  s.q = q;
  s.per_page = 100;
  Shown out;
  for (const auto& h : repo.search(s).hits) {
    if (h.entry.id != id) continue;
    for (const auto& seg : h.excerpt) {
      out.text += seg.text;
      if (seg.hit) {
        out.marked.push_back(fold(seg.text));
        out.words_after_last = false;
      } else {
        out.words_after_last = out.words_after_last || !split_words(seg.text).empty();
      }
    }
  }
  return out;
}
}  // namespace search_test_detail

// Issue 20 trial: « PCRA », in the middle of the FAQ D2.O1.C answer, was cut out of its excerpt
// (or shown as its last word). The excerpt is centred on the matches, every matched word is
// shown and marked, and the text goes on after the last one.
TEST_P(KnowledgeSearchTest, ExcerptsShowAndMarkEveryMatchedWord) {
  using search_test_detail::shown;
  auto one = shown(repo_, "PCRA", "faq-d2-o1-c-pcri");
  ASSERT_FALSE(one.text.empty());
  EXPECT_NE(std::find(one.marked.begin(), one.marked.end(), "pcra"), one.marked.end()) << one.text;
  EXPECT_TRUE(one.words_after_last) << one.text;
  auto both = shown(repo_, "PCRI PCRA", "faq-d2-o1-c-pcri");
  EXPECT_NE(std::find(both.marked.begin(), both.marked.end(), "pcra"), both.marked.end())
      << both.text;
  EXPECT_NE(std::find(both.marked.begin(), both.marked.end(), "pcri"), both.marked.end())
      << both.text;
  EXPECT_TRUE(both.words_after_last) << both.text;

  // A long summary: « alpha » alone at its start, « alpha » and « oméga » together far after
  // it; the window holding both distinct words is chosen, centred on them.
  Entry e;
  e.id = "offre-extrait-essai";
  e.kind = "offer";
  e.offer_kind = "training";
  e.provider = "GRADeS";
  e.title = "Formation essai";
  std::string summary = "Alpha ouvre le texte.";
  for (int i = 0; i < 60; ++i) summary += " remplissage";
  summary += " Ensuite alpha puis oméga terminent la phrase du milieu.";
  for (int i = 0; i < 60; ++i) summary += " bourrage";
  e.summary = summary;
  e.theme = "sauvegarde";
  e.audiences = {"medico_social"};
  repo_.save(Scope::nation(), e, true, Actor{"national@example.fr", "", "", ""});
  auto far = shown(repo_, "alpha oméga", e.id);
  EXPECT_EQ(far.marked, (std::vector<std::string>{"alpha", "omega"})) << far.text;
  EXPECT_TRUE(far.words_after_last) << far.text;
  EXPECT_EQ(far.text.rfind("… ", 0), 0u) << far.text;  // starts inside the text
  // Centred: as many filler words before the matches as after them (give or take a few).
  auto count = [&](const std::string& w) {
    std::size_t n = 0;
    for (std::size_t p = far.text.find(w); p != std::string::npos; p = far.text.find(w, p + 1)) ++n;
    return n;
  };
  EXPECT_GE(count("remplissage"), 10u) << far.text;
  EXPECT_GE(count("bourrage"), 10u) << far.text;
}

}  // namespace carepilot::knowledge

namespace carepilot::knowledge {

namespace search_test_detail {
// Whether `e` holds the stem of `word` (title, id, keywords, objectives, summary, provider).
bool holds_word(const Entry& e, const std::string& word, const std::set<std::string>& stop) {
  std::string text = e.title + " " + e.id + " " + e.summary + " " + e.provider;
  for (const auto& k : e.keywords) text += " " + k;
  for (const auto& o : e.objectives) text += " " + o;
  auto doc = document_terms(text, stop);
  auto t = document_terms(word, stop);
  return !t.empty() && std::find(doc.begin(), doc.end(), t.front()) != doc.end();
}
std::size_t position(const std::vector<std::string>& v, const std::string& id) {
  return static_cast<std::size_t>(std::find(v.begin(), v.end(), id) - v.begin());
}
}  // namespace search_test_detail

// Issue 20 trial: « sauvegarde hors ligne » when no entry holds every word. The entries where
// words typed next to each other are next to each other (« hors ligne ») come before those
// holding only one of them, even with another word of the query (« ligne » and
// « externalisée »): the 3-2-1 objective and the backup offer first.
TEST_P(KnowledgeSearchTest, WordsTypedInARowFoundInARowComeFirst) {
  using search_test_detail::position;
  Entry base;
  base.kind = "faq";
  base.ref = "D2.O3.C";
  base.theme = "sauvegarde";
  base.audiences = {"sanitaire"};
  Entry scattered = base, phrase = base, alone = base;
  scattered.id = "essai-mots-epars";
  scattered.title = "Sauvegarde externalisée et ligne téléphonique";
  scattered.summary = "Une ligne dédiée au prestataire.";
  phrase.id = "essai-hors-ligne";
  phrase.title = "Une copie des données";
  phrase.summary = "Une copie hors ligne des données.";
  alone.id = "essai-hors";
  alone.title = "Hors du site";
  alone.summary = "Une copie conservée ailleurs.";
  ASSERT_EQ(repo_.seed({scattered, phrase, alone}, Actor{"system", "", "", ""}), 3);
  SearchQuery s;
  s.q = "sauvegarde hors ligne externalisée";
  s.per_page = 100;
  auto r = repo_.search(s);
  EXPECT_TRUE(r.any_word);
  std::vector<std::string> got;
  for (const auto& h : r.hits) got.push_back(h.entry.id);
  ASSERT_GE(got.size(), 5u);
  EXPECT_EQ(got[0], "D2.O3.C");
  EXPECT_EQ(got[1], "offre-care-domaine-2");
  EXPECT_LT(position(got, "essai-hors-ligne"), position(got, "essai-mots-epars"));
  EXPECT_LT(position(got, "essai-mots-epars"), position(got, "essai-hors"));
  EXPECT_LT(position(got, "essai-hors"), got.size());
  // Every word held: the entry holding them in a row first.
  Entry row = base, apart = base;
  row.id = "essai-rang";
  row.title = "Une question";
  row.summary = "Copier sur bande zorglub vortex chaque semaine.";
  apart.id = "essai-apart";
  apart.title = "Une question";
  apart.summary = "Le vortex tourne, la bande zorglub aussi.";
  ASSERT_EQ(repo_.seed({apart, row}, Actor{"system", "", "", ""}), 2);
  EXPECT_EQ(ids("zorglub vortex"), (std::vector<std::string>{"essai-rang", "essai-apart"}));
}

// « OU » / « OR » typed in capitals between two words: either of them (not the fallback of a
// query whose words no entry holds all); with another word, that word and either of them. In
// lower case « ou » is a word like another (« où »). The same on both databases.
TEST_P(KnowledgeSearchTest, OrBetweenTwoWordsFindsEitherOfThem) {
  using search_test_detail::holds_word;
  const auto& stop = repo_.vocabulary().stopwords;
  SearchQuery s;
  s.per_page = 100;
  s.q = "PCRI OU BIA";
  auto r = repo_.search(s);
  EXPECT_FALSE(r.any_word);
  std::vector<std::string> got;
  for (const auto& h : r.hits) {
    got.push_back(h.entry.id);
    EXPECT_TRUE(holds_word(h.entry, "PCRI", stop) || holds_word(h.entry, "BIA", stop))
        << h.entry.id;
  }
  for (const char* id : {"faq-d2-o1-c-pcri", "date-bia-critiques", "date-bia-tous"})
    EXPECT_NE(std::find(got.begin(), got.end(), id), got.end()) << id;
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(ids("BIA OR PCRI")), sorted(got));
  EXPECT_EQ(sorted(ids("\"PCRI\" OR (BIA)")), sorted(got));
  // With another word: that word and either of them.
  s.q = "continuité PCRI OU BIA";
  auto w = repo_.search(s);
  EXPECT_FALSE(w.any_word);
  ASSERT_FALSE(w.hits.empty());
  for (const auto& h : w.hits) {
    EXPECT_TRUE(holds_word(h.entry, "continuité", stop)) << h.entry.id;
    EXPECT_TRUE(holds_word(h.entry, "PCRI", stop) || holds_word(h.entry, "BIA", stop))
        << h.entry.id;
  }
  // Hostile spellings: no syntax reaches the database, every query answered.
  for (const char* q : {"OR", "OU", "PCRI OR", "OR PCRI", "PCRI OR OR BIA", "PCRI OU - BIA",
                        "(PCRI OR BIA", "PCRI OR BIA)", "\"PCRI OR", "PCRI* OR BIA*",
                        "NEAR(PCRI OR BIA, 2)", "PCRI OR NOT BIA", "-PCRI OR -BIA", "* OR *"}) {
    s.q = q;
    EXPECT_NO_THROW(repo_.search(s)) << q;
  }
  EXPECT_EQ(sorted(ids("PCRI OR OR BIA")), sorted(got));
  EXPECT_EQ(ids("OR PCRI"), ids("PCRI"));
}

// Synonyms are the query's: a group of vocabulary.yaml changed takes effect at once, without
// rewriting the stored terms; a phrase of a group typed finds the entries saying another of
// its phrases (in a row), the entry saying the words typed first.
TEST_P(KnowledgeSearchTest, SynonymsAreExpandedOnTheQuery) {
  auto holds = [](const std::vector<std::string>& v, const char* id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  for (const char* q : {"A2F", "authentification à deux facteurs", "Pro Santé Connect", "MFA"}) {
    auto got = ids(q);
    EXPECT_TRUE(holds(got, "offre-pro-sante-connect")) << q;
    EXPECT_TRUE(holds(got, "offre-hospiconnect")) << q;
  }
  // « PSC » is Pro Santé Connect only (its own group), not every strong authentication.
  auto psc = ids("PSC");
  ASSERT_FALSE(psc.empty());
  EXPECT_EQ(psc.front(), "offre-pro-sante-connect");
  EXPECT_FALSE(holds(psc, "offre-hospiconnect"));
  // A group added to the vocabulary: found at once by a repository reading it, on the rows
  // stored before (no reindexing).
  Vocabulary v = embedded_vocabulary();
  v.synonyms.push_back({"plan de continuité et de reprise informatique", "zorglub vortex"});
  Repository other(db_.db(), v, builtin_known_codes());
  SearchQuery s;
  s.q = "zorglub vortex";
  s.per_page = 100;
  auto r = other.search(s);
  std::vector<std::string> got;
  for (const auto& h : r.hits) got.push_back(h.entry.id);
  EXPECT_TRUE(holds(got, "faq-d2-o1-c-pcri"));
  EXPECT_FALSE(r.any_word);
  // Its phrase in a row: « zorglub » alone finds nothing, « vortex zorglub » (another order)
  // finds only what holds both words.
  s.q = "zorglub";
  EXPECT_TRUE(other.search(s).hits.empty());
  // The excerpt marks the synonym's words.
  s.q = "zorglub vortex";
  bool marked = false;
  for (const auto& h : other.search(s).hits)
    if (h.entry.id == "faq-d2-o1-c-pcri")
      for (const auto& seg : h.excerpt) marked = marked || (seg.hit && fold(seg.text) == "reprise");
  EXPECT_TRUE(marked);
}

}  // namespace carepilot::knowledge
