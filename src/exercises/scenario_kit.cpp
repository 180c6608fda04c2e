#include "exercises/scenario_kit.hpp"

#include <yaml-cpp/yaml.h>

#include "common/data_file.hpp"

#include <set>
#include <stdexcept>

#include "common/errors.hpp"
#include "exercises/validation.hpp"

namespace carepilot::exercises {

namespace scenario_data {
const std::map<std::string_view, std::string_view>& embedded_files();
}

std::map<std::string, ScenarioKit, std::less<>> parse_scenario_kits(const std::string& yaml) {
  auto fail = [](const std::string& why) {
    throw std::invalid_argument("data/exercises/scenarios.yaml : " + why);
  };
  YAML::Node root = load_data_map(yaml, "data/exercises/scenarios.yaml");
  auto keys_in = [&](const YAML::Node& n, const std::set<std::string>& allowed,
                     const std::string& where) {
    if (!n.IsMap()) fail(where + " : un dictionnaire est attendu");
    for (const auto& kv : n) {
      auto k = kv.first.as<std::string>();
      if (!allowed.count(k)) fail(where + " : clé inconnue « " + k + " »");
    }
  };
  keys_in(root, {"schema_version", "kind", "scenarios"}, "racine");
  if (!root["schema_version"] || root["schema_version"].as<std::string>() != "1")
    fail("schema_version 1 attendu");
  if (!root["kind"] || root["kind"].as<std::string>() != "exercise_scenarios")
    fail("kind: exercise_scenarios attendu");
  const auto list = root["scenarios"];
  if (!list || !list.IsSequence()) fail("« scenarios » doit être une liste");
  std::map<std::string, ScenarioKit, std::less<>> out;
  for (const auto& s : list) {
    keys_in(s, {"code", "description", "injects"}, "scénario");
    std::string code = s["code"] ? s["code"].as<std::string>() : "";
    if (code.empty()) fail("scénario sans code");
    const std::string where = "scénario « " + code + " »";
    if (out.count(code)) fail(where + " : cité deux fois");
    ScenarioKit kit;
    kit.description = s["description"] ? s["description"].as<std::string>() : "";
    if (kit.description.empty()) fail(where + " : description absente");
    if (s["injects"]) {
      if (!s["injects"].IsSequence()) fail(where + " : « injects » doit être une liste");
      int last = -1;
      for (const auto& i : s["injects"]) {
        keys_in(i, {"offset_minutes", "title", "description"}, where + ", stimulus");
        InjectInput in;
        in.offset_minutes = i["offset_minutes"] ? i["offset_minutes"].as<std::string>() : "";
        in.title = i["title"] ? i["title"].as<std::string>() : "";
        in.description = i["description"] ? i["description"].as<std::string>() : "";
        try {
          auto checked = validate_inject(in);
          if (checked.offset_minutes < last)
            fail(where + " : stimuli hors de l'ordre chronologique (« " + in.title + " »)");
          last = checked.offset_minutes;
        } catch (const UserError& err) {
          fail(where + ", stimulus « " + in.title + " » : " + err.what());
        }
        kit.injects.push_back(std::move(in));
      }
    }
    out.emplace(code, std::move(kit));
  }
  return out;
}

const ScenarioKit* scenario_kit(std::string_view code) {
  static const auto kits =
      parse_scenario_kits(std::string(scenario_data::embedded_files().at("scenarios.yaml")));
  auto it = kits.find(code);
  return it == kits.end() ? nullptr : &it->second;
}

}  // namespace carepilot::exercises
