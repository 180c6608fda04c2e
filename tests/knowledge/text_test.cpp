// French text for the search: folding, words, stemming, identifiers (issue 20).
#include <gtest/gtest.h>

#include "knowledge/data.hpp"
#include "knowledge/text.hpp"

namespace carepilot::knowledge {

TEST(KnowledgeText, FoldsCaseAndAccents) {
  EXPECT_EQ(fold("Été À L'ŒUVRE, déjà"), "ete a l'oeuvre, deja");
  EXPECT_EQ(fold("Crème brûlée ç"), "creme brulee c");
}

TEST(KnowledgeText, NormalisesObjectives) {
  EXPECT_EQ(normalise_objective("D2.01.C"), "D2.O1.C");
  EXPECT_EQ(normalise_objective("d2.o3.c"), "D2.O3.C");
  EXPECT_EQ(normalise_objective("D1.P2"), "D1.P2");
  EXPECT_EQ(normalise_objective("D2.O4"), "D2.O4");
  EXPECT_EQ(normalise_objective("hc.02.c"), "HC.O2.C");
  EXPECT_EQ(normalise_objective("HC.P1"), "HC.P1");
  EXPECT_EQ(normalise_objective("2D.O1"), std::nullopt);
  EXPECT_EQ(normalise_objective("D2.X1"), std::nullopt);
  EXPECT_EQ(normalise_objective("D2.O1.CC"), std::nullopt);
  EXPECT_EQ(normalise_objective("PCRI"), std::nullopt);
}

TEST(KnowledgeText, StemsPluralsAndAccentsAlike) {
  const auto& stop = embedded_vocabulary().stopwords;
  EXPECT_EQ(query_terms("sauvegardes", stop), query_terms("Sauvegarde", stop));
  EXPECT_EQ(query_terms("continuité", stop), query_terms("CONTINUITE", stop));
  // Stop words are left out; what remains are letters and digits only.
  auto t = query_terms("la sauvegarde hors ligne des données", stop);
  ASSERT_EQ(t.size(), 4u);
  for (const auto& x : t)
    for (char c : x) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << x;
}

TEST(KnowledgeText, AnIdentifierIsOneTermWhateverItsSpelling) {
  const auto& stop = embedded_vocabulary().stopwords;
  EXPECT_EQ(query_terms("D2.01.C", stop), std::vector<std::string>{"d2o1c"});
  EXPECT_EQ(query_terms("d2.o1.c", stop), std::vector<std::string>{"d2o1c"});
  auto doc = document_terms("objectif D2.O1.C", stop);
  EXPECT_NE(std::find(doc.begin(), doc.end(), "d2o1c"), doc.end());
  EXPECT_EQ(query_terms("3-2-1", stop), std::vector<std::string>{"321"});
}

TEST(KnowledgeText, SyntaxCharactersNeverReachTheTerms) {
  const auto& stop = embedded_vocabulary().stopwords;
  auto t = query_terms(R"("PCRI" NEAR(a* OR b) ^col:x -y + "")", stop);
  for (const auto& x : t)
    for (char c : x) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << x;
  EXPECT_TRUE(query_terms("\"*()", stop).empty());
  EXPECT_TRUE(query_terms("", stop).empty());
}

// « OU » / « OR » in capitals between two words joins them in one clause (either); in lower
// case, at an end, or doubled, it is a word left out.
TEST(KnowledgeText, OrInCapitalsJoinsTwoWordsInOneClause) {
  const auto& stop = embedded_vocabulary().stopwords;
  using Clauses = std::vector<std::vector<std::string>>;
  EXPECT_EQ(query_clauses("PCRI OU BIA", stop), (Clauses{{"pcri", "bi"}}));
  EXPECT_EQ(query_clauses("continuité PCRI OR BIA", stop), (Clauses{{"continu"}, {"pcri", "bi"}}));
  EXPECT_EQ(query_clauses("PCRI OU PCRA OU BIA", stop), (Clauses{{"pcri", "pcra", "bi"}}));
  EXPECT_EQ(query_clauses("PCRI OR OR BIA", stop), (Clauses{{"pcri", "bi"}}));
  EXPECT_EQ(query_clauses("pcri ou bia", stop), (Clauses{{"pcri"}, {"bi"}}));
  EXPECT_EQ(query_clauses("OU PCRI BIA OR", stop), (Clauses{{"pcri"}, {"bi"}}));
  EXPECT_EQ(query_terms("PCRI OU BIA", stop), (std::vector<std::string>{"pcri", "bi"}));
}

}  // namespace carepilot::knowledge

#include "common/labels.hpp"

namespace carepilot::knowledge {

// Every code of data/knowledge/vocabulary.yaml has its French label (data/labels/labels.yaml).
TEST(KnowledgeLabels, EveryCodeOfTheVocabularyHasALabel) {
  auto codes = labelled_codes("codes");
  std::set<std::string> have(codes.begin(), codes.end());
  const auto& v = embedded_vocabulary();
  for (const auto& k : v.kinds) EXPECT_TRUE(have.count("knowledge_kind." + k)) << k;
  for (const auto& k : v.themes) EXPECT_TRUE(have.count("knowledge_theme." + k)) << k;
  for (const auto& k : v.offer_kinds) EXPECT_TRUE(have.count("knowledge_offer." + k)) << k;
  for (const auto& k : v.doc_kinds) EXPECT_TRUE(have.count("knowledge_doc." + k)) << k;
  for (const auto& k : v.audiences) EXPECT_TRUE(have.count(k)) << k;
}

}  // namespace carepilot::knowledge

namespace carepilot::knowledge {

// Issue 20 trial: the stemmer reads the accents; a word folded first lost its feminine and
// participle endings ("sauvegardées" -> "sauvegarde", not "sauvegard"). Every form of a word,
// with or without its accents, gives one term, on documents and queries alike.
TEST(KnowledgeText, EveryFormOfAWordGivesOneTerm) {
  const auto& stop = embedded_vocabulary().stopwords;
  const std::vector<std::vector<const char*>> families{
      {"sauvegarde", "sauvegardes", "sauvegardée", "Sauvegardée", "sauvegardées", "SAUVEGARDÉES",
       "sauvegardees", "sauvegardé", "sauvegardés"},
      {"déclaré", "déclarée", "déclarés", "déclarées", "declaree", "declare"},
      {"restauré", "restaurée", "restaurées", "restaurees"},
      {"homologué", "homologuée", "homologuées", "homologuees"},
      {"formalisé", "formalisée", "formalisées", "formalisee"},
      {"déconnecté", "déconnectée", "déconnectés", "deconnecte", "deconnectee"},
      {"dédié", "dédiée", "dédiés", "dédiées", "dedie", "dediee", "dediees"},
      {"sécurité", "securite", "SÉCURITÉ", "sécurités"},
      {"continuité", "continuite", "CONTINUITE"},
      {"stratégie", "strategie", "stratégies"},
  };
  for (const auto& f : families) {
    const auto first = query_terms(f.front(), stop);
    ASSERT_EQ(first.size(), 1u) << f.front();
    for (const char* w : f) {
      EXPECT_EQ(query_terms(w, stop), first) << w << " vs " << f.front();
      EXPECT_EQ(document_terms(w, stop), first) << w << " vs " << f.front();
    }
  }
  // Different words stay different.
  EXPECT_NE(query_terms("sauvegarde", stop), query_terms("restauration", stop));
  EXPECT_NE(query_terms("déclaré", stop), query_terms("dédié", stop));
}

}  // namespace carepilot::knowledge
