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

}  // namespace

TEST(LoadDataMap, TextThatIsNotUtf8IsNamedAtItsLine) {
  EXPECT_EQ(message_of("version: 1\nname: H\xF4pital\n"),
            "data/x/y.yaml:2: le fichier n'est pas en UTF-8 (encodage Windows-1252 ou Latin-1 ?) : "
            "enregistrez-le en UTF-8 puis recommencez");
  EXPECT_EQ(load_data_map("version: 1\nname: Hôpital\n", "data/x/y.yaml")["name"].as<std::string>(),
            "Hôpital");
}
