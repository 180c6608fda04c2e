#include "continuity/rules/restore_limits.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <map>
#include <stdexcept>
#include <string_view>

namespace carepilot::continuity {

namespace data_files {
const std::map<std::string_view, std::string_view>& embedded_files();
}  // namespace data_files

namespace {

[[noreturn]] void bad(const std::string& file, const YAML::Node& at, const std::string& why) {
  const int line = at.IsDefined() ? at.Mark().line + 1 : 0;
  throw std::invalid_argument(file + ":" + std::to_string(line > 0 ? line : 1) + ": " + why);
}

}  // namespace

RestoreLimits parse_restore_limits(const std::string& yaml_text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(file + ":" + std::to_string(yaml_fault_line(e)) + ": " +
                                yaml_fault_reason(e, yaml_text));
  }
  if (!root.IsMap()) throw std::invalid_argument(file + ":1: document YAML attendu");
  RestoreLimits out;
  const auto source = root["source"];
  if (!source || !source.IsScalar() || source.Scalar().empty())
    bad(file, root, "champ « source » manquant");
  out.source = source.Scalar();
  const auto max = root["max_hours"];
  if (!max) bad(file, root, "champ « max_hours » manquant");
  try {
    if (!max.IsScalar()) throw YAML::Exception(max.Mark(), "");
    out.max_hours = max.as<double>();
  } catch (const YAML::Exception&) {
    bad(file, max, "« max_hours » : nombre attendu");
  }
  if (!(out.max_hours > 0)) bad(file, max, "« max_hours » : nombre d'heures supérieur à 0 attendu");
  return out;
}

const RestoreLimits& default_restore_limits() {
  static const RestoreLimits limits = [] {
    const auto& files = data_files::embedded_files();
    auto it = files.find("restore_tests.yaml");
    if (it == files.end())
      throw std::runtime_error("data/continuity/restore_tests.yaml absent du programme");
    return parse_restore_limits(std::string(it->second), "data/continuity/restore_tests.yaml");
  }();
  return limits;
}

}  // namespace carepilot::continuity
