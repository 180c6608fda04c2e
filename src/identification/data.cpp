#include "identification/data.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <string_view>

#include "common/date.hpp"

namespace carepilot::identification {

namespace data {
const std::map<std::string_view, std::string_view>& embedded_files();
}

const Means* Data::find_means(const std::string& id) const {
  for (const auto& m : means)
    if (m.id == id) return &m;
  return nullptr;
}

namespace {

const Choice* find_in(const std::vector<Choice>& list, const std::string& id) {
  for (const auto& c : list)
    if (c.id == id) return &c;
  return nullptr;
}

int line_of(const YAML::Node& n) {
  auto m = n.Mark();
  return m.line >= 0 ? m.line + 1 : 0;
}

// Reads nodes of one file, throwing DataError at the node concerned.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  [[noreturn]] void fail(const YAML::Node& at, const std::string& reason) const {
    throw DataError(file_, line_of(at), reason);
  }
  YAML::Node need(const YAML::Node& map, const char* key, const std::string& what) const {
    if (!map.IsMap()) fail(map, what + " : un dictionnaire est attendu");
    auto n = map[key];
    if (!n) fail(map, what + " : la clé « " + key + " » manque");
    return n;
  }
  std::string text(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, what + " : un texte non vide est attendu");
    return n.Scalar();
  }
  bool boolean(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar() || (n.Scalar() != "true" && n.Scalar() != "false"))
      fail(n, what + " : true ou false attendu");
    return n.Scalar() == "true";
  }
  Date date(const YAML::Node& n, const std::string& what) const {
    auto d = n.IsScalar() ? parse_date(n.Scalar()) : std::nullopt;
    if (!d) fail(n, what + " : une date AAAA-MM-JJ est attendue");
    return *d;
  }
  YAML::Node list(const YAML::Node& n, const std::string& what) const {
    if (!n.IsSequence() || n.size() == 0) fail(n, what + " : une liste non vide est attendue");
    return n;
  }
  // Keys outside `allowed` are refused (a misspelt key must not be silently ignored).
  void keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
            const std::string& what) const {
    if (!map.IsMap()) fail(map, what + " : un dictionnaire est attendu");
    for (const auto& kv : map) {
      auto k = kv.first.Scalar();
      bool ok = false;
      for (auto a : allowed) ok = ok || a == k;
      if (!ok) fail(kv.first, what + " : clé inconnue « " + k + " »");
    }
  }
  std::vector<Choice> choices(const YAML::Node& root, const char* key,
                              std::initializer_list<std::string_view> allowed = {"id",
                                                                                 "label"}) const {
    std::vector<Choice> out;
    std::set<std::string> seen;
    for (const auto& n : list(need(root, key, "fichier"), key)) {
      keys(n, allowed, key);
      Choice c{text(need(n, "id", key), std::string(key) + ".id"),
               text(need(n, "label", key), std::string(key) + ".label")};
      if (!seen.insert(c.id).second) fail(n, std::string(key) + " : « " + c.id + " » en double");
      out.push_back(std::move(c));
    }
    return out;
  }

 private:
  std::string file_;
};

}  // namespace

const Choice* Data::find_population(const std::string& id) const {
  return find_in(populations, id);
}
const Choice* Data::find_access_kind(const std::string& id) const {
  return find_in(access_kinds, id);
}
const Choice* Data::find_location(const std::string& id) const {
  return find_in(locations, id);
}
const Objective* Data::find_objective(const std::string& id) const {
  for (const auto& o : objectives)
    if (o.id == id) return &o;
  return nullptr;
}
const Decision* Data::find_decision(const std::string& id) const {
  for (const auto& d : decisions)
    if (d.id == id) return &d;
  return nullptr;
}
std::string Data::eidas_label(Eidas e) const {
  auto i = static_cast<std::size_t>(e);
  return i < eidas_levels.size() ? eidas_levels[i].label : std::string{};
}

Data load_data(const std::string& name, const std::string& text) {
  Reader r(name);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw DataError(name, yaml_fault_line(e), "YAML illisible : " + yaml_fault_reason(e, text));
  }
  if (!root.IsMap()) throw DataError(name, 1, "un dictionnaire est attendu au premier niveau");
  Data d;
  try {
    r.keys(
        root,
        {"schema_version", "kind", "source", "eidas_levels", "means", "populations", "access_kinds",
         "locations", "rules", "homologation_decisions", "hospiconnect", "desfire"},
        "fichier");
    auto v = r.need(root, "schema_version", "fichier");
    if (r.text(v, "schema_version") != "1")
      r.fail(v, "schema_version " + v.Scalar() + " non prise en charge (1 attendue)");
    auto k = r.need(root, "kind", "fichier");
    if (r.text(k, "kind") != "identification") r.fail(k, "kind « identification » attendu");
    d.source = r.text(r.need(root, "source", "fichier"), "source");

    d.eidas_levels = r.choices(root, "eidas_levels");
    const std::vector<std::string> levels{"faible", "substantiel", "eleve"};
    if (d.eidas_levels.size() != levels.size())
      r.fail(root["eidas_levels"], "eidas_levels : faible, substantiel et eleve attendus");
    for (std::size_t i = 0; i < levels.size(); ++i)
      if (d.eidas_levels[i].id != levels[i])
        r.fail(root["eidas_levels"][i], "eidas_levels : « " + levels[i] +
                                            " » attendu à cette place (du plus faible au "
                                            "plus élevé)");
    auto eidas = [&](const YAML::Node& n, const std::string& what) {
      auto t = r.text(n, what);
      for (std::size_t i = 0; i < levels.size(); ++i)
        if (levels[i] == t) return static_cast<Eidas>(i);
      r.fail(n, what + " : niveau eIDAS inconnu « " + t + " » (faible, substantiel ou eleve)");
    };

    std::set<std::string> seen;
    for (const auto& n : r.list(r.need(root, "means", "fichier"), "means")) {
      r.keys(n, {"id", "label", "eidas", "ans_issued", "two_factor"}, "means");
      Means m;
      m.id = r.text(r.need(n, "id", "means"), "means.id");
      const std::string what = "moyen « " + m.id + " »";
      m.label = r.text(r.need(n, "label", what), what + " : label");
      m.eidas = eidas(r.need(n, "eidas", what), what + " : eidas");
      m.ans_issued = r.boolean(r.need(n, "ans_issued", what), what + " : ans_issued");
      m.two_factor = r.boolean(r.need(n, "two_factor", what), what + " : two_factor");
      if (!seen.insert(m.id).second) r.fail(n, what + " en double");
      d.means.push_back(std::move(m));
    }
    d.populations = r.choices(root, "populations");
    d.access_kinds = r.choices(root, "access_kinds", {"id", "label", "location"});
    d.locations = r.choices(root, "locations");
    for (const auto& l : d.locations)
      if (l.id != "local" && l.id != "remote")
        r.fail(root["locations"], "locations : « local » et « remote » seulement");
    if (d.locations.size() != 2) r.fail(root["locations"], "locations : local et remote attendus");
    for (const auto& n : root["access_kinds"])
      if (n["location"]) {
        const auto where = r.text(n["location"], "access_kinds : location");
        if (!d.find_location(where))
          r.fail(n["location"], "access_kinds : lieu inconnu « " + where + " »");
        d.access_kind_location[n["id"].Scalar()] = where;
      }

    seen.clear();
    for (const auto& n : r.list(r.need(root, "rules", "fichier"), "rules")) {
      r.keys(n,
             {"id", "requirement", "locations", "from", "until", "tolerated_until", "min_eidas",
              "text", "source"},
             "rules");
      Rule rule;
      rule.id = r.text(r.need(n, "id", "rules"), "rules.id");
      const std::string what = "règle « " + rule.id + " »";
      if (!seen.insert(rule.id).second) r.fail(n, what + " en double");
      auto req = r.need(n, "requirement", what);
      auto rq = r.text(req, what + " : requirement");
      if (rq == "two_factor")
        rule.requirement = Requirement::two_factor;
      else if (rq == "approved_means")
        rule.requirement = Requirement::approved_means;
      else
        r.fail(req, what + " : exigence inconnue « " + rq + " » (two_factor ou approved_means)");
      for (const auto& l : r.list(r.need(n, "locations", what), what + " : locations")) {
        auto loc = r.text(l, what + " : locations");
        if (!d.find_location(loc)) r.fail(l, what + " : lieu inconnu « " + loc + " »");
        rule.locations.push_back(loc);
      }
      if (n["from"]) rule.from = r.date(n["from"], what + " : from");
      if (n["until"]) rule.until = r.date(n["until"], what + " : until");
      if (n["tolerated_until"])
        rule.tolerated_until = r.date(n["tolerated_until"], what + " : tolerated_until");
      if (rule.from && rule.until && *rule.until < *rule.from)
        r.fail(n["until"], what + " : until est antérieure à from");
      if (n["min_eidas"]) {
        if (rule.requirement != Requirement::approved_means)
          r.fail(n["min_eidas"], what + " : min_eidas ne va qu'avec approved_means");
        rule.min_eidas = eidas(n["min_eidas"], what + " : min_eidas");
      }
      rule.text = r.text(r.need(n, "text", what), what + " : text");
      rule.source = r.text(r.need(n, "source", what), what + " : source");
      d.rules.push_back(std::move(rule));
    }

    seen.clear();
    for (const auto& n :
         r.list(r.need(root, "homologation_decisions", "fichier"), "homologation_decisions")) {
      r.keys(n, {"id", "label", "counts"}, "homologation_decisions");
      Decision dec;
      dec.id = r.text(r.need(n, "id", "homologation_decisions"), "homologation_decisions.id");
      dec.label = r.text(r.need(n, "label", dec.id), dec.id + " : label");
      dec.counts = r.boolean(r.need(n, "counts", dec.id), dec.id + " : counts");
      if (!seen.insert(dec.id).second) r.fail(n, "décision « " + dec.id + " » en double");
      d.decisions.push_back(std::move(dec));
    }

    // HospiConnect objectives (optional section).
    if (auto hc = root["hospiconnect"]) {
      r.keys(hc, {"source", "objectives"}, "hospiconnect");
      d.hospiconnect_source = r.text(r.need(hc, "source", "hospiconnect"), "hospiconnect.source");
      seen.clear();
      for (const auto& n : r.list(r.need(hc, "objectives", "hospiconnect"), "objectives")) {
        r.keys(n, {"id", "year", "label", "derived", "populations"}, "objectives");
        Objective o;
        o.id = r.text(r.need(n, "id", "objectives"), "objectives.id");
        const std::string what = "objectif « " + o.id + " »";
        if (!seen.insert(o.id).second) r.fail(n, what + " en double");
        auto y = r.need(n, "year", what);
        const auto yt = r.text(y, what + " : year");
        if (yt.size() != 4 || yt.find_first_not_of("0123456789") != std::string::npos)
          r.fail(y, what + " : une année AAAA est attendue");
        o.year = std::stoi(yt);
        o.label = r.text(r.need(n, "label", what), what + " : label");
        if (auto dv = n["derived"]) {
          if (r.text(dv, what + " : derived") != "two_factor_homologated")
            r.fail(dv, what + " : derived « two_factor_homologated » seul connu");
          o.derived = true;
        }
        if (auto ps = n["populations"]) {
          if (!o.derived) r.fail(ps, what + " : populations ne va qu'avec derived");
          for (const auto& p : r.list(ps, what + " : populations")) {
            auto id = r.text(p, what + " : populations");
            if (!d.find_population(id)) r.fail(p, what + " : population inconnue « " + id + " »");
            o.populations.push_back(id);
          }
        }
        d.objectives.push_back(std::move(o));
      }
    }
    // DESFire badges (optional section).
    if (auto df = root["desfire"]) {
      r.keys(df, {"source", "key_schemes", "forbidden_text", "kms_text", "processes_text"},
             "desfire");
      d.desfire.source = r.text(r.need(df, "source", "desfire"), "desfire.source");
      d.desfire.forbidden_text =
          r.text(r.need(df, "forbidden_text", "desfire"), "desfire.forbidden_text");
      d.desfire.kms_text = r.text(r.need(df, "kms_text", "desfire"), "desfire.kms_text");
      d.desfire.processes_text =
          r.text(r.need(df, "processes_text", "desfire"), "desfire.processes_text");
      seen.clear();
      for (const auto& n : r.list(r.need(df, "key_schemes", "desfire"), "key_schemes")) {
        r.keys(n, {"id", "label", "forbidden"}, "key_schemes");
        KeyScheme k;
        k.id = r.text(r.need(n, "id", "key_schemes"), "key_schemes.id");
        k.label = r.text(r.need(n, "label", k.id), k.id + " : label");
        k.forbidden = r.boolean(r.need(n, "forbidden", k.id), k.id + " : forbidden");
        if (!seen.insert(k.id).second) r.fail(n, "schéma de clés « " + k.id + " » en double");
        d.desfire.key_schemes.push_back(std::move(k));
      }
    }
  } catch (const YAML::Exception& e) {
    throw DataError(name, e.mark.line + 1, e.msg);
  }
  return d;
}

const Data& embedded_data() {
  static const Data d = [] {
    const auto& files = data::embedded_files();
    auto it = files.find("identification/identification.yaml");
    if (it == files.end())
      throw DataError("data/identification/identification.yaml", 0, "fichier absent du binaire");
    return load_data("data/identification/identification.yaml", std::string(it->second));
  }();
  return d;
}

}  // namespace carepilot::identification
