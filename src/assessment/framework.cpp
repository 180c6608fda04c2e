#include "assessment/framework.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <set>

namespace carepilot::assessment {

namespace data {
const std::map<std::string_view, std::string_view>& embedded_files();
}

FrameworkError::FrameworkError(const std::string& file, const std::string& path, int line,
                               const std::string& reason)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + path + ": " + reason),
      path_(path) {}

bool Framework::valid_level(int level) const {
  if (level == kNotApplicable) return true;
  return std::any_of(scale.begin(), scale.end(),
                     [level](const ScaleLevel& s) { return s.level == level; });
}

std::string Framework::level_label(int level) const {
  if (level == kNotApplicable) return not_applicable_label;
  for (const auto& s : scale)
    if (s.level == level) return s.label;
  return std::to_string(level);
}

const Requirement* Framework::find(std::string_view requirement_id) const {
  for (const auto& s : sections)
    for (const auto& r : s.requirements)
      if (r.id == requirement_id) return &r;
  return nullptr;
}

const Section* Framework::section_of(std::string_view requirement_id) const {
  for (const auto& s : sections)
    for (const auto& r : s.requirements)
      if (r.id == requirement_id) return &s;
  return nullptr;
}

const Section* Framework::find_section(std::string_view section_id) const {
  for (const auto& s : sections)
    if (s.id == section_id) return &s;
  return nullptr;
}

std::size_t Framework::requirement_count() const {
  std::size_t n = 0;
  for (const auto& s : sections) n += s.requirements.size();
  return n;
}

namespace {

int line_of(const YAML::Node& n) {
  auto m = n.Mark();
  return m.line >= 0 ? m.line + 1 : 0;
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& path,
                         const std::string& reason) const {
    throw FrameworkError(file_, path, line_of(at), reason);
  }

  void keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
            const std::string& path) const {
    if (!map.IsMap()) fail(map, path, "expected a mapping");
    for (const auto& kv : map) {
      auto key = kv.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        fail(kv.first, path + "." + key, "unknown key");
    }
  }

  YAML::Node need(const YAML::Node& map, const char* key, const std::string& path) const {
    auto n = map[key];
    if (!n || n.IsNull()) fail(map, path + "." + key, "missing");
    return n;
  }

  std::string text(const YAML::Node& map, const char* key, const std::string& path,
                   bool required = true) const {
    auto n = map[key];
    if (!n || n.IsNull()) {
      if (required) fail(map, path + "." + key, "missing");
      return {};
    }
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, path + "." + key, "expected a non-empty text");
    return n.Scalar();
  }

  std::string id(const YAML::Node& map, const char* key, const std::string& path) const {
    auto s = text(map, key, path);
    bool ok = s.size() <= 40;
    for (char c : s)
      ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.');
    if (!ok) fail(map[key], path + "." + key, "'" + s + "' is not an identifier (A-Z, 0-9, . - _)");
    return s;
  }

  int integer(const YAML::Node& map, const char* key, const std::string& path) const {
    auto n = need(map, key, path);
    int v = 0;
    if (!n.IsScalar() || !YAML::convert<int>::decode(n, v))
      fail(n, path + "." + key, "expected an integer");
    return v;
  }

  double weight(const YAML::Node& map, const std::string& path) const {
    auto n = map["weight"];
    if (!n || n.IsNull()) return 1.0;
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v))
      fail(n, path + ".weight", "expected a number");
    if (v <= 0) fail(n, path + ".weight", "must be greater than 0");
    return v;
  }

 private:
  std::string file_;
};

}  // namespace

Framework parse_framework(const std::string& yaml_text, const std::string& file) {
  Reader r(file);
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw FrameworkError(file, "(document)", yaml_fault_line(e), yaml_fault_reason(e, yaml_text));
  }
  r.keys(root, {"id", "version", "title", "source", "scale", "not_applicable", "sections"},
         "framework");
  Framework f;
  f.id = r.id(root, "id", "framework");
  f.version = r.integer(root, "version", "framework");
  if (f.version < 1) r.fail(root["version"], "framework.version", "must be 1 or more");
  f.title = r.text(root, "title", "framework");
  f.source = r.text(root, "source", "framework", false);
  if (auto na = r.text(root, "not_applicable", "framework", false); !na.empty())
    f.not_applicable_label = na;

  auto scale = r.need(root, "scale", "framework");
  if (!scale.IsSequence() || scale.size() < 2)
    r.fail(scale, "scale", "expected a list of at least two levels");
  for (std::size_t i = 0; i < scale.size(); ++i) {
    std::string path = "scale[" + std::to_string(i) + "]";
    r.keys(scale[i], {"level", "label"}, path);
    ScaleLevel l;
    l.level = r.integer(scale[i], "level", path);
    l.label = r.text(scale[i], "label", path);
    int expected = i == 0 ? 0 : f.scale.back().level + 1;
    if (i == 0 && l.level != 0) r.fail(scale[i]["level"], path + ".level", "the scale starts at 0");
    if (i > 0 && l.level <= f.scale.back().level)
      r.fail(
          scale[i]["level"], path + ".level",
          "levels must be strictly increasing (expected " + std::to_string(expected) + " or more)");
    f.scale.push_back(l);
  }

  auto sections = r.need(root, "sections", "framework");
  if (!sections.IsSequence() || sections.size() == 0)
    r.fail(sections, "sections", "expected a non-empty list");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    std::string path = "sections[" + std::to_string(i) + "]";
    const auto& sn = sections[i];
    r.keys(sn, {"id", "title", "reference", "weight", "requirements"}, path);
    Section s;
    s.id = r.id(sn, "id", path);
    if (!ids.insert(s.id).second) r.fail(sn["id"], path + ".id", "duplicate id '" + s.id + "'");
    s.title = r.text(sn, "title", path);
    s.reference = r.text(sn, "reference", path, false);
    s.weight = r.weight(sn, path);
    auto reqs = r.need(sn, "requirements", path);
    if (!reqs.IsSequence() || reqs.size() == 0)
      r.fail(reqs, path + ".requirements", "expected a non-empty list");
    for (std::size_t j = 0; j < reqs.size(); ++j) {
      std::string rpath = path + ".requirements[" + std::to_string(j) + "]";
      const auto& rn = reqs[j];
      r.keys(rn, {"id", "title", "reference", "weight", "mandatory", "obligation"}, rpath);
      Requirement q;
      q.id = r.id(rn, "id", rpath);
      if (!ids.insert(q.id).second) r.fail(rn["id"], rpath + ".id", "duplicate id '" + q.id + "'");
      q.title = r.text(rn, "title", rpath);
      q.reference = r.text(rn, "reference", rpath, false);
      q.weight = r.weight(rn, rpath);
      if (auto m = rn["mandatory"]) {
        if (!m.IsScalar() || (m.as<std::string>() != "true" && m.as<std::string>() != "false"))
          r.fail(m, rpath + ".mandatory", "expected true or false");
        q.mandatory = m.as<std::string>() == "true";
      }
      q.obligation = r.text(rn, "obligation", rpath, false);
      s.requirements.push_back(std::move(q));
    }
    f.sections.push_back(std::move(s));
  }
  return f;
}

const std::map<std::string, Framework>& builtin_frameworks() {
  static const std::map<std::string, Framework> all = [] {
    std::map<std::string, Framework> out;
    for (const auto& [name, text] : data::embedded_files()) {
      auto f = parse_framework(std::string(text), "data/" + std::string(name));
      std::string id = f.id;
      out.emplace(id, std::move(f));
    }
    return out;
  }();
  return all;
}

const Framework* find_framework(std::string_view id) {
  const auto& all = builtin_frameworks();
  auto it = all.find(std::string(id));
  return it == all.end() ? nullptr : &it->second;
}

const Framework& default_framework() {
  const auto* f = find_framework("care-priority-objectives");
  if (!f) throw std::runtime_error("framework care-priority-objectives is not embedded");
  return *f;
}

}  // namespace carepilot::assessment
