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
            "« https://example.fr » ; Résumé ou réponse : modifié");
  EXPECT_EQ(describe_changes(before, before), "");
  // A field only one side has is empty on the other.
  EXPECT_EQ(describe_changes({{"cost", "Gratuit"}}, {}), "Coût : « Gratuit » → —");
  EXPECT_EQ(describe_changes({}, {{"version", "2.0"}}), "Version : — → « 2.0 »");
  // A value with a line break reads « modifié ».
  EXPECT_EQ(describe_changes({{"paliers", "Niveau 1"}}, {{"paliers", "Niveau 1\nNiveau 2"}}),
            "Paliers : modifié");
}

}  // namespace carepilot
