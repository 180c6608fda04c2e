#include "funding/data.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "funding/rules.hpp"

namespace carepilot::funding {

namespace data {
const std::map<std::string_view, std::string_view>& embedded_files();
}

const Step& Call::step(const std::string& id) const {
  for (const auto& s : calendar)
    if (s.step == id) return s;
  throw std::out_of_range("funding: unknown calendar step " + id);
}
const Objective* Call::objective(const std::string& id) const {
  for (const auto& o : objectives)
    if (o.id == id) return &o;
  return nullptr;
}
const Prerequisite* Call::prerequisite(const std::string& id) const {
  for (const auto& p : prerequisites)
    if (p.id == id) return &p;
  return nullptr;
}
bool Call::accepts(const std::string& kind) const {
  for (const auto& k : eligible)
    if (k == kind) return true;
  return false;
}
const Call* Data::call(const std::string& id) const {
  for (const auto& c : calls)
    if (c.id == id) return &c;
  return nullptr;
}
const CandidateKind* Data::kind(const std::string& id) const {
  for (const auto& k : candidate_kinds)
    if (k.id == id) return &k;
  return nullptr;
}
std::string Data::kind_of_type(const std::string& type) const {
  for (const auto& k : candidate_kinds)
    for (const auto& t : k.types)
      if (t == type) return k.id;
  return {};
}

std::string normalise_id(std::string_view id) {
  std::string out;
  for (char c : id) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // After each dot, a zero followed by a digit stands for the letter O (« .01 » → « .O1 »).
  for (std::size_t i = 0; i + 2 < out.size(); ++i)
    if (out[i] == '.' && out[i + 1] == '0' && std::isdigit(static_cast<unsigned char>(out[i + 2])))
      out[i + 1] = 'O';
  return out;
}

namespace data_detail {

int line_of(const YAML::Node& n) {
  auto m = n.Mark();
  return m.line >= 0 ? m.line + 1 : 0;
}

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
  std::optional<Date> date_or_unknown(const YAML::Node& n, const std::string& what) const {
    if (n.IsScalar() && n.Scalar() == "unknown") return std::nullopt;
    auto d = n.IsScalar() ? parse_date(n.Scalar()) : std::nullopt;
    if (!d) fail(n, what + " : une date AAAA-MM-JJ ou « unknown » est attendue");
    return d;
  }
  std::optional<std::int64_t> euros_or_unknown(const YAML::Node& n, const std::string& what) const {
    if (n.IsScalar() && n.Scalar() == "unknown") return std::nullopt;
    const std::string t = n.IsScalar() ? n.Scalar() : std::string{};
    bool digits = !t.empty() && t.size() <= 12;
    for (char c : t) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (!digits) fail(n, what + " : un montant entier en euros ou « unknown » est attendu");
    return std::stoll(t) * 100;
  }
  YAML::Node list(const YAML::Node& n, const std::string& what, bool may_be_empty = false) const {
    if (!n.IsSequence() || (!may_be_empty && n.size() == 0))
      fail(n, what + " : une liste non vide est attendue");
    return n;
  }
  std::vector<std::string> texts(const YAML::Node& n, const std::string& what) const {
    std::vector<std::string> out;
    for (const auto& x : list(n, what)) out.push_back(text(x, what));
    return out;
  }
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

 private:
  std::string file_;
};

// The identifier read at `n`, normalised, checked to be of the call's prefix and of `kind`
// (P: prerequisite, O: objective).
std::string read_id(const Reader& r, const YAML::Node& n, const std::string& prefix, char kind,
                    const std::string& what) {
  const std::string raw = r.text(n, what);
  const std::string id = normalise_id(raw);
  const std::regex shape(kind == 'P' ? "([A-Z0-9]+)\\.P[1-9][0-9]*"
                                     : "([A-Z0-9]+)\\.O[1-9][0-9]*(\\.[A-Z])?");
  std::smatch m;
  if (!std::regex_match(id, m, shape))
    r.fail(n, what + " : identifiant inconnu « " + raw + " » (" +
                  (kind == 'P' ? prefix + ".P{k} attendu"
                               : prefix + ".O{m} ou " + prefix + ".O{m}.{lettre} attendu") +
                  ")");
  if (m[1].str() != prefix)
    r.fail(n, what + " : identifiant inconnu « " + raw + " » : l'appel n'a que des identifiants " +
                  prefix + ".…");
  return id;
}

}  // namespace data_detail

Data load_data(const std::string& name, const std::string& text) {
  using data_detail::Reader;
  Reader r(name);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw DataError(name, yaml_fault_line(e), "YAML illisible : " + yaml_fault_reason(e, text));
  }
  if (!root.IsMap()) throw DataError(name, 1, "un dictionnaire est attendu au premier niveau");
  Data d;
  r.keys(root, {"schema_version", "kind", "plausibility", "candidate_kinds", "scopes", "calls"},
         "fichier");
  auto v = r.need(root, "schema_version", "fichier");
  if (r.text(v, "schema_version") != "1")
    r.fail(v, "schema_version " + v.Scalar() + " non prise en charge (1 attendue)");
  auto k = r.need(root, "kind", "fichier");
  if (r.text(k, "kind") != "funding_calls") r.fail(k, "kind « funding_calls » attendu");

  std::set<std::string> seen, types;
  for (const auto& n : r.list(r.need(root, "candidate_kinds", "fichier"), "candidate_kinds")) {
    r.keys(n, {"id", "label", "types"}, "candidate_kinds");
    CandidateKind c{r.text(r.need(n, "id", "candidate_kinds"), "candidate_kinds.id"),
                    r.text(r.need(n, "label", "candidate_kinds"), "candidate_kinds.label"),
                    {}};
    if (!seen.insert(c.id).second) r.fail(n, "candidate_kinds : « " + c.id + " » en double");
    if (n["types"])
      for (const auto& t : r.list(n["types"], "candidate_kinds.types")) {
        auto type = r.text(t, "candidate_kinds.types");
        if (!types.insert(type).second)
          r.fail(t, "candidate_kinds : le type « " + type + " » est déjà d'une autre sorte");
        c.types.push_back(type);
      }
    d.candidate_kinds.push_back(std::move(c));
  }
  if (!d.kind("ght")) r.fail(root["candidate_kinds"], "candidate_kinds : « ght » attendu");

  {
    auto p = r.need(root, "plausibility", "fichier");
    r.keys(p, {"ceiling_euros", "source"}, "plausibility");
    auto c = r.euros_or_unknown(r.need(p, "ceiling_euros", "plausibility"),
                                "plausibility : ceiling_euros");
    if (!c || *c <= 0)
      r.fail(p["ceiling_euros"], "plausibility : ceiling_euros : un montant en euros est requis");
    d.plausibility_ceiling_cents = *c;
    d.plausibility_source = r.text(r.need(p, "source", "plausibility"), "plausibility : source");
  }

  seen.clear();
  for (const auto& n : r.list(r.need(root, "scopes", "fichier"), "scopes")) {
    r.keys(n, {"id", "label"}, "scopes");
    ScopeKind s{r.text(r.need(n, "id", "scopes"), "scopes.id"),
                r.text(r.need(n, "label", "scopes"), "scopes.label")};
    if (!seen.insert(s.id).second) r.fail(n, "scopes : « " + s.id + " » en double");
    d.scopes.push_back(std::move(s));
  }

  seen.clear();
  std::set<std::string> prefixes;
  for (const auto& n : r.list(r.need(root, "calls", "fichier"), "calls")) {
    r.keys(n,
           {"id", "prefix", "label", "legal_text", "legal_date", "text_public", "envelope_euros",
            "ceiling_euros", "ceiling_source", "eligible", "facts", "knowledge_offer", "calendar",
            "prerequisites", "objectives"},
           "calls");
    Call c;
    c.id = r.text(r.need(n, "id", "calls"), "calls.id");
    const std::string what = "appel « " + c.id + " »";
    if (!seen.insert(c.id).second) r.fail(n, what + " en double");
    c.prefix = r.text(r.need(n, "prefix", what), what + " : prefix");
    if (!std::regex_match(c.prefix, std::regex("[A-Z][A-Z0-9]*")))
      r.fail(n["prefix"], what + " : prefix en majuscules attendu (D1, D2, HC)");
    if (!prefixes.insert(c.prefix).second)
      r.fail(n["prefix"], what + " : prefix « " + c.prefix + " » déjà pris");
    c.label = r.text(r.need(n, "label", what), what + " : label");
    c.legal_text = r.text(r.need(n, "legal_text", what), what + " : legal_text");
    auto ld = r.date_or_unknown(r.need(n, "legal_date", what), what + " : legal_date");
    if (!ld) r.fail(n["legal_date"], what + " : legal_date : la date de l'arrêté est requise");
    c.legal_date = *ld;
    c.text_public = r.boolean(r.need(n, "text_public", what), what + " : text_public");
    c.envelope_cents =
        r.euros_or_unknown(r.need(n, "envelope_euros", what), what + " : envelope_euros");
    c.ceiling_cents =
        r.euros_or_unknown(r.need(n, "ceiling_euros", what), what + " : ceiling_euros");
    if (c.envelope_cents && c.ceiling_cents && *c.ceiling_cents > *c.envelope_cents)
      r.fail(n["ceiling_euros"], what + " : le plafond dépasse l'enveloppe de l'appel");
    c.ceiling_source = r.text(r.need(n, "ceiling_source", what), what + " : ceiling_source");
    if (n["facts"]) c.facts = r.text(n["facts"], what + " : facts");
    if (n["knowledge_offer"])
      c.knowledge_offer = r.text(n["knowledge_offer"], what + " : knowledge_offer");
    for (const auto& e : r.list(r.need(n, "eligible", what), what + " : eligible")) {
      auto kind = r.text(e, what + " : eligible");
      if (!d.kind(kind)) r.fail(e, what + " : sorte de candidat inconnue « " + kind + " »");
      c.eligible.push_back(kind);
    }

    // The calendar: every step once, in order, each known date on or after the known dates
    // of its chain before it.
    const auto& steps = calendar_steps();
    std::map<std::string, std::pair<std::optional<Date>, YAML::Node>> at;
    for (const auto& s : r.list(r.need(n, "calendar", what), what + " : calendar")) {
      r.keys(s, {"step", "date", "source", "note"}, what + " : calendar");
      Step st;
      st.step = r.text(r.need(s, "step", what + " : calendar"), what + " : calendar.step");
      if (std::find(steps.begin(), steps.end(), st.step) == steps.end())
        r.fail(s["step"], what + " : étape de calendrier inconnue « " + st.step + " »");
      if (at.count(st.step)) r.fail(s, what + " : étape « " + st.step + " » en double");
      st.date = r.date_or_unknown(r.need(s, "date", what + " : " + st.step),
                                  what + " : " + st.step + ".date");
      st.source =
          r.text(r.need(s, "source", what + " : " + st.step), what + " : " + st.step + ".source");
      if (s["note"]) st.note = r.text(s["note"], what + " : " + st.step + ".note");
      at[st.step] = {st.date, s};
      c.calendar.push_back(std::move(st));
    }
    for (const auto& s : steps)
      if (!at.count(s)) r.fail(n["calendar"], what + " : étape de calendrier « " + s + " » manque");
    std::vector<Step> ordered;
    for (const auto& s : steps)
      for (const auto& x : c.calendar)
        if (x.step == s) ordered.push_back(x);
    c.calendar = std::move(ordered);
    const std::vector<std::vector<std::string>> chains{
        {"candidature_open", "candidature_close", "ars_instruction_end"},
        {"operational_start", "declaration_open", "declaration_close", "ars_verification_end",
         "national_instruction_end"},
        {"candidature_open", "declaration_open"}};
    for (const auto& chain : chains) {
      std::optional<Date> last;
      std::string last_step;
      for (const auto& s : chain) {
        const auto& [date, node] = at[s];
        if (!date) continue;
        if (last && *date < *last)
          r.fail(node, what + " : calendrier incohérent : « " + s + " » (" + format_date(*date) +
                           ") précède « " + last_step + " » (" + format_date(*last) + ")");
        last = date;
        last_step = s;
      }
    }

    std::set<std::string> ids;
    if (n["prerequisites"])
      for (const auto& p : r.list(n["prerequisites"], what + " : prerequisites", true)) {
        r.keys(p, {"id", "label", "pieces"}, what + " : prerequisites");
        Prerequisite pr;
        pr.id =
            data_detail::read_id(r, r.need(p, "id", what), c.prefix, 'P', what + " : prérequis");
        if (!ids.insert(pr.id).second) r.fail(p["id"], what + " : « " + pr.id + " » en double");
        pr.label = r.text(r.need(p, "label", pr.id), pr.id + " : label");
        pr.pieces = r.texts(r.need(p, "pieces", pr.id), pr.id + " : pieces");
        c.prerequisites.push_back(std::move(pr));
      }
    for (const auto& o : r.list(r.need(n, "objectives", what), what + " : objectives")) {
      r.keys(o, {"id", "label", "target", "pieces", "scope", "rule", "declarative"},
             what + " : objectives");
      Objective ob;
      ob.id = data_detail::read_id(r, r.need(o, "id", what), c.prefix, 'O', what + " : objectif");
      if (!ids.insert(ob.id).second) r.fail(o["id"], what + " : « " + ob.id + " » en double");
      ob.label = r.text(r.need(o, "label", ob.id), ob.id + " : label");
      ob.target = r.text(r.need(o, "target", ob.id), ob.id + " : target");
      ob.pieces = r.texts(r.need(o, "pieces", ob.id), ob.id + " : pieces");
      ob.scope = r.text(r.need(o, "scope", ob.id), ob.id + " : scope");
      bool scope_ok = false;
      for (const auto& s : d.scopes) scope_ok = scope_ok || s.id == ob.scope;
      if (!scope_ok) r.fail(o["scope"], ob.id + " : périmètre inconnu « " + ob.scope + " »");
      if (o["rule"]) {
        ob.rule = r.text(o["rule"], ob.id + " : rule");
        if (!known_rule(ob.rule))
          r.fail(o["rule"], ob.id + " : règle inconnue « " + ob.rule + " »");
      }
      if (o["declarative"]) ob.declarative = r.text(o["declarative"], ob.id + " : declarative");
      if (ob.rule.empty() == ob.declarative.empty())
        r.fail(o, ob.id +
                      " : « rule » (objectif calculé) ou « declarative » (objectif déclaré, "
                      "avec sa raison) attendu, l'un des deux");
      if (!c.text_public && !ob.rule.empty())
        r.fail(o["rule"], ob.id +
                              " : le texte de l'appel n'est pas public : l'objectif est "
                              "déclaratif (« declarative » attendu)");
      c.objectives.push_back(std::move(ob));
    }
    d.calls.push_back(std::move(c));
  }
  return d;
}

const Data& embedded_data() {
  static const Data d = [] {
    const auto& files = data::embedded_files();
    auto it = files.find("funding/calls.yaml");
    if (it == files.end()) throw std::runtime_error("data/funding/calls.yaml is not embedded");
    return load_data("data/funding/calls.yaml", std::string(it->second));
  }();
  return d;
}

}  // namespace carepilot::funding
