// The shared reader of data files (common/data_file.hpp): one set of French messages for the
// scenario kits, the reminder policy and the job schedule.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "common/data_file.hpp"

using namespace carepilot;

namespace {

std::string message_of(const std::string& text) {
  try {
    load_data_map(text, "data/x/y.yaml");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(LoadDataMap, ReturnsTheDictionary) {
  auto root = load_data_map("version: 1\nname: essai\n", "data/x/y.yaml");
  ASSERT_TRUE(root.IsMap());
  EXPECT_EQ(root["version"].as<int>(), 1);
  EXPECT_EQ(root["name"].as<std::string>(), "essai");
}

TEST(LoadDataMap, UnreadableYamlNamesTheSource) {
  auto m = message_of("a: [1, 2\n");
  EXPECT_EQ(m.rfind("data/x/y.yaml : YAML illisible (", 0), 0u) << m;
  EXPECT_EQ(m.back(), ')') << m;
}

TEST(LoadDataMap, TopLevelMustBeADictionary) {
  EXPECT_EQ(message_of("- 1\n- 2\n"), "data/x/y.yaml : un dictionnaire est attendu");
  EXPECT_EQ(message_of("juste du texte\n"), "data/x/y.yaml : un dictionnaire est attendu");
  EXPECT_EQ(message_of(""), "data/x/y.yaml : un dictionnaire est attendu");
}

TEST(LoadDataMap, TextThatIsNotUtf8IsNamedAtItsLine) {
  EXPECT_EQ(message_of("version: 1\nname: H\xF4pital\n"),
            "data/x/y.yaml:2: le fichier n'est pas en UTF-8 (encodage Windows-1252 ou Latin-1 ?) : "
            "enregistrez-le en UTF-8 puis recommencez");
  EXPECT_EQ(load_data_map("version: 1\nname: Hôpital\n", "data/x/y.yaml")["name"].as<std::string>(),
            "Hôpital");
}

// yaml-cpp's English faults read in French, at their line (issue 20 trial: an import answered
// « end of map not found »).
std::pair<int, std::string> fault_of(const std::string& text) {
  try {
    YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return {yaml_fault_line(e), yaml_fault_reason(e)};
  }
  return {0, "accepted"};
}

TEST(YamlFault, EachKnownFaultReadsInFrenchAtItsLine) {
  const std::string head = "entries:\n  - id: a\n";
  auto f = fault_of(head + "\ttitle: x\n");
  EXPECT_EQ(f.first, 3);
  EXPECT_EQ(f.second.rfind("tabulation dans l'indentation", 0), 0u) << f.second;
  f = fault_of(head + "    title: x\n   theme: y\n");  // a key one space short
  EXPECT_EQ(f.first, 4);
  EXPECT_EQ(f.second.rfind("indentation incorrecte", 0), 0u) << f.second;
  f = fault_of(head + "    title: x\n  theme: y\n");  // a key of the item at the list's column
  EXPECT_EQ(f.first, 4);
  EXPECT_EQ(f.second.rfind("indentation incorrecte ou guillemet non refermé", 0), 0u) << f.second;
  f = fault_of(head + "    title: \"x\n    theme: \"y\"\n");  // an unclosed quote
  EXPECT_EQ(f.first, 4);
  EXPECT_NE(f.second.find("guillemet non refermé"), std::string::npos) << f.second;
  f = fault_of(head + "    audiences: [sanitaire\n    theme: y\n");
  EXPECT_EQ(f.second, "crochet « [ » non refermé par « ] »");
  f = fault_of("a: {b: 1\n");
  EXPECT_EQ(f.second, "accolade « { » non refermée par « } »");
  f = fault_of(head + "    title: Sauvegarde : hors ligne: oui\n");
  EXPECT_EQ(f.first, 3);
  EXPECT_EQ(f.second.rfind("« : » inattendu", 0), 0u) << f.second;
  f = fault_of("a: \"x\\q\"\n");
  EXPECT_EQ(f.second.rfind("séquence d'échappement inconnue", 0), 0u) << f.second;
  f = fault_of("a: *nope\n");
  EXPECT_EQ(f.second, "référence « * » à une ancre « & » qui n'est pas définie");
}

TEST(YamlFault, AnUnknownFaultReadsInFrenchWithItsLineAndColumn) {
  YAML::ParserException e(YAML::Mark(), "some future yaml-cpp message");
  EXPECT_EQ(yaml_fault_reason(e), "la syntaxe YAML est incorrecte (ligne 1, colonne 1)");
  EXPECT_EQ(yaml_fault_line(e), 1);
}

TEST(LoadDataMap, ATabInTheIndentationIsSaidAsSuch) {
  // yaml-cpp reports this one as a map not ended; the text shows the tab.
  EXPECT_EQ(message_of("a:\n  b: 1\n\tc: 2\n"),
            "data/x/y.yaml : YAML illisible (ligne 3 : tabulation dans l'indentation : indentez "
            "avec des espaces, jamais avec des tabulations)");
}

TEST(LoadDataMap, UnreadableYamlSaysWhyInFrench) {
  auto m = message_of("a: [1, 2\n");
  EXPECT_EQ(m, "data/x/y.yaml : YAML illisible (ligne 2 : crochet « [ » non refermé par « ] »)")
      << m;
}

}  // namespace
