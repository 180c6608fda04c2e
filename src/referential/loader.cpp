#include "referential/loader.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "common/text.hpp"
#include "referential/embedded.hpp"

namespace carepilot::referential {

ReferentialError::ReferentialError(std::string file, int line, std::string reason)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + reason),
      file_(std::move(file)),
      line_(line),
      reason_(std::move(reason)) {}

namespace {

int line_of(const YAML::Node& n) {
  auto m = n.Mark();
  return m.line >= 0 ? m.line + 1 : 0;
}

std::string join(std::initializer_list<std::string_view> words) {
  std::string out;
  for (auto w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

// One file being read: every failure names it.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& reason) const {
    throw ReferentialError(file_, line_of(at), reason);
  }

  // Refuses keys outside `allowed` (catches misspelt keys).
  void keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
            const std::string& what) const {
    if (!map.IsMap()) fail(map, what + ": expected a mapping");
    for (const auto& kv : map) {
      auto key = kv.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        fail(kv.first, what + ": unknown key '" + key + "' (expected " + join(allowed) + ")");
    }
  }

  YAML::Node need(const YAML::Node& map, const char* key, const std::string& what) const {
    auto n = map[key];
    if (!n || n.IsNull()) fail(map, what + ": missing key '" + key + "'");
    return n;
  }

  std::string text(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, what + ": expected a non-empty text");
    return n.Scalar();
  }

  std::string id(const YAML::Node& n, const std::string& what) const {
    auto s = text(n, what);
    for (char c : s)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
        fail(n, what + ": '" + s + "' is not an identifier (a-z, 0-9, '-', '_')");
    return s;
  }

  int integer(const YAML::Node& n, const std::string& what) const {
    int v = 0;
    if (!n.IsScalar() || !YAML::convert<int>::decode(n, v)) fail(n, what + ": expected an integer");
    return v;
  }

  double number(const YAML::Node& n, const std::string& what) const {
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v))
      fail(n, what + ": expected a number");
    return v;
  }

  bool boolean(const YAML::Node& n, const std::string& what) const {
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
      fail(n, what + ": expected true or false");
    return v;
  }

  Date date(const YAML::Node& n, const std::string& what) const {
    auto d = n.IsScalar() ? parse_date(n.Scalar()) : std::nullopt;
    if (!d) fail(n, what + ": expected a date YYYY-MM-DD");
    return *d;
  }

  std::vector<std::string> texts(const YAML::Node& n, const std::string& what) const {
    std::vector<std::string> out;
    if (n.IsScalar()) {
      out.push_back(text(n, what));
    } else if (n.IsSequence()) {
      for (const auto& e : n) out.push_back(text(e, what));
      if (out.empty()) fail(n, what + ": expected at least one value");
    } else {
      fail(n, what + ": expected a text or a list of texts");
    }
    return out;
  }

  std::vector<EvidenceType> types(const YAML::Node& n, const std::string& what) const {
    std::vector<EvidenceType> out;
    auto names = texts(n, what);
    std::size_t i = 0;
    for (const auto& name : names) {
      auto t = evidence_type_from(name);
      if (!t) fail(n.IsSequence() ? n[i] : n, what + ": unknown evidence type '" + name + "'");
      out.push_back(*t);
      ++i;
    }
    return out;
  }

  int field(const YAML::Node& at, EvidenceType type, const std::string& name,
            std::initializer_list<FieldKind> kinds, const std::string& what) const {
    int f = field_index(type, name);
    if (f < 0)
      fail(at, what + ": evidence type " + std::string(evidence_type_name(type)) +
                   " has no field '" + name + "'");
    auto kind = evidence_spec(type).fields[static_cast<std::size_t>(f)].kind;
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
      fail(at, what + ": field '" + name + "' has the wrong kind for this use");
    return f;
  }

 private:
  std::string file_;
};

struct Loading {
  Referential ref;
  struct GroupUse {
    std::string group, file;
    int line;
  };
  std::vector<GroupUse> group_uses;
  std::map<std::string, std::string> obligation_files;  // id -> file:line
};

EvidenceType single_type(const Reader& r, const YAML::Node& at, const Subject& s,
                         const std::string& what) {
  if (s.types.size() != 1)
    r.fail(at, what + ": conditions need a subject of exactly one evidence type");
  return s.types.front();
}

std::vector<Condition> conditions(const Reader& r, const YAML::Node& n, EvidenceType type,
                                  const std::string& what) {
  if (!n.IsMap()) r.fail(n, what + ": 'where' expects a mapping field: value");
  std::vector<Condition> out;
  for (const auto& kv : n) {
    auto name = kv.first.as<std::string>();
    int f = r.field(kv.first, type, name, {FieldKind::boolean, FieldKind::text}, what);
    const auto& spec = evidence_spec(type).fields[static_cast<std::size_t>(f)];
    Condition c;
    c.field = f;
    if (spec.kind == FieldKind::boolean) {
      c.boolean = r.boolean(kv.second, what + ": where." + name);
    } else {
      c.text_in = r.texts(kv.second, what + ": where." + name);
      for (const auto& v : c.text_in)
        if (!spec.allowed.empty() &&
            std::find(spec.allowed.begin(), spec.allowed.end(), v) == spec.allowed.end())
          r.fail(kv.second, what + ": where." + name + ": '" + v + "' is not a value of " +
                                std::string(spec.name));
    }
    out.push_back(std::move(c));
  }
  return out;
}

Ratio ratio(const Reader& r, const YAML::Node& n, EvidenceType type, const std::string& what) {
  Ratio out;
  auto num = r.need(n, "numerator", what);
  for (const auto& name : r.texts(num, what + ": numerator"))
    out.numerator.push_back(
        r.field(num, type, name, {FieldKind::integer, FieldKind::number}, what + ": numerator"));
  auto den = r.need(n, "denominator", what);
  out.denominator = r.field(den, type, r.text(den, what + ": denominator"),
                            {FieldKind::integer, FieldKind::number}, what + ": denominator");
  return out;
}

int subject_ref(const Reader& r, const YAML::Node& n, const Obligation& o,
                const std::string& what) {
  auto id = r.text(n, what + ": subject");
  for (std::size_t i = 0; i < o.subjects.size(); ++i)
    if (o.subjects[i].id == id) return static_cast<int>(i);
  r.fail(n, what + ": unknown subject '" + id + "'");
}

Timing timing(const Reader& r, const YAML::Node& n, const std::string& what) {
  r.keys(n, {"periodicity", "deadline", "window_months"}, what + ": timing");
  Timing t;
  if (n["deadline"]) {
    t.periodicity = Periodicity::fixed;
    t.deadline = r.date(n["deadline"], what + ": timing.deadline");
    if (n["periodicity"] && r.text(n["periodicity"], what) != "fixed")
      r.fail(n["periodicity"], what + ": a deadline goes with periodicity 'fixed' only");
  } else {
    auto p = r.text(r.need(n, "periodicity", what + ": timing"), what + ": periodicity");
    if (p == "yearly")
      t.periodicity = Periodicity::yearly;
    else if (p == "quarterly")
      t.periodicity = Periodicity::quarterly;
    else if (p == "once")
      t.periodicity = Periodicity::once;
    else if (p == "continuous")
      t.periodicity = Periodicity::continuous;
    else
      r.fail(n["periodicity"], what + ": unknown periodicity '" + p +
                                   "' (expected yearly, quarterly, once, continuous, or a "
                                   "deadline)");
  }
  if (n["window_months"]) {
    if (t.periodicity != Periodicity::continuous)
      r.fail(n["window_months"], what + ": window_months goes with periodicity 'continuous'");
    t.window_months = r.integer(n["window_months"], what + ": window_months");
    if (t.window_months < 1 || t.window_months > 120)
      r.fail(n["window_months"], what + ": window_months must be between 1 and 120");
  }
  return t;
}

Subject subject(const Reader& r, const YAML::Node& n, const std::string& what) {
  r.keys(n, {"id", "evidence", "where", "select", "period_field"}, what);
  Subject s;
  s.id = r.id(r.need(n, "id", what), what + ": id");
  auto w = what + " '" + s.id + "'";
  s.types = r.types(r.need(n, "evidence", w), w + ": evidence");
  if (n["where"]) s.where = conditions(r, n["where"], single_type(r, n["where"], s, w), w);
  if (n["select"]) {
    auto sel = r.text(n["select"], w + ": select");
    if (sel == "best")
      s.select = Select::best;
    else if (sel == "latest")
      s.select = Select::latest;
    else
      r.fail(n["select"], w + ": select must be 'best' or 'latest'");
  }
  if (n["period_field"]) {
    auto t = single_type(r, n["period_field"], s, w);
    s.period_field = r.field(n["period_field"], t, r.text(n["period_field"], w),
                             {FieldKind::integer}, w + ": period_field");
  }
  return s;
}

Criterion criterion(const Reader& r, const YAML::Node& n, const Obligation& o, Loading& l,
                    const std::string& what) {
  r.keys(n, {"id", "text", "kind", "subject", "where", "dated", "share", "evidence", "groups"},
         what);
  Criterion c;
  c.id = r.id(r.need(n, "id", what), what + ": id");
  auto w = what + " '" + c.id + "'";
  c.text = r.text(r.need(n, "text", w), w + ": text");
  auto kind = n["kind"] ? r.text(n["kind"], w + ": kind") : std::string("record");
  if (kind == "services") {
    c.kind = CriterionKind::services;
    for (const char* k : {"subject", "where", "dated", "share"})
      if (n[k]) r.fail(n[k], w + ": '" + k + "' does not apply to a services criterion");
    auto types = r.types(r.need(n, "evidence", w), w + ": evidence");
    if (types.size() != 1 || field_index(types[0], "service") < 0)
      r.fail(n["evidence"], w + ": a services criterion needs one evidence type with a service");
    c.evidence = types[0];
    auto g = r.need(n, "groups", w);
    c.groups = r.texts(g, w + ": groups");
    for (const auto& group : c.groups) l.group_uses.push_back({group, r.file(), line_of(g)});
    return c;
  }
  if (kind != "record") r.fail(n["kind"], w + ": kind must be 'record' or 'services'");
  if (n["evidence"] || n["groups"])
    r.fail(n, w + ": 'evidence' and 'groups' belong to a services criterion");
  c.subject = subject_ref(r, r.need(n, "subject", w), o, w);
  const auto& s = o.subjects[static_cast<std::size_t>(c.subject)];
  if (n["where"]) c.where = conditions(r, n["where"], single_type(r, n["where"], s, w), w);
  if (n["dated"]) {
    auto t = single_type(r, n["dated"], s, w);
    for (const auto& name : r.texts(n["dated"], w + ": dated"))
      c.dated.push_back(r.field(n["dated"], t, name, {FieldKind::date}, w + ": dated"));
  }
  if (auto sh = n["share"]) {
    r.keys(sh, {"numerator", "denominator", "min"}, w + ": share");
    c.share = ratio(r, sh, single_type(r, sh, s, w), w + ": share");
    if (sh["min"]) {
      c.share_min = r.number(sh["min"], w + ": share.min");
      if (*c.share_min < 0 || *c.share_min > 1)
        r.fail(sh["min"], w + ": share.min must be between 0 and 1");
    }
  }
  return c;
}

Obligation obligation(const Reader& r, const YAML::Node& n, std::size_t instruction,
                      const Instruction& ins, Loading& l) {
  r.keys(n,
         {"id", "title", "source", "rule", "timing", "target", "subjects", "criteria", "measures",
          "applies_to", "when_no_service"},
         "obligation");
  Obligation o;
  o.id = r.id(r.need(n, "id", "obligation"), "obligation: id");
  auto w = "obligation '" + o.id + "'";
  o.file = r.file();
  o.line = line_of(n);
  o.instruction = instruction;
  o.title = r.text(r.need(n, "title", w), w + ": title");
  o.rule = r.text(r.need(n, "rule", w), w + ": rule");
  auto src = r.need(n, "source", w);
  r.keys(src, {"text", "article"}, w + ": source");
  o.source.text = r.text(r.need(src, "text", w + ": source"), w + ": source.text");
  o.source.article = r.text(r.need(src, "article", w + ": source"), w + ": source.article");
  o.timing = timing(r, r.need(n, "timing", w), w);
  o.applies_to = ins.categories;
  if (n["applies_to"]) {
    o.applies_to.clear();
    for (auto& c : r.texts(n["applies_to"], w + ": applies_to"))
      o.applies_to.push_back(normalize_name(c));
  }
  if (auto t = n["target"]) {
    r.keys(t, {"share_met", "text"}, w + ": target");
    Target target;
    target.share_met = r.number(r.need(t, "share_met", w + ": target"), w + ": target.share_met");
    if (target.share_met < 0 || target.share_met > 1)
      r.fail(t["share_met"], w + ": target.share_met must be between 0 and 1");
    target.text = r.text(r.need(t, "text", w + ": target"), w + ": target.text");
    o.target = target;
  }
  if (auto s = n["subjects"]) {
    if (!s.IsSequence()) r.fail(s, w + ": subjects must be a list");
    for (const auto& e : s) {
      o.subjects.push_back(subject(r, e, w + ": subject"));
      for (std::size_t i = 0; i + 1 < o.subjects.size(); ++i)
        if (o.subjects[i].id == o.subjects.back().id)
          r.fail(e, w + ": duplicate subject '" + o.subjects.back().id + "'");
    }
  }
  auto cs = r.need(n, "criteria", w);
  if (!cs.IsSequence() || cs.size() == 0) r.fail(cs, w + ": criteria must be a non-empty list");
  for (const auto& e : cs) {
    o.criteria.push_back(criterion(r, e, o, l, w + ": criterion"));
    for (std::size_t i = 0; i + 1 < o.criteria.size(); ++i)
      if (o.criteria[i].id == o.criteria.back().id)
        r.fail(e, w + ": duplicate criterion '" + o.criteria.back().id + "'");
  }
  if (auto ms = n["measures"]) {
    if (!ms.IsSequence()) r.fail(ms, w + ": measures must be a list");
    for (const auto& e : ms) {
      r.keys(e, {"id", "subject", "numerator", "denominator"}, w + ": measure");
      Measure m;
      m.id = r.id(r.need(e, "id", w + ": measure"), w + ": measure id");
      m.subject = subject_ref(r, r.need(e, "subject", w + ": measure"), o, w + ": measure");
      const auto& s = o.subjects[static_cast<std::size_t>(m.subject)];
      m.ratio = ratio(r, e, single_type(r, e, s, w + ": measure"), w + ": measure " + m.id);
      o.measures.push_back(std::move(m));
    }
  }
  if (auto ns = n["when_no_service"]) {
    auto v = r.text(ns, w + ": when_no_service");
    if (v != "not_applicable" && v != "met")
      r.fail(ns, w + ": when_no_service must be 'not_applicable' or 'met'");
    o.not_applicable_without_service = v == "not_applicable";
  }
  return o;
}

void load_obligations(const Reader& r, const YAML::Node& root, Loading& l) {
  r.keys(root, {"schema_version", "kind", "instruction", "obligations"}, "file");
  auto in = r.need(root, "instruction", "file");
  r.keys(in, {"id", "version", "title", "short", "in_force_from", "categories", "applies_to"},
         "instruction");
  Instruction ins;
  ins.file = r.file();
  ins.id = r.id(r.need(in, "id", "instruction"), "instruction: id");
  ins.version = r.integer(r.need(in, "version", "instruction"), "instruction: version");
  ins.title = r.text(r.need(in, "title", "instruction"), "instruction: title");
  ins.short_name = in["short"] ? r.text(in["short"], "instruction: short") : ins.id;
  ins.in_force_from =
      r.date(r.need(in, "in_force_from", "instruction"), "instruction: in_force_from");
  for (auto& c : r.texts(r.need(in, "categories", "instruction"), "instruction: categories"))
    ins.categories.push_back(normalize_name(c));
  std::vector<std::string> applies;
  for (auto& c : r.texts(r.need(in, "applies_to", "instruction"), "instruction: applies_to")) {
    applies.push_back(normalize_name(c));
    if (std::find(ins.categories.begin(), ins.categories.end(), applies.back()) ==
        ins.categories.end())
      r.fail(in["applies_to"], "instruction: applies_to names '" + c + "', not a category");
  }
  for (const auto& i : l.ref.instructions)
    if (i.id == ins.id) r.fail(in, "instruction '" + ins.id + "' already defined in " + i.file);
  Instruction applicability = ins;
  applicability.categories = applies;
  l.ref.instructions.push_back(ins);
  auto obs = r.need(root, "obligations", "file");
  if (!obs.IsSequence() || obs.size() == 0) r.fail(obs, "obligations must be a non-empty list");
  for (const auto& n : obs) {
    auto o = obligation(r, n, l.ref.instructions.size() - 1, applicability, l);
    for (const auto& category : o.applies_to)
      if (std::find(ins.categories.begin(), ins.categories.end(), category) == ins.categories.end())
        r.fail(n["applies_to"], "obligation '" + o.id + "': unknown category '" + category + "'");
    auto [it, fresh] = l.obligation_files.emplace(o.id, r.file() + ":" + std::to_string(o.line));
    if (!fresh) r.fail(n, "obligation '" + o.id + "' already defined at " + it->second);
    l.ref.obligations.push_back(std::move(o));
  }
}

void load_services(const Reader& r, const YAML::Node& root, Loading& l) {
  r.keys(root, {"schema_version", "kind", "services"}, "file");
  auto list = r.need(root, "services", "file");
  if (!list.IsSequence()) r.fail(list, "services must be a list");
  for (const auto& n : list) {
    r.keys(n, {"id", "group", "title", "aliases"}, "service");
    Service s;
    s.id = r.id(r.need(n, "id", "service"), "service: id");
    s.group = r.id(r.need(n, "group", "service '" + s.id + "'"), "service: group");
    if (s.group == "all") r.fail(n["group"], "service '" + s.id + "': 'all' is reserved");
    s.title = r.text(r.need(n, "title", "service '" + s.id + "'"), "service: title");
    std::vector<std::string> names{s.id};
    if (n["aliases"])
      for (auto& a : r.texts(n["aliases"], "service '" + s.id + "': aliases"))
        names.push_back(normalize_name(a));
    auto index = l.ref.services.size();
    for (const auto& name : names)
      if (!l.ref.service_names.emplace(name, index).second)
        r.fail(n, "service name '" + name + "' is used twice");
    l.ref.services.push_back(std::move(s));
  }
}

void load_file(const SourceFile& f, Loading& l) {
  Reader r(f.name);
  if (const auto fault = first_invalid_utf8(f.text))
    throw ReferentialError(f.name, static_cast<int>(fault->line), not_utf8_text());
  YAML::Node root;
  try {
    root = YAML::Load(f.text);
  } catch (const YAML::ParserException& e) {
    throw ReferentialError(f.name, yaml_fault_line(e),
                           "YAML illisible : " + yaml_fault_reason(e, f.text));
  }
  if (!root.IsMap()) throw ReferentialError(f.name, 1, "expected a mapping at the top");
  try {
    auto v = r.integer(r.need(root, "schema_version", "file"), "schema_version");
    if (v != kSchemaVersion)
      r.fail(root["schema_version"], "schema_version " + std::to_string(v) +
                                         " is not supported (expected " +
                                         std::to_string(kSchemaVersion) + ")");
    if (l.ref.schema_version == 0) l.ref.schema_version = v;
    auto kind = r.text(r.need(root, "kind", "file"), "kind");
    if (kind == "obligations")
      load_obligations(r, root, l);
    else if (kind == "services")
      load_services(r, root, l);
    else
      r.fail(root["kind"], "unknown kind '" + kind + "' (expected obligations or services)");
  } catch (const YAML::Exception& e) {
    throw ReferentialError(f.name, e.mark.line + 1, e.msg);
  }
}

}  // namespace

Referential load_referential(const std::vector<SourceFile>& files) {
  Loading l;
  for (const auto& f : files) load_file(f, l);
  if (l.ref.obligations.empty())
    throw ReferentialError(files.empty() ? std::string("(no file)") : files.front().name, 0,
                           "no obligations defined");
  for (const auto& use : l.group_uses) {
    if (use.group == "all") continue;
    bool known = std::any_of(l.ref.services.begin(), l.ref.services.end(),
                             [&](const Service& s) { return s.group == use.group; });
    if (!known)
      throw ReferentialError(use.file, use.line,
                             "service group '" + use.group + "' has no service in the catalogue");
  }
  return std::move(l.ref);
}

Referential load_referential_dir(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto base = fs::is_directory(dir / "obligations", ec) ? dir / "obligations" : dir;
  if (!fs::is_directory(base, ec))
    throw ReferentialError(dir.string(), 0, "not a readable directory");
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(base, ec))
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
      paths.push_back(e.path());
  if (ec) throw ReferentialError(base.string(), 0, "cannot list: " + ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<SourceFile> files;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw ReferentialError(p.string(), 0, "cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    files.push_back({p.string(), text.str()});
  }
  if (files.empty()) throw ReferentialError(base.string(), 0, "no .yaml file");
  return load_referential(files);
}

Referential load_embedded_referential() {
  std::vector<SourceFile> files;
  for (const auto& [name, text] : data::embedded_files())
    files.push_back({"data/" + std::string(name), std::string(text)});
  return load_referential(files);
}

Referential load_default_referential() {
  if (const char* dir = std::getenv("CAREPILOT_DATA_DIR"); dir != nullptr && *dir != '\0')
    return load_referential_dir(dir);
  return load_embedded_referential();
}

}  // namespace carepilot::referential
