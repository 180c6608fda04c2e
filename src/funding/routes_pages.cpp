// Pages of the funding calls (issue 18): /financements (the calls, what waits for the viewer,
// the candidatures of its scope and, for regional and national staff, the table per call and
// region against the envelope), one candidature with its history, objectives, proofs,
// declarations and verifications and the forms of the viewer's role at its state, the
// candidature form of a candidate, the XLSX export and the dossier PDF. Every action goes
// through funding::Repository (its rules, transaction and audit); a refusal shows the form
// again with the French message under its field, nothing stored.
#include <ctemplate/template.h>

#include <algorithm>
#include <set>

#include "common/attachment.hpp"
#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/pdf.hpp"
#include "common/record_labels.hpp"
#include "common/xlsx.hpp"
#include "funding/data.hpp"
#include "funding/routes.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/multipart.hpp"
#include "http/templates.hpp"
#include "registry/catalog.hpp"

namespace carepilot::funding {

namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}

namespace funding_pages_detail {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using nlohmann::json;
using Values = std::map<std::string, std::string>;

const char* const kBase = "/financements";

std::string euro_text(std::int64_t cents) {
  std::string s = french_integer(cents / 100);
  if (cents % 100) {
    const auto c = cents % 100;
    s += "," + std::string(c < 10 ? "0" : "") + std::to_string(c);
  }
  return s + "\u00a0€";
}
// « non précisée » of an envelope, « non précisé » of a ceiling (issue 18 trial).
std::string euro_or_unknown(const std::optional<std::int64_t>& c, bool feminine = true) {
  return c ? euro_text(*c)
           : std::string(feminine ? "non précisée par les sources" : "non précisé par les sources");
}
std::string state_label(const std::string& code) {
  return std::string(status_label("funding", code));
}
// The DSFR badge of a verdict, the same on the ARS's, the candidate's and national pages:
// the ARS's outcome (accepted, more requested, refused), a computation's verdict (met, not
// met, unknown) or a candidature's state (refused or rejected, paid, more requested).
std::string badge_of(const std::string& code) {
  if (code == "accepted" || code == "met" || code == "paid") return "success";
  if (code == "more_requested") return "warning";
  if (code == "refused" || code == "not_met") return "error";
  return "info";
}

std::string region_name(const std::string& code) {
  if (const auto* r = registry::Catalog::builtin().region(code)) return r->name;
  return code;
}
std::string day_text(const std::string& iso) {
  return french_date_text(iso);
}
std::string when_text(const std::string& at) {
  return at.empty() ? std::string() : paris_datetime(at);
}
// A text ended by one full stop (issue 18 trial: « … en cours.. » in the calendar feed).
std::string sentence(const std::string& text) {
  if (!text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == '?'))
    return text;
  return text + ".";
}
// A rule's computation, one line per establishment (issue 18 trial: one long paragraph): the
// words are cut before each establishment's name (« CH Alpha : … ») and before the total.
std::vector<std::string> computation_lines(const std::string& words,
                                           const std::vector<std::string>& names) {
  std::set<std::size_t> cuts;
  std::vector<std::string> marks{" Total : "};
  for (const auto& n : names)
    if (!n.empty()) marks.push_back(" " + n + " : ");
  for (const auto& m : marks)
    for (auto at = words.find(m); at != std::string::npos; at = words.find(m, at + 1))
      cuts.insert(at);
  std::vector<std::string> out;
  std::size_t from = 0;
  for (auto at : cuts) {
    if (at > from) out.push_back(words.substr(from, at - from));
    from = at + 1;
  }
  if (from < words.size()) out.push_back(words.substr(from));
  return out;
}
void words_into(TemplateDictionary& d, const std::string& words,
                const std::vector<std::string>& names) {
  const auto lines = computation_lines(words, names);
  if (lines.size() < 2) {
    d.AddSectionDictionary("WORDS_ONE")->SetValue("TEXT", words);
    return;
  }
  auto* l = d.AddSectionDictionary("WORDS_LIST");
  for (const auto& line : lines) l->AddSectionDictionary("LINE")->SetValue("TEXT", line);
}

std::string candidature_url(std::int64_t id) {
  return std::string(kBase) + "/candidatures/" + std::to_string(id);
}
std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}
std::string value(const Values& v, const std::string& k) {
  auto it = v.find(k);
  return it == v.end() ? std::string() : it->second;
}
std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + "\n") {
    if (c == '\n') {
      if (auto t = trim(cur); !t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}
// A label inside a sentence: its first letter (ASCII, as every step's label starts) lowered.
std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}
// "filed" → "FILED" (template section names).
std::string upper(std::string s) {
  for (auto& c : s)
    c = c == '.' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
// An objective id as a form field suffix: D2.O1.C → D2_O1_C.
std::string field_id(const std::string& id) {
  std::string s = id;
  for (auto& c : s)
    if (c == '.') c = '_';
  return s;
}

// The candidate as lists, exports and the dossier name it: a GHT by its name, with the
// establishments it covers; an establishment by its name.
std::string candidate_name(const Candidature& k) {
  std::string names;
  for (const auto& e : k.establishments)
    names += (names.empty() ? "" : ", ") + e.value("name", std::string());
  if (k.candidate_kind == "ght")
    return (k.ght_name.empty() ? std::string("GHT") : k.ght_name) + " (" +
           plural(static_cast<std::int64_t>(k.establishments.size()), "établissement",
                  "établissements") +
           " : " + names + ")";
  return names;
}
// The candidate's own name: the GHT's, or the establishment's.
std::string candidate_short_name(const Candidature& k) {
  if (k.candidate_kind == "ght" && !k.ght_name.empty()) return k.ght_name;
  for (const auto& e : k.establishments)
    if (e.value("id", std::int64_t{0}) == k.establishment_id) return e.value("name", "");
  return k.establishments.empty() ? std::string() : k.establishments.front().value("name", "");
}

// The download of a file joined to candidature `id` (a prerequisite's or an objective's proof).
std::string file_url(std::int64_t candidature, std::int64_t file) {
  return candidature_url(candidature) + "/fichiers/" + std::to_string(file);
}

// The items of proof of a candidature with their joined files linked to their download: whoever
// reads the candidature reads its files.
std::vector<EvidenceItem> with_file_links(std::vector<EvidenceItem> items, const Candidature& k) {
  for (auto& e : items)
    if (e.kind == "file" && e.record_id)
      for (const auto& f : k.files)
        if (f.id == e.record_id) e.link = file_url(k.id, f.id);
  return items;
}

// One item of proof on a page: its description, a link to its record when the viewer sees
// the record's establishment, or to the joined file's download (sections LINKED or UNLINKED of
// `d`).
void item_into(TemplateDictionary& d, const EvidenceItem& e,
               const std::set<std::int64_t>& visible) {
  const std::string text = describe(e);
  if (!e.link.empty() &&
      (e.kind == "file" || (e.establishment_id && visible.count(e.establishment_id)))) {
    auto* l = d.AddSectionDictionary("LINKED");
    l->SetValue("URL", e.link);
    l->SetValue("TEXT", text);
  } else {
    d.AddSectionDictionary("UNLINKED")->SetValue("TEXT", text);
  }
}

// What waits for whom, at a state: who acts next.
bool waits_for_ars(const Candidature& k) {
  return k.state == "filed" || k.state == "declared";
}
bool waits_for_nation(const Candidature& k) {
  return k.state == "verified" || k.state == "decided";
}
bool waits_for_candidate(const Candidature& k) {
  if (k.state == "operational" || k.state == "more_requested") return true;
  if (k.state != "verified") return false;
  int open = 0;
  for (const auto& e : k.events) open += e.kind == "request" ? 1 : e.kind == "answer" ? -1 : 0;
  return open > 0;
}

// The deadline of the candidature's next act, passed (issue 18 trial: hidden until the user
// submitted): blocked without a national exception covering today, else covered until its end.
struct Lateness {
  std::string step;
  Date since;
  std::optional<Date> covered_until;
};
std::optional<Lateness> lateness(const Data& data, const Candidature& k, const Date& today) {
  const Call* call = data.call(k.call_id);
  if (!call) return std::nullopt;
  auto p = passed_step(*call, k, today);
  if (!p) return std::nullopt;
  Lateness l{p->first, p->second, std::nullopt};
  if (!k.exception_until.empty())
    if (auto u = parse_date(k.exception_until); u && !(*u < today)) l.covered_until = *u;
  return l;
}
std::string late_text(const Lateness& l) {
  const std::string since = "En retard depuis le " + exports::french_date(l.since);
  const std::string step = " (échéance « " + code_label("funding_step." + l.step) + " »)";
  return l.covered_until ? since + step + ", sous dérogation nationale jusqu'au " +
                               exports::french_date(*l.covered_until) + "."
                         : since + " : une dérogation nationale est nécessaire" + step + ".";
}
bool blocked(const std::optional<Lateness>& l) {
  return l && !l->covered_until;
}

bool is_national(const Request& req) {
  return req.caller.scope.level == Scope::Level::nation;
}
bool is_regional(const Request& req) {
  return req.caller.scope.level == Scope::Level::region;
}

void candidature_row(TemplateDictionary& row, const Data& data, const Candidature& k,
                     const std::optional<Date>& today = std::nullopt) {
  const Call* c = data.call(k.call_id);
  row.SetValue("URL", candidature_url(k.id));
  row.SetIntValue("ID", k.id);
  row.SetValue("CALL", c ? c->label : k.call_id);
  row.SetValue("CANDIDATE", candidate_name(k));
  row.SetValue("REGION", region_name(k.region_code));
  row.SetValue("STATE", state_label(k));
  row.SetValue("STATE_BADGE", badge_of(k.state));
  row.SetValue("REQUESTED", euro_text(k.amount_requested_cents));
  row.SetValue("GRANTED", k.amount_granted_cents ? euro_text(*k.amount_granted_cents) : "—");
  row.SetValue("PAID", k.amount_paid_cents ? euro_text(*k.amount_paid_cents) : "—");
  if (today)
    if (auto l = lateness(data, k, *today))
      row.AddSectionDictionary("LATE")->SetValue("TEXT", late_text(*l));
}

// The figures of the national and regional table, per call and per region.
struct Line {
  std::string region;
  long candidatures = 0, validated = 0, declared = 0, verified = 0;
  // `requested`: the live candidatures' requests (never a refused one's, issue 18 trial: the
  // total added them); `refused_requested`: what the refused ones had asked.
  std::int64_t requested = 0, refused_requested = 0, granted = 0, paid = 0;
};
void add_to(Line& l, const Candidature& k) {
  ++l.candidatures;
  static const std::set<std::string> after_validation{"operational", "declared", "more_requested",
                                                      "verified",    "decided",  "paid"};
  static const std::set<std::string> after_declaration{"declared", "more_requested", "verified",
                                                       "decided", "paid"};
  static const std::set<std::string> after_verification{"verified", "decided", "paid"};
  // Rejected by the national decision (0 € granted): verified before its refusal.
  const bool rejected = k.state == "refused" && k.amount_granted_cents.has_value();
  if (rejected || after_validation.count(k.state)) ++l.validated;
  if (rejected || after_declaration.count(k.state)) ++l.declared;
  if (rejected || after_verification.count(k.state)) ++l.verified;
  (k.state == "refused" ? l.refused_requested : l.requested) += k.amount_requested_cents;
  l.granted += k.amount_granted_cents.value_or(0);
  l.paid += k.amount_paid_cents.value_or(0);
}
struct CallTable {
  const Call* call = nullptr;
  std::vector<Line> regions;
  Line total;
};
std::vector<CallTable> tables_of(const Data& data, const std::vector<Candidature>& all) {
  std::vector<CallTable> out;
  for (const auto& c : data.calls) {
    CallTable t;
    t.call = &c;
    std::map<std::string, Line> by_region;
    for (const auto& k : all) {
      if (k.call_id != c.id) continue;
      auto& l = by_region[k.region_code];
      l.region = k.region_code;
      add_to(l, k);
      add_to(t.total, k);
    }
    for (auto& [_, l] : by_region) t.regions.push_back(l);
    out.push_back(std::move(t));
  }
  return out;
}
void line_into(TemplateDictionary& d, const Line& l) {
  d.SetIntValue("CANDIDATURES", l.candidatures);
  d.SetIntValue("VALIDATED", l.validated);
  d.SetIntValue("DECLARED", l.declared);
  d.SetIntValue("VERIFIED", l.verified);
  d.SetValue("REQUESTED", euro_text(l.requested));
  d.SetValue("REFUSED_REQUESTED", euro_text(l.refused_requested));
  d.SetValue("GRANTED", euro_text(l.granted));
  d.SetValue("PAID", euro_text(l.paid));
}

// A share of the envelope in French, to a tenth of a percent ("0,9 %"; "moins de 0,1 %" for
// a granted amount too small to show).
std::string share_of(std::int64_t part, std::int64_t whole) {
  const std::int64_t tenths = (part * 1000 + whole / 2) / whole;
  if (part > 0 && tenths == 0) return "moins de 0,1\u00a0%";
  std::string out = french_integer(tenths / 10);
  if (tenths % 10) out += "," + std::to_string(tenths % 10);
  return out + "\u00a0%";
}

Response list_page(Context& ctx, Request& req) {
  const Data& data = ctx.repo.data();
  TemplateDictionary d("funding_list");
  for (const auto& c : data.calls) {
    auto* row = d.AddSectionDictionary("CALL");
    row->SetValue("LABEL", c.label);
    row->SetValue("LEGAL", c.legal_text);
    row->SetValue("LEGAL_DATE", exports::french_date(c.legal_date));
    row->SetValue("ENVELOPE", euro_or_unknown(c.envelope_cents));
    auto open = c.date("candidature_open"), close = c.date("candidature_close");
    row->SetValue("WINDOW", open && close ? "du " + exports::french_date(*open) + " au " +
                                                exports::french_date(*close)
                            : open  ? "à partir du " + exports::french_date(*open)
                            : close ? "jusqu'au " + exports::french_date(*close)
                                    : std::string("dates non précisées"));
    // The dated steps, then the undated ones together (issue 18 trial: « date non précisée »
    // repeated down the list).
    std::vector<std::string> undated;
    // In date order (issue 18 trial: domain 1's operational start came after the ARS's
    // instruction), the undated ones apart below.
    std::vector<const Step*> steps;
    for (const auto& s : c.calendar)
      if (s.date) steps.push_back(&s);
    std::stable_sort(steps.begin(), steps.end(),
                     [](const Step* a, const Step* b) { return *a->date < *b->date; });
    for (const auto& s : c.calendar)
      if (!s.date) steps.push_back(&s);
    for (const auto* step : steps) {
      const auto& s = *step;
      if (!s.date) {
        undated.push_back(code_label("funding_step." + s.step));
        continue;
      }
      auto* st = row->AddSectionDictionary("STEP");
      st->SetValue("LABEL", code_label("funding_step." + s.step));
      st->SetValue("DATE", exports::french_date(*s.date));
    }
    if (!undated.empty()) {
      std::string list;
      for (std::size_t i = 0; i < undated.size(); ++i)
        list += (i == 0                    ? ""
                 : i + 1 == undated.size() ? " et "
                                           : ", ") +
                (i == 0 ? undated[i] : lower_first(undated[i]));
      row->AddSectionDictionary("UNDATED")->SetValue(
          "TEXT", list + (undated.size() > 1 ? " : dates non précisées par les sources."
                                             : " : date non précisée par les sources."));
    }
  }
  auto all = ctx.repo.list(req.caller.scope);
  // What waits for the viewer.
  std::vector<const Candidature*> waiting;
  for (const auto& k : all) {
    // National staff also see every candidature waiting for their exception.
    const bool mine = is_national(req)
                          ? waits_for_nation(k) || blocked(lateness(data, k, ctx.today()))
                      : is_regional(req) ? waits_for_ars(k)
                                         : waits_for_candidate(k);
    if (mine) waiting.push_back(&k);
  }
  if (req.caller.can(Access::edit_records) || req.caller.can(Access::edit_registry)) {
    auto* w = d.AddSectionDictionary("WAITING");
    w->SetValue("WHO", is_national(req)
                           ? "à l'instruction nationale, et celles qui attendent une dérogation "
                             "nationale"
                       : is_regional(req) ? "à l'ARS"
                                          : "au candidat");
    if (waiting.empty()) w->ShowSection("NONE_WAITING");
    // Its own section names: a section missing here would be looked up in the page's
    // dictionary (all the candidatures).
    if (!waiting.empty()) {
      auto* l = w->AddSectionDictionary("WAIT_LIST");
      for (const auto* k : waiting)
        candidature_row(*l->AddSectionDictionary("WAIT_ROW"), data, *k, ctx.today());
    }
  }
  // The candidatures by state (issue 18 trial: the ARS could not tell them apart): one DSFR tag
  // per state present, with its count, filtering the table (`?etat=`, the API's state code);
  // a value the filter does not know is said and not applied.
  // By the state shown (`shown_state`): a decided candidature partly paid is « Partiellement
  // payée » in its row, its tag and its filter (`?etat=partly_paid`) alike.
  static const std::vector<std::string> kStates{"filed",          "operational", "declared",
                                                "more_requested", "verified",    "decided",
                                                "partly_paid",    "paid",        "refused"};
  std::string state = req.q("etat"), unknown;
  if (!state.empty() && std::find(kStates.begin(), kStates.end(), state) == kStates.end()) {
    http::add_unknown_filter(unknown, "État", state);
    state.clear();
  }
  std::map<std::string, std::int64_t> per_state;
  for (const auto& k : all) ++per_state[shown_state(k)];
  if (!all.empty()) {
    auto* tags = d.AddSectionDictionary("STATE_TAGS");
    auto tag = [&](const std::string& code, const std::string& label, std::int64_t n) {
      auto* t = tags->AddSectionDictionary("TAG");
      t->SetValue("URL", code.empty() ? std::string(kBase) : std::string(kBase) + "?etat=" + code);
      t->SetValue("LABEL", label);
      t->SetIntValue("COUNT", n);
      if (code == state) t->ShowSection("ON");
    };
    tag("", "Toutes", static_cast<std::int64_t>(all.size()));
    for (const auto& code : kStates)
      if (auto it = per_state.find(code); it != per_state.end())
        tag(code, code == "refused" ? "Refusées ou rejetées" : state_label(code), it->second);
  }
  std::vector<const Candidature*> shown;
  for (const auto& k : all)
    if (state.empty() || shown_state(k) == state) shown.push_back(&k);
  d.SetValue("COUNT",
             plural(static_cast<std::int64_t>(shown.size()), "candidature", "candidatures"));
  if (!state.empty())
    d.AddSectionDictionary("FILTERED")
        ->SetValue("STATE", state == "refused" ? "Refusée ou rejetée" : state_label(state));
  if (shown.empty()) d.ShowSection("NO_CANDIDATURE");
  for (const auto* k : shown) candidature_row(*d.AddSectionDictionary("ROW"), data, *k);
  if (is_national(req) || is_regional(req)) {
    auto* n = d.AddSectionDictionary("TABLES");
    for (const auto& t : tables_of(data, all)) {
      auto* c = n->AddSectionDictionary("TABLE");
      c->SetValue("LABEL", t.call->label);
      c->SetValue("ENVELOPE", euro_or_unknown(t.call->envelope_cents));
      for (const auto& l : t.regions) {
        auto* r = c->AddSectionDictionary("REGION");
        r->SetValue("REGION", region_name(l.region));
        line_into(*r, l);
      }
      line_into(*c->AddSectionDictionary("TOTAL"), t.total);
      if (t.call->envelope_cents && *t.call->envelope_cents > 0)
        c->AddSectionDictionary("SHARE")->SetValue(
            "TEXT",
            "Accordé : " + share_of(t.total.granted, *t.call->envelope_cents) + " de l'enveloppe");
    }
  }
  // The candidate's entry: its establishment's form.
  if (req.caller.scope.level == Scope::Level::establishment && req.caller.can(Access::edit_records))
    if (auto est = ctx.registry.find_by_id(req.caller.scope, req.caller.scope.establishment_id))
      d.AddSectionDictionary("APPLY")->SetValue(
          "URL", "/etablissements/" + est->finess_et + "/financements/candidater");
  http::PageMeta meta{"Appels à financement",
                      "financements",
                      {{"Accueil", "/"}, {"Appels à financement", ""}},
                      {},
                      {}};
  meta.flash_error = unknown;
  return Response::html(http::render_page("funding_list.tpl", d, meta));
}

// ---- one candidature ----------------------------------------------------------------------

struct Posted {
  std::string form;
  Values values;
  std::vector<FieldError> errors;
  std::string general;  // a refusal naming no field (a passed deadline, a state)
};

// Where a refused field is on the page (the id the error summary links to).
std::string anchor_of(const std::string& form, const std::string& field) {
  static const std::map<std::string, std::string> fixed{
      {"apply:call", "call"},
      {"apply:as_ght", "establishments"},
      {"apply:establishments", "establishments"},
      {"apply:contacts", "contacts"},
      {"apply:prerequisites", "prerequisites"},
      {"apply:amount_requested", "amount_requested"},
      {"declare:objectives", "objectives"},
      {"ars:decision", "decision"},
      {"ars:reason", "reason"},
      {"verify:verdicts", "verdicts"},
      {"request:text", "request-text"},
      {"answer:text", "answer-text"},
      {"decide:amount_granted", "amount_granted"},
      {"decide:reason", "decide-reason"},
      {"pay:paid_on", "paid_on"},
      {"pay:amount", "amount"},
      {"exception:until", "until"},
      {"exception:reason", "exception-reason"}};
  if (auto it = fixed.find(form + ":" + field); it != fixed.end()) return it->second;
  // A prerequisite's justification; an objective's justification or file.
  if (form == "apply" && field.rfind("prerequisites.", 0) == 0)
    return "prereq_" + field_id(field.substr(14));
  if (form == "declare" && field.rfind("objectives.", 0) == 0) {
    const std::string rest = field.substr(11);
    if (rest.size() > 5 && rest.compare(rest.size() - 5, 5, ".file") == 0)
      return "file_" + field_id(rest.substr(0, rest.size() - 5));
    return "justification_" + field_id(rest);
  }
  // A verdict's choice, or its comment.
  if (form == "verify" && field.rfind("verdicts.", 0) == 0) {
    const std::string rest = field.substr(9);
    if (rest.size() > 8 && rest.compare(rest.size() - 8, 8, ".comment") == 0)
      return "comment_" + field_id(rest.substr(0, rest.size() - 8));
    return "outcome_" + field_id(rest);
  }
  return {};
}

// The refusals of a posted form: every one in the summary at the top (each linking to its
// field), and under its field (ERR_<FORM>_<FIELD>, several messages of one field together).
void errors_into(TemplateDictionary& d, const Posted& p) {
  auto* box = d.AddSectionDictionary("HAS_ERRORS");
  if (!p.general.empty()) box->AddSectionDictionary("ERROR")->SetValue("MESSAGE", p.general);
  std::map<std::string, std::pair<TemplateDictionary*, std::string>> under;
  for (const auto& e : p.errors) {
    const std::string message = page_message(e);
    auto* item = box->AddSectionDictionary("ERROR");
    item->SetValue("MESSAGE", message);
    if (auto id = anchor_of(p.form, e.field); !id.empty())
      item->AddSectionDictionary("TO")->SetValue("ID", id);
    auto [it, fresh] = under.try_emplace(e.field, nullptr, message);
    if (fresh)
      it->second.first = d.AddSectionDictionary("ERR_" + upper(p.form) + "_" + upper(e.field));
    else
      it->second.second += " " + message;
    it->second.first->SetValue("MSG", it->second.second);
  }
}
// The messages of one field of a posted form, together ("" when none).
std::string messages_of(const Posted* p, const std::string& form, const std::string& field) {
  std::string out;
  if (!p || p->form != form) return out;
  for (const auto& e : p->errors)
    if (e.field == field) out += (out.empty() ? "" : " ") + page_message(e);
  return out;
}

std::int64_t id_of(const Request& req) {
  const std::string t = req.param("id");
  try {
    std::size_t used = 0;
    auto v = std::stoll(t, &used);
    if (used == t.size() && v > 0) return v;
  } catch (...) {
  }
  throw UserError::not_found("Candidature introuvable.");
}

Response candidature_page(Context& ctx, Request& req, int status = 200,
                          const Posted* posted = nullptr) {
  const Data& data = ctx.repo.data();
  auto k = ctx.repo.get(req.caller.scope, id_of(req));
  const Call* call = data.call(k.call_id);
  if (!call) throw UserError::not_found("Appel à financement introuvable.");
  TemplateDictionary d("funding_candidature");
  // Who acted, by their display names (issue 18 trial: « par demo »).
  std::set<std::string> actors{k.created_by};
  for (const auto& e : k.events) actors.insert(e.by);
  for (const auto& x : k.declarations) actors.insert(x.filed_by);
  const auto people = ctx.repo.people(actors);
  auto person = [&people, &ctx](const std::string& who) {
    auto it = people.find(who);
    return it == people.end() ? ctx.repo.people({who}).at(who) : it->second;
  };
  const std::string title = "Candidature n° " + std::to_string(k.id);
  d.SetValue("H1", title);
  d.SetValue("URL", candidature_url(k.id));
  d.SetValue("CALL", call->label);
  d.SetValue("LEGAL", call->legal_text);
  // Payments add up: decided and partly paid until their sum reaches the grant.
  const bool partly_paid = k.state == "decided" && k.amount_paid_cents.value_or(0) > 0;
  d.SetValue("STATE", state_label(k));
  d.SetValue("STATE_BADGE", badge_of(k.state));
  d.SetValue("CANDIDATE", candidate_short_name(k));
  d.SetValue("KIND",
             data.kind(k.candidate_kind) ? data.kind(k.candidate_kind)->label : k.candidate_kind);
  d.SetValue("REGION", region_name(k.region_code));
  d.SetValue("REQUESTED", euro_text(k.amount_requested_cents));
  d.SetValue("GRANTED", k.amount_granted_cents ? euro_text(*k.amount_granted_cents) : "—");
  // The payments, each dated (issue 18 trial: a candidature paid in two read « payé : 80 000 €
  // le » the last one's day): « X le D », or « X en N paiements : A le D1, B le D2 ».
  std::vector<std::pair<std::string, std::int64_t>> payments;
  for (const auto& e : k.events)
    if (e.kind == "paid")
      payments.emplace_back(e.detail.value("paid_on", e.on_day),
                            e.detail.value("amount_paid_cents", std::int64_t{0}));
  std::string paid = "—";
  if (k.amount_paid_cents) {
    paid = euro_text(*k.amount_paid_cents);
    if (partly_paid && k.amount_granted_cents) paid += " sur " + euro_text(*k.amount_granted_cents);
    if (payments.size() == 1) {
      paid += " le " + day_text(payments.front().first);
    } else if (payments.size() > 1) {
      paid += " en " + std::to_string(payments.size()) + " paiements : ";
      for (std::size_t i = 0; i < payments.size(); ++i)
        paid +=
            (i ? ", " : "") + euro_text(payments[i].second) + " le " + day_text(payments[i].first);
    } else if (!k.paid_on.empty()) {
      paid += " le " + day_text(k.paid_on);
    }
  }
  d.SetValue("PAID", paid);
  d.SetValue("CREATED", when_text(k.created_at));
  d.SetValue("CREATED_BY", person(k.created_by));
  std::vector<std::string> names;  // to cut a computation into one line per establishment
  for (const auto& e : k.establishments) {
    names.push_back(e.value("name", std::string()));
    auto* r = d.AddSectionDictionary("ESTABLISHMENT");
    r->SetValue("NAME", e.value("name", std::string()));
    r->SetValue("FINESS", e.value("finess", std::string()));
  }
  for (const auto& c : k.contacts)
    if (c.is_string()) d.AddSectionDictionary("CONTACT")->SetValue("TEXT", c.get<std::string>());
  // The prerequisites' evidence records, described as the objectives' are.
  std::vector<std::int64_t> prereq_ids;
  if (k.prerequisites.is_object())
    for (const auto& [_, x] : k.prerequisites.items())
      if (x.contains("evidence_ids") && x["evidence_ids"].is_array())
        for (const auto& id : x["evidence_ids"])
          if (id.is_number_integer()) prereq_ids.push_back(id.get<std::int64_t>());
  const auto prereq_items = ctx.proofs.describe_evidence(k, prereq_ids);
  const auto visible = visible_establishments(ctx, req.caller.scope, k);
  for (const auto& p : call->prerequisites) {
    auto* r = d.AddSectionDictionary("PREREQ");
    r->SetValue("ID", p.id);
    r->SetValue("LABEL", p.label);
    std::string proof;
    std::vector<EvidenceItem> items;
    if (k.prerequisites.is_object() && k.prerequisites.contains(p.id)) {
      const auto& x = k.prerequisites[p.id];
      proof = x.value("justification", std::string());
      if (x.contains("evidence_ids") && x["evidence_ids"].is_array())
        for (const auto& id : x["evidence_ids"])
          if (auto it = prereq_items.find(id.is_number_integer() ? id.get<std::int64_t>() : 0);
              it != prereq_items.end())
            items.push_back(it->second);
      if (x.contains("file") && x["file"].is_object()) {
        // Its size as funding_files holds it (a candidature filed before the size was frozen
        // with the prerequisite has none).
        json file = x["file"];
        for (const auto& f : k.files)
          if (!file.contains("size") && f.id == file.value("id", std::int64_t{0}))
            file["size"] = f.size;
        for (auto& e : with_file_links(declared_evidence(json{{"file", file}}, k.establishments,
                                                         k.created_at, candidate_short_name(k)),
                                       k))
          items.push_back(std::move(e));
      }
    }
    r->SetValue("PROOF", proof.empty() && items.empty() ? "—" : proof);
    if (!items.empty()) {
      auto* list = r->AddSectionDictionary("PREREQ_ITEMS");
      for (const auto& e : items) item_into(*list->AddSectionDictionary("ITEM"), e, visible);
    }
  }
  if (!k.exception_until.empty()) {
    auto* x = d.AddSectionDictionary("EXCEPTION");
    x->SetValue("UNTIL", day_text(k.exception_until));
    x->SetValue("REASON", k.exception_reason);
    // Who granted it and when: the latest exception event.
    for (auto e = k.events.rbegin(); e != k.events.rend(); ++e)
      if (e->kind == "exception") {
        x->SetValue("AT", when_text(e->at));
        x->SetValue("BY", person(e->by));
        break;
      }
  }
  // History.
  for (const auto& e : k.events) {
    auto* r = d.AddSectionDictionary("EVENT");
    r->SetValue("ON", day_text(e.on_day));
    r->SetValue("AT", when_text(e.at));
    r->SetValue("BY", person(e.by));
    r->SetValue("KIND", audit_action_label("funding_" + e.kind));
    r->SetValue("TEXT", e.text);
    if (!e.to_state.empty() && e.to_state != e.from_state)
      r->AddSectionDictionary("TO")->SetValue("STATE",
                                              e.kind == "decided" && e.to_state == "refused"
                                                  ? std::string("Rejetée à l'instruction nationale")
                                                  : state_label(e.to_state));
  }
  // Objectives: the proof carepilot computes, what each still lacks, the declaration and the
  // ARS's verdict side by side.
  const RuleResults computed = ctx.proofs.compute(k, ctx.today());
  const Declaration* last = k.declarations.empty() ? nullptr : &k.declarations.back();
  std::map<std::string, json> declared;
  if (last)
    for (const auto& o : last->dossier["objectives"]) declared[o.value("id", "")] = o;
  std::map<std::string, const Verification*> verdicts;
  if (last)
    for (const auto& v : last->verifications) verdicts[v.objective_id] = &v;
  // Who acts for the candidate (Repository's require_candidate): a role changing records on
  // one of its establishments, or national staff.
  const bool candidate_role = req.caller.can(Access::edit_records) &&
                              (req.caller.scope.level == Scope::Level::nation ||
                               req.caller.scope.level == Scope::Level::establishment);
  // A passed deadline without an exception: said up front, and its act's form not offered.
  const auto late = lateness(data, k, ctx.today());
  if (late) d.AddSectionDictionary("LATE")->SetValue("TEXT", late_text(*late));
  const bool may_declare_role =
      candidate_role && !blocked(late) && (k.state == "operational" || k.state == "more_requested");
  // The declaration needs the second factor: a user without it is not offered a form they
  // could not submit (issue 18 trial), but told who can.
  const bool may_declare = may_declare_role && req.caller.second_factor;
  // A complement the national instruction asked for is answered by whoever may declare (the
  // answer completes the frozen dossier): the same role and the second factor (issue 18 trial:
  // the form was offered to an editor who could not declare).
  const bool may_answer_role = candidate_role && k.state == "verified" && waits_for_candidate(k);
  const bool may_answer = may_answer_role && req.caller.second_factor;
  // The proof carepilot proposes for each objective, described for every reader (issue 18
  // trial) and offered by the declaration form.
  const Proposals proposed = ctx.proofs.propose(k, computed, ctx.today());
  const bool may_verify = req.caller.can(Access::edit_registry) && k.state == "declared" &&
                          !blocked(late) && (is_national(req) || is_regional(req));
  std::set<std::string> asked;
  if (k.state == "more_requested" && last)
    for (const auto& v : last->verifications)
      if (v.outcome == "more_requested") asked.insert(v.objective_id);
  const bool form_posted_declare = posted && posted->form == "declare";
  const bool form_posted_verify = posted && posted->form == "verify";
  for (const auto& o : call->objectives) {
    auto* r = d.AddSectionDictionary("OBJECTIVE");
    r->SetValue("ID", o.id);
    r->SetValue("FID", field_id(o.id));
    r->SetValue("LABEL", o.label);
    r->SetValue("TARGET", o.target);
    std::string pieces;
    for (const auto& p : o.pieces) pieces += (pieces.empty() ? "" : ", ") + p;
    r->SetValue("PIECES", pieces);
    if (ctx.how_to) {
      auto items = ctx.how_to(o.id, k.region_code, call->knowledge_offer);
      if (!items.empty()) {
        auto* h = r->AddSectionDictionary("HOWTO");
        h->SetValue("FID", field_id(o.id));
        for (const auto& it : items) {
          auto* x = h->AddSectionDictionary("ITEM");
          x->SetValue("KIND", it.kind);
          x->SetValue("TITLE", it.title);
          x->SetValue("URL", it.url);
        }
      }
    }
    std::string lacks;
    // Once declared, the reviewer reads the computation frozen in the declaration (the
    // dossier's, issue 18 trial), dated; today's recomputation is shown beside it, labelled.
    const auto held = frozen_objective(k, o.id);
    const json* frozen = nullptr;
    std::string frozen_at;
    if (held && held->item.contains("computed") && held->item["computed"].is_object()) {
      frozen = &held->item["computed"];
      frozen_at = held->computed_in->filed_at;
    }
    if (frozen) {
      auto* c = r->AddSectionDictionary("FROZEN");
      c->SetValue("AT", when_text(frozen_at));
      c->SetValue("VERDICT", code_label("funding_verdict." +
                                        frozen->value("verdict", std::string("unknown"))));
      c->SetValue("BADGE", badge_of(frozen->value("verdict", std::string("unknown"))));
      words_into(*c, frozen->value("words", std::string()), names);
    }
    if (auto it = computed.find(o.id); it != computed.end()) {
      auto* c = r->AddSectionDictionary("COMPUTED");
      if (frozen)
        c->AddSectionDictionary("TODAY")->SetValue("DAY", exports::french_date(ctx.today()));
      c->SetValue("VERDICT",
                  code_label(std::string("funding_verdict.") + verdict_code(it->second.verdict)));
      c->SetValue("BADGE", badge_of(verdict_code(it->second.verdict)));
      words_into(*c, it->second.words, names);
      if (auto p = proposed.find(o.id); p != proposed.end() && !p->second.empty()) {
        auto* list = c->AddSectionDictionary("PROPOSED_LIST");
        for (const auto& e : p->second) item_into(*list->AddSectionDictionary("ITEM"), e, visible);
      }
      // What the records still lack, not the whole computation shown above.
      if (it->second.verdict != Verdict::met)
        lacks = it->second.missing.empty() ? it->second.words : it->second.missing;
    } else {
      r->AddSectionDictionary("DECLARATIVE")->SetValue("WHY", o.declarative);
    }
    auto rule = computed.find(o.id);
    const bool met = rule != computed.end() && rule->second.verdict == Verdict::met;
    const bool not_met = rule != computed.end() && rule->second.verdict == Verdict::not_met;
    auto dec = declared.find(o.id);
    const bool reached = dec != declared.end() && dec->second.value("reached", false);
    // Met by the records: nothing lacks (the declaration form proposes its proof).
    if (!reached && lacks.empty() && !met) lacks = "À déclarer avec sa preuve : " + pieces + ".";
    if (!lacks.empty() && k.state != "refused")
      r->AddSectionDictionary("LACKS")->SetValue("TEXT", lacks);
    if (dec != declared.end()) {
      auto* x = r->AddSectionDictionary("DECLARED");
      x->SetValue("REACHED", reached ? "Déclaré atteint" : "Non déclaré atteint");
      // Carried forward by a complement: from which earlier declaration, dated.
      if (const Declaration& from = origin_declaration(k, dec->second, *last); &from != last)
        x->AddSectionDictionary("KEPT")->SetValue("AT", when_text(from.filed_at));
      const std::string j = dec->second.value("justification", std::string());
      if (!j.empty()) x->AddSectionDictionary("JUSTIFICATION")->SetValue("TEXT", j);
      // Each item as the candidate froze it: what it is, whose, its day, what tells it apart.
      const auto items =
          with_file_links(declared_evidence(dec->second, k.establishments,
                                            origin_declaration(k, dec->second, *last).filed_at,
                                            candidate_short_name(k)),
                          k);
      if (!items.empty()) {
        auto* list = x->AddSectionDictionary("EVIDENCE_LIST");
        for (const auto& e : items) item_into(*list->AddSectionDictionary("ITEM"), e, visible);
      }
    }
    // Every verdict of the ARS on it, dated, with its comment and its author, oldest first.
    for (const auto& v : verdict_trail(k, o.id)) {
      auto* x = r->AddSectionDictionary("VERDICT");
      x->SetValue("OUTCOME", code_label("funding_outcome." + v.outcome));
      x->SetValue("BADGE", badge_of(v.outcome));
      if (!v.comment.empty()) x->AddSectionDictionary("COMMENT")->SetValue("TEXT", v.comment);
      x->SetValue("AT", when_text(v.at));
      x->SetValue("BY", person(v.by));
    }
    // The declaration form's row (only the objectives the ARS asked more of, when it did).
    if (may_declare && (asked.empty() || asked.count(o.id))) {
      auto* f = d.AddSectionDictionary("DECLARE_ROW");
      f->SetValue("ID", o.id);
      f->SetValue("FID", field_id(o.id));
      f->SetValue("LABEL", o.label);
      f->SetValue("PIECES", pieces);
      // A complement: the ARS's request beside the field that answers it (issue 18 trial).
      if (asked.count(o.id)) {
        const auto trail = verdict_trail(k, o.id);
        for (auto v = trail.rbegin(); v != trail.rend(); ++v)
          if (v->outcome == "more_requested") {
            auto* a = f->AddSectionDictionary("ASKED");
            a->SetValue("TEXT", v->comment);
            a->SetValue("AT", when_text(v->at));
            a->SetValue("BY", person(v->by));
            break;
          }
      }
      const std::string fid = field_id(o.id);
      if (form_posted_declare) {
        if (!value(posted->values, "reached_" + fid).empty()) f->ShowSection("CHECKED");
        f->SetValue("V_JUSTIFICATION", value(posted->values, "justification_" + fid));
      }
      // The proposed evidence records, checked unless the refused form unchecked them; the
      // module records without one are named (cited in the justification).
      bool offered = false;
      if (auto p = proposed.find(o.id); p != proposed.end())
        for (const auto& ev : p->second) {
          if (!ev.evidence_id) continue;
          offered = true;
          auto* e = f->AddSectionDictionary("EVIDENCE_OPT");
          const std::string name = "evidence_" + fid + "_" + std::to_string(*ev.evidence_id);
          e->SetValue("NAME", name);
          e->SetValue("LABEL", describe(ev));
          // Checked beforehand only when the records meet the objective.
          if (form_posted_declare ? !value(posted->values, name).empty() : !not_met)
            e->ShowSection("EV_CHECKED");
        }
      if (!offered) {
        if (auto note = ctx.proofs.module_record_note(
                o.id, computed,
                proposed.count(o.id) ? proposed.at(o.id) : std::vector<EvidenceItem>{});
            !note.empty())
          f->AddSectionDictionary("MODULE_RECORD")->SetValue("TEXT", note);
        else
          f->ShowSection("NO_EVIDENCE");
      }
      if (not_met)
        f->AddSectionDictionary("NOT_MET")->SetValue(
            "TEXT",
            "Non atteint selon les relevés de carepilot : pour le déclarer atteint, "
            "écrivez la justification.");
      if (form_posted_declare) {
        // A file cannot be kept by the browser: say which one to join again.
        if (auto name = value(posted->values, "file_" + fid); !name.empty())
          f->AddSectionDictionary("FILE_AGAIN")->SetValue("NAME", name);
        if (auto m = messages_of(posted, "declare", "objectives." + o.id + ".file"); !m.empty())
          f->AddSectionDictionary("FILE_ERROR")->SetValue("MSG", m);
        if (auto m = messages_of(posted, "declare", "objectives." + o.id); !m.empty()) {
          f->ShowSection("ROW_ERROR");
          f->AddSectionDictionary("ROW_MESSAGE")->SetValue("MSG", m);
        }
      }
    }
    if (may_verify && reached && !dec->second.contains("kept_from_declaration")) {
      auto* f = d.AddSectionDictionary("VERIFY_ROW");
      // Re-judged after a complement: the ARS's own earlier verdict and comment beside it
      // (issue 18 trial).
      if (const auto trail = verdict_trail(k, o.id); !trail.empty()) {
        auto* e = f->AddSectionDictionary("EARLIER");
        e->SetValue("OUTCOME", code_label("funding_outcome." + trail.back().outcome));
        e->SetValue("TEXT", trail.back().comment);
        e->SetValue("AT", when_text(trail.back().at));
        e->SetValue("BY", person(trail.back().by));
      }
      f->SetValue("ID", o.id);
      f->SetValue("FID", field_id(o.id));
      f->SetValue("LABEL", o.label);
      // No verdict chosen beforehand: the reviewer picks each one.
      const std::string chosen =
          form_posted_verify ? value(posted->values, "outcome_" + field_id(o.id)) : "";
      {
        auto* none = f->AddSectionDictionary("OUTCOME_OPT");
        none->SetValue("VALUE", "");
        none->SetValue("LABEL", "— choisir —");
        if (chosen.empty()) none->ShowSection("SELECTED");
      }
      for (const char* oc : {"accepted", "more_requested", "refused"}) {
        auto* opt = f->AddSectionDictionary("OUTCOME_OPT");
        opt->SetValue("VALUE", oc);
        opt->SetValue("LABEL", code_label(std::string("funding_outcome.") + oc));
        if (chosen == oc) opt->ShowSection("SELECTED");
      }
      if (form_posted_verify)
        f->SetValue("V_COMMENT", value(posted->values, "comment_" + field_id(o.id)));
      // The proof declared, side by side with the verdict (issue 18: « verification pages side
      // by side with the evidence »): when and by whom, the written justification, each item
      // (the record's page or the joined file to open) and the computation frozen in the
      // declaration.
      f->SetValue("DECLARED_AT", when_text(last->filed_at));
      f->SetValue("DECLARED_BY", person(last->filed_by));
      if (const std::string j = dec->second.value("justification", std::string()); !j.empty())
        f->AddSectionDictionary("VERIFY_JUSTIFICATION")->SetValue("TEXT", j);
      const auto items =
          with_file_links(declared_evidence(dec->second, k.establishments,
                                            origin_declaration(k, dec->second, *last).filed_at,
                                            candidate_short_name(k)),
                          k);
      if (!items.empty()) {
        auto* list = f->AddSectionDictionary("VERIFY_EVIDENCE");
        for (const auto& e : items) item_into(*list->AddSectionDictionary("ITEM"), e, visible);
      } else {
        f->ShowSection("VERIFY_NO_EVIDENCE");
      }
      if (frozen) {
        auto* c = f->AddSectionDictionary("VERIFY_FROZEN");
        c->SetValue("AT", when_text(frozen_at));
        c->SetValue("VERDICT", code_label("funding_verdict." +
                                          frozen->value("verdict", std::string("unknown"))));
        c->SetValue("BADGE", badge_of(frozen->value("verdict", std::string("unknown"))));
        words_into(*c, frozen->value("words", std::string()), names);
      } else if (o.rule.empty()) {
        f->ShowSection("VERIFY_DECLARATIVE");
      }
      if (auto m = messages_of(posted, "verify", "verdicts." + o.id); !m.empty())
        f->AddSectionDictionary("OUTCOME_ERROR")->SetValue("MSG", m);
      if (auto m = messages_of(posted, "verify", "verdicts." + o.id + ".comment"); !m.empty())
        f->AddSectionDictionary("COMMENT_ERROR")->SetValue("MSG", m);
    }
  }
  for (const auto& decl : k.declarations) {
    auto* r = d.AddSectionDictionary("DECLARATION");
    r->SetIntValue("ID", decl.id);
    r->SetValue("AT", when_text(decl.filed_at));
    r->SetValue("BY", person(decl.filed_by));
    r->SetValue("SHA", decl.sha256);
    r->SetValue("PDF",
                candidature_url(k.id) + "/dossier.pdf?declaration=" + std::to_string(decl.id));
    // A value, not a section: a section « LATE » here would inherit the page's own (the
    // candidature's later deadline passed) through ctemplate's lookup in the parent dictionary.
    r->SetValue("LATE_WORDS", late_words(decl));
  }
  // The forms of the viewer's role at this state.
  auto v = [&](const char* form, const char* key) {
    return posted && posted->form == form ? value(posted->values, key) : std::string();
  };
  if (may_declare) {
    auto* f = d.AddSectionDictionary("DECLARE");
    f->SetValue("ACTION", candidature_url(k.id) + "/declaration");
  } else if (may_declare_role) {
    d.ShowSection("DECLARE_NEEDS_SECOND_FACTOR");
  }
  if (may_verify)
    d.AddSectionDictionary("VERIFY")->SetValue("ACTION", candidature_url(k.id) + "/verification");
  if (req.caller.can(Access::edit_registry) && k.state == "filed" && !blocked(late) &&
      (is_national(req) || is_regional(req))) {
    auto* f = d.AddSectionDictionary("ARS");
    f->SetValue("ACTION", candidature_url(k.id) + "/instruction-ars");
    f->SetValue("V_REASON", v("ars", "reason"));
  }
  if (req.caller.can(Access::edit_registry) && is_national(req) && k.state == "verified" &&
      !blocked(late)) {
    auto* f = d.AddSectionDictionary("REQUEST");
    f->SetValue("ACTION", candidature_url(k.id) + "/demande");
    f->SetValue("V_TEXT", v("request", "text"));
    auto* g = d.AddSectionDictionary("DECIDE");
    g->SetValue("ACTION", candidature_url(k.id) + "/decision");
    g->SetValue("V_AMOUNT", v("decide", "amount_granted"));
    g->SetValue("V_REASON", v("decide", "reason"));
  }
  if (may_answer) {
    auto* f = d.AddSectionDictionary("ANSWER");
    f->SetValue("ACTION", candidature_url(k.id) + "/reponse");
    f->SetValue("V_TEXT", v("answer", "text"));
    // The request it answers, quoted (issue 18 trial: the form said nothing of it): the
    // oldest request not yet answered — who asked, when (Paris), its words.
    std::vector<const Event*> pending;
    for (const auto& e : k.events) {
      if (e.kind == "request") pending.push_back(&e);
      if (e.kind == "answer" && !pending.empty()) pending.erase(pending.begin());
    }
    if (!pending.empty()) {
      auto* q = f->AddSectionDictionary("PENDING");
      q->SetValue("BY", person(pending.front()->by));
      q->SetValue("AT", when_text(pending.front()->at));
      q->SetValue("TEXT", pending.front()->text);
    }
  } else if (may_answer_role) {
    d.ShowSection("ANSWER_NEEDS_SECOND_FACTOR");
  }
  if (req.caller.can(Access::edit_registry) && is_national(req) && k.state == "decided") {
    auto* f = d.AddSectionDictionary("PAY");
    f->SetValue("ACTION", candidature_url(k.id) + "/paiement");
    f->SetValue("V_PAID_ON", v("pay", "paid_on"));
    // What remains to pay, proposed.
    f->SetValue("V_AMOUNT",
                posted && posted->form == "pay"
                    ? value(posted->values, "amount")
                    : (k.amount_granted_cents
                           ? euro_text(*k.amount_granted_cents - k.amount_paid_cents.value_or(0))
                           : std::string()));
    if (partly_paid && k.amount_granted_cents)
      f->AddSectionDictionary("PAID_SO_FAR")
          ->SetValue("TEXT", "Payé : " + euro_text(*k.amount_paid_cents) + " sur " +
                                 euro_text(*k.amount_granted_cents) + ".");
  }
  // National staff: an exception to the deadline the candidature's next act has passed.
  if (req.caller.can(Access::edit_registry) && is_national(req))
    if (auto passed = passed_step(*call, k, ctx.today())) {
      auto* f = d.AddSectionDictionary("EXCEPTION_FORM");
      f->SetValue("ACTION", candidature_url(k.id) + "/exception");
      f->SetValue("STEP", code_label("funding_step." + passed->first));
      f->SetValue("DATE", exports::french_date(passed->second));
      // Once granted (and still running), the granted exception is shown above and this form
      // only changes it, labelled so.
      auto until = parse_date(k.exception_until);
      const bool granted = until && !(*until < ctx.today());
      const bool again = posted && posted->form == "exception";
      if (granted) {
        f->AddSectionDictionary("GRANTED")->SetValue("UNTIL", day_text(k.exception_until));
        f->SetValue("SUBMIT", "Modifier la dérogation");
      } else {
        f->AddSectionDictionary("NOT_GRANTED");
        f->SetValue("SUBMIT", "Accorder la dérogation");
      }
      f->SetValue("HEADING", granted ? "Modifier la dérogation nationale" : "Dérogation nationale");
      f->SetValue("V_UNTIL", again ? v("exception", "until") : granted ? k.exception_until : "");
      f->SetValue("V_REASON", again ? v("exception", "reason") : granted ? k.exception_reason : "");
    }
  if (posted) errors_into(d, *posted);
  http::PageMeta meta{title,
                      "financements",
                      {{"Accueil", "/"}, {"Appels à financement", kBase}, {title, ""}},
                      {},
                      {}};
  if (auto f = req.q("fait"); !f.empty()) {
    static const std::map<std::string, std::string> done{
        {"depot", "Candidature déposée."},
        {"ars", "Instruction de l'ARS enregistrée."},
        {"declaration", "Déclaration des objectifs atteints enregistrée."},
        {"verification", "Vérification enregistrée."},
        {"demande", "Demande transmise au candidat."},
        {"reponse", "Réponse transmise à l'instruction nationale."},
        {"decision", "Décision enregistrée."},
        {"paiement", "Paiement enregistré."},
        {"derogation", "Dérogation accordée."}};
    if (auto it = done.find(f); it != done.end()) meta.flash = it->second;
  }
  return Response::html(http::render_page("funding_candidature.tpl", d, meta), status);
}

// A form post on a candidature: the candidature visible (404), the action through the
// repository; a 422 or 409 refusal shows the page again with the values typed.
template <typename Act>
Response act_post(Context& ctx, Request& req, const char* form, const char* done, Act act) {
  Values fields;
  for (auto& [k, x] : http::parse_urlencoded(req.body))
    if (k != "csrf") fields[k] = x;
  auto k = ctx.repo.get(req.caller.scope, id_of(req));
  try {
    act(k, fields);
  } catch (const UserError& err) {
    if (err.status() != 422 && err.status() != 409) throw;
    Posted p{form, fields, err.fields(), {}};
    if (p.errors.empty()) p.general = err.what();
    return candidature_page(ctx, req, err.status(), &p);
  }
  return Response::redirect(candidature_url(k.id) + "?fait=" + done);
}

Caller caller_of(const Request& req) {
  return {req.caller.role, req.caller.scope, req.actor()};
}

// The declaration form: url-encoded, or multipart when it joins files (a file per objective,
// "file_<FID>"). Per objective of the call: reached, the justification, the evidence checked
// ("evidence_<FID>_<evidence id>") and the file, handed to Repository::declare as the API hands
// them; it checks every objective and its file (the shared attachment rules) and names every
// refusal at once, each under its objective or its file.
Response declare_post(Context& ctx, Request& req) {
  Values fields;
  std::map<std::string, std::pair<std::string, std::string>> uploads;  // by FID: name, bytes
  if (http::media_type(req) == "multipart/form-data") {
    for (auto& part : http::parse_multipart(req)) {
      if (part.name == "csrf") continue;
      if (part.name.rfind("file_", 0) == 0) {
        // An empty file input: no file.
        if (part.filename.empty() && part.body.empty()) continue;
        fields[part.name] = part.filename;
        uploads[part.name.substr(5)] = {part.filename, std::move(part.body)};
      } else {
        fields[part.name] = part.body;
      }
    }
  } else {
    for (auto& [key, x] : http::parse_urlencoded(req.body))
      if (key != "csrf") fields[key] = x;
  }
  auto k = ctx.repo.get(req.caller.scope, id_of(req));
  try {
    http::require_second_factor(req, "La déclaration des objectifs atteints");
    const Call* call = ctx.repo.data().call(k.call_id);
    if (!call) throw UserError::not_found("Appel à financement introuvable.");
    std::map<std::string, ObjectiveDeclarationInput> objectives;
    for (const auto& o : call->objectives) {
      const auto fid = field_id(o.id);
      ObjectiveDeclarationInput in;
      in.reached = !value(fields, "reached_" + fid).empty();
      in.proof.justification = trim(value(fields, "justification_" + fid));
      const std::string prefix = "evidence_" + fid + "_";
      for (const auto& [key, x] : fields)
        if (key.rfind(prefix, 0) == 0 && !x.empty()) {
          try {
            std::size_t used = 0;
            const auto id = std::stoll(key.substr(prefix.size()), &used);
            if (used == key.size() - prefix.size() && id > 0) in.proof.evidence_ids.push_back(id);
          } catch (const std::exception&) {
          }
        }
      // Checked by declare() with the other fields (every refusal at once).
      if (auto f = uploads.find(fid); f != uploads.end()) {
        in.proof.file_name = f->second.first;
        in.proof.file_bytes = f->second.second;
      }
      if (in.reached || !in.proof.justification.empty() || !in.proof.evidence_ids.empty() ||
          !in.proof.file_name.empty())
        objectives[o.id] = std::move(in);
    }
    std::vector<std::int64_t> ids;
    for (const auto& [_, o] : objectives)
      ids.insert(ids.end(), o.proof.evidence_ids.begin(), o.proof.evidence_ids.end());
    ctx.repo.declare(caller_of(req), k.id, objectives, ctx.proofs.compute(k, ctx.today()),
                     ctx.today(), ctx.proofs.describe_evidence(k, ids));
  } catch (const UserError& err) {
    if (err.status() != 422 && err.status() != 409) throw;
    Posted p{"declare", fields, err.fields(), {}};
    if (p.errors.empty()) p.general = err.what();
    return candidature_page(ctx, req, err.status(), &p);
  }
  return Response::redirect(candidature_url(k.id) + "?fait=declaration");
}

// A file joined to the candidature, for whoever reads it (the candidature page's scope check:
// 404 outside it), as an attachment with its stored type; 404 for a file of another candidature.
Response joined_file(Context& ctx, Request& req) {
  const std::string t = req.param("item");
  std::int64_t item = 0;
  if (!t.empty() && t.size() <= 18 && t.find_first_not_of("0123456789") == std::string::npos)
    item = std::stoll(t);
  if (item <= 0) throw UserError::not_found("Fichier joint introuvable dans cette candidature.");
  const auto f = ctx.repo.joined_file(req.caller.scope, id_of(req), item);
  return Response::text(f.bytes, f.content_type)
      .header("Content-Disposition", files::content_disposition(f.file_name))
      .header("X-Content-SHA256", f.sha256);
}

// ---- the candidature form of a candidate ---------------------------------------------------

Response apply_page(Context& ctx, Request& req, int status = 200, const Posted* posted = nullptr) {
  auto est = ctx.registry.visible(req.caller.scope, req.param("finess"));
  const Data& data = ctx.repo.data();
  const Date today = ctx.today();
  TemplateDictionary d("funding_apply");
  // The candidate: the GHT for all its establishments, or the establishment itself.
  std::string candidate = est.name;
  if (est.ght_id) {
    const auto ght = ctx.registry.ght(Scope::nation(), *est.ght_id);
    candidate = (ght ? ght->name : std::string("GHT")) + ", pour tous ses établissements";
  }
  d.SetValue("CANDIDATE", candidate);
  d.SetValue("ACTION", "/etablissements/" + est.finess_et + "/financements/candidatures");
  // The candidate's candidatures, by call: one per call and candidate (the server refuses a
  // second one); a call it already applied to is named up front with its candidature, and not
  // offered in the form (issue 18 trial: the refusal came after the whole form was filled).
  const std::string key =
      est.ght_id ? "ght:" + std::to_string(*est.ght_id) : "est:" + std::to_string(est.id);
  std::map<std::string, Candidature> existing;
  for (auto& k : ctx.repo.list(Scope::establishment(est.id)))
    if (k.candidate_key == key) existing.emplace(k.call_id, std::move(k));
  const std::string chosen = posted ? value(posted->values, "call") : req.q("appel");
  auto in_window = [&](const Call& c) {
    auto open = c.date("candidature_open"), close = c.date("candidature_close");
    return (!open || !(today < *open)) && (!close || !(*close < today));
  };
  const Call* selected = nullptr;
  bool chosen_filed = false;
  for (const auto& c : data.calls) {
    if (!in_window(c)) continue;
    if (auto it = existing.find(c.id); it != existing.end()) {
      auto* x = d.AddSectionDictionary("EXISTING");
      x->SetValue("CALL", c.label);
      x->SetValue("URL", candidature_url(it->second.id));
      x->SetIntValue("ID", it->second.id);
      x->SetValue("STATE", state_label(it->second));
      x->SetValue("ON", when_text(it->second.created_at));
      if (c.id == chosen) chosen_filed = true;
      continue;
    }
    if (!selected || c.id == chosen) selected = &c;
  }
  // The call chosen (?appel=, or the refused form's) has its candidature already: no form.
  if (chosen_filed) selected = nullptr;
  if (selected)
    for (const auto& c : data.calls) {
      if (!in_window(c) || existing.count(c.id)) continue;
      auto* o = d.AddSectionDictionary("CALL_OPT");
      o->SetValue("VALUE", c.id);
      o->SetValue("LABEL", c.label);
      if (selected == &c) o->ShowSection("SELECTED");
    }
  if (chosen_filed) {
    // Other calls still open to the candidate: a link to each one's form.
    for (const auto& c : data.calls)
      if (in_window(c) && !existing.count(c.id)) {
        auto* o = d.AddSectionDictionary("OTHER_CALL");
        o->SetValue("LABEL", c.label);
        o->SetValue("URL",
                    "/etablissements/" + est.finess_et + "/financements/candidater?appel=" + c.id);
      }
  } else if (!selected) {
    if (existing.empty())
      d.ShowSection("NO_CALL");
    else
      d.ShowSection("NO_OTHER_CALL");
  } else {
    auto* f = d.AddSectionDictionary("FORM");
    // Without a ceiling per candidature, the call's envelope bounds the request.
    f->SetValue("CEILING", selected->ceiling_cents || !selected->envelope_cents
                               ? euro_or_unknown(selected->ceiling_cents, false)
                               : "aucun par candidature, l'enveloppe de l'appel (" +
                                     euro_text(*selected->envelope_cents) + ") borne la demande");
    if (est.ght_id) {
      f->ShowSection("AS_GHT");
      registry::EstablishmentFilter filter;
      filter.ght_id = est.ght_id;
      filter.per_page = 200;
      for (const auto& e : ctx.registry.list(Scope::nation(), filter).items) {
        auto* r = f->AddSectionDictionary("EST");
        r->SetValue("FINESS", e.finess_et);
        r->SetValue("NAME", e.name);
        if (!posted || posted->values.count("est_" + e.finess_et)) r->ShowSection("CHECKED");
      }
    } else {
      auto* r = f->AddSectionDictionary("SELF");
      r->SetValue("FINESS", est.finess_et);
      r->SetValue("NAME", est.name);
    }
    for (const auto& p : selected->prerequisites) {
      auto* r = f->AddSectionDictionary("PREREQ");
      r->SetValue("ID", p.id);
      r->SetValue("FID", field_id(p.id));
      r->SetValue("LABEL", p.label);
      std::string pieces;
      for (const auto& x : p.pieces) pieces += (pieces.empty() ? "" : ", ") + x;
      r->SetValue("PIECES", pieces);
      if (posted) r->SetValue("V", value(posted->values, "prereq_" + field_id(p.id)));
      if (auto m = messages_of(posted, "apply", "prerequisites." + p.id); !m.empty()) {
        r->ShowSection("P_ERROR");
        r->AddSectionDictionary("P_MESSAGE")->SetValue("MSG", m);
      }
    }
    if (posted) {
      f->SetValue("V_CONTACTS", value(posted->values, "contacts"));
      f->SetValue("V_AMOUNT", value(posted->values, "amount_requested"));
    }
  }
  if (posted) errors_into(d, *posted);
  http::PageMeta meta{"Candidater à un appel à financement",
                      "financements",
                      {{"Accueil", "/"}, {"Appels à financement", kBase}, {"Candidater", ""}},
                      {},
                      {}};
  return Response::html(http::render_page("funding_apply.tpl", d, meta), status);
}

Response apply_post(Context& ctx, Request& req) {
  Values fields;
  for (auto& [k, x] : http::parse_urlencoded(req.body))
    if (k != "csrf") fields[k] = x;
  auto est = ctx.registry.visible(req.caller.scope, req.param("finess"));
  const Data& data = ctx.repo.data();
  CandidatureInput in;
  in.call_id = value(fields, "call");
  in.as_ght = est.ght_id.has_value();
  for (const auto& [k, x] : fields)
    if (k.rfind("est_", 0) == 0) in.establishments.push_back(k.substr(4));
  if (!in.as_ght) in.establishments.push_back(est.finess_et);
  in.contacts = lines_of(value(fields, "contacts"));
  if (const Call* c = data.call(in.call_id))
    for (const auto& p : c->prerequisites) {
      const auto j = trim(value(fields, "prereq_" + field_id(p.id)));
      if (!j.empty()) in.prerequisites[p.id].justification = j;
    }
  in.amount_requested = value(fields, "amount_requested");
  try {
    auto k = ctx.repo.file(caller_of(req), est.finess_et, in, ctx.today());
    return Response::redirect(candidature_url(k.id) + "?fait=depot");
  } catch (const UserError& err) {
    if (err.status() != 422 && err.status() != 409) throw;
    Posted p{"apply", fields, err.fields(), {}};
    if (p.errors.empty()) p.general = err.what();
    return apply_page(ctx, req, err.status(), &p);
  }
}

// ---- exports --------------------------------------------------------------------------------

Response xlsx_export(Context& ctx, Request& req) {
  const Data& data = ctx.repo.data();
  auto all = ctx.repo.list(req.caller.scope);
  exports::Workbook wb;
  auto ws = wb.sheet("Candidatures");
  // Each transition's day (the last one of its kind), and the reasons of the ARS's refusal and
  // of the national rejection (a decision granting nothing), kept apart (issue 18 trial: a
  // national rejection was dated under « Refusée le »): a rejection is a national decision.
  static const std::vector<std::pair<const char*, const char*>> steps{
      {"filed", "Déposée le"},
      {"validated", "Validée le"},
      {"refused", "Refusée par l'ARS le"},
      {"declared", "Déclarée le"},
      {"verified", "Vérifiée le"},
      {"decided", "Décision nationale le"}};
  std::vector<std::string> heads{"N°",
                                 "Appel",
                                 "Candidat",
                                 "Région",
                                 "État",
                                 "Montant demandé (€)",
                                 "Montant accordé (€)",
                                 "Montant payé (€)",
                                 "Payé le"};
  std::vector<double> widths{8, 50, 60, 28, 24, 18, 18, 18, 12};
  for (const auto& [_, head] : steps) {
    heads.push_back(head);
    widths.push_back(12);
  }
  heads.push_back("Motif du refus par l'ARS");
  widths.push_back(60);
  heads.push_back("Motif du rejet à l'instruction nationale");
  widths.push_back(60);
  ws.header(heads, widths, {2});
  std::uint32_t r = 1;
  for (const auto& k : all) {
    std::map<std::string, std::string> last;
    std::string refusal, rejection;
    for (const auto& e : k.events) {
      last[e.kind] = e.on_day;
      if (e.to_state != "refused") continue;
      if (e.kind == "decided")
        rejection = e.detail.value("reason", e.text);
      else
        refusal = e.text;
    }
    int col = 9;
    for (const auto& [kind, _] : steps) {
      if (auto it = last.find(kind); it != last.end())
        if (auto day = parse_date(it->second)) ws.date(r, col, *day);
      ++col;
    }
    if (!refusal.empty()) ws.text(r, col, refusal);
    if (!rejection.empty()) ws.text(r, col + 1, rejection);
    const Call* c = data.call(k.call_id);
    ws.number(r, 0, static_cast<double>(k.id));
    ws.text(r, 1, c ? c->label : k.call_id);
    ws.text(r, 2, candidate_name(k));
    ws.text(r, 3, region_name(k.region_code));
    ws.text(r, 4, state_label(k));
    ws.euros(r, 5, static_cast<double>(k.amount_requested_cents) / 100.0);
    if (k.amount_granted_cents)
      ws.euros(r, 6, static_cast<double>(*k.amount_granted_cents) / 100.0);
    if (k.amount_paid_cents) ws.euros(r, 7, static_cast<double>(*k.amount_paid_cents) / 100.0);
    if (auto p = parse_date(k.paid_on)) ws.date(r, 8, *p);
    ++r;
  }
  ws.freeze_header(true, r > 1 ? r - 1 : 1);
  auto tt = wb.sheet("Par appel et région");
  tt.header({"Appel", "Région", "Candidatures", "Validées", "Déclarées", "Vérifiées",
             "Demandé, hors candidatures refusées (€)", "Accordé (€)", "Payé (€)", "Enveloppe (€)",
             "Demandé par les candidatures refusées (€)"},
            {50, 28, 12, 12, 12, 12, 16, 16, 16, 16, 20});
  std::uint32_t t = 1;
  for (const auto& table : tables_of(data, all)) {
    auto put = [&](const Line& l, const std::string& region) {
      tt.text(t, 0, table.call->label);
      tt.text(t, 1, region);
      tt.number(t, 2, static_cast<double>(l.candidatures));
      tt.number(t, 3, static_cast<double>(l.validated));
      tt.number(t, 4, static_cast<double>(l.declared));
      tt.number(t, 5, static_cast<double>(l.verified));
      tt.euros(t, 6, static_cast<double>(l.requested) / 100.0);
      tt.euros(t, 7, static_cast<double>(l.granted) / 100.0);
      tt.euros(t, 8, static_cast<double>(l.paid) / 100.0);
      if (table.call->envelope_cents)
        tt.euros(t, 9, static_cast<double>(*table.call->envelope_cents) / 100.0);
      tt.euros(t, 10, static_cast<double>(l.refused_requested) / 100.0);
      ++t;
    };
    for (const auto& l : table.regions) put(l, region_name(l.region));
    put(table.total, "Total");
  }
  tt.freeze_header(true, t - 1);
  return Response::text(wb.bytes(),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("Content-Disposition", "attachment; filename=\"financements.xlsx\"");
}

// The frozen dossier of one declaration, as the candidate filed it: the candidature, each
// objective with its declaration and the computation of carepilot's records, and the digest.
Response dossier_pdf(Context& ctx, Request& req) {
  const Data& data = ctx.repo.data();
  auto k = ctx.repo.get(req.caller.scope, id_of(req));
  // The latest declaration, or the one named by ?declaration=.
  const Declaration* decl = k.declarations.empty() ? nullptr : &k.declarations.back();
  if (auto n = req.q("declaration"); !n.empty()) {
    decl = nullptr;
    for (const auto& x : k.declarations)
      if (std::to_string(x.id) == n) decl = &x;
  }
  if (!decl) throw UserError::not_found("Déclaration introuvable.");
  const Call* call = data.call(k.call_id);
  const std::string title = "Dossier de la candidature n° " + std::to_string(k.id);
  auto bytes = pdf::render(title, "carepilot — " + title, [&](pdf::Writer& w) {
    w.block(title, "Sans Bold 14", 0);
    w.block(call ? call->label : k.call_id, "Sans 10");
    if (call) w.block(call->legal_text, "Sans 9");
    w.block(
        "Candidat : " + candidate_short_name(k) + " — " +
            (data.kind(k.candidate_kind) ? data.kind(k.candidate_kind)->label : k.candidate_kind),
        "Sans 10", 8);
    std::string covered;
    for (const auto& e : k.establishments)
      covered += (covered.empty() ? "" : ", ") + e.value("name", std::string()) + " (" +
                 e.value("finess", std::string()) + ")";
    w.block("Établissements couverts : " + covered, "Sans 10");
    w.block("Région : " + region_name(k.region_code), "Sans 10");
    w.block("Montant demandé : " + euro_text(k.amount_requested_cents), "Sans 10");
    w.block("Déclaration déposée le " + when_text(decl->filed_at) + " par " +
                ctx.repo.people({decl->filed_by}).at(decl->filed_by) + late_words(*decl),
            "Sans 10");
    // The objectives a complement carried forward, by the earlier declaration they come from.
    std::map<std::string, std::string> kept;  // filed_at → ids
    for (const auto& o : decl->dossier.value("objectives", json::array()))
      if (const Declaration& from = origin_declaration(k, o, *decl); &from != decl)
        kept[from.filed_at] += (kept[from.filed_at].empty() ? "" : ", ") + o.value("id", "");
    for (const auto& [at, ids] : kept)
      w.block(
          "Objectifs repris sans changement de la déclaration du " + when_text(at) + " : " + ids,
          "Sans 10");
    w.heading("Objectifs");
    std::vector<std::vector<pdf::Cell>> rows;
    for (const auto& o : decl->dossier.value("objectives", json::array())) {
      const bool reached = o.value("reached", false);
      std::string computed;
      if (o.contains("computed"))
        computed = code_label("funding_verdict." + o["computed"].value("verdict", "unknown")) +
                   " : " + o["computed"].value("words", "");
      // The justification, then every item of proof as the reviewer reads it on the page.
      std::string proof = o.value("justification", "");
      for (const auto& e :
           declared_evidence(o, k.establishments, origin_declaration(k, o, *decl).filed_at,
                             candidate_short_name(k)))
        proof += (proof.empty() ? "" : "\n") + std::string("• ") + describe(e);
      rows.push_back({o.value("id", "") + " " + o.value("label", ""),
                      pdf::Cell(reached ? "Déclaré atteint" : "Non déclaré atteint", !reached),
                      proof, computed});
    }
    w.table({"Objectif", "Déclaration", "Preuves", "Calcul de carepilot"}, rows,
            {2.6, 1.5, 3.6, 3});
    // The ARS's verdicts, per objective, dated, with their comments and who gave them.
    std::vector<std::vector<pdf::Cell>> trail;
    std::set<std::string> who;
    for (const auto& o : decl->dossier.value("objectives", json::array()))
      for (const auto& v : verdict_trail(k, o.value("id", ""), decl)) who.insert(v.by);
    const auto names = ctx.repo.people(who);
    for (const auto& o : decl->dossier.value("objectives", json::array()))
      for (const auto& v : verdict_trail(k, o.value("id", ""), decl))
        trail.push_back({o.value("id", ""), when_text(v.at),
                         code_label("funding_outcome." + v.outcome),
                         v.comment.empty() ? std::string("—") : v.comment,
                         names.count(v.by) ? names.at(v.by) : v.by});
    if (!trail.empty()) {
      w.heading("Vérifications de l'ARS");
      w.table({"Objectif", "Date", "Verdict", "Commentaire", "Par"}, trail, {1.6, 2, 1.8, 4, 2});
    }
    w.heading("Intégrité");
    w.block("Empreinte SHA-256 du dossier figé : " + decl->sha256, "Sans 8");
  });
  return Response::text(std::move(bytes), "application/pdf")
      .header("Content-Disposition",
              "attachment; filename=\"dossier-candidature-" + std::to_string(k.id) + ".pdf\"");
}

}  // namespace funding_pages_detail

namespace fpd = funding_pages_detail;

std::string establishment_entry_html(Context& ctx, const http::Request& req,
                                     const std::string& finess) {
  const auto est = ctx.registry.visible(req.caller.scope, finess);
  const Data& data = ctx.repo.data();
  const Date today = ctx.today();
  const std::string kind = est.ght_id ? "ght" : data.kind_of_type(est.type);
  // The candidatures of its candidate (its GHT's, or its own), as its own scope sees them.
  const auto mine = ctx.repo.list(Scope::establishment(est.id));
  ctemplate::TemplateDictionary d("funding_entry");
  d.SetValue("FINESS", est.finess_et);
  int shown = 0;
  for (const auto& c : data.calls) {
    auto open = c.date("candidature_open"), close = c.date("candidature_close");
    const bool window = !((open && today < *open) || (close && *close < today));
    // Its candidature to the call, whatever the window: its own, or its GHT's covering it.
    const Candidature* filed = nullptr;
    for (const auto& k : mine) {
      if (k.call_id != c.id) continue;
      bool covers = k.candidate_key == "est:" + std::to_string(est.id);
      for (const auto& e : k.establishments)
        if (e.value("id", std::int64_t{0}) == est.id) covers = true;
      if (covers) filed = &k;
    }
    // The candidate's editors, or national staff acting for it (as on the candidature page).
    const bool may_apply = window && !kind.empty() && c.accepts(kind) &&
                           req.caller.can(Access::edit_records) &&
                           (req.caller.scope.level == Scope::Level::establishment ||
                            req.caller.scope.level == Scope::Level::nation);
    if (!filed && !may_apply) continue;
    auto* row = d.AddSectionDictionary("CALL");
    row->SetValue("LABEL", c.label);
    row->SetValue("WINDOW", close && *close < today ? "closes le " + exports::french_date(*close)
                            : open && today < *open ? "à partir du " + exports::french_date(*open)
                            : close                 ? "jusqu'au " + exports::french_date(*close)
                                                    : std::string("sans date de fin connue"));
    if (filed) {
      auto* f = row->AddSectionDictionary("FILED");
      f->SetValue("URL", fpd::candidature_url(filed->id));
      f->SetIntValue("ID", filed->id);
      f->SetValue("STATE", state_label(*filed));
    } else {
      row->AddSectionDictionary("APPLY")->SetValue(
          "URL", "/etablissements/" + est.finess_et + "/financements/candidater?appel=" + c.id);
    }
    ++shown;
  }
  if (shown == 0) return {};
  return http::render("funding_entry.tpl", d);
}

std::vector<evidence::FeedEvent> feed_deadlines(Repository& repo, const Scope& scope,
                                                const Date& today, const std::string& finess) {
  // The steps that wait for each state: the one the candidature's next act must meet.
  static const std::map<std::string, std::vector<std::string>> next{
      {"filed", {"ars_instruction_end"}},
      {"operational", {"declaration_open", "declaration_close"}},
      {"more_requested", {"declaration_close"}},
      {"declared", {"ars_verification_end"}},
      {"verified", {"national_instruction_end"}}};
  std::vector<evidence::FeedEvent> out;
  const Data& data = repo.data();
  for (const auto& k : repo.list(scope)) {
    auto steps = next.find(k.state);
    const Call* call = data.call(k.call_id);
    if (steps == next.end() || !call) continue;
    // The covered establishments: {id, finess, name} each.
    if (!finess.empty() &&
        std::none_of(k.establishments.begin(), k.establishments.end(), [&](const json& e) {
          return e.is_object() && e.value("finess", std::string()) == finess;
        }))
      continue;
    // A national exception moves the candidature's passed deadlines to its end, as the
    // workflow enforces them (repository: check_deadline); an opening is never moved.
    const auto until = k.exception_until.empty() ? std::nullopt : parse_date(k.exception_until);
    for (const auto& step : steps->second) {
      auto date = call->date(step);
      bool moved = false;
      if (until && step != "declaration_open" && date && *date < *until) {
        date = until;
        moved = true;
      }
      if (!date) continue;
      // A closing passed while the act still waits (a late declaration, a late verification):
      // it stands on today, saying since when and that a national exception is needed (the
      // workflow refuses the act without one); a passed opening is no deadline.
      const bool late = *date < today;
      if (late && step == "declaration_open") continue;
      evidence::FeedEvent e;
      e.programme = true;
      e.obligation_id = "candidature-" + std::to_string(k.id) + "-" + step;
      e.title = std::string(late ? "En retard : " : "") + code_label("funding_step." + step) +
                " de la candidature n° " + std::to_string(k.id) + " (" + call->label + ")" +
                (moved ? " — dérogation nationale" : "");
      e.description =
          "Candidature n° " + std::to_string(k.id) + " : " + state_label(k) + ". " +
          call->legal_text + "." +
          (moved ? " Échéance du calendrier (" + exports::french_date(*call->date(step)) +
                       ") reportée au " + exports::french_date(*until) +
                       " par dérogation nationale : " +
                       funding_pages_detail::sentence(k.exception_reason)
                 : std::string()) +
          (late ? " Échéance du " + exports::french_date(*date) +
                      " dépassée : l'acte attendu demande une dérogation de l'administration "
                      "nationale."
                : std::string());
      e.link = funding_pages_detail::candidature_url(k.id);
      e.deadline = late ? today : *date;
      out.push_back(std::move(e));
    }
  }
  return out;
}

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  using http::Request;
  using http::RouteKind;
  routes.get(
      "/financements", RouteKind::page, [&ctx](Request& req) { return fpd::list_page(ctx, req); },
      false, Access::read);
  routes.get(
      "/financements/export.xlsx", RouteKind::page,
      [&ctx](Request& req) { return fpd::xlsx_export(ctx, req); }, false, Access::read);
  routes.get(
      "/financements/candidatures/:id", RouteKind::page,
      [&ctx](Request& req) { return fpd::candidature_page(ctx, req); }, false, Access::read);
  routes.get(
      "/financements/candidatures/:id/dossier.pdf", RouteKind::page,
      [&ctx](Request& req) { return fpd::dossier_pdf(ctx, req); }, false, Access::read);
  routes.get(
      "/financements/candidatures/:id/fichiers/:item", RouteKind::page,
      [&ctx](Request& req) { return fpd::joined_file(ctx, req); }, false, Access::read);
  routes.get(
      "/etablissements/:finess/financements/candidater", RouteKind::page,
      [&ctx](Request& req) { return fpd::apply_page(ctx, req); }, false, Access::edit_records);
  routes.post(
      "/etablissements/:finess/financements/candidatures", RouteKind::page,
      [&ctx](Request& req) { return fpd::apply_post(ctx, req); }, 64 * 1024, Access::edit_records);
  const std::string base = "/financements/candidatures/:id/";
  routes.post(
      base + "instruction-ars", RouteKind::page,
      [&ctx](Request& req) {
        return fpd::act_post(ctx, req, "ars", "ars", [&](Candidature& k, const fpd::Values& v) {
          const auto decision = fpd::value(v, "decision");
          if (decision != "validate" && decision != "refuse")
            throw UserError::invalid({{"decision", "funding.validate_required",
                                       "Décision : choisissez de valider ou de refuser."}});
          ctx.repo.ars_decide(fpd::caller_of(req), k.id, decision == "validate",
                              fpd::value(v, "reason"), ctx.today());
        });
      },
      64 * 1024, Access::edit_registry);
  // Room for files over the limit with the fields: each is refused by the attachment check,
  // which names its field.
  routes.post(
      base + "declaration", RouteKind::page,
      [&ctx](Request& req) { return fpd::declare_post(ctx, req); },
      files::kMaxAttachmentBytes * 4 + (1u << 20), Access::edit_records);
  // Larger still: the body is not read; the form says so, nothing stored.
  routes.too_large([&ctx](Request& req) {
    fpd::Posted p{"declare", {}, {}, {}};
    p.general = "Fichiers joints : leur taille totale dépasse " +
                french_file_size(static_cast<std::int64_t>(files::kMaxAttachmentBytes * 4)) +
                " (chaque fichier est limité à " +
                french_file_size(static_cast<std::int64_t>(files::kMaxAttachmentBytes)) +
                ") ; rien n'a été enregistré et le formulaire n'a pas pu être lu : cochez et "
                "saisissez de nouveau votre déclaration, avec des fichiers plus petits.";
    return fpd::candidature_page(ctx, req, 413, &p);
  });
  routes.post(
      base + "exception", RouteKind::page,
      [&ctx](Request& req) {
        return fpd::act_post(ctx, req, "exception", "derogation",
                             [&](Candidature& k, const fpd::Values& v) {
                               // An unreadable date is named with the other refusals.
                               auto until = parse_date(fpd::trim(fpd::value(v, "until")));
                               ctx.repo.grant_exception(fpd::caller_of(req), k.id, until,
                                                        fpd::value(v, "reason"), ctx.today());
                             });
      },
      64 * 1024, Access::edit_registry);
  routes.post(
      base + "verification", RouteKind::page,
      [&ctx](Request& req) {
        return fpd::act_post(ctx, req, "verify", "verification",
                             [&](Candidature& k, const fpd::Values& v) {
                               const Call* call = ctx.repo.data().call(k.call_id);
                               std::map<std::string, std::pair<std::string, std::string>> verdicts;
                               for (const auto& o : call->objectives) {
                                 const auto fid = fpd::field_id(o.id);
                                 auto outcome = fpd::value(v, "outcome_" + fid);
                                 if (!outcome.empty())
                                   verdicts[o.id] = {outcome, fpd::value(v, "comment_" + fid)};
                               }
                               ctx.repo.verify(fpd::caller_of(req), k.id, verdicts, ctx.today());
                             });
      },
      64 * 1024, Access::edit_registry);
  routes.post(
      base + "demande", RouteKind::page,
      [&ctx](Request& req) {
        return fpd::act_post(ctx, req, "request", "demande",
                             [&](Candidature& k, const fpd::Values& v) {
                               ctx.repo.national_request(fpd::caller_of(req), k.id,
                                                         fpd::value(v, "text"), ctx.today());
                             });
      },
      64 * 1024, Access::edit_registry);
  routes.post(
      base + "reponse", RouteKind::page,
      [&ctx](Request& req) {
        return fpd::act_post(
            ctx, req, "answer", "reponse", [&](Candidature& k, const fpd::Values& v) {
              http::require_second_factor(req, "La réponse à l'instruction nationale");
              ctx.repo.answer(fpd::caller_of(req), k.id, fpd::value(v, "text"), ctx.today());
            });
      },
      64 * 1024, Access::edit_records);
  routes.post(
      base + "decision", RouteKind::page,
      [&ctx](Request& req) {
        return fpd::act_post(
            ctx, req, "decide", "decision", [&](Candidature& k, const fpd::Values& v) {
              ctx.repo.decide(fpd::caller_of(req), k.id, fpd::value(v, "amount_granted"),
                              ctx.today(), fpd::value(v, "reason"));
            });
      },
      64 * 1024, Access::edit_registry);
  routes.post(
      base + "paiement", RouteKind::page,
      [&ctx](Request& req) {
        return fpd::act_post(
            ctx, req, "pay", "paiement", [&](Candidature& k, const fpd::Values& v) {
              auto on = parse_date(fpd::trim(fpd::value(v, "paid_on")));
              ctx.repo.pay(fpd::caller_of(req), k.id, on, fpd::value(v, "amount"), ctx.today());
            });
      },
      64 * 1024, Access::edit_registry);
}

}  // namespace carepilot::funding
