// The line of the audit trail that says what changed in a record (common/changes.hpp).
#include <gtest/gtest.h>

#include "common/changes.hpp"

namespace carepilot {

TEST(DescribeChanges, NamesEachChangedFieldByItsLabelWithItsValuesBeforeAndAfter) {
  std::vector<ShownField> before{{"title", "Ancien intitulé"},
                                 {"provider", "ANSSI"},
                                 {"link", ""},
                                 {"summary", std::string(100, 'a')}};
  std::vector<ShownField> after{{"title", "Nouvel intitulé"},
                                {"provider", "ANSSI"},
                                {"link", "https://example.fr"},
                                {"summary", std::string(100, 'b')}};
  EXPECT_EQ(describe_changes(before, after),
            "Intitulé : « Ancien intitulé » → « Nouvel intitulé » ; Lien : — → "
            "« https://example.fr » ; Résumé ou réponse : modifié (ancien : « " +
                std::string(60, 'a') + "… », nouveau : « " + std::string(60, 'b') + "… »)");
  EXPECT_EQ(describe_changes(before, before), "");
  // A field only one side has is empty on the other.
  EXPECT_EQ(describe_changes({{"cost", "Gratuit"}}, {}), "Coût : « Gratuit » → —");
  EXPECT_EQ(describe_changes({}, {{"version", "2.0"}}), "Version : — → « 2.0 »");
  // A value with a line break: both sides, the line break read as a space.
  EXPECT_EQ(describe_changes({{"paliers", "Niveau 1"}}, {{"paliers", "Niveau 1\nNiveau 2"}}),
            "Paliers : modifié (ancien : « Niveau 1 », nouveau : « Niveau 1 Niveau 2 »)");
}

// A long text (issue 20 trial: « Résumé ou réponse : modifié » said nothing): the words where
// the two versions start to differ, a few words before, cut at a word boundary, « … » where
// text is left out on either side.
TEST(DescribeChanges, ALongTextShowsWhereItChangedCutAtAWordBoundary) {
  const std::string start =
      "Le centre de réponse aux incidents accompagne les établissements de santé dans la "
      "gestion des incidents de sécurité ";
  const std::string was = start +
                          "du lundi au vendredi, par téléphone et par courriel, avec "
                          "une astreinte pour les incidents graves.";
  const std::string now = start +
                          "tous les jours, par téléphone et par courriel, avec une "
                          "astreinte pour les incidents graves.";
  EXPECT_EQ(describe_changes({{"summary", was}}, {{"summary", now}}),
            "Résumé ou réponse : modifié (ancien : « …de sécurité du lundi au vendredi, par "
            "téléphone et par… », nouveau : « …de sécurité tous les jours, par téléphone et par "
            "courriel,… »)");
  // A text that begins differently: from its start, no « … » before.
  EXPECT_EQ(describe_changes({{"summary", "Non. " + was}}, {{"summary", "Oui. " + was}}),
            "Résumé ou réponse : modifié (ancien : « Non. Le centre de réponse aux incidents "
            "accompagne les… », nouveau : « Oui. Le centre de réponse aux incidents accompagne "
            "les… »)");
  // Emptied: the old text's beginning, then « — ».
  EXPECT_EQ(describe_changes({{"summary", was}}, {{"summary", ""}}),
            "Résumé ou réponse : modifié (ancien : « Le centre de réponse aux incidents "
            "accompagne les… », nouveau : —)");
  // Accents are never cut in two, whatever the length.
  const std::string accents(200, 'x');
  auto line = describe_changes({{"summary", accents + "é"}}, {{"summary", accents + "è"}});
  EXPECT_NE(line.find("…xxx"), std::string::npos) << line;
  EXPECT_NE(line.find("é »"), std::string::npos) << line;
}

}  // namespace carepilot
