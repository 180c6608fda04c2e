#include "incidents/rules/catalog.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

#include "common/labels.hpp"
#include "incidents/rules/yaml_read.hpp"
#include "registry/catalog.hpp"

namespace carepilot::incidents {

namespace data_files {
const std::map<std::string_view, std::string_view>& embedded_files();
}  // namespace data_files

namespace catalog_detail {

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

int integer(const std::string& file, const YAML::Node& parent, const char* key) {
  auto v = field(file, parent, key);
  try {
    if (!v.IsScalar()) throw YAML::Exception(v.Mark(), "");
    return v.as<int>();
  } catch (const YAML::Exception&) {
    bad(file, v, std::string("« ") + key + " » : nombre entier attendu");
  }
}

bool flag(const std::string& file, const YAML::Node& parent, const char* key) {
  auto v = parent[key];
  if (!v) return false;
  try {
    if (!v.IsScalar()) throw YAML::Exception(v.Mark(), "");
    return v.as<bool>();
  } catch (const YAML::Exception&) {
    bad(file, v, std::string("« ") + key + " » : true ou false attendu");
  }
}

YAML::Node list(const std::string& file, const YAML::Node& parent, const char* key) {
  auto v = field(file, parent, key);
  if (!v.IsSequence() || v.size() == 0)
    bad(file, v, std::string("« ") + key + " » : liste attendue");
  return v;
}

std::vector<std::string> codes(const std::string& file, const YAML::Node& parent, const char* key) {
  std::vector<std::string> out;
  for (const auto& n : list(file, parent, key)) {
    if (!n.IsScalar() || n.Scalar().empty())
      bad(file, n, std::string("« ") + key + " » : code attendu");
    if (std::find(out.begin(), out.end(), n.Scalar()) != out.end())
      bad(file, n, "code « " + n.Scalar() + " » en double");
    out.push_back(n.Scalar());
  }
  return out;
}

YAML::Node root_of(const std::string& yaml_text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    throw std::invalid_argument(file + ":" + std::to_string(yaml_fault_line(e)) +
                                ": YAML illisible (" + yaml_fault_reason(e, yaml_text) + ")");
  }
  if (!root.IsMap()) throw std::invalid_argument(file + ":1: un dictionnaire est attendu");
  return root;
}

std::string embedded(std::string_view name) {
  const auto& files = data_files::embedded_files();
  auto it = files.find(name);
  if (it == files.end())
    throw std::runtime_error("data/incidents/" + std::string(name) + " absent du programme");
  return std::string(it->second);
}

}  // namespace catalog_detail

bool Dimension::allows(const std::string& value) const {
  if (!matrix) return std::find(values.begin(), values.end(), value) != values.end();
  const auto dot = value.find('.');
  if (dot == std::string::npos) return false;
  return category(value.substr(0, dot)) != nullptr &&
         std::find(criteria.begin(), criteria.end(), value.substr(dot + 1)) != criteria.end();
}

const MatrixCategory* Dimension::category(const std::string& id) const {
  for (const auto& c : categories)
    if (c.id == id) return &c;
  return nullptr;
}

const EventType* Catalog::event(const std::string& id) const {
  for (const auto& e : events)
    if (e.id == id) return &e;
  return nullptr;
}

const Dimension* Catalog::dimension(const std::string& id) const {
  for (const auto& d : dimensions)
    if (d.id == id) return &d;
  return nullptr;
}

const NationalFigure* NationalFigures::year(int y) const {
  for (const auto& f : figures)
    if (f.year == y) return &f;
  return nullptr;
}

Catalog parse_catalog(const std::string& yaml_text, const std::string& file) {
  using namespace catalog_detail;
  auto root = root_of(yaml_text, file);
  Catalog c;
  c.source = text(file, root, "source");
  c.version = integer(file, root, "version");
  if (root["clock_skew"]) {
    const auto k = root["clock_skew"];
    c.clock_skew_minutes = integer(file, k, "minutes");
    c.clock_skew_rationale = text(file, k, "rationale");
    if (c.clock_skew_minutes < 0 || c.clock_skew_minutes > 60)
      bad(file, k, "« clock_skew.minutes » : entre 0 et 60 minutes");
  }

  const auto events = list(file, root, "event_types");
  for (const auto& n : events) {
    EventType e;
    e.id = text(file, n, "id");
    e.unique = flag(file, n, "unique");
    e.before_detection = flag(file, n, "before_detection");
    e.per_service = flag(file, n, "per_service");
    e.automatic = flag(file, n, "automatic");
    e.legacy = flag(file, n, "legacy");
    if (n["ends"]) e.ends = text(file, n, "ends");
    if (c.event(e.id)) bad(file, n, "événement « " + e.id + " » en double");
    c.events.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < c.events.size(); ++i) {
    const auto& e = c.events[i];
    if (!e.ends.empty() && (!c.event(e.ends) || e.ends == e.id))
      bad(file, events[i]["ends"], "« ends » : événement « " + e.ends + " » inconnu");
  }
  for (const char* needed : {"detection", "occurred", "degraded_start", "degraded_end",
                             "services_restored", "declaration_submitted"})
    if (!c.event(needed))
      bad(file, events,
          std::string("événement « ") + needed + " » manquant (le calcul des durées en a besoin)");

  for (const auto& n : list(file, root, "dimensions")) {
    Dimension d;
    d.id = text(file, n, "id");
    const auto kind = text(file, n, "kind");
    if (kind == "single") {
      d.values = codes(file, n, "values");
    } else if (kind == "matrix") {
      d.matrix = true;
      for (const auto& cat : list(file, n, "categories")) {
        MatrixCategory mc{text(file, cat, "id"), flag(file, cat, "personal")};
        if (d.category(mc.id)) bad(file, cat, "catégorie « " + mc.id + " » en double");
        d.categories.push_back(std::move(mc));
      }
      d.criteria = codes(file, n, "criteria");
    } else {
      bad(file, n["kind"], "« kind » : single ou matrix attendu");
    }
    if (c.dimension(d.id)) bad(file, n, "dimension « " + d.id + " » en double");
    c.dimensions.push_back(std::move(d));
  }

  for (const auto& n : list(file, root, "deadlines")) {
    Deadline d;
    d.id = text(file, n, "id");
    d.done_by = text(file, n, "done_by");
    if (!c.event(d.done_by))
      bad(file, n["done_by"], "« done_by » : événement « " + d.done_by + " » inconnu");
    const bool without_delay = flag(file, n, "without_delay");
    if (n["within_hours"]) {
      if (without_delay) bad(file, n, "within_hours ou without_delay, pas les deux");
      d.within_hours = integer(file, n, "within_hours");
      if (*d.within_hours <= 0)
        bad(file, n["within_hours"], "« within_hours » : durée positive attendue");
    } else if (!without_delay) {
      bad(file, n, "within_hours ou without_delay attendu");
    }
    if (auto w = n["applies_when"]) {
      if (!w.IsMap()) bad(file, w, "« applies_when » : dictionnaire attendu");
      Condition cond{text(file, w, "dimension"), flag(file, w, "personal")};
      const auto* dim = c.dimension(cond.dimension);
      if (!dim || !dim->matrix)
        bad(file, w["dimension"],
            "« dimension » : dimension en tableau (matrix) attendue, « " + cond.dimension +
                " » ne l'est pas");
      if (!cond.personal) bad(file, w, "« personal: true » attendu (seule condition connue)");
      d.applies_when = cond;
    }
    d.source = text(file, n, "source");
    if (!n["verified"]) bad(file, n, "champ « verified » manquant");
    d.verified = flag(file, n, "verified");
    for (const auto& other : c.deadlines)
      if (other.id == d.id) bad(file, n, "échéance « " + d.id + " » en double");
    c.deadlines.push_back(std::move(d));
  }
  return c;
}

NationalFigures parse_national_figures(const std::string& yaml_text, const std::string& file) {
  using namespace catalog_detail;
  auto root = root_of(yaml_text, file);
  NationalFigures f;
  f.source = text(file, root, "source");
  for (const auto& n : list(file, root, "figures")) {
    NationalFigure x{integer(file, n, "year"), integer(file, n, "count"), text(file, n, "source")};
    if (n["verified"]) x.verified = flag(file, n, "verified");
    if (x.year < 2000 || x.year > 2100) bad(file, n["year"], "« year » : année attendue");
    if (x.count < 0) bad(file, n["count"], "« count » : nombre positif attendu");
    if (!f.figures.empty() && x.year <= f.figures.back().year)
      bad(file, n, "années strictement croissantes attendues");
    f.figures.push_back(std::move(x));
  }
  if (auto totals = root["totals"]) {
    if (!totals.IsSequence()) bad(file, totals, "« totals » : liste attendue");
    for (const auto& t : totals) {
      int sum = 0;
      for (const auto& y : list(file, t, "years")) {
        int year = 0;
        try {
          year = y.as<int>();
        } catch (const YAML::Exception&) {
          bad(file, y, "« years » : année attendue");
        }
        const auto* fig = f.year(year);
        if (!fig) bad(file, y, "année " + std::to_string(year) + " absente de « figures »");
        sum += fig->count;
      }
      const int total = integer(file, t, "count");
      text(file, t, "source");
      if (sum != total)
        bad(file, t["count"],
            "total " + std::to_string(total) + " différent de la somme des années (" +
                std::to_string(sum) + ")");
    }
  }
  return f;
}

const Catalog& default_catalog() {
  static const Catalog c =
      parse_catalog(catalog_detail::embedded("register.yaml"), "data/incidents/register.yaml");
  return c;
}

const NationalFigures& default_national_figures() {
  static const NationalFigures f = parse_national_figures(
      catalog_detail::embedded("national_figures.yaml"), "data/incidents/national_figures.yaml");
  return f;
}

std::string label(const std::string& table, const std::string& code) {
  if (table == "data") {
    const auto dot = code.find('.');
    if (dot != std::string::npos)
      return code_label("incident_data." + code.substr(0, dot)) + " — " +
             code_label("incident_criterion." + code.substr(dot + 1));
  }
  return code_label("incident_" + table + "." + code);
}

std::string service_label(const std::string& code) {
  if (const auto* s = registry::Catalog::builtin().service(code)) return s->label;
  return code_label(code);
}

std::vector<std::string> label_keys(const Catalog& c) {
  std::vector<std::string> out;
  for (const auto& e : c.events) out.push_back("incident_event." + e.id);
  for (const auto& d : c.dimensions) {
    out.push_back("incident_dimension." + d.id);
    for (const auto& v : d.values) out.push_back("incident_" + d.id + "." + v);
    for (const auto& cat : d.categories) out.push_back("incident_" + d.id + "." + cat.id);
    for (const auto& cr : d.criteria) out.push_back("incident_criterion." + cr);
  }
  for (const auto& d : c.deadlines) out.push_back("incident_deadline." + d.id);
  return out;
}

}  // namespace carepilot::incidents
