#include "knowledge/data.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "common/text.hpp"
#include "knowledge/known.hpp"
#include "knowledge/text.hpp"

namespace carepilot::knowledge {

namespace data {
const std::map<std::string_view, std::string_view>& embedded_files();
}

namespace data_detail {

// A file name in a source ("DOMAIN.md", "/work/shared/x.yaml", "docs/knowledge.md"): the
// sources shown to the public name public texts, never a file of the repository (issue 20).
std::optional<std::string> file_name_in(const std::string& source) {
  static const char* const kExtensions[] = {"md",  "yaml", "yml", "cpp", "hpp", "json", "txt",
                                            "tpl", "mjs",  "js",  "py",  "sh",  "csv"};
  std::size_t i = 0;
  while (i < source.size()) {
    auto word_char = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
             c == '/';
    };
    if (!word_char(source[i])) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < source.size() && word_char(source[i])) ++i;
    std::string w = source.substr(b, i - b);
    while (!w.empty() && (w.back() == '.' || w.back() == '/')) w.pop_back();
    if (w.rfind("/work/", 0) == 0 || w.rfind("../", 0) == 0) return w;
    auto dot = w.rfind('.');
    if (dot == std::string::npos || dot == 0) continue;
    std::string ext = w.substr(dot + 1);
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* x : kExtensions)
      if (ext == x) return w;
  }
  return std::nullopt;
}

int line_of(const YAML::Node& n) {
  auto m = n.Mark();
  return m.line >= 0 ? m.line + 1 : 0;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  [[noreturn]] void fail(const YAML::Node& at, const std::string& reason) const {
    throw DataError(file_, line_of(at), reason);
  }
  std::string text(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, what + " : un texte non vide est attendu");
    return n.Scalar();
  }
  std::vector<std::string> texts(const YAML::Node& n, const std::string& what) const {
    if (!n.IsSequence()) fail(n, what + " : une liste est attendue");
    std::vector<std::string> out;
    for (const auto& x : n) out.push_back(text(x, what));
    return out;
  }
  Date date(const YAML::Node& n, const std::string& what) const {
    auto d = n.IsScalar() ? parse_date(n.Scalar()) : std::nullopt;
    if (!d) fail(n, what + " : une date AAAA-MM-JJ est attendue");
    return *d;
  }
  YAML::Node root(const std::string& text, const std::string& kind) const {
    // Not UTF-8 (a Latin-1 export): refused at the line of its first bad byte (common/text).
    if (const auto fault = first_invalid_utf8(text))
      throw DataError(file_, static_cast<int>(fault->line), "le fichier n'est pas en UTF-8");
    YAML::Node r;
    try {
      r = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      // In French at its line (issue 20 trial: « end of map not found »), common/data_file.
      throw DataError(file_, yaml_fault_line(e), yaml_fault_reason(e, text));
    }
    if (!r.IsMap()) throw DataError(file_, 1, "un dictionnaire est attendu au premier niveau");
    auto v = r["schema_version"];
    if (!v || !v.IsScalar() || v.Scalar() != "1") fail(v ? v : r, "schema_version 1 attendue");
    auto k = r["kind"];
    if (!k || !k.IsScalar() || k.Scalar() != kind) fail(k ? k : r, "kind « " + kind + " » attendu");
    return r;
  }

 private:
  std::string file_;
};

const char* const kEntryKeys[] = {"id",        "kind",        "title",      "summary",  "theme",
                                  "audiences", "obligations", "objectives", "keywords", "region",
                                  "ref",       "doc_kind",    "version",    "date",     "end",
                                  "paliers",   "provider",    "offer_kind", "cost",     "contact",
                                  "link",      "note",        "source"};

}  // namespace data_detail

Vocabulary load_vocabulary(const std::string& name, const std::string& text) {
  data_detail::Reader r(name);
  auto root = r.root(text, "knowledge_vocabulary");
  Vocabulary v;
  auto list = [&](const char* key) {
    auto n = root[key];
    if (!n) r.fail(root, std::string("la clé « ") + key + " » manque");
    return r.texts(n, key);
  };
  v.kinds = list("kinds");
  v.themes = list("themes");
  v.audiences = list("audiences");
  v.offer_kinds = list("offer_kinds");
  v.doc_kinds = list("doc_kinds");
  for (auto& w : list("stopwords")) v.stopwords.insert(fold(w));
  for (auto& w : list("question_words")) v.question_words.insert(fold(w));
  // synonyms: ["double authentification | 2FA | MFA", …], each group at least two phrases.
  if (auto n = root["synonyms"]) {
    for (auto& g : r.texts(n, "synonyms")) {
      std::vector<std::string> group;
      std::size_t b = 0;
      for (;;) {
        auto e = g.find('|', b);
        auto phrase = trim(g.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (!phrase.empty()) group.push_back(phrase);
        if (e == std::string::npos) break;
        b = e + 1;
      }
      if (group.size() < 2)
        r.fail(n,
               "synonyms : au moins deux expressions séparées par « | » attendues (« " + g + " »)");
      v.synonyms.push_back(std::move(group));
    }
  }
  // question_hints: [{question: quand, kinds: [date], words: [annuel, …]}, …]
  if (auto n = root["question_hints"]) {
    if (!n.IsSequence()) r.fail(n, "question_hints : une liste est attendue");
    for (const auto& h : n) {
      if (!h.IsMap() || !h["question"])
        r.fail(h, "question_hints : chaque élément a une clé « question »");
      Vocabulary::QuestionHint hint;
      hint.question = fold(r.text(h["question"], "question_hints.question"));
      if (h["kinds"]) hint.kinds = r.texts(h["kinds"], "question_hints.kinds");
      if (h["words"]) hint.words = r.texts(h["words"], "question_hints.words");
      for (const auto& k : hint.kinds)
        if (!data_detail::contains(v.kinds, k))
          r.fail(h, "question_hints : nature inconnue « " + k + " »");
      if (hint.kinds.empty() && hint.words.empty())
        r.fail(h, "question_hints : « kinds » ou « words » attendu");
      for (const auto& kv : h) {
        auto k = kv.first.Scalar();
        if (k != "question" && k != "kinds" && k != "words")
          r.fail(kv.first, "question_hints : clé inconnue « " + k + " »");
      }
      v.question_hints.push_back(std::move(hint));
    }
  }
  for (const auto& kv : root) {
    auto k = kv.first.Scalar();
    if (k != "schema_version" && k != "kind" && k != "source" && k != "kinds" && k != "themes" &&
        k != "audiences" && k != "offer_kinds" && k != "doc_kinds" && k != "stopwords" &&
        k != "question_words" && k != "question_words_source" && k != "synonyms" &&
        k != "synonyms_source" && k != "question_hints" && k != "question_hints_source")
      r.fail(kv.first, "clé inconnue « " + k + " »");
  }
  return v;
}

std::vector<std::pair<std::string, std::string>> entry_errors(Entry& e, const Vocabulary& vocab,
                                                              const KnownCodes& known) {
  using data_detail::contains;
  std::vector<std::pair<std::string, std::string>> out;
  auto bad = [&](std::string f, std::string r) { out.emplace_back(std::move(f), std::move(r)); };
  // Text that is not UTF-8 (a Latin-1 form or file) is refused at its field: stored, it made
  // the JSON payload throw (500, issue 20 trial).
  const std::pair<const char*, const std::string*> texts[] = {{"id", &e.id},
                                                              {"kind", &e.kind},
                                                              {"title", &e.title},
                                                              {"summary", &e.summary},
                                                              {"theme", &e.theme},
                                                              {"region", &e.region},
                                                              {"ref", &e.ref},
                                                              {"doc_kind", &e.doc_kind},
                                                              {"version", &e.version},
                                                              {"provider", &e.provider},
                                                              {"offer_kind", &e.offer_kind},
                                                              {"cost", &e.cost},
                                                              {"contact", &e.contact},
                                                              {"link", &e.link},
                                                              {"note", &e.note},
                                                              {"source", &e.source}};
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"audiences", &e.audiences},
      {"obligations", &e.obligations},
      {"objectives", &e.objectives},
      {"keywords", &e.keywords},
      {"paliers", &e.paliers}};
  bool encoding = false;
  for (const auto& [f, v] : texts)
    if (!valid_utf8(*v)) bad(f, "le texte n'est pas en UTF-8"), encoding = true;
  for (const auto& [f, v] : lists)
    for (const auto& x : *v)
      if (!valid_utf8(x)) {
        bad(f, "le texte n'est pas en UTF-8");
        encoding = true;
        break;
      }
  if (encoding) return out;  // the other checks would quote the bytes back
  // Every text stored with "\n" line breaks: a text area posts CR LF (issue 20 trial: a summary
  // typed on the form was stored with "\r\n"), so do files saved on Windows and API bodies.
  for (auto* t :
       {&e.title, &e.summary, &e.provider, &e.cost, &e.contact, &e.note, &e.source, &e.version})
    *t = unix_newlines(*t);
  for (auto* v : {&e.keywords, &e.paliers})
    for (auto& x : *v) x = trim(unix_newlines(x));
  e.title = trim(e.title);
  e.summary = trim(e.summary);
  if (e.region == "national") e.region.clear();  // the filters' and the form's word for none
  if (e.id.empty() || e.id.size() > 80) {
    bad("id", "un identifiant de 1 à 80 caractères est attendu");
  } else {
    for (char c : e.id)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_') {
        bad("id", "lettres, chiffres, « - », « . » ou « _ » attendus");
        break;
      }
  }
  if (!contains(vocab.kinds, e.kind)) bad("kind", "nature inconnue « " + e.kind + " »");
  if (auto file = data_detail::file_name_in(e.source))
    bad("source",
        "nommez la source publique (page, texte, instruction), pas un fichier (« " + *file + " »)");
  // An objective's title is its label in the funding calls, its one name (issue 20 trial: the
  // two differed): given when left out, refused when it differs.
  // An objective whose id no call defines is refused on its id alone (below).
  const auto objective_id = e.kind == "objective" ? known_objective(known, e.id) : std::nullopt;
  if (objective_id)
    if (auto t = objective_title(known, *objective_id)) {
      if (e.title.empty())
        e.title = *t;
      else if (e.title != *t)
        bad("title", "le titre d'un objectif est son libellé dans l'appel à financement : « " + *t +
                         " » (laissez-le vide)");
    }
  if (e.title.empty() && (e.kind != "objective" || objective_id))
    bad("title", "un titre est attendu");
  if (utf8_length(e.title) > 300) bad("title", "300 caractères au plus");
  if (e.summary.empty()) bad("summary", "un résumé est attendu");
  if (utf8_length(e.summary) > 5000) bad("summary", "5 000 caractères au plus");
  if (!contains(vocab.themes, e.theme))
    bad("theme", e.theme.empty() ? "un thème est attendu" : "thème inconnu « " + e.theme + " »");
  if (e.audiences.empty()) bad("audiences", "au moins un public est attendu");
  for (const auto& a : e.audiences)
    if (!contains(vocab.audiences, a)) {
      bad("audiences", "public inconnu « " + a + " »");
      break;
    }
  for (const auto& o : e.obligations)
    if (!known.obligations.count(o)) {
      bad("obligations", "obligation inconnue « " + o + " »");
      break;
    }
  // Every objective that no funding call defines is named (one message for the field).
  std::string unknown;
  int unknown_count = 0;
  for (auto& o : e.objectives) {
    if (auto n = known_objective(known, o)) {
      o = *n;
    } else {
      unknown += (unknown.empty() ? "« " : ", « ") + o + " »";
      ++unknown_count;
    }
  }
  if (unknown_count)
    bad("objectives",
        unknown + (unknown_count > 1 ? " ne sont pas des objectifs" : " n'est pas un objectif") +
            " des appels à financement (D2.O1.C, HC.O2.C par exemple)");
  if (!e.ref.empty()) {
    if (auto n = known_objective(known, e.ref)) {
      e.ref = *n;
      if (!contains(e.objectives, e.ref)) e.objectives.insert(e.objectives.begin(), e.ref);
    } else {
      bad("ref",
          "« " + e.ref + " » n'est pas un objectif des appels à financement (D2.O1.C par exemple)");
    }
  }
  // A value twice in a list (after normalisation: « hc.o2.c » is HC.O2.C) would count the entry
  // twice in a facet (issue 20 trial: « sanitaire (2) » for one result).
  auto twice = [&](const char* field, const std::vector<std::string>& v, const char* what) {
    for (std::size_t i = 0; i < v.size(); ++i)
      if (std::find(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v[i]) !=
          v.begin() + static_cast<std::ptrdiff_t>(i)) {
        bad(field, std::string(what) + " « " + v[i] + " » en double");
        return;
      }
  };
  twice("audiences", e.audiences, "public");
  twice("obligations", e.obligations, "obligation");
  if (!unknown_count) twice("objectives", e.objectives, "objectif");
  // An objective's identifier is the objective itself: normalised like `objectives`
  // (« D2.01.C » is D2.O1.C) and one that a funding call defines.
  if (e.kind == "objective" && !e.id.empty()) {
    if (auto n = known_objective(known, e.id))
      e.id = *n;
    else
      bad("id",
          "« " + e.id + " » n'est pas un objectif des appels à financement (D2.O1.C par exemple)");
  }
  if (!e.region.empty() && !known.regions.count(e.region))
    bad("region", "région inconnue « " + e.region + " »");
  else if (!e.region.empty() && e.kind != "offer")
    bad("region", "seules les offres peuvent être régionales");
  if (e.kind == "offer" && !contains(vocab.offer_kinds, e.offer_kind))
    bad("offer_kind", e.offer_kind.empty() ? "le type d'offre est attendu"
                                           : "type d'offre inconnu « " + e.offer_kind + " »");
  if (e.kind == "offer" && e.provider.empty()) bad("provider", "le porteur de l'offre est attendu");
  if (e.kind == "referential" && !contains(vocab.doc_kinds, e.doc_kind))
    bad("doc_kind", e.doc_kind.empty() ? "le type de document est attendu"
                                       : "type de document inconnu « " + e.doc_kind + " »");
  if (e.kind == "date" && !e.date) bad("date", "la date est attendue");
  if (e.end && (!e.date || *e.end < *e.date) && e.kind == "date")
    bad("end", "la fin précède le début");
  // A field of another nature (a FAQ entry with a provider, an offer with paliers) is refused,
  // naming the natures it serves: the form shows only the chosen nature's fields.
  auto only = [&](const char* field, bool filled, std::initializer_list<const char*> kinds,
                  const char* which) {
    if (!filled || !contains(vocab.kinds, e.kind)) return;
    for (const char* k : kinds)
      if (e.kind == k) return;
    bad(field, std::string("ce champ ne concerne que ") + which);
  };
  only("ref", !e.ref.empty(), {"faq"}, "les questions fréquentes");
  only("doc_kind", !e.doc_kind.empty(), {"referential"}, "les référentiels et guides");
  only("version", !e.version.empty(), {"referential"}, "les référentiels et guides");
  only("paliers", !e.paliers.empty(), {"referential"}, "les référentiels et guides");
  only("date", e.date.has_value(), {"referential", "date"},
       "les référentiels et guides (date de publication) et les dates clés");
  only("end", e.end.has_value(), {"date"}, "les dates clés");
  for (const auto& [field, filled] : {std::pair<const char*, bool>{"provider", !e.provider.empty()},
                                      {"offer_kind", !e.offer_kind.empty()},
                                      {"cost", !e.cost.empty()},
                                      {"contact", !e.contact.empty()}})
    only(field, filled, {"offer"}, "les offres");
  if (!e.link.empty() && e.link.rfind("https://", 0) != 0)
    bad("link", "un lien https:// est attendu");
  return out;
}

std::optional<std::pair<std::string, std::string>> check_entry(Entry& e, const Vocabulary& vocab,
                                                               const KnownCodes& known) {
  auto all = entry_errors(e, vocab, known);
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::vector<Entry> load_entries(const std::string& name, const std::string& text,
                                const Vocabulary& vocab, const KnownCodes& known,
                                std::map<std::string, std::string>* seen) {
  data_detail::Reader r(name);
  auto root = r.root(text, "knowledge");
  std::string source;
  std::vector<std::string> top;
  for (const auto& kv : root) {
    auto k = kv.first.Scalar();
    if (data_detail::contains(top, k)) r.fail(kv.first, "clé « " + k + " » en double");
    top.push_back(k);
    if (k != "schema_version" && k != "kind" && k != "source" && k != "entries")
      r.fail(kv.first, "clé inconnue « " + k + " »");
  }
  if (root["source"]) source = r.text(root["source"], "source");
  auto list = root["entries"];
  if (!list || !list.IsSequence()) r.fail(list ? list : root, "la liste « entries » est attendue");
  std::map<std::string, std::string> local;
  if (!seen) seen = &local;
  std::vector<Entry> out;
  for (const auto& n : list) {
    if (!n.IsMap()) r.fail(n, "une entrée est un dictionnaire");
    std::vector<std::string> keys;
    for (const auto& kv : n) {
      auto k = kv.first.Scalar();
      // yaml-cpp keeps both values of a key written twice and answers the first: refused.
      if (data_detail::contains(keys, k)) r.fail(kv.first, "clé « " + k + " » en double");
      keys.push_back(k);
      bool ok = false;
      for (auto* a : data_detail::kEntryKeys) ok = ok || k == a;
      if (!ok) r.fail(kv.first, "clé inconnue « " + k + " »");
    }
    auto get = [&](const char* key) {
      auto v = n[key];
      return v ? r.text(v, key) : std::string();
    };
    auto getv = [&](const char* key) {
      auto v = n[key];
      return v ? r.texts(v, key) : std::vector<std::string>{};
    };
    Entry e;
    e.id = get("id");
    if (e.id.empty()) r.fail(n, "la clé « id » manque");
    auto [it, fresh] = seen->emplace(e.id, name + ":" + std::to_string(data_detail::line_of(n)));
    if (!fresh)
      r.fail(n["id"], "identifiant « " + e.id + " » en double (déjà en " + it->second + ")");
    e.kind = get("kind");
    e.title = get("title");
    e.summary = get("summary");
    e.theme = get("theme");
    e.audiences = getv("audiences");
    e.obligations = getv("obligations");
    e.objectives = getv("objectives");
    e.keywords = getv("keywords");
    e.region = get("region");
    e.ref = get("ref");
    e.doc_kind = get("doc_kind");
    e.version = get("version");
    if (n["date"]) e.date = r.date(n["date"], "date");
    if (n["end"]) e.end = r.date(n["end"], "end");
    e.paliers = getv("paliers");
    e.provider = get("provider");
    e.offer_kind = get("offer_kind");
    e.cost = get("cost");
    e.contact = get("contact");
    e.link = get("link");
    e.note = get("note");
    e.source = n["source"] ? get("source") : source;
    if (auto err = check_entry(e, vocab, known)) {
      auto at = n[err->first] ? n[err->first] : n;
      r.fail(at, err->first + " : " + err->second);
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string export_yaml(const std::vector<Entry>& entries, const std::string& source) {
  YAML::Emitter y;
  // No file-level `source` key: the loader copies it into the entries without a source, and
  // an unchanged export must read back unchanged; each entry carries its own source, the
  // file's origin is a comment.
  y << YAML::BeginMap << YAML::Key << "schema_version" << YAML::Value << 1 << YAML::Key << "kind"
    << YAML::Value << "knowledge" << YAML::Key << "entries" << YAML::Value << YAML::BeginSeq;
  for (const auto& e : entries) {
    y << YAML::BeginMap;
    auto s = [&](const char* k, const std::string& v) {
      if (!v.empty()) y << YAML::Key << k << YAML::Value << YAML::DoubleQuoted << v;
    };
    auto l = [&](const char* k, const std::vector<std::string>& v) {
      if (v.empty()) return;
      y << YAML::Key << k << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& x : v) y << YAML::DoubleQuoted << x;
      y << YAML::EndSeq;
    };
    s("id", e.id);
    s("kind", e.kind);
    // An objective's title is not written: the loader gives its label in the funding calls.
    if (e.kind != "objective") s("title", e.title);
    s("summary", e.summary);
    s("theme", e.theme);
    l("audiences", e.audiences);
    l("obligations", e.obligations);
    l("objectives", e.objectives);
    l("keywords", e.keywords);
    s("region", e.region);
    s("ref", e.ref);
    s("doc_kind", e.doc_kind);
    s("version", e.version);
    if (e.date) y << YAML::Key << "date" << YAML::Value << format_date(*e.date);
    if (e.end) y << YAML::Key << "end" << YAML::Value << format_date(*e.end);
    l("paliers", e.paliers);
    s("provider", e.provider);
    s("offer_kind", e.offer_kind);
    s("cost", e.cost);
    s("contact", e.contact);
    s("link", e.link);
    s("note", e.note);
    s("source", e.source);
    y << YAML::EndMap;
  }
  y << YAML::EndSeq << YAML::EndMap;
  std::string head;
  if (!source.empty()) head = "# " + source + "\n";
  return head + std::string(y.c_str()) + "\n";
}

const Vocabulary& embedded_vocabulary() {
  static const Vocabulary v = [] {
    const auto& files = data::embedded_files();
    auto it = files.find("knowledge/vocabulary.yaml");
    if (it == files.end()) throw DataError("knowledge/vocabulary.yaml", 0, "fichier absent");
    return load_vocabulary("data/knowledge/vocabulary.yaml", std::string(it->second));
  }();
  return v;
}

std::vector<Entry> embedded_entries(const KnownCodes& known) {
  std::vector<Entry> out;
  std::map<std::string, std::string> seen;
  for (const auto& [path, text] : data::embedded_files()) {
    if (path == "knowledge/vocabulary.yaml") continue;
    auto part = load_entries("data/" + std::string(path), std::string(text), embedded_vocabulary(),
                             known, &seen);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

}  // namespace carepilot::knowledge
