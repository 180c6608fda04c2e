// Pages of the knowledge base: the search (/connaissances, with its facets), the FAQ, the
// referentials and the national offers, one entry, and the forms of national and regional
// staff. Open to everyone; the forms need edit_registry (regional staff: their region's
// offers, Repository::may_edit).
#include <ctemplate/template.h>

#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/text.hpp"
#include "http/list.hpp"
#include "http/multipart.hpp"
#include "http/templates.hpp"
#include "knowledge/data.hpp"
#include "knowledge/how_to.hpp"
#include "knowledge/known.hpp"
#include "knowledge/routes.hpp"
#include "knowledge/text.hpp"
#include "referential/loader.hpp"
#include "registry/catalog.hpp"

namespace carepilot::knowledge {

namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

std::string kind_label(const std::string& kind) {
  return code_label("knowledge_kind." + kind);
}
std::string theme_label(const std::string& theme) {
  return code_label("knowledge_theme." + theme);
}
std::string offer_kind_label(const std::string& k) {
  return code_label("knowledge_offer." + k);
}
std::string doc_kind_label(const std::string& k) {
  return code_label("knowledge_doc." + k);
}
std::string region_label(const std::string& region) {
  if (region.empty() || region == "national") return "National";
  if (const auto* r = registry::Catalog::builtin().region(region)) return r->name;
  return region;
}

namespace pages_detail {
std::string url_encode(const std::string& s);
std::string obligation_title(const std::string& id);
}  // namespace pages_detail

std::vector<ShownField> shown_fields(const Entry& e) {
  auto joined = [](const std::vector<std::string>& v, auto label) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + label(x);
    return out;
  };
  auto same = [](const std::string& x) { return x; };
  auto date = [](const std::optional<Date>& d) {
    return d ? exports::french_date(*d) : std::string();
  };
  return {{"id", e.id},
          {"kind", kind_label(e.kind)},
          {"title", e.title},
          {"summary", e.summary},
          {"theme", theme_label(e.theme)},
          {"region", e.kind == "offer" ? region_label(e.region) : ""},
          {"audiences", joined(e.audiences, [](const std::string& a) { return code_label(a); })},
          {"obligations", joined(e.obligations, pages_detail::obligation_title)},
          {"objectives", joined(e.objectives, same)},
          {"keywords", joined(e.keywords, same)},
          {"provider", e.provider},
          {"offer_kind", e.offer_kind.empty() ? "" : offer_kind_label(e.offer_kind)},
          {"cost", e.cost},
          {"contact", e.contact},
          {"doc_kind", e.doc_kind.empty() ? "" : doc_kind_label(e.doc_kind)},
          {"version", e.version},
          {"ref", e.ref},
          {"date", date(e.date)},
          {"end", date(e.end)},
          {"paliers", joined(e.paliers, same)},
          {"link", e.link},
          {"note", e.note},
          {"source", e.source}};
}

std::string entry_url(const std::string& id) {
  return "/connaissances/entrees/" + pages_detail::url_encode(id);
}

namespace pages_detail {

const char* const kEntryBase = "/connaissances/entrees/";

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A search page: the box, the facets, the hits. `fixed` filters a list page (FAQ …).
struct PageKind {
  std::string path, title, intro, kind, region;
};

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    out += (out.empty() ? "?" : "&") + k + "=" + url_encode(v);
  }
  return out;
}

std::string facet_label(const std::string& facet, const std::string& code) {
  if (facet == "kind") return kind_label(code);
  if (facet == "theme") return theme_label(code);
  if (facet == "audience") return code_label(code);
  // A region's name is a proper noun; « national » is written in lower case like the other
  // facets' values.
  if (code.empty() || code == "national") return "national";
  return region_label(code);
}

void entry_summary_into(TemplateDictionary& d, const Entry& e) {
  d.SetValue("TITLE", e.title);
  d.SetValue("URL", kEntryBase + url_encode(e.id));
  d.SetValue("KIND", kind_label(e.kind));
  d.SetValue("THEME", theme_label(e.theme));
  if (e.kind == "offer") {
    auto* o = d.AddSectionDictionary("OFFER");
    o->SetValue("PROVIDER", e.provider);
    o->SetValue("OFFER_KIND", offer_kind_label(e.offer_kind));
    o->SetValue("REGION", region_label(e.region));
  }
  if (e.date) d.AddSectionDictionary("DATE")->SetValue("DATE", exports::french_date(*e.date));
}

// `unreadable`: the query string held a value that is not UTF-8 (http::Route::query_not_utf8,
// read as Windows-1252): the page says so under the box, which shows what was read, and
// searches nothing (400).
Response search_page(Context& ctx, Request& req, const PageKind& pk, bool unreadable = false) {
  SearchQuery q;
  q.q = req.q("q");
  q.kind = pk.kind.empty() ? req.q("nature") : pk.kind;
  q.theme = req.q("theme");
  q.audience = req.q("public");
  q.region = pk.region.empty() ? req.q("region") : pk.region;
  try {
    q.page = std::stoi(req.q("page").empty() ? "1" : req.q("page"));
  } catch (const std::exception&) {
    q.page = 1;
  }
  q.page = std::clamp(q.page, 1, 100000);
  q.per_page = 20;
  q.visible_region = visible_region(ctx, req.caller);
  // A filter value outside its codes (a hand-typed or stale address) is said on the page and
  // not applied (the API answers 400 request.bad_parameter).
  std::string unknown;
  const auto& vocab = ctx.repo.vocabulary();
  auto known_code = [&](std::string& v, const std::vector<std::string>& codes, const char* label) {
    if (v.empty() || std::find(codes.begin(), codes.end(), v) != codes.end()) return;
    http::add_unknown_filter(unknown, label, v);
    v.clear();
  };
  if (pk.kind.empty()) known_code(q.kind, vocab.kinds, "Nature");
  known_code(q.theme, vocab.themes, "Thème");
  known_code(q.audience, vocab.audiences, "Public");
  if (pk.region.empty() && !q.region.empty() && q.region != "national" &&
      region_label(q.region) == q.region) {
    http::add_unknown_filter(unknown, "Portée", q.region);
    q.region.clear();
  }
  TemplateDictionary d("knowledge_search");
  d.SetValue("H1", pk.title);
  d.SetValue("INTRO", pk.intro);
  d.SetValue("ACTION", pk.path);
  d.SetValue("Q", utf8_prefix(q.q, kMaxQueryChars));
  if (!pk.kind.empty()) d.SetValue("FIXED_KIND", pk.kind);
  // The lists of the knowledge base, the current one marked (aria-current, a filled button).
  for (const auto& [path, label] : std::vector<std::pair<std::string, std::string>>{
           {"/connaissances", "Toutes les ressources"},
           {"/connaissances/faq", "Foire aux questions"},
           {"/connaissances/referentiels", "Référentiels et guides"},
           {"/connaissances/offres", "Offres nationales"}}) {
    auto* t = d.AddSectionDictionary("TAB");
    t->SetValue("URL", path);
    t->SetValue("LABEL", label);
    t->ShowSection(path == pk.path ? "ON" : "OFF");
  }
  int status = 200;
  SearchResult r;
  if (unreadable) {
    status = 400;
    r.too_long = true;  // not searched: the box and its message only
    d.AddSectionDictionary("ERROR")->SetValue(
        "MSG",
        "La recherche contient des caractères illisibles (le lien ou l'outil qui l'a "
        "envoyée n'écrit pas les accents comme ce site) ; vérifiez-la et relancez-la.");
  } else if (r = ctx.repo.search(q); r.too_long) {
    status = 422;
    d.AddSectionDictionary("ERROR")->SetValue(
        "MSG", page_message("q", "La recherche est limitée à " +
                                     french_integer(static_cast<std::int64_t>(kMaxQueryChars)) +
                                     " caractères ; raccourcissez-la."));
  } else if (!q.q.empty() && r.terms.empty()) {
    d.AddSectionDictionary("NO_WORDS");
  }
  // Hidden filters carried by the search box.
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"nature", pk.kind.empty() ? q.kind : ""},
           {"theme", q.theme},
           {"public", q.audience},
           {"region", pk.region.empty() ? q.region : ""}})
    if (!value.empty()) {
      auto* h = d.AddSectionDictionary("HIDDEN");
      h->SetValue("NAME", name);
      h->SetValue("VALUE", value);
    }
  if (!r.too_long) {
    d.SetIntValue("TOTAL", r.total);
    if (r.total == 0)
      d.ShowSection("NONE");
    else
      d.ShowSection("SOME");
    // Facets: each value a link toggling its filter.
    const std::vector<std::tuple<std::string, std::string, std::string, std::string>> facets{
        {"kind", "nature", "Nature", q.kind},
        {"theme", "theme", "Thème", q.theme},
        {"audience", "public", "Public", q.audience},
        {"region", "region", "Portée", q.region}};
    for (const auto& [facet, param, label, current] : facets) {
      if ((facet == "kind" && !pk.kind.empty()) || (facet == "region" && !pk.region.empty()))
        continue;
      auto it = r.facets.find(facet);
      if (it == r.facets.end() || it->second.empty()) continue;
      auto* f = d.AddSectionDictionary("FACET");
      f->SetValue("LABEL", label);
      for (const auto& v : it->second) {
        auto* t = f->AddSectionDictionary("VALUE");
        t->SetValue("LABEL", facet_label(facet, v.code));
        t->SetIntValue("COUNT", v.count);
        const bool on = current == v.code;
        if (on) t->ShowSection("ON");
        std::vector<std::pair<std::string, std::string>> p{
            {"q", q.q},
            {"nature", pk.kind.empty() ? (param == "nature" ? (on ? "" : v.code) : q.kind) : ""},
            {"theme", param == "theme" ? (on ? "" : v.code) : q.theme},
            {"public", param == "public" ? (on ? "" : v.code) : q.audience},
            {"region",
             pk.region.empty() ? (param == "region" ? (on ? "" : v.code) : q.region) : ""}};
        t->SetValue("URL", pk.path + query_string(p));
      }
    }
    // The filters chosen, each with a link that removes it (the others kept), then all of them.
    const std::vector<std::tuple<std::string, std::string, std::string, std::string>> active{
        {"kind", "nature", "Nature", pk.kind.empty() ? q.kind : ""},
        {"theme", "theme", "Thème", q.theme},
        {"audience", "public", "Public", q.audience},
        {"region", "region", "Portée", pk.region.empty() ? q.region : ""}};
    const std::string url_kind = pk.kind.empty() ? q.kind : "",
                      url_region = pk.region.empty() ? q.region : "";
    TemplateDictionary* chosen = nullptr;
    for (const auto& [facet, param, label, current] : active) {
      if (current.empty()) continue;
      if (!chosen) chosen = d.AddSectionDictionary("ACTIVE");
      auto* f = chosen->AddSectionDictionary("FILTER");
      f->SetValue("LABEL", label + " : " + facet_label(facet, current));
      f->SetValue("URL", pk.path + query_string({{"q", q.q},
                                                 {"nature", param == "nature" ? "" : url_kind},
                                                 {"theme", param == "theme" ? "" : q.theme},
                                                 {"public", param == "public" ? "" : q.audience},
                                                 {"region", param == "region" ? "" : url_region}}));
    }
    if (chosen)
      chosen->AddSectionDictionary("ALL")->SetValue("URL", pk.path + query_string({{"q", q.q}}));
    for (const auto& h : r.hits) {
      auto* row = d.AddSectionDictionary("HIT");
      entry_summary_into(*row, h.entry);
      for (const auto& s : h.excerpt) {
        auto* seg = row->AddSectionDictionary("SEG");
        seg->SetValue("TEXT", s.text);
        if (s.hit)
          seg->ShowSection("HIT_ON");
        else
          seg->ShowSection("HIT_OFF");
      }
    }
    if (r.any_word && r.total > 0) d.ShowSection("ANY_WORD");
    if (r.ranked < r.total) {
      // A broad search: its total is exact, only its first entries are ranked.
      d.ShowSection("BROAD");
      d.SetValue("RANKED", french_integer(r.ranked));
    }
    const int pages = (r.ranked + q.per_page - 1) / q.per_page;
    if (pages > 1) {
      auto* p = d.AddSectionDictionary("PAGES");
      p->SetIntValue("PAGE", r.page);
      p->SetIntValue("PAGE_COUNT", pages);
      auto link = [&](int n) {
        return pk.path + query_string({{"q", q.q},
                                       {"nature", pk.kind.empty() ? q.kind : ""},
                                       {"theme", q.theme},
                                       {"public", q.audience},
                                       {"region", pk.region.empty() ? q.region : ""},
                                       {"page", std::to_string(n)}});
      };
      if (r.page > 1) p->AddSectionDictionary("PREV")->SetValue("URL", link(r.page - 1));
      if (r.page < pages) p->AddSectionDictionary("NEXT")->SetValue("URL", link(r.page + 1));
    }
  }
  http::PageMeta meta{pk.title, "connaissances", {{"Accueil", "/"}, {pk.title, ""}}, {}, {}};
  if (pk.path != "/connaissances")
    meta.breadcrumb = {{"Accueil", "/"}, {"Ressources", "/connaissances"}, {pk.title, ""}};
  if (req.q("supprime") == "1") meta.flash = "Entrée supprimée.";
  meta.flash_error = unknown;
  return Response::html(http::render_page("knowledge_search.tpl", d, meta), status);
}

std::string obligation_title(const std::string& id) {
  static const auto ref = referential::load_default_referential();
  if (const auto* o = ref.find_obligation(id)) return o->title;
  return id;
}

Response entry_page(Context& ctx, Request& req) {
  auto e = std::optional<Entry>(visible_entry(ctx, req, req.param("ref")));
  TemplateDictionary d("knowledge_entry");
  entry_summary_into(d, *e);
  // Paragraphs as typed: a blank line starts a paragraph, a line break stays one.
  auto paragraphs_into = [](TemplateDictionary& into, const std::string& text) {
    for (const auto& para : text_paragraphs(text)) {
      auto* p = into.AddSectionDictionary("PARA");
      for (std::size_t i = 0; i < para.size(); ++i) {
        auto* l = p->AddSectionDictionary("LINE");
        l->SetValue("TEXT", para[i]);
        if (i > 0) l->ShowSection("BR");
      }
    }
  };
  paragraphs_into(*d.AddSectionDictionary("SUMMARY"), e->summary);
  d.SetValue("ID", e->id);
  auto row = [&](const std::string& label, const std::string& value) {
    if (value.empty()) return;
    auto* r = d.AddSectionDictionary("FIELD");
    r->SetValue("LABEL", label);
    r->SetValue("VALUE", value);
  };
  if (e->kind == "offer") {
    row("Porteur", e->provider);
    row("Type d'offre", offer_kind_label(e->offer_kind));
    row("Portée", region_label(e->region));
    row("Coût", e->cost);
    row("Contact", e->contact);
  }
  if (e->kind == "referential") {
    row("Type de document", doc_kind_label(e->doc_kind));
    row("Version", e->version.empty() ? "non précisée par les textes" : e->version);
  }
  if (e->date)
    row(e->kind == "date" ? "Date" : "Date de publication", exports::french_date(*e->date));
  if (e->end) row("Fin", exports::french_date(*e->end));
  std::string aud;
  for (const auto& a : e->audiences) aud += (aud.empty() ? "" : ", ") + code_label(a);
  row("Public", aud);
  row("Thème", theme_label(e->theme));
  for (const auto& p : e->paliers) d.AddSectionDictionary("PALIER")->SetValue("TEXT", p);
  if (!e->paliers.empty()) d.ShowSection("HAS_PALIERS");
  for (const auto& o : e->obligations) {
    auto* r = d.AddSectionDictionary("OBLIGATION");
    r->SetValue("TITLE", obligation_title(o));
  }
  if (!e->obligations.empty()) d.ShowSection("HAS_OBLIGATIONS");
  // The funding objectives the entry concerns, each named by its label in the funding calls and
  // linked to its own page when it has one (issue 20 trial: bare codes).
  for (const auto& o : e->objectives) {
    auto* r = d.AddSectionDictionary("OBJECTIVE");
    r->SetValue("ID", o);
    r->SetValue("TEXT", objective_title(ctx.repo.known(), o).value_or(o));
    const auto page = o == e->id ? std::nullopt : ctx.repo.find(o);
    if (page && page->kind == "objective")
      r->AddSectionDictionary("LINKED")->SetValue("URL", kEntryBase + url_encode(o));
    else
      r->ShowSection("PLAIN");
  }
  if (!e->objectives.empty()) d.ShowSection("HAS_OBJECTIVES");
  if (e->kind == "objective") {
    // « Comment faire ? » of a funding objective: the entries linked to it, the regional
    // offers the reader may see included, in the order of the compliance page's (how_to).
    HowToQuery q;
    q.objective = e->id;
    q.visible_region = visible_region(ctx, req.caller);
    q.limit = 50;
    TemplateDictionary* how = nullptr;
    for (const auto& h : how_to(ctx.repo, q)) {
      if (!how) how = d.AddSectionDictionary("HOWTO");
      auto* x = how->AddSectionDictionary("ITEM");
      std::string label = kind_label(h.kind);
      if (!h.region.empty()) label += " (" + region_label(h.region) + ")";
      x->SetValue("KIND", label);
      x->SetValue("TITLE", h.title);
      x->SetValue("URL", kEntryBase + url_encode(h.id));
    }
  }
  if (!e->link.empty()) d.AddSectionDictionary("LINK")->SetValue("URL", e->link);
  if (!e->note.empty()) paragraphs_into(*d.AddSectionDictionary("NOTE"), e->note);
  if (!e->source.empty()) d.AddSectionDictionary("SOURCE")->SetValue("TEXT", e->source);
  if (Repository::may_edit(req.caller.scope, *e)) {
    auto* w = d.AddSectionDictionary("EDIT");
    w->SetValue("URL", kEntryBase + url_encode(e->id));
  }
  http::PageMeta meta{e->title,
                      "connaissances",
                      {{"Accueil", "/"}, {"Ressources", "/connaissances"}, {e->title, ""}},
                      {},
                      {}};
  if (req.q("enregistre") == "1") meta.flash = "Entrée enregistrée.";
  return Response::html(http::render_page("knowledge_entry.tpl", d, meta));
}

// The form's values: what was typed (a refused post) or the entry.
using Values = std::vector<std::pair<std::string, std::string>>;

Values values_of(const Entry& e) {
  Values v{{"id", e.id},
           {"kind", e.kind},
           {"title", e.title},
           {"summary", e.summary},
           {"theme", e.theme},
           {"region", e.region},
           {"ref", e.ref},
           {"doc_kind", e.doc_kind},
           {"version", e.version},
           {"provider", e.provider},
           {"offer_kind", e.offer_kind},
           {"cost", e.cost},
           {"contact", e.contact},
           {"link", e.link},
           {"note", e.note},
           {"source", e.source}};
  for (const auto& a : e.audiences) v.emplace_back("audiences", a);
  for (const auto& o : e.obligations) v.emplace_back("obligations", o);
  std::string objs, kws, pals;
  for (const auto& o : e.objectives) objs += (objs.empty() ? "" : ", ") + o;
  for (const auto& k : e.keywords) kws += (kws.empty() ? "" : ", ") + k;
  for (const auto& p : e.paliers) pals += (pals.empty() ? "" : "\n") + p;
  v.emplace_back("objectives", objs);
  v.emplace_back("keywords", kws);
  v.emplace_back("paliers", pals);
  // A referential's date is its publication (its own field, « published »), a key date's the day.
  if (e.date) v.emplace_back(e.kind == "referential" ? "published" : "date", format_date(*e.date));
  if (e.end) v.emplace_back("end", format_date(*e.end));
  return v;
}

std::string first(const Values& v, const std::string& key) {
  for (const auto& [k, x] : v)
    if (k == key) return x;
  return {};
}
bool has(const Values& v, const std::string& key, const std::string& value) {
  for (const auto& [k, x] : v)
    if (k == key && x == value) return true;
  return false;
}
std::vector<std::string> split_list(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + sep) {
    if (c == sep) {
      auto t = trim(cur);
      if (!t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

Entry entry_of(const Values& v, std::vector<FieldError>& errors) {
  Entry e;
  e.id = trim(first(v, "id"));
  e.kind = first(v, "kind");
  e.title = trim(first(v, "title"));
  e.summary = trim(first(v, "summary"));
  e.theme = first(v, "theme");
  e.region = first(v, "region") == "national" ? "" : first(v, "region");
  e.ref = trim(first(v, "ref"));
  e.doc_kind = first(v, "doc_kind");
  e.version = trim(first(v, "version"));
  e.provider = trim(first(v, "provider"));
  e.offer_kind = first(v, "offer_kind");
  e.cost = trim(first(v, "cost"));
  e.contact = trim(first(v, "contact"));
  e.link = trim(first(v, "link"));
  e.note = trim(first(v, "note"));
  e.source = trim(first(v, "source"));
  for (const auto& [k, x] : v) {
    if (k == "audiences") e.audiences.push_back(x);
    if (k == "obligations") e.obligations.push_back(x);
  }
  e.objectives = split_list(first(v, "objectives"), ',');
  e.keywords = split_list(first(v, "keywords"), ',');
  e.paliers = split_list(first(v, "paliers"), '\n');
  // The date: a referential's publication (« published ») or a key date's day (« date »); the
  // field of another nature, when filled, is refused by entry_errors.
  const std::string day = trim(first(v, "date")), published = trim(first(v, "published"));
  const std::string date_text = e.kind == "referential" ? (published.empty() ? day : published)
                                                        : (day.empty() ? published : day);
  for (const auto& [k, t] : {std::pair<std::string, std::string>{"date", date_text},
                             std::pair<std::string, std::string>{"end", trim(first(v, "end"))}}) {
    if (t.empty()) continue;
    auto d = parse_date(t);
    if (!d)
      errors.push_back(
          {k, "knowledge.invalid_date", k + " : « " + t + " » n'est pas une date du calendrier."});
    else
      (k == "date" ? e.date : e.end) = d;
  }
  return e;
}

Response form_page(Context& ctx, Request& req, const std::optional<Entry>& existing,
                   const Values& values, const std::vector<FieldError>& errors, int status = 422) {
  TemplateDictionary d("knowledge_form");
  const bool create = !existing;
  d.SetValue("H1", create ? "Nouvelle entrée" : "Modifier « " + existing->title + " »");
  d.SetValue("ACTION", create ? std::string("/connaissances/entrees")
                              : kEntryBase + url_encode(existing->id));
  if (create) {
    d.ShowSection("CREATE");
    // Examples of identifiers the caller may create: regional staff write offers only.
    const std::vector<std::string> examples =
        req.caller.scope.level == Scope::Level::region
            ? std::vector<std::string>{"offre-grades-sauvegarde"}
            : std::vector<std::string>{"D2.O4", "faq-desfire", "offre-grades-sauvegarde"};
    for (const auto& x : examples) d.AddSectionDictionary("ID_EXAMPLES")->SetValue("EXAMPLE", x);
  }
  if (!create && !Repository::may_edit(req.caller.scope, *existing)) {
    // Regional staff read a national entry: no form (the save would be refused).
    d.ShowSection("READ_ONLY");
    d.SetValue("BACK", kEntryBase + url_encode(existing->id));
  } else {
    d.ShowSection("FORM");
    if (!create)
      d.AddSectionDictionary("DELETE")->SetValue(
          "URL", kEntryBase + url_encode(existing->id) + "/supprimer");
  }
  for (const char* k :
       {"id", "title", "summary", "ref", "version", "provider", "cost", "contact", "link", "note",
        "source", "objectives", "keywords", "paliers", "date", "published", "end"}) {
    std::string key = k;
    for (auto& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    d.SetValue("V_" + key, first(values, k));
  }
  const auto& vocab = ctx.repo.vocabulary();
  std::string region_default = first(values, "region");
  if (create && values.empty() && req.caller.scope.level == Scope::Level::region)
    region_default = req.caller.scope.region_code;
  auto options = [&](const char* section, const std::vector<std::string>& codes,
                     const std::string& current, std::string (*label)(const std::string&)) {
    for (const auto& c : codes) {
      auto* o = d.AddSectionDictionary(section);
      o->SetValue("VALUE", c);
      o->SetValue("LABEL", label(c));
      if (c == current) o->ShowSection("SELECTED");
    }
  };
  // Regional staff are offered only what they may save (Repository::may_edit): an offer of
  // their region (issue 20 trial: every nature and every region were offered, then refused).
  const bool regional = req.caller.scope.level == Scope::Level::region;
  std::string kind = first(values, "kind");
  if (create && values.empty() && regional) kind = "offer";
  // « Ajouter une offre régionale » of the regional offers' page: an offer, of the region chosen.
  if (create && values.empty() && !regional && req.q("nature") == "offer") {
    kind = "offer";
    if (region_label(req.q("region")) != req.q("region")) region_default = req.q("region");
  }
  options("KIND_OPT", regional ? std::vector<std::string>{"offer"} : vocab.kinds, kind, kind_label);
  // The referential, question and date fields serve the other natures only: hidden when an
  // offer is the only nature offered (unless the entry already holds one, kept on save).
  bool other_natures = !regional;
  for (const char* k : {"doc_kind", "version", "ref", "date", "published", "end", "paliers"})
    other_natures = other_natures || !first(values, k).empty();
  if (other_natures) d.ShowSection("NOT_OFFER_ONLY");
  options("THEME_OPT", vocab.themes, first(values, "theme"), theme_label);
  options("OFFER_KIND_OPT", vocab.offer_kinds, first(values, "offer_kind"), offer_kind_label);
  options("DOC_KIND_OPT", vocab.doc_kinds, first(values, "doc_kind"), doc_kind_label);
  for (const auto& a : vocab.audiences) {
    auto* o = d.AddSectionDictionary("AUDIENCE_OPT");
    o->SetValue("VALUE", a);
    o->SetValue("LABEL", code_label(a));
    if (has(values, "audiences", a)) o->ShowSection("CHECKED");
  }
  if (regional) {
    auto* x = d.AddSectionDictionary("REGION_OPT");
    x->SetValue("VALUE", req.caller.scope.region_code);
    x->SetValue("LABEL", region_label(req.caller.scope.region_code));
    x->ShowSection("SELECTED");
  } else {
    auto* o = d.AddSectionDictionary("REGION_OPT");
    o->SetValue("VALUE", "national");
    o->SetValue("LABEL", "National");
    if (region_default.empty()) o->ShowSection("SELECTED");
    for (const auto& r : registry::Catalog::builtin().regions()) {
      auto* x = d.AddSectionDictionary("REGION_OPT");
      x->SetValue("VALUE", r.code);
      x->SetValue("LABEL", r.name);
      if (r.code == region_default) x->ShowSection("SELECTED");
    }
  }
  static const auto ref = referential::load_default_referential();
  for (const auto& o : ref.obligations) {
    auto* x = d.AddSectionDictionary("OBLIGATION_OPT");
    x->SetValue("VALUE", o.id);
    x->SetValue("LABEL", o.title);
    if (has(values, "obligations", o.id)) x->ShowSection("CHECKED");
  }
  if (!errors.empty()) {
    auto* e = d.AddSectionDictionary("HAS_ERRORS");
    for (const auto& err : errors) {
      auto* r = e->AddSectionDictionary("ERROR");
      r->SetValue("FIELD", err.field);
      r->SetValue("MESSAGE", page_message(err));
      d.AddSectionDictionary("ERR_" + err.field)->SetValue("MSG", page_message(err));
    }
  }
  std::string title = create ? "Nouvelle entrée" : "Modifier une entrée";
  http::PageMeta meta{title,
                      "connaissances",
                      {{"Accueil", "/"}, {"Ressources", "/connaissances"}, {title, ""}},
                      {},
                      {}};
  return Response::html(http::render_page("knowledge_form.tpl", d, meta),
                        errors.empty() ? 200 : status);
}

Response save_post(Context& ctx, Request& req, const std::optional<Entry>& existing) {
  Values v;
  for (auto& [k, x] : http::parse_urlencoded(req.body))
    if (k != "csrf") v.emplace_back(k, x);
  std::vector<FieldError> errors;
  Entry e = entry_of(v, errors);
  if (existing) e.id = existing->id;
  if (!errors.empty()) {
    // Every problem at once: the dates the form could not read, then the entry's own.
    Entry checked = e;
    for (const auto& [field, reason] :
         entry_errors(checked, ctx.repo.vocabulary(), ctx.repo.known()))
      if (std::none_of(errors.begin(), errors.end(),
                       [&](const FieldError& x) { return x.field == field; }))
        errors.push_back({field, "knowledge.invalid_" + field, field + " : " + reason + "."});
    return form_page(ctx, req, existing, v, errors);
  }
  try {
    auto saved = ctx.repo.save(req.caller.scope, e, !existing, req.actor());
    return Response::redirect(kEntryBase + url_encode(saved.id) + "?enregistre=1");
  } catch (const UserError& err) {
    // Refused data or a taken identifier (409): the form again, the message under its field.
    if (err.status() != 422 && err.status() != 409) throw;
    return form_page(ctx, req, existing, v, err.fields(), err.status());
  }
}

// The confirmation asked before an entry is deleted (its POST deletes); who may not delete it
// (regional staff on a national entry) is told so, without the form.
Response delete_page(Context& ctx, Request& req) {
  auto e = std::optional<Entry>(visible_entry(ctx, req, req.param("ref")));
  TemplateDictionary d("knowledge_delete");
  d.SetValue("TITLE", e->title);
  d.SetValue("KIND", kind_label(e->kind));
  d.SetValue("ID", e->id);
  if (e->kind == "offer")
    d.AddSectionDictionary("REGION")->SetValue("NAME", region_label(e->region));
  const std::string url = kEntryBase + url_encode(e->id);
  d.SetValue("BACK", Repository::may_edit(req.caller.scope, *e) ? url + "/modifier" : url);
  if (Repository::may_edit(req.caller.scope, *e)) {
    d.ShowSection("FORM");
    d.SetValue("ACTION", url + "/supprimer");
  } else {
    d.ShowSection("READ_ONLY");
  }
  http::PageMeta meta{
      "Supprimer une entrée",
      "connaissances",
      {{"Accueil", "/"}, {"Ressources", "/connaissances"}, {e->title, url}, {"Supprimer", ""}},
      {},
      {}};
  return Response::html(http::render_page("knowledge_delete.tpl", d, meta));
}

// The export link and the import form; `done` the counts of an import, `error` its refusal.
Response file_page(Request& req, const std::optional<ImportResult>& done, const std::string& error,
                   int status) {
  (void)req;
  TemplateDictionary d("knowledge_file");
  d.SetValue("MAX", french_file_size(static_cast<std::int64_t>(kMaxImportBytes)));
  if (done) {
    auto* x = d.AddSectionDictionary("DONE");
    auto count = [](int n, const char* one, const char* many) {
      return french_integer(n) + " " + (n > 1 ? many : one);
    };
    x->SetValue("CREATED", count(done->created, "entrée ajoutée", "entrées ajoutées"));
    x->SetValue("UPDATED", count(done->updated, "modifiée", "modifiées"));
    x->SetValue("UNCHANGED", count(done->unchanged, "inchangée", "inchangées"));
  }
  if (!error.empty()) d.AddSectionDictionary("ERROR")->SetValue("MSG", error);
  http::PageMeta meta{
      "Exporter ou importer le contenu",
      "connaissances",
      {{"Accueil", "/"}, {"Ressources", "/connaissances"}, {"Export et import", ""}},
      {},
      {}};
  return Response::html(http::render_page("knowledge_file.tpl", d, meta), status);
}

Response import_post(Context& ctx, Request& req) {
  std::string name, text;
  for (auto& part : http::parse_multipart(req))
    if (part.name == "fichier") {
      name = part.filename;
      text = std::move(part.body);
    }
  if (name.empty() || text.empty())
    return file_page(req, std::nullopt, "Fichier à importer : choisissez un fichier YAML.", 422);
  try {
    auto r = ctx.repo.import_yaml(req.caller.scope, name, text, req.actor());
    return file_page(req, r, "", 200);
  } catch (const UserError& err) {
    if (err.status() != 422 && err.status() != 409 && err.status() != 403) throw;
    return file_page(req, std::nullopt, err.what(), err.status());
  }
}

// The regional offers signed-in staff keep (issue 20 trial: regional staff had no page listing
// their region's offers, hidden from anonymous visitors): regional staff see their own
// region's, national staff every region's with a filter. Each with its edit link.
Response regional_page(Context& ctx, Request& req) {
  const bool national = req.caller.scope.level == Scope::Level::nation;
  std::string region;
  if (national) {
    region = req.q("region");
    if (!region.empty() && region_label(region) == region) region.clear();  // unknown: all
  } else {
    region = ctx.region_of ? ctx.region_of(req.caller.scope) : std::string();
    if (region.empty()) region = req.caller.scope.region_code;
  }
  std::vector<Entry> offers;
  const auto visible = visible_region(ctx, req.caller);
  for (auto& e : ctx.repo.all()) {
    if (e.kind != "offer" || e.region.empty() || !Repository::visible(e, visible)) continue;
    if ((!national || !region.empty()) && e.region != region) continue;
    offers.push_back(std::move(e));
  }
  std::stable_sort(offers.begin(), offers.end(), [](const Entry& a, const Entry& b) {
    const auto ra = region_label(a.region), rb = region_label(b.region);
    return ra != rb ? ra < rb : a.title < b.title;
  });
  TemplateDictionary d("knowledge_regional");
  const std::string title = national || region.empty()
                                ? "Offres régionales"
                                : "Offres régionales : " + region_label(region);
  d.SetValue("H1", title);
  d.SetValue("INTRO", national ? "Les offres cyber propres à une région, de toutes les régions. "
                                 "Seules les personnes connectées de la région et les équipes "
                                 "nationales les voient."
                               : "Les offres cyber de votre région. Seules les personnes "
                                 "connectées de la région et les équipes nationales les voient.");
  if (national) {
    auto* f = d.AddSectionDictionary("FILTER");
    auto* all = f->AddSectionDictionary("OPT");
    all->SetValue("VALUE", "");
    all->SetValue("LABEL", "Toutes les régions");
    if (region.empty()) all->ShowSection("SELECTED");
    for (const auto& r : registry::Catalog::builtin().regions()) {
      auto* o = f->AddSectionDictionary("OPT");
      o->SetValue("VALUE", r.code);
      o->SetValue("LABEL", r.name);
      if (r.code == region) o->ShowSection("SELECTED");
    }
  }
  d.SetValue("ADD_URL", "/connaissances/nouvelle?nature=offer" +
                            (national && !region.empty() ? "&region=" + url_encode(region) : ""));
  d.SetIntValue("TOTAL", static_cast<long>(offers.size()));
  d.ShowSection(offers.empty() ? "NONE" : "SOME");
  for (const auto& e : offers) {
    auto* row = d.AddSectionDictionary("ROW");
    row->SetValue("TITLE", e.title);
    row->SetValue("URL", kEntryBase + url_encode(e.id));
    row->SetValue("REGION", region_label(e.region));
    row->SetValue("PROVIDER", e.provider);
    row->SetValue("OFFER_KIND", offer_kind_label(e.offer_kind));
  }
  http::PageMeta meta{
      "Offres régionales",
      "connaissances",
      {{"Accueil", "/"}, {"Ressources", "/connaissances"}, {"Offres régionales", ""}},
      {},
      {}};
  return Response::html(http::render_page("knowledge_regional.tpl", d, meta));
}

}  // namespace pages_detail

namespace pd = pages_detail;

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  const std::vector<pd::PageKind> lists{
      {"/connaissances", "Ressources : questions, référentiels, offres",
       "Une recherche dans la foire aux questions du programme CaRE, les référentiels PGSSI-S, "
       "les objectifs de financement, le catalogue des offres cyber et les dates clés.",
       "", ""},
      {"/connaissances/faq", "Foire aux questions du programme CaRE",
       "Les réponses de la foire aux questions du programme CaRE.", "faq", ""},
      {"/connaissances/referentiels", "Référentiels et guides",
       "Les référentiels de la PGSSI-S et les documents de sécurité sur lesquels s'appuie le "
       "programme.",
       "referential", ""},
      {"/connaissances/offres", "Offres cyber nationales",
       "Les offres nationales de services, d'outils, de formation et de financement.", "offer",
       "national"}};
  for (const auto& pk : lists) {
    http::Route r{
        "GET",           pk.path,
        RouteKind::page, [&ctx, pk](Request& req) { return pd::search_page(ctx, req, pk); },
        64 * 1024,       true,
        Access::open,    nullptr};
    // A query that is not UTF-8 (« ?q=%E9t%E9 »): the page and its message, not the 400 page.
    r.query_not_utf8 = [&ctx, pk](Request& req) { return pd::search_page(ctx, req, pk, true); };
    routes.add(std::move(r));
  }
  routes.get(
      "/connaissances/offres-regionales", RouteKind::page,
      [&ctx](Request& req) { return pd::regional_page(ctx, req); }, false, Access::edit_registry);
  routes.get(
      "/connaissances/nouvelle", RouteKind::page,
      [&ctx](Request& req) { return pd::form_page(ctx, req, std::nullopt, {}, {}); }, false,
      Access::edit_registry);
  routes.post(
      "/connaissances/entrees", RouteKind::page,
      [&ctx](Request& req) { return pd::save_post(ctx, req, std::nullopt); }, 64 * 1024,
      Access::edit_registry);
  routes.get(
      "/connaissances/entrees/:ref", RouteKind::page,
      [&ctx](Request& req) {
        // An objective's id as the FAQ spells it ("D2.01.C"): its page, under the normalised id.
        if (auto id = normalise_objective(req.param("ref")); id && *id != req.param("ref"))
          return Response::redirect("/connaissances/entrees/" + http::url_encode(*id), 301);
        return pd::entry_page(ctx, req);
      },
      true, Access::open);
  routes.get(
      "/connaissances/entrees/:ref/modifier", RouteKind::page,
      [&ctx](Request& req) {
        auto e = std::optional<Entry>(visible_entry(ctx, req, req.param("ref")));
        return pd::form_page(ctx, req, e, pd::values_of(*e), {});
      },
      false, Access::edit_registry);
  routes.post(
      "/connaissances/entrees/:ref", RouteKind::page,
      [&ctx](Request& req) {
        auto e = std::optional<Entry>(visible_entry(ctx, req, req.param("ref")));
        return pd::save_post(ctx, req, e);
      },
      64 * 1024, Access::edit_registry);
  routes.get(
      "/connaissances/fichier", RouteKind::page,
      [](Request& req) { return pd::file_page(req, std::nullopt, "", 200); }, false,
      Access::edit_registry);
  routes.post(
      "/connaissances/fichier", RouteKind::page,
      [&ctx](Request& req) { return pd::import_post(ctx, req); }, kMaxImportBytes,
      Access::edit_registry);
  routes.get(
      "/connaissances/entrees/:ref/supprimer", RouteKind::page,
      [&ctx](Request& req) { return pd::delete_page(ctx, req); }, false, Access::edit_registry);
  routes.post(
      "/connaissances/entrees/:ref/supprimer", RouteKind::page,
      [&ctx](Request& req) {
        visible_entry(ctx, req, req.param("ref"));  // another region's offer: 404
        ctx.repo.remove(req.caller.scope, req.param("ref"), req.actor());
        return Response::redirect("/connaissances?supprime=1");
      },
      64 * 1024, Access::edit_registry);
}

}  // namespace carepilot::knowledge
