// Builds lines of the FINESS open-data layout (CSV extract) and documents of the JSON
// Structures flux (schema-structures-v1) for tests.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "registry/demo.hpp"

namespace carepilot::testing {

// A "structureet" line with 32 fields.
inline std::string structureet(const std::string& et, const std::string& ej, const std::string& rs,
                               const std::string& dept, const std::string& categetab = "106",
                               const std::string& categagretab = "1102",
                               const std::string& acheminement = "75013 PARIS") {
  std::vector<std::string> f(32);
  f[0] = "structureet";
  f[1] = et;
  f[2] = ej;
  f[3] = rs;
  f[4] = rs + " LONG";
  f[12] = "056";
  f[13] = dept;
  f[14] = "DEPARTEMENT";
  f[15] = acheminement;
  f[18] = categetab;
  f[20] = categagretab;
  f[28] = "1990-01-01";
  std::string line;
  for (std::size_t i = 0; i < f.size(); ++i) line += (i ? ";" : "") + f[i];
  return line + "\n";
}

// A valid FINESS number for department `dept` (2 digits) and sequence `n`.
inline std::string finess_for(const std::string& dept, int n) {
  char body[16];
  std::snprintf(body, sizeof body, "%s%06d", dept.c_str(), n % 1000000);
  return registry::with_luhn_key(body);
}

// One entité géographique of the JSON Structures flux, under the legal entity `ej`.
struct EgeSpec {
  std::string et, ej, name, cog;
  std::string categ = "106";
  std::string state = "A";  // etatObjet: A active, I closed
  std::string acheminement = "BOURG EN BRESSE";
};

// An "ege" item as the flux writes it (informationsGeneralesEGE, category, address, state).
inline nlohmann::json ege_json(const EgeSpec& e) {
  nlohmann::json addr = {{"usageAdresse", "03"},
                         {"cogCommune", e.cog},
                         {"ligneAcheminement", e.acheminement},
                         {"codePostal", e.cog}};
  return {{"informationsGeneralesEGE",
           {{"egeId", "1"},
            {"dateOuverture", "1990-01-01"},
            {"datePremiereAutorisation", "1990-01-01"},
            {"nomEgeCourt", e.name.substr(0, 20)},
            {"nomEgeLong", e.name},
            {"numFinessEge", e.et}}},
          {"categorieentiteGeographiqueExercice", e.categ},
          {"adresse", nlohmann::json::array({addr})},
          {"etatObjet", e.state},
          {"dateDerniereMaj", "2025-10-21 19:19:05"}};
}

// A whole flux: one "pmej" per distinct legal entity, in order of first appearance, with
// its entités géographiques; "gcc"/"gco" present and empty.
inline nlohmann::json structures_flux(const std::vector<EgeSpec>& eges) {
  nlohmann::json pmej = nlohmann::json::array();
  std::vector<std::string> order;
  for (const auto& e : eges) {
    std::size_t k = 0;
    while (k < order.size() && order[k] != e.ej) ++k;
    if (k == order.size()) {
      order.push_back(e.ej);
      pmej.push_back({{"informationsGeneralesPMEJ",
                       {{"pmSmsseId", std::to_string(k + 1)},
                        {"dateCreation", "1990-01-01"},
                        {"denominationLonguePmSmsse", "EJ " + e.ej},
                        {"denominationPm", "EJ " + e.ej},
                        {"numFinessPm", e.ej},
                        {"statutJuridique", "21"},
                        {"typePersonneMorale", "01"}}},
                      {"adresse", nlohmann::json::array()},
                      {"evenement", nlohmann::json::array()},
                      {"ege", nlohmann::json::array()},
                      {"etatObjet", "A"},
                      {"dateDerniereMaj", "2025-10-21 19:19:05"}});
    }
    pmej[k]["ege"].push_back(ege_json(e));
  }
  return {{"schemaVersion", "v1.0.0"},
          {"generatedAt", "2026-03-09T15:49:37Z"},
          {"gcc", nlohmann::json::array()},
          {"gco", nlohmann::json::array()},
          {"pmej", pmej}};
}

}  // namespace carepilot::testing
