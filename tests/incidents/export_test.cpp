// A stage's exports (issue 19 trial): the JSON to paste or attach follows the official form
// (its sections and French labels, in the form's order), the API's JSON unchanged; the PDF's
// footer is whole, even when the establishment's name and the incident's title are long.
#include <gtest/gtest.h>

#include <regex>

#include "incidents/report/declaration_export.hpp"
#include "outputs.hpp"

using namespace carepilot;
using namespace carepilot::incidents;

namespace {

Incident export_incident(const std::string& title) {
  Incident inc;
  inc.id = 12;
  inc.finess = "750712184";
  inc.title = title;
  inc.status = "contained";
  Event det;
  det.kind = "detection";
  det.at = 1774744200;  // 29/03/2026 01:30 Paris (winter time)
  inc.events.push_back(det);
  return inc;
}

Declaration export_stage(const std::string& stage, const std::string& handling) {
  Declaration d;
  d.stage = stage;
  d.content = {{"declarant_name", "Claire Martin"},
               {"observed_at", "2026-03-29"},
               {"perimeter", "Imagerie"},
               {"handling_status", handling}};
  d.submitted_at = "2026-03-29T07:00:00Z";
  d.portal_reference = "CS-2026-0042";
  d.digest = "abc";
  return d;
}

std::string export_squeezed(const std::string& text) {
  return std::regex_replace(text, std::regex("\\s+"), " ");
}

}  // namespace

TEST(IncidentsExport, TheJsonToPasteFollowsTheOfficialForm) {
  const auto inc = export_incident("Rançongiciel sur le PACS");
  const auto initial = export_stage("initial", "Serveur isolé");
  auto j = declaration_form_json(inc, "CH Paris", initial);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"Formulaire", "Étape", "État", "Transmise le",
                                            "Référence du portail", "Empreinte SHA-256",
                                            "Structure et déclarant", "Description de l'incident",
                                            "Impacts", "Causes, si elles sont connues"}));
  EXPECT_EQ(j["Étape"], "déclaration initiale");
  EXPECT_EQ(j["État"], "transmise");
  EXPECT_EQ(j["Transmise le"], "29/03/2026 à 09 h 00");
  const auto& who = j["Structure et déclarant"];
  EXPECT_EQ(who["Établissement"], "CH Paris");
  EXPECT_EQ(who["FINESS"], "750712184");
  EXPECT_EQ(who["Nom du déclarant"], "Claire Martin");
  EXPECT_EQ(who["Fonction du déclarant"], "");  // every field of the form, empty or not
  const auto& what = j["Description de l'incident"];
  EXPECT_EQ(what["Incident"], "Rançongiciel sur le PACS");
  EXPECT_EQ(what["Détection"], "29/03/2026 à 01 h 30");
  EXPECT_EQ(what["Date de constatation"], "29/03/2026");  // French dates
  EXPECT_EQ(what["État de la prise en charge"], "Serveur isolé");
  // In the form's order.
  std::vector<std::string> fields;
  for (const auto& [k, v] : what.items()) fields.push_back(k);
  EXPECT_EQ(fields, (std::vector<std::string>{"Incident", "Détection", "Date de constatation",
                                              "Périmètre concerné", "Systèmes concernés",
                                              "Données concernées", "État de la prise en charge"}));
  EXPECT_TRUE(j["Impacts"].contains("Impacts sur les données"));
  EXPECT_FALSE(j.contains("sections"));  // none of the API's names
  EXPECT_FALSE(j.contains("Changements depuis la déclaration initiale"));

  // A later stage: what changed, in words.
  auto fin = export_stage("final", "Clos");
  fin.submitted_at.clear();
  auto k = declaration_form_json(inc, "CH Paris", fin, &initial);
  EXPECT_EQ(k["État"], "brouillon, non transmise");
  EXPECT_FALSE(k.contains("Transmise le"));
  const auto& changes = k["Changements depuis la déclaration initiale"];
  ASSERT_EQ(changes.size(), 1u) << k.dump(2);
  EXPECT_EQ(changes[0]["Rubrique"], "État de la prise en charge");
  EXPECT_EQ(changes[0]["Changement"], "rubrique modifiée");
  EXPECT_EQ(changes[0]["Avant"], "Serveur isolé");
  EXPECT_EQ(changes[0]["Après"], "Clos");

  // The API's JSON keeps its names.
  auto api = declaration_json(inc, "CH Paris", initial);
  EXPECT_EQ(api["sections"][0]["id"], "declarant");
  EXPECT_EQ(api["sections"][0]["fields"]["declarant_name"], "Claire Martin");
}

// The footer (establishment — incident — page n / N) was drawn right-aligned from its width: a
// long one started left of the page's edge and lost its beginning.
TEST(IncidentsExport, ThePdfFooterIsWholeEvenWhenLong) {
  const std::string name =
      "Centre hospitalier intercommunal des Deux Vallées et du Pays de la Loire Atlantique";
  const auto inc = export_incident(
      "Rançongiciel sur le serveur de fichiers et les partages administratifs de la direction "
      "des soins infirmiers");
  const auto text = export_squeezed(
      carepilot::testing::pdf_text(declaration_pdf(inc, name, export_stage("initial", "Isolé"))));
  const std::regex footer(
      "Centre hospitalier intercommunal des Deux Vallées et du Pays de la Loire Atlantique — "
      "Rançongiciel sur le serveur de fichiers et les partages administratifs de la direction "
      "des soins infirmiers — page 1 / [0-9]+");
  EXPECT_TRUE(std::regex_search(text, footer)) << text;
  // A short footer is unchanged.
  const auto short_text = export_squeezed(carepilot::testing::pdf_text(
      declaration_pdf(export_incident("Panne"), "CH Paris", export_stage("initial", "Isolé"))));
  EXPECT_TRUE(std::regex_search(short_text, std::regex("CH Paris — Panne — page 1 / [0-9]+")))
      << short_text;
}
