// data/identification: the shipped file loads; a wrong file is refused with FILE:LINE: reason.
#include <gtest/gtest.h>

#include "identification/data.hpp"

using namespace carepilot::identification;

namespace {

const char* kGood = R"(schema_version: 1
kind: identification
source: "test"
eidas_levels:
  - {id: faible, label: "faible"}
  - {id: substantiel, label: "substantiel"}
  - {id: eleve, label: "élevé"}
means:
  - {id: password, label: "Mot de passe", eidas: faible, ans_issued: false, two_factor: false}
populations:
  - {id: doctors, label: "Médecins"}
access_kinds:
  - {id: application, label: "Application"}
locations:
  - {id: local, label: "local"}
  - {id: remote, label: "à distance"}
rules:
  - {id: r, requirement: two_factor, locations: [remote], text: "t", source: "s"}
homologation_decisions:
  - {id: favourable, label: "favorable", counts: true}
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

std::string refusal(const std::string& text) {
  try {
    load_data("f.yaml", text);
  } catch (const DataError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(IdentificationData, TheShippedFileLoads) {
  const auto& d = embedded_data();
  EXPECT_GE(d.means.size(), 7u);
  ASSERT_NE(d.find_means("cps"), nullptr);
  EXPECT_TRUE(d.find_means("cps")->ans_issued);
  EXPECT_EQ(d.find_means("cps")->eidas, Eidas::eleve);
  EXPECT_FALSE(d.find_means("password")->two_factor);
  EXPECT_NE(d.find_population("providers"), nullptr);
  EXPECT_NE(d.find_access_kind("admin_console"), nullptr);
  EXPECT_EQ(d.rules.size(), 3u);
}

TEST(IdentificationData, AGoodFileLoads) {
  auto d = load_data("f.yaml", kGood);
  EXPECT_EQ(d.means.size(), 1u);
}

TEST(IdentificationData, WrongFilesAreRefusedWithTheirLine) {
  EXPECT_EQ(refusal(replaced(kGood, "eidas: faible, ans", "eidas: moyen, ans")),
            "f.yaml:9: moyen « password » : eidas : niveau eIDAS inconnu « moyen » (faible, "
            "substantiel ou eleve)");
  EXPECT_EQ(refusal(replaced(kGood, "requirement: two_factor", "requirement: three_factors")),
            "f.yaml:18: règle « r » : exigence inconnue « three_factors » (two_factor ou "
            "approved_means)");
  EXPECT_EQ(refusal(replaced(kGood, "locations: [remote]", "locations: [moon]")),
            "f.yaml:18: règle « r » : lieu inconnu « moon »");
  EXPECT_EQ(refusal(replaced(kGood, "schema_version: 1", "schema_version: 2")),
            "f.yaml:1: schema_version 2 non prise en charge (1 attendue)");
  EXPECT_NE(
      refusal(replaced(kGood, "two_factor: false}", "two_factor: peut-être}")).find("f.yaml:9: "),
      std::string::npos);
  EXPECT_NE(refusal(std::string(kGood) + "extra: 1\n").find("clé inconnue « extra »"),
            std::string::npos);
  EXPECT_NE(refusal("means: [").find("f.yaml:"), std::string::npos);
}

}  // namespace
