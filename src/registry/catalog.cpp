#include "registry/catalog.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <map>
#include <stdexcept>
#include <string_view>

namespace carepilot::registry {
const std::map<std::string_view, std::string_view>& embedded_files();

namespace {

[[noreturn]] void fail(const std::string& file, const YAML::Node& n, const std::string& why) {
  throw std::runtime_error(file + ":" + std::to_string(n.Mark().line + 1) + ": " + why);
}

std::string req(const std::string& file, const YAML::Node& n, const char* key) {
  auto v = n[key];
  if (!v || !v.IsScalar() || v.Scalar().empty())
    fail(file, n, std::string("champ obligatoire manquant: ") + key);
  return v.Scalar();
}

template <typename T>
const T* find_code(const std::vector<T>& v, const std::string& code) {
  auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return x.code == code; });
  return it == v.end() ? nullptr : &*it;
}

}  // namespace

Catalog Catalog::parse(const std::string& regions_yaml, const std::string& establishments_yaml) {
  Catalog c;
  const std::string rf = "data/catalog/regions.yaml", ef = "data/catalog/establishments.yaml";
  YAML::Node r, e;
  try {
    r = YAML::Load(regions_yaml);
  } catch (const YAML::Exception& ex) {
    throw std::runtime_error(rf + ":" + std::to_string(yaml_fault_line(ex)) + ": " +
                             yaml_fault_reason(ex, regions_yaml));
  }
  try {
    e = YAML::Load(establishments_yaml);
  } catch (const YAML::Exception& ex) {
    throw std::runtime_error(ef + ":" + std::to_string(yaml_fault_line(ex)) + ": " +
                             yaml_fault_reason(ex, establishments_yaml));
  }
  if (!r["regions"] || !r["regions"].IsSequence()) fail(rf, r, "liste 'regions' absente");
  for (const auto& n : r["regions"]) {
    Region reg{req(rf, n, "code"), req(rf, n, "name")};
    if (find_code(c.regions_, reg.code)) fail(rf, n, "région en double: " + reg.code);
    if (!n["departments"] || !n["departments"].IsSequence())
      fail(rf, n, "liste 'departments' absente");
    for (const auto& d : n["departments"]) {
      Department dep{req(rf, d, "code"), req(rf, d, "name"), reg.code,
                     d["number"] ? req(rf, d, "number") : std::string()};
      if (dep.number.empty()) dep.number = dep.code;
      if (find_code(c.departments_, dep.code)) fail(rf, d, "département en double: " + dep.code);
      c.departments_.push_back(dep);
    }
    c.regions_.push_back(reg);
  }
  if (!e["types"] || !e["types"].IsSequence()) fail(ef, e, "liste 'types' absente");
  for (const auto& n : e["types"]) {
    EstablishmentType t{req(ef, n, "code"), req(ef, n, "label"), req(ef, n, "category")};
    if (t.category != "sanitaire" && t.category != "medico_social")
      fail(ef, n, "catégorie inconnue: " + t.category);
    if (find_code(c.types_, t.code)) fail(ef, n, "type en double: " + t.code);
    c.types_.push_back(t);
  }
  if (!e["services"] || !e["services"].IsSequence()) fail(ef, e, "liste 'services' absente");
  static const std::vector<std::string> classes{"critique", "medico_technique", "soins",
                                                "administratif"};
  for (const auto& n : e["services"]) {
    Service s{req(ef, n, "code"), req(ef, n, "label"), req(ef, n, "class")};
    if (std::find(classes.begin(), classes.end(), s.klass) == classes.end())
      fail(ef, n, "classe de service inconnue: " + s.klass);
    if (find_code(c.services_, s.code)) fail(ef, n, "service en double: " + s.code);
    c.services_.push_back(s);
  }
  if (e["finess_categories"]) {
    for (const auto& n : e["finess_categories"]) {
      auto type = req(ef, n, "type");
      if (!find_code(c.types_, type)) fail(ef, n, "type inconnu: " + type);
      c.finess_types_[req(ef, n, "categetab")] = type;
    }
  }
  if (e["finess_perimeter"]) {
    for (const auto& n : e["finess_perimeter"]) {
      auto type = req(ef, n, "type");
      if (type == "none")
        type.clear();
      else if (!find_code(c.types_, type))
        fail(ef, n, "type inconnu: " + type);
      c.finess_perimeter_[req(ef, n, "categagretab_prefix")] = type;
    }
  }
  if (e["finess_category_aggregates"]) {
    for (const auto& n : e["finess_category_aggregates"]) {
      auto categ = req(ef, n, "categetab");
      if (!c.finess_aggregates_.emplace(categ, req(ef, n, "categagretab")).second)
        fail(ef, n, "catégorie en double: " + categ);
    }
  }
  return c;
}

const Catalog& Catalog::builtin() {
  static const Catalog c = [] {
    const auto& files = embedded_files();
    return parse(std::string(files.at("regions.yaml")),
                 std::string(files.at("establishments.yaml")));
  }();
  return c;
}

const Region* Catalog::region(const std::string& code) const {
  return find_code(regions_, code);
}
const Department* Catalog::department(const std::string& code) const {
  return find_code(departments_, code);
}
const EstablishmentType* Catalog::type(const std::string& code) const {
  return find_code(types_, code);
}
const Service* Catalog::service(const std::string& code) const {
  return find_code(services_, code);
}

const Department* Catalog::department_by_code_or_number(const std::string& code) const {
  if (const auto* d = department(code)) return d;
  auto it = std::find_if(departments_.begin(), departments_.end(),
                         [&](const Department& d) { return d.number == code; });
  return it == departments_.end() ? nullptr : &*it;
}

FinessClass Catalog::classify_finess(const std::string& categetab,
                                     const std::string& categagretab) const {
  FinessClass c;
  c.known = !categetab.empty() || !categagretab.empty();
  if (auto it = finess_types_.find(categetab); it != finess_types_.end()) {
    c.type = it->second;
    return c;
  }
  // Longest matching aggregate prefix.
  std::size_t best = 0;
  for (const auto& [prefix, type] : finess_perimeter_) {
    if (prefix.size() > best && categagretab.compare(0, prefix.size(), prefix) == 0) {
      best = prefix.size();
      c.type = type.empty() ? std::nullopt : std::optional<std::string>(type);
    }
  }
  return c;
}

std::string Catalog::finess_aggregate_of(const std::string& categetab) const {
  auto it = finess_aggregates_.find(categetab);
  return it == finess_aggregates_.end() ? std::string() : it->second;
}

std::optional<std::string> Catalog::type_for_finess(const std::string& categetab,
                                                    const std::string& categagretab) const {
  return classify_finess(categetab, categagretab).type;
}

}  // namespace carepilot::registry
