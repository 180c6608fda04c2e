#include "continuity/rules/scale.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
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

YAML::Node field(const std::string& file, const YAML::Node& parent, const char* key) {
  auto v = parent[key];
  if (!v) bad(file, parent, std::string("champ « ") + key + " » manquant");
  return v;
}

std::string text(const std::string& file, const YAML::Node& parent, const char* key) {
  auto v = field(file, parent, key);
  if (!v.IsScalar() || v.Scalar().empty())
    bad(file, v, std::string("« ") + key + " » : texte attendu");
  return v.Scalar();
}

template <typename T>
T number(const std::string& file, const YAML::Node& parent, const char* key) {
  auto v = field(file, parent, key);
  try {
    if (!v.IsScalar()) throw YAML::Exception(v.Mark(), "");
    return v.as<T>();
  } catch (const YAML::Exception&) {
    bad(file, v, std::string("« ") + key + " » : nombre attendu");
  }
}

YAML::Node list(const std::string& file, const YAML::Node& parent, const char* key) {
  auto v = field(file, parent, key);
  if (!v.IsSequence() || v.size() == 0)
    bad(file, v, std::string("« ") + key + " » : liste attendue");
  return v;
}

}  // namespace

const Horizon* Scale::horizon(const std::string& id) const {
  for (const auto& h : horizons)
    if (h.id == id) return &h;
  return nullptr;
}

const Category* Scale::category(const std::string& id) const {
  for (const auto& c : categories)
    if (c.id == id) return &c;
  return nullptr;
}

const Deadline& Scale::deadline(const std::string& klass) const {
  for (const auto& d : deadlines)
    if (std::find(d.classes.begin(), d.classes.end(), klass) != d.classes.end()) return d;
  return deadlines.back();
}

namespace {
Date date_field(const std::string& file, const YAML::Node& parent, const char* key) {
  auto d = parse_date(text(file, parent, key));
  if (!d) bad(file, parent[key], std::string("« ") + key + " » : date AAAA-MM-JJ attendue");
  return *d;
}
}  // namespace

Scale parse_scale(const std::string& yaml_text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    throw std::invalid_argument(file + ":" + std::to_string(yaml_fault_line(e)) +
                                ": YAML illisible (" + yaml_fault_reason(e, yaml_text) + ")");
  }
  if (!root.IsMap()) throw std::invalid_argument(file + ":1: un dictionnaire est attendu");
  Scale s;
  s.source = text(file, root, "source");
  s.version = number<int>(file, root, "version");

  for (const auto& n : list(file, root, "horizons")) {
    Horizon h{text(file, n, "id"), number<int>(file, n, "hours"), text(file, n, "label")};
    if (h.hours <= 0) bad(file, n, "« hours » : durée positive attendue");
    if (!s.horizons.empty() && h.hours <= s.horizons.back().hours)
      bad(file, n, "horizons : durées strictement croissantes attendues");
    if (s.horizon(h.id)) bad(file, n, "horizon « " + h.id + " » en double");
    s.horizons.push_back(std::move(h));
  }

  for (const auto& n : list(file, root, "levels")) {
    Level l{number<int>(file, n, "level"), text(file, n, "label")};
    const int expected = s.levels.empty() ? 1 : s.levels.back().level + 1;
    if (l.level != expected)
      bad(file, n,
          "niveaux : " + std::to_string(expected) + " attendu (niveaux continus depuis 1)");
    s.levels.push_back(std::move(l));
  }

  s.unacceptable_from = number<int>(file, root, "unacceptable_from");
  if (s.unacceptable_from < s.min_level() || s.unacceptable_from > s.max_level())
    bad(file, root["unacceptable_from"],
        "« unacceptable_from » : un niveau de l'échelle est attendu");

  bool interruption = false, data_loss = false;
  for (const auto& n : list(file, root, "categories")) {
    Category c{text(file, n, "id"), text(file, n, "label"), Measure::interruption, {}};
    const auto measure = text(file, n, "measures");
    if (measure == "interruption") {
      interruption = true;
    } else if (measure == "data_loss") {
      c.measure = Measure::data_loss;
      data_loss = true;
    } else {
      bad(file, n["measures"], "« measures » : interruption ou data_loss attendu");
    }
    const auto defs = list(file, n, "definitions");
    if (defs.size() != s.levels.size())
      bad(file, defs,
          "« definitions » : une définition par niveau attendue (" +
              std::to_string(s.levels.size()) + ")");
    for (const auto& d : defs) {
      if (!d.IsScalar() || d.Scalar().empty()) bad(file, d, "définition vide");
      c.definitions.push_back(d.Scalar());
    }
    if (s.category(c.id)) bad(file, n, "catégorie « " + c.id + " » en double");
    s.categories.push_back(std::move(c));
  }
  if (!interruption) bad(file, root["categories"], "aucune catégorie « interruption » (DMIA)");
  if (!data_loss) bad(file, root["categories"], "aucune catégorie « data_loss » (PDMA)");

  const auto cov = field(file, root, "coverage");
  s.coverage_threshold_percent = number<double>(file, cov, "threshold_percent");
  if (!(s.coverage_threshold_percent > 0 && s.coverage_threshold_percent <= 100))
    bad(file, cov["threshold_percent"],
        "« threshold_percent » : pourcentage dans ]0, 100] attendu");
  s.coverage_source = text(file, cov, "source");

  for (const auto& n : list(file, root, "deadlines")) {
    Deadline d;
    const auto classes = field(file, n, "classes");
    if (!classes.IsSequence()) bad(file, classes, "« classes » : liste attendue");
    for (const auto& c : classes) d.classes.push_back(c.Scalar());
    d.date = date_field(file, n, "date");
    if (n["label"]) d.label = n["label"].Scalar();
    s.deadlines.push_back(std::move(d));
  }
  if (s.deadlines.empty() || !s.deadlines.back().classes.empty())
    bad(file, root["deadlines"], "« deadlines » : la dernière échéance vaut pour tout service");
  s.validated_on_not_before = date_field(file, root, "validated_on_not_before");
  s.plan_validated_on_not_before = date_field(file, root, "plan_validated_on_not_before");
  return s;
}

const Scale& default_scale() {
  static const Scale scale = [] {
    const auto& files = data_files::embedded_files();
    auto it = files.find("bia.yaml");
    if (it == files.end()) throw std::runtime_error("data/continuity/bia.yaml absent du programme");
    return parse_scale(std::string(it->second), "data/continuity/bia.yaml");
  }();
  return scale;
}

}  // namespace carepilot::continuity
