#include <ctemplate/template.h>

#include <cstdio>
#include <optional>
#include <set>

#include "common/attachment.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/text.hpp"
#include "http/json_body.hpp"
#include "http/multipart.hpp"
#include "http/request.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"
#include "incidents/pages/routes.hpp"
#include "incidents/report/declaration_export.hpp"
#include "incidents/report/prefill.hpp"
#include "registry/page_meta.hpp"

namespace carepilot::incidents {

Date paris_day(std::int64_t now) {
  const std::string p = paris_datetime(now);  // "30/11/2026 à 13 h 01"
  return Date{std::chrono::year{std::stoi(p.substr(6, 4))},
              std::chrono::month{static_cast<unsigned>(std::stoi(p.substr(3, 2)))},
              std::chrono::day{static_cast<unsigned>(std::stoi(p.substr(0, 2)))}};
}

namespace pages_detail {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using Fields = std::vector<std::pair<std::string, std::string>>;

std::string one(const Fields& f, const std::string& key) {
  for (const auto& [k, v] : f)
    if (k == key) return v;
  return {};
}

std::int64_t id_of(const Request& req) {
  const std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    const long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found("Incident introuvable.");
}

// The status shown: « Retiré » for an incident withdrawn (created by mistake), else its status.
const char* badge(const Incident& inc) {
  if (inc.withdrawal.withdrawn()) return "info";
  if (inc.status == "open") return "error";
  if (inc.status == "contained") return "warning";
  return "success";
}
std::string status_id(const Incident& inc) {
  return inc.withdrawal.withdrawn() ? "withdrawn" : inc.status;
}
std::string status_text(const Incident& inc) {
  return inc.withdrawal.withdrawn() ? "Retiré" : std::string(status_label("incident", inc.status));
}

// The choice a form offers for the hour repeated when Paris goes back to winter time (the last
// Sunday of October, 02:00 to 03:00 happens twice): decided by the date ("" — every other time
// of the year), the first one (summer time) or the second one (winter time).
void season_choices(TemplateDictionary& d, const std::string& selected) {
  const struct {
    const char* value;
    const char* label;
  } all[] = {{"", "déterminée par la date (heure de Paris)"},
             {"summer", "heure d'été (la première des deux)"},
             {"winter", "heure d'hiver (la seconde des deux)"}};
  for (const auto& o : all) {
    auto* x = d.AddSectionDictionary("SEASON");
    x->SetValue("VALUE", o.value);
    x->SetValue("LABEL", o.label);
    if (selected == o.value) x->ShowSection("SELECTED");
  }
}

std::string offset_text(int minutes) {
  char buf[16];
  const int m = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', m / 60, m % 60);
  return buf;
}

// A Paris date and time typed in a page form ("2026-07-01T10:00") as the instant the register
// reads, with Paris's offset at that date ("2026-07-01T10:00:00+02:00"). 422 naming `field` by
// its label for a time that does not exist in Paris (the hour skipped in March) and for the
// repeated hour of October without the choice of `season` ("summer" or "winter"), and for a
// choice of `season` the date contradicts (incident.season_mismatch), and for a text that is
// not a date and time (« garbage », month 13: incident.instant_invalid in the page's words, an
// example in French — issue 19 trial: the API's « décalage horaire » wording); "" stays "".
constexpr int kParisSummerOffset = 120;  // minutes: UTC+2, Paris's summer time

std::string paris_typed(const std::string& local, const std::string& season, const char* field) {
  if (local.empty()) return {};
  const auto p = paris_local_time(local);
  const std::string lead = std::string(field_label(field)) + " : ";
  switch (p.kind) {
    case ParisLocalTime::Kind::invalid:
      throw UserError::invalid(
          {{field, "incident.instant_invalid",
            lead + "saisissez une date et une heure valides, par exemple 03/12/2026 à 14 h 30."}});
    case ParisLocalTime::Kind::nonexistent:
      throw UserError::invalid(
          {{field, "incident.local_time_nonexistent",
            lead + "le " + french_date_text(local) +
                " n'a pas existé à Paris (passage à l'heure d'été : à 2 h, il a été 3 h) ; "
                "indiquez l'heure qu'affichait l'horloge."}});
    case ParisLocalTime::Kind::ambiguous:
      if (season != "summer" && season != "winter")
        throw UserError::invalid(
            {{field, "incident.local_time_ambiguous",
              lead + "le " + french_date_text(local) +
                  " a eu lieu deux fois (passage à l'heure d'hiver) ; choisissez « heure d'été » "
                  "(la première) ou « heure d'hiver » (la seconde) dans « Heure d'été ou "
                  "d'hiver »."}});
      break;
    case ParisLocalTime::Kind::unique:
      // The choice only tells the repeated hour apart; one contradicting the date is refused
      // (issue 19 trial: « heure d'été » for a January date was silently ignored).
      if ((season == "summer" && p.summer_offset_minutes != kParisSummerOffset) ||
          (season == "winter" && p.summer_offset_minutes == kParisSummerOffset)) {
        const bool summer = p.summer_offset_minutes == kParisSummerOffset;
        throw UserError::invalid(
            {{field, "incident.season_mismatch",
              lead + "« " + (season == "summer" ? "heure d'été" : "heure d'hiver") +
                  " » est choisie dans « Heure d'été ou d'hiver », mais le " +
                  french_date_text(local) + " est à l'heure " + (summer ? "d'été" : "d'hiver") +
                  " ; laissez « déterminée par la date » (ce choix ne sert qu'à l'heure qui a "
                  "lieu deux fois, la nuit du passage à l'heure d'hiver)."}});
      }
      break;
  }
  const int offset = season == "winter" ? p.winter_offset_minutes : p.summer_offset_minutes;
  const std::string s = local.size() == 16 ? local + ":00" : local;
  return s + offset_text(offset);
}

// The fields of a page's form into `out`; a field whose text is not UTF-8 (typed in a page or a
// tool in Latin-1 or Windows-1252) comes back as a refusal naming it (422
// request.invalid_utf8), its text read as Windows-1252 into `out` so that the page shows
// what was typed; nothing is stored.
std::vector<FieldError> read_form(const Request& req, Fields& out) {
  auto read = http::read_page_form(req.body);  // 400 when not a form
  out = std::move(read.pairs);
  return read.not_utf8;
}

void set_errors(TemplateDictionary& d, const std::vector<FieldError>& errors) {
  if (errors.empty()) return;
  d.ShowSection("HAS_ERRORS");
  // « Rien n'a été enregistré. » said once, after the last message (issue 19 trial: repeated
  // for each field).
  static const std::string nothing = " Rien n'a été enregistré.";
  std::vector<std::string> messages;
  std::size_t last = errors.size();
  for (const auto& err : errors) {
    messages.push_back(page_message(err));
    const auto& m = messages.back();
    if (m.size() > nothing.size() &&
        m.compare(m.size() - nothing.size(), nothing.size(), nothing) == 0)
      last = messages.size() - 1;
  }
  for (std::size_t i = 0; i < errors.size(); ++i) {
    auto* x = d.AddSectionDictionary("ERROR");
    x->SetValue("FIELD", errors[i].field);
    std::string m = messages[i];
    if (i < last && m.size() > nothing.size() &&
        m.compare(m.size() - nothing.size(), nothing.size(), nothing) == 0)
      m.erase(m.size() - nothing.size());
    x->SetValue("MESSAGE", m);
  }
}

std::string stage_title(const std::string& stage) {
  std::string t = code_label("incident_stage." + stage);
  if (!t.empty()) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  return t;
}

std::string base_of(const std::string& finess) {
  return "/etablissements/" + finess + "/incidents";
}

Response list_page(Context& ctx, Request& req, int status, const Fields& form,
                   const std::vector<FieldError>& errors) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto list = ctx.repo.list(req.caller.scope, e.finess_et);
  TemplateDictionary d("incidents");
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  // The statistics the caller's scope gives (issue 19 trial: « du territoire » for an
  // establishment's editor, whose statistics are the establishment's).
  switch (req.caller.scope.level) {
    case Scope::Level::establishment:
      d.SetValue("STATISTICS_OF", "de l'établissement");
      break;
    case Scope::Level::ght:
      d.SetValue("STATISTICS_OF", "du groupement hospitalier de territoire");
      break;
    case Scope::Level::region:
      d.SetValue("STATISTICS_OF", "de la région");
      break;
    case Scope::Level::nation:
      d.SetValue("STATISTICS_OF", "de la France entière");
      break;
  }
  if (req.caller.can_write()) d.ShowSection("CAN_WRITE");
  d.ShowSection(list.empty() ? "NONE" : "HAS_ROWS");
  for (const auto& inc : list) {
    auto* row = d.AddSectionDictionary("ROW");
    row->SetValue("FINESS", e.finess_et);
    row->SetIntValue("ID", inc.id);
    const auto* det = inc.detection();
    // On one line (issue 19 trial: the date wrapped in the narrow column): non-breaking spaces,
    // the page's style rules allowing no inline style.
    std::string detected = det ? paris_datetime(det->at) : "—";
    for (std::size_t at = detected.find(' '); at != std::string::npos; at = detected.find(' ', at))
      detected.replace(at, 1, "\u00a0");
    row->SetValue("DETECTED", detected);
    row->SetValue("TITLE", inc.title);
    auto t = inc.qualification.find("threat");
    row->SetValue("THREAT", t == inc.qualification.end() || t->second.empty()
                                ? "à qualifier"
                                : label("threat", t->second.front()));
    row->SetValue("BADGE", badge(inc));
    row->SetValue("STATUS_ID", status_id(inc));
    row->SetValue("STATUS", status_text(inc));
    std::string declared = "non transmise";
    for (const auto& x : ctx.declarations.list(req.caller.scope, e.finess_et, inc.id))
      if (x.submitted())
        declared = code_label("incident_stage." + x.stage) + " transmise le " +
                   paris_datetime(x.submitted_at);
    row->SetValue("DECLARATION", declared);
  }
  d.SetValue("F_TITLE", one(form, "title"));
  d.SetValue("F_AT", one(form, "detected_local"));
  d.SetValue("F_NOTE", one(form, "note"));
  season_choices(d, one(form, "detected_season"));
  set_errors(d, errors);
  auto r = Response::html(http::render_page(
      "incidents_list.tpl", d,
      registry::page_meta(e, "Incidents de sécurité", {{"Incidents de sécurité", ""}})));
  r.status = status;
  return r;
}

// What the attachment form had when refused: shown again (a file cannot be kept).
struct AttachmentTyped {
  std::string description, event, file_name;
};

std::string event_text(const Event& ev) {
  // The transmission the initial stage recorded, in the timeline's words (issue 19 trial:
  // « Déclaration transmise au CERT Santé » here, « Déclaration initiale transmise » there).
  const std::string what = ev.kind == "declaration_submitted"
                               ? stage_title("initial") + " transmise au CERT Santé"
                               : label("event", ev.kind);
  return what + " du " + paris_datetime(ev.at);
}

void fill_attachments(Context& ctx, Request& req, TemplateDictionary& d,
                      const registry::Establishment& e, const Incident& inc,
                      const std::vector<FieldError>& errors, const AttachmentTyped* typed) {
  const bool writable = req.caller.can_write() && !inc.withdrawal.withdrawn();
  const auto list = ctx.attachments.list(req.caller.scope, e.finess_et, inc.id);
  d.ShowSection(list.empty() ? "NO_ATTACHMENT" : "HAS_ATTACHMENTS");
  const std::string base = "/etablissements/" + e.finess_et + "/incidents/" +
                           std::to_string(inc.id) + "/pieces-jointes/";
  std::set<std::string> actors;
  for (const auto& a : list) actors.insert({a.created_by, a.withdrawal.by});
  const auto people = ctx.attachments.people(actors);
  for (const auto& a : list) {
    auto* x = d.AddSectionDictionary("ATTACHMENT");
    x->SetIntValue("AID", a.id);
    x->SetValue("URL", base + std::to_string(a.id));
    x->SetValue("FILE", a.file_name);
    x->SetValue("SIZE", french_file_size(a.size));
    x->SetValue("DESCRIPTION", a.description.empty() ? "—" : a.description);
    std::string event = "—";
    if (a.event_id)
      for (const auto& ev : inc.events)
        if (ev.id == *a.event_id) event = event_text(ev);
    x->SetValue("EVENT", event);
    x->SetValue("BY", people.at(a.created_by));
    x->SetValue("AT", paris_datetime(a.created_at));
    x->SetValue("STATE_ID", a.withdrawal.withdrawn() ? "withdrawn" : "current");
    if (a.withdrawal.withdrawn()) {
      auto* w = x->AddSectionDictionary("WITHDRAWN");
      w->SetValue("W_AT", paris_datetime(a.withdrawal.at));
      w->SetValue("W_BY", people.at(a.withdrawal.by));
      w->SetValue("W_REASON", a.withdrawal.reason);
    } else {
      auto* c = x->AddSectionDictionary("CURRENT");
      if (writable)
        c->AddSectionDictionary("WITHDRAW")
            ->SetValue("WITHDRAW_URL", base + std::to_string(a.id) + "/retirer");
    }
  }
  if (!writable) return;
  auto* f = d.AddSectionDictionary("ATTACH_FORM");
  f->SetValue("FINESS", e.finess_et);
  f->SetIntValue("ID", inc.id);
  f->SetValue("ATTACH_EXPANDED", typed ? "true" : "false");
  if (typed) f->SetValue("ATTACH_OPEN", " fr-collapse--expanded");
  f->SetValue("F_DESCRIPTION", typed ? typed->description : "");
  for (const auto& ev : inc.events) {
    auto* o = f->AddSectionDictionary("EVENT_OPTION");
    o->SetIntValue("VALUE", ev.id);
    o->SetValue("LABEL", event_text(ev));
    if (typed && typed->event == std::to_string(ev.id)) o->ShowSection("SELECTED");
  }
  for (const auto& err : errors) {
    const char* section = err.field == "incident_attachment"      ? "FILE_INVALID"
                          : err.field == "attachment_description" ? "DESCRIPTION_INVALID"
                          : err.field == "attachment_event"       ? "EVENT_INVALID"
                                                                  : nullptr;
    if (!section) continue;
    auto* x = f->AddSectionDictionary(section);
    x->SetValue("ERROR", page_message(err));
  }
  if (typed && !typed->file_name.empty())
    f->AddSectionDictionary("FILE_AGAIN")->SetValue("NAME", typed->file_name);
}

// The confirmation shown once after an act on the incident (the redirect's query, as the
// other modules do): « Incident enregistré. », « Événement ajouté à la chronologie. » …
std::string detail_flash(const Request& req, const Incident& inc) {
  const std::string done = req.q("enregistre");
  if (done == "incident")
    return "Incident enregistré. Complétez sa chronologie et sa qualification.";
  if (done == "evenement") return "Événement ajouté à la chronologie.";
  if (done == "qualification") return "Qualification enregistrée.";
  if (done == "piece-jointe") return "Pièce jointe ajoutée au dossier de l'incident.";
  if (done == "statut") {
    std::string s(status_label("incident", inc.status));
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return "Statut de l'incident enregistré : " + s + ".";
  }
  if (const std::string n = req.q("paq");
      !n.empty() && n.size() <= 2 && n.find_first_not_of("0123456789") == std::string::npos) {
    const int count = std::stoi(n);
    if (count == 0) return "Ces leçons ont déjà chacune leur action dans le PAQ.";
    if (count == 1) return "Une action créée dans le PAQ ; les autres leçons avaient déjà la leur.";
    return std::to_string(count) + " actions créées dans le PAQ, une par leçon.";
  }
  if (req.q("retire") == "incident")
    return "Incident retiré ; il reste conservé avec le motif du retrait, hors des statistiques et "
           "des échéances réglementaires.";
  if (req.q("retire") == "evenement")
    return "Événement retiré ; il reste dans la chronologie, barré, avec le motif du retrait, et "
           "ne "
           "compte plus dans les délais ni les échéances.";
  if (req.q("retire") == "piece-jointe")
    return "Pièce jointe retirée ; elle reste conservée dans le dossier avec le motif du retrait.";
  const std::string stage = req.q("transmise");
  if (!stage.empty() && default_declaration_form().stage_index(stage) >= 0)
    return stage_title(stage) + " marquée transmise au CERT Santé : elle est désormais figée.";
  return {};
}

// `event_form`: what was typed in « Ajouter un événement » when it was refused (the form shown
// open, the values kept, the fields in error marked); nullptr: the form closed and empty.
Response detail_page(Context& ctx, Request& req, int status, const std::vector<FieldError>& errors,
                     const Fields* event_form, const std::string& lessons_text = {},
                     const AttachmentTyped* attachment = nullptr,
                     const Fields* status_form = nullptr) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto inc = ctx.repo.load(req.caller.scope, e.finess_et, id_of(req));
  auto decls = ctx.declarations.list(req.caller.scope, e.finess_et, inc.id);
  const auto& cat = default_catalog();
  const auto now = ctx.now();
  TemplateDictionary d("incident");
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  d.SetIntValue("ID", inc.id);
  d.SetValue("TITLE", inc.title);
  d.SetValue("BADGE", badge(inc));
  d.SetValue("STATUS_ID", status_id(inc));
  d.SetValue("STATUS", status_text(inc));
  const auto* det = inc.detection();
  d.SetValue("DETECTED", det ? paris_datetime(det->at) : "—");
  const bool withdrawn = inc.withdrawal.withdrawn();
  std::map<std::string, std::string> withdrawer;
  if (withdrawn) {
    withdrawer = ctx.attachments.people({inc.withdrawal.by});
    auto* w = d.AddSectionDictionary("WITHDRAWN");
    w->SetValue("W_AT", paris_datetime(inc.withdrawal.at));
    w->SetValue("W_BY", withdrawer.at(inc.withdrawal.by));
    w->SetValue("W_REASON", inc.withdrawal.reason);
  } else {
    d.ShowSection("HAS_CLOCKS");
  }
  if (req.caller.can_write() && !withdrawn) {
    d.ShowSection("CAN_WRITE");
    // A closed incident takes no more events (issue 19 trial: the form was offered, then refused).
    d.ShowSection(inc.status == "closed" ? "CLOSED_NO_EVENT" : "CAN_ADD_EVENT");
    // The status changes the current status allows (as the API's PUT …/status).
    std::vector<std::pair<const char*, const char*>> actions;
    if (inc.status == "open") actions = {{"contained", "Confiné"}, {"closed", "Clore"}};
    if (inc.status == "contained") actions = {{"closed", "Clore"}, {"open", "Rouvrir"}};
    if (inc.status == "closed") actions = {{"open", "Rouvrir"}};
    auto* box = d.AddSectionDictionary("STATUS_ACTIONS");
    for (const auto& [to, text] : actions) {
      auto* x = box->AddSectionDictionary("STATUS_ACTION");
      x->SetValue("TO", to);
      x->SetValue("LABEL", text);
    }
    // « Date et heure » of the change (optional: now), kept and marked when refused.
    box->SetValue("ST_AT", status_form ? one(*status_form, "status_local") : "");
    for (const auto& err : errors)
      if (err.field == "status_at") {
        box->AddSectionDictionary("ST_ERR")->SetValue("MSG", page_message(err));
        break;
      }
    auto* seasons = box->AddSectionDictionary("ST_SEASONS");
    season_choices(*seasons, status_form ? one(*status_form, "status_season") : "");
  }
  set_errors(d, errors);

  // A withdrawn incident runs no clock (created by mistake: nothing is due).
  for (const auto& c :
       withdrawn ? std::vector<Clock>{} : clocks(cat, inc.events, inc.qualification, now)) {
    auto* x = d.AddSectionDictionary("CLOCK");
    x->SetValue("DEADLINE", label("deadline", c.deadline->id));
    x->SetValue("STATE_ID", std::string(clock_state_code(c.state)));
    x->SetValue("STATE", label("clock", std::string(clock_state_code(c.state))));
    std::string due = "sans délai fixé : dès que possible";
    if (c.due) due = paris_datetime(*c.due);
    if (c.state == ClockState::not_applicable || c.state == ClockState::to_qualify) due = "—";
    x->SetValue("DUE", due);
    x->SetValue("DELAY", clock_delay_text(c));
  }
  const auto dur = durations(inc.events, now);
  auto add_duration = [&](const char* what, const std::optional<std::int64_t>& s) {
    auto* x = d.AddSectionDictionary("DURATION");
    x->SetValue("LABEL", what);
    x->SetValue("VALUE", s ? duration_text(*s) : "non renseigné");
  };
  add_duration("Délai de détection", dur.to_detect);
  add_duration("Délai de confinement", dur.to_contain);
  add_duration("Délai de déclaration", dur.to_declare);
  add_duration("Délai de rétablissement des services", dur.to_restore);
  {
    auto* x = d.AddSectionDictionary("DURATION");
    x->SetValue("LABEL", "Temps en mode dégradé");
    x->SetValue("VALUE", dur.periods.empty() ? "aucun"
                                             : duration_text(dur.degraded) +
                                                   (dur.degraded_ongoing ? " (en cours)" : ""));
  }
  // The timeline: the events, and the transmission of every stage of the declaration with its
  // portal reference (the initial one is the event its transmission recorded; the later ones
  // are read from the stages, issue 19 trial: only the first one showed).
  struct Row {
    std::int64_t at;
    std::string kind, label, stage, service, note;
    std::int64_t event_id = 0;  // a typed event (withdrawable), else 0
    Withdrawal withdrawal;      // a withdrawn event
  };
  std::vector<Row> rows;
  const Declaration* initial = nullptr;
  for (const auto& x : decls)
    if (x.submitted() && default_declaration_form().stage_index(x.stage) == 0) initial = &x;
  auto transmitted = [](const Declaration& x) {
    return stage_title(x.stage) + " transmise au CERT Santé";
  };
  // The event recorded by the initial stage's transmission already notes the reference
  // (issue 19 trial: it read twice).
  auto reference = [](const Declaration& x, const std::string& note) {
    const std::string ref = "Référence du portail : " + x.portal_reference;
    if (note.rfind(ref, 0) == 0) return note;
    return ref + (note.empty() ? "" : " ; " + note);
  };
  // The events withdrawn stay in the timeline, struck, with who withdrew them, when and why.
  for (const auto& ev : inc.withdrawn_events)
    rows.push_back(
        {ev.at, ev.kind, label("event", ev.kind), "", ev.service, ev.note, ev.id, ev.withdrawal});
  for (const auto& ev : inc.events) {
    Row r{ev.at, ev.kind, label("event", ev.kind), "", ev.service, ev.note, 0, {}};
    const auto* type = cat.event(ev.kind);
    if (ev.kind != "detection" && type && !type->automatic) r.event_id = ev.id;
    if (ev.kind == "declaration_submitted" && initial) {
      r.label = transmitted(*initial);
      r.stage = initial->stage;
      r.note = reference(*initial, ev.note);
    }
    rows.push_back(std::move(r));
  }
  for (const auto& x : decls)
    if (x.submitted() && &x != initial)
      rows.push_back({parse_iso_utc(x.submitted_at).value_or(0), "declaration_submitted",
                      transmitted(x), x.stage, "", reference(x, "")});
  // The status changes (issue 19 trial: the incident's own timeline did not say it was
  // contained or closed), from its dated status history (migration 0053): each at its instant,
  // with who made it; the first row is the opening (the detection already stands for it).
  {
    const auto changes = ctx.repo.status_changes(req.caller.scope, e.finess_et, inc.id);
    std::set<std::string> who;
    for (const auto& c : changes) who.insert(c.by);
    const auto people = ctx.attachments.people(who);
    for (std::size_t i = 1; i < changes.size(); ++i) {
      const auto& c = changes[i];
      const std::string by = c.by.empty() ? "—" : "Par " + people.at(c.by);
      if (c.status == "closed")
        rows.push_back({c.at, "closure", "Incident clos", "", "", by});
      else
        rows.push_back(
            {c.at, "status_" + c.status,
             c.status == "open"
                 ? std::string("Incident rouvert")
                 : "Statut : « " + std::string(status_label("incident", c.status)) + " »",
             "", "", by});
    }
  }
  if (withdrawn)
    rows.push_back(
        {parse_iso_utc(inc.withdrawal.at).value_or(0), "withdrawal",
         "Incident retiré (créé par erreur)", "", "",
         "Motif : " + inc.withdrawal.reason + " ; par " + withdrawer.at(inc.withdrawal.by)});
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.at < b.at; });
  std::set<std::string> event_withdrawers;
  for (const auto& ev : inc.withdrawn_events) event_withdrawers.insert(ev.withdrawal.by);
  const auto event_people = event_withdrawers.empty() ? std::map<std::string, std::string>{}
                                                      : ctx.attachments.people(event_withdrawers);
  if (!inc.withdrawn_events.empty()) d.ShowSection("WITHDRAWN_EVENTS_NOTE");
  const bool can_withdraw_events = req.caller.can_write() && !withdrawn;
  for (const auto& r : rows) {
    auto* x = d.AddSectionDictionary("EVENT");
    x->SetValue("AT", paris_datetime(r.at));
    x->SetValue("KIND_ID", r.kind);
    x->SetValue("KIND", r.label);
    x->SetValue("STATE_ID", r.withdrawal.withdrawn() ? "withdrawn" : "current");
    if (!r.stage.empty()) x->AddSectionDictionary("EVENT_STAGE")->SetValue("STAGE", r.stage);
    if (r.event_id) x->AddSectionDictionary("EVENT_ID")->SetIntValue("EID", r.event_id);
    x->SetValue("SERVICE", r.service.empty() ? "—" : service_label(r.service));
    x->SetValue("NOTE", r.note.empty() ? "—" : r.note);
    if (r.withdrawal.withdrawn()) {
      auto* w = x->AddSectionDictionary("WITHDRAWN_EVENT");
      w->SetValue("W_AT", paris_datetime(r.withdrawal.at));
      w->SetValue("W_BY", event_people.at(r.withdrawal.by));
      w->SetValue("W_REASON", r.withdrawal.reason);
    } else {
      auto* c = x->AddSectionDictionary("CURRENT_EVENT");
      if (r.event_id && can_withdraw_events)
        c->AddSectionDictionary("EVENT_WITHDRAW")
            ->SetValue("WITHDRAW_URL", base_of(e.finess_et) + "/" + std::to_string(inc.id) +
                                           "/evenements/" + std::to_string(r.event_id) +
                                           "/retirer");
    }
  }
  fill_attachments(ctx, req, d, e, inc, errors, attachment);
  const Fields no_event;
  const Fields& typed = event_form ? *event_form : no_event;
  if (event_form) {
    d.SetValue("EVENT_EXPANDED", "true");
    d.SetValue("EVENT_OPEN", " fr-collapse--expanded");
    d.SetValue("EV_AT", one(typed, "at_local"));
    d.SetValue("EV_NOTE", one(typed, "note"));
    // Each field in error under its own input (the first message of the field).
    for (const char* field : {"event_kind", "event_at", "service", "note"})
      for (const auto& err : errors)
        if (err.field == field) {
          auto* x = d.AddSectionDictionary(std::string("EV_ERR_") + field);
          x->SetValue("MSG", page_message(err));
          break;
        }
  } else {
    d.SetValue("EVENT_EXPANDED", "false");
  }
  for (const auto& t : cat.events) {
    // The detection opens the incident; the declaration's transmission is recorded by its
    // initial stage (the declaration's page), never typed here.
    if (t.id == "detection" || t.automatic || t.legacy) continue;
    auto* x = d.AddSectionDictionary("KIND_OPTION");
    x->SetValue("VALUE", t.id);
    x->SetValue("LABEL", label("event", t.id));
    if (one(typed, "kind") == t.id) x->ShowSection("SELECTED");
  }
  for (const auto& s : e.services) {
    auto* x = d.AddSectionDictionary("SERVICE_OPTION");
    x->SetValue("VALUE", s);
    x->SetValue("LABEL", service_label(s));
    if (one(typed, "service") == s) x->ShowSection("SELECTED");
  }
  season_choices(d, one(typed, "at_season"));
  for (const auto& dim : cat.dimensions) {
    auto* x = d.AddSectionDictionary("DIMENSION");
    x->SetValue("LABEL", label("dimension", dim.id));
    auto it = inc.qualification.find(dim.id);
    std::string v;
    if (it == inc.qualification.end()) {
      v = "à qualifier";
    } else if (it->second.empty()) {
      v = "aucune";
    } else {
      for (const auto& val : it->second) v += (v.empty() ? "" : " ; ") + label(dim.id, val);
    }
    x->SetValue("VALUE", v);
    const auto chosen = it == inc.qualification.end() ? std::vector<std::string>{} : it->second;
    auto is_chosen = [&](const std::string& val) {
      return std::find(chosen.begin(), chosen.end(), val) != chosen.end();
    };
    if (!dim.matrix) {
      auto* s = d.AddSectionDictionary("SINGLE");
      s->SetValue("DIM", dim.id);
      s->SetValue("LABEL", label("dimension", dim.id));
      for (const auto& val : dim.values) {
        auto* c = s->AddSectionDictionary("CHOICE");
        c->SetValue("VALUE", val);
        c->SetValue("LABEL", label(dim.id, val));
        if (is_chosen(val)) c->ShowSection("SELECTED");
      }
    } else {
      auto* m = d.AddSectionDictionary("MATRIX");
      m->SetValue("DIM", dim.id);
      m->SetValue("LABEL", label("dimension", dim.id));
      for (const auto& cat_ : dim.categories)
        for (const auto& cr : dim.criteria) {
          const std::string val = cat_.id + "." + cr;
          auto* c = m->AddSectionDictionary("CELL");
          c->SetValue("DIM", dim.id);
          c->SetValue("ID", cat_.id + "-" + cr);
          c->SetValue("VALUE", val);
          c->SetValue("LABEL", label("data", val));
          if (is_chosen(val)) c->ShowSection("CHECKED");
        }
    }
  }
  // « Systèmes et services touchés »: the establishment's services and its continuity IT
  // resources, chosen from its own lists.
  {
    std::string shown;
    for (const auto& sv : inc.affected_services)
      shown += (shown.empty() ? "" : " ; ") + service_label(sv);
    for (const auto& r : inc.affected_resources)
      shown += (shown.empty() ? "" : " ; ") + r.name + " (" +
               (r.kind == "application" ? "application" : "infrastructure") + ")";
    d.SetValue("AFFECTED", shown.empty() ? "non renseignés" : shown);
    for (const auto& sv : e.services) {
      auto* x = d.AddSectionDictionary("AFFECTED_SERVICE");
      x->SetValue("VALUE", sv);
      x->SetValue("LABEL", service_label(sv));
      if (std::find(inc.affected_services.begin(), inc.affected_services.end(), sv) !=
          inc.affected_services.end())
        x->ShowSection("CHECKED");
    }
    const auto mine = ctx.repo.resources(req.caller.scope, e.finess_et);
    if (mine.empty()) d.ShowSection("NO_RESOURCE");
    for (const auto& r : mine) {
      auto* x = d.AddSectionDictionary("AFFECTED_RESOURCE");
      x->SetIntValue("VALUE", r.id);
      x->SetValue("LABEL", r.name + " (" +
                               (r.kind == "application" ? "application" : "infrastructure") + ")");
      for (const auto& c : inc.affected_resources)
        if (c.id == r.id) x->ShowSection("CHECKED");
    }
  }
  d.ShowSection(decls.empty() ? "NO_DECLARATION" : "HAS_DECLARATIONS");
  for (const auto& x : decls) {
    auto* r = d.AddSectionDictionary("DECLARATION");
    r->SetValue("FINESS", e.finess_et);
    r->SetIntValue("ID", inc.id);
    r->SetValue("STAGE_ID", x.stage);
    std::string stage = code_label("incident_stage." + x.stage);
    if (!stage.empty())
      stage[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(stage[0])));
    r->SetValue("STAGE", stage);
    r->SetValue("STATE", std::string(status_label("incident_declaration",
                                                  x.submitted() ? "submitted" : "draft")));
    r->SetValue("SUBMITTED", x.submitted() ? paris_datetime(x.submitted_at) : "—");
    r->SetValue("REFERENCE", x.portal_reference.empty() ? "—" : x.portal_reference);
  }
  // The stages of the declaration, each with its page (read, or write while a draft).
  for (const auto& st : default_declaration_form().stages) {
    auto* x = d.AddSectionDictionary("STAGE_LINK");
    x->SetValue("URL", base_of(e.finess_et) + "/" + std::to_string(inc.id) + "/declaration/" + st);
    x->SetValue("STAGE_ID", st);
    const Declaration* found = nullptr;
    for (const auto& y : decls)
      if (y.stage == st) found = &y;
    x->SetValue("LABEL", stage_title(st));
    x->SetValue("STATE",
                found ? (found->submitted() ? "transmise, figée" : "brouillon") : "non commencée");
  }
  // After the incident: the lessons sent to the PAQ (store/lessons.hpp).
  if (ctx.lessons) {
    d.ShowSection("LESSONS");
    bool any = false;
    for (const auto& a : ctx.lessons->actions(req.caller.scope, e.finess_et, inc.id)) {
      any = true;
      auto* x = d.AddSectionDictionary("PAQ_ACTION");
      x->SetValue("URL", "/etablissements/" + e.finess_et + "/paq/" + std::to_string(a.id));
      x->SetValue("TITLE", a.title);
      // Mid-sentence: lower-case (issue 19 trial: « … : En cours »).
      std::string state =
          a.withdrawal.withdrawn() ? "retirée" : std::string(paq::status_label(a.status));
      if (!state.empty() && static_cast<unsigned char>(state[0]) < 0x80)
        state[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(state[0])));
      x->SetValue("STATE", state);
    }
    if (!any) d.ShowSection("NO_PAQ_ACTION");
    {
      if (req.caller.can_write() && !withdrawn) {
        auto* f = d.AddSectionDictionary("LESSONS_FORM");
        f->SetValue("F_LESSONS", lessons_text);
        for (const auto& err : errors)
          if (err.field == "lessons") {
            f->ShowSection("LESSONS_INVALID");
            f->SetValue("LESSONS_ERROR", page_message(err));
          }
      }
    }
  }
  auto r = Response::html(http::render_page(
      "incident_detail.tpl", d,
      registry::page_meta(e, inc.title,
                          {{"Incidents de sécurité", base_of(e.finess_et)}, {inc.title, ""}},
                          status == 200 ? detail_flash(req, inc) : std::string())));
  r.status = status;
  return r;
}

// The page of one stage of the declaration: the official form's fields, editable while the
// stage is a draft, read-only once submitted.
Response stage_page(Context& ctx, Request& req, int status, const DeclarationContent* typed,
                    std::vector<FieldError> errors, const Fields& submit_form = {}) {
  // The API says the format it takes (AAAA-MM-JJ); the page, with its date picker, says the
  // French one.
  for (auto& err : errors)
    if (err.code == "incident.date_invalid")
      err.message = std::string(field_label(err.field)) + " : date attendue (JJ/MM/AAAA).";
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto inc = ctx.repo.load(req.caller.scope, e.finess_et, id_of(req));
  const auto& form = default_declaration_form();
  const std::string stage = req.param("stage");
  if (form.stage_index(stage) < 0) throw UserError::not_found("Étape de déclaration inconnue.");
  const Declaration* current = nullptr;
  const Declaration* latest_submitted = nullptr;
  const auto decls = ctx.declarations.list(req.caller.scope, e.finess_et, inc.id);
  for (const auto& x : decls)
    if (x.stage == stage) current = &x;
  latest_submitted = previous_stage(decls, stage);
  const bool frozen = current && current->submitted();
  const bool editable = !frozen && req.caller.can_write() && !inc.withdrawal.withdrawn();
  DeclarationContent content;
  if (current) {
    content = current->content;
  } else if (editable) {
    // Not started: pre-filled from the register (and the latest submitted stage), for the
    // declarant to review before saving (report/prefill.hpp).
    const std::string& user = req.caller.user;
    std::string name;
    if (!user.empty()) name = ctx.attachments.people({user}).at(user);
    if (name == user) name.clear();
    const auto now_content = register_content(inc, std::nullopt, name, user);
    if (latest_submitted)
      content = later_stage_content(
          form, latest_submitted->content,
          previous_register_texts(inc, parse_iso_utc(latest_submitted->created_at).value_or(0),
                                  parse_iso_utc(latest_submitted->submitted_at).value_or(0),
                                  parse_iso_utc(latest_submitted->updated_at).value_or(0), name,
                                  user),
          now_content, code_label("incident_stage." + latest_submitted->stage));
    else if (form.stage_index(stage) == 0)
      content = now_content;
  } else if (latest_submitted) {
    content = latest_submitted->content;
  }
  if (typed) content = *typed;
  const std::string title = stage_title(stage) + " au CERT Santé";
  TemplateDictionary d("incident_stage");
  // A refused transmission says so (issue 19 trial: headed « n'a pas été enregistrée »).
  d.SetValue("ERRORS_TITLE", submit_form.empty() ? "La déclaration n'a pas été enregistrée"
                                                 : "La déclaration n'a pas été transmise");
  d.SetValue("FINESS", e.finess_et);
  d.SetIntValue("ID", inc.id);
  d.SetValue("INCIDENT", inc.title);
  d.SetValue("STAGE", stage);
  d.SetValue("TITLE", title);
  // A stage not started is not a draft yet (issue 19 trial: « Brouillon » on an empty stage).
  d.SetValue("STATE_ID", frozen ? "submitted" : current ? "draft" : "not_started");
  d.SetValue("BADGE", frozen ? "success" : current ? "info" : "new");
  d.SetValue("STATE", frozen || current ? std::string(status_label("incident_declaration",
                                                                   frozen ? "submitted" : "draft"))
                                        : std::string("Non commencée"));
  if (frozen) {
    auto* f = d.AddSectionDictionary("FROZEN");
    f->SetValue("SUBMITTED", paris_datetime(current->submitted_at));
    f->SetValue("REFERENCE", current->portal_reference);
    f->SetValue("DIGEST", current->digest);
  } else if (!current) {
    auto* ns = d.AddSectionDictionary("NOT_STARTED");
    if (editable && !content.empty()) {
      auto* p = ns->AddSectionDictionary("PREFILLED");
      if (latest_submitted)
        p->AddSectionDictionary("FROM_STAGE")
            ->SetValue("SINCE", code_label("incident_stage." + latest_submitted->stage));
    }
  }
  // The stage's PDF and JSON, once it is saved (issue 19 trial: offered on the incident only).
  if (current) {
    auto* x = d.AddSectionDictionary("EXPORTS");
    if (!frozen) x->ShowSection("DRAFT_EXPORT");
  }
  set_errors(d, errors);
  // A later stage: what changed in the form since the stage it started from.
  if (form.stage_index(stage) > 0 && latest_submitted) {
    auto* x = d.AddSectionDictionary("DIFFERENCES");
    x->SetValue("SINCE", code_label("incident_stage." + latest_submitted->stage));
    x->SetValue("SINCE_STAGE", latest_submitted->stage);
    x->SetValue("SINCE_AT", paris_datetime(latest_submitted->submitted_at));
    const auto changes = differences(form, latest_submitted->content, content);
    x->ShowSection(changes.empty() ? "NO_CHANGE" : "HAS_CHANGES");
    auto shown = [&](const std::string& field, const std::string& v) {
      if (v.empty()) return std::string("—");
      const auto* f = form.field(field);
      return f && f->date ? french_date_text(v) : v;
    };
    for (const auto& c : changes) {
      auto* r = x->AddSectionDictionary("CHANGE");
      r->SetValue("FIELD", c.field);
      r->SetValue("LABEL", std::string(field_label(c.field)));
      r->SetValue("KIND", c.kind);
      r->SetValue("KIND_LABEL", code_label("incident_change." + c.kind));
      r->SetValue("BEFORE", shown(c.field, c.before));
      r->SetValue("AFTER", shown(c.field, c.after));
    }
  }
  std::map<std::string, std::string> field_errors;
  for (const auto& err : errors)
    if (!field_errors.count(err.field)) field_errors[err.field] = page_message(err);
  const int stage_i = form.stage_index(stage);
  for (const auto& sec : form.sections) {
    auto* sd = d.AddSectionDictionary("SECTION");
    sd->SetValue("LABEL", code_label("incident_section." + sec.id));
    for (const auto& fld : sec.fields) {
      auto it = content.find(fld.id);
      const std::string value = it == content.end() ? std::string() : it->second;
      const std::string lbl(field_label(fld.id));
      const bool required = fld.required_from >= 0 && fld.required_from <= stage_i;
      if (!editable) {
        auto* x = sd->AddSectionDictionary("SHOW");
        x->SetValue("LABEL", lbl);
        x->SetValue("VALUE",
                    value.empty() ? "non renseigné" : (fld.date ? french_date_text(value) : value));
        continue;
      }
      auto* x = sd->AddSectionDictionary("FIELD");
      x->SetValue("NAME", fld.id);
      x->SetValue("LABEL", lbl + (required ? " *" : ""));
      x->SetValue("VALUE", value);
      x->ShowSection(fld.date ? "DATE" : "TEXT");
      if (auto fe = field_errors.find(fld.id); fe != field_errors.end()) {
        x->ShowSection("INVALID");
        x->SetValue("ERROR", fe->second);
      }
    }
  }
  if (editable) {
    auto* f = d.AddSectionDictionary("EDIT");
    if (current) {
      auto* sub = f->AddSectionDictionary("SUBMIT");
      sub->SetValue("F_AT", one(submit_form, "submitted_local"));
      sub->SetValue("F_REFERENCE", one(submit_form, "portal_reference"));
      for (const char* k : {"submitted_at", "portal_reference"})
        if (auto fe = field_errors.find(k); fe != field_errors.end()) {
          auto* er = sub->AddSectionDictionary(std::string(k) == "submitted_at" ? "AT_INVALID"
                                                                                : "REF_INVALID");
          er->SetValue("ERROR", fe->second);
        }
      season_choices(*sub, one(submit_form, "submitted_season"));
    }
  }
  std::string flash;
  if (status == 200 && req.q("enregistre") == "brouillon" && current && !frozen)
    flash = "Brouillon de la " + code_label("incident_stage." + stage) +
            " enregistré. Il n'est pas encore transmis.";
  auto r = Response::html(http::render_page(
      "incident_stage.tpl", d,
      registry::page_meta(e, title,
                          {{"Incidents de sécurité", base_of(e.finess_et)},
                           {inc.title, base_of(e.finess_et) + "/" + std::to_string(inc.id)},
                           {stage_title(stage), ""}},
                          flash)));
  r.status = status;
  return r;
}

std::int64_t item_of(const Request& req, const char* missing = "Pièce jointe introuvable.") {
  const std::string v = req.param("item");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    const long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found(missing);
}

// The status of a refused file: 413 too big, 415 type refused, 422 otherwise.
int file_refusal_status(const UserError& err) {
  for (const auto& f : err.fields()) {
    if (f.code == "incident.attachment_too_large") return 413;
    if (f.code == "incident.attachment_type") return 415;
  }
  return 422;
}

Response attachment_download(Context& ctx, Request& req) {
  const auto f =
      ctx.attachments.file(req.caller.scope, req.param("finess"), id_of(req), item_of(req));
  return Response::text(f.bytes, f.info.content_type)
      .header("Content-Disposition", files::content_disposition(f.info.file_name))
      .header("X-Content-SHA256", f.info.sha256);
}

// A withdrawal's confirmation page from an incident (the incident itself, one of its events or
// attachments): back to the incident, under its breadcrumb ending with `crumb`.
// A withdrawal already made names its author by display name, as the timeline does (issue 19
// trial: an e-mail).
Response incident_withdrawal_page(Context& ctx, const Request& req,
                                  const registry::Establishment& e, const Incident& inc,
                                  http::WithdrawalPage& p, const std::string& crumb, int status) {
  if (p.current.withdrawn() && !p.current.by.empty())
    p.current.by = ctx.attachments.people({p.current.by}).at(p.current.by);
  const std::string incident_url = base_of(e.finess_et) + "/" + std::to_string(inc.id);
  p.back_url = incident_url;
  p.back_label = "Retour à l'incident";
  return http::withdrawal_page(req, p,
                               registry::page_meta(e, p.heading,
                                                   {{"Incidents de sécurité", base_of(e.finess_et)},
                                                    {inc.title, incident_url},
                                                    {crumb, ""}}),
                               status);
}

// The confirmation page of an attachment's withdrawal (http/withdrawal_page.hpp): 404 for an
// attachment of another incident; the withdrawal already made when it was.
Response attachment_withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                                  const std::string& error) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto inc = ctx.repo.load(req.caller.scope, e.finess_et, id_of(req));
  const auto item = item_of(req);
  std::optional<Attachment> found;
  for (const auto& a : ctx.attachments.list(req.caller.scope, e.finess_et, inc.id))
    if (a.id == item) found = a;
  if (!found) throw UserError::not_found("Pièce jointe introuvable.");
  const std::string incident_url = base_of(e.finess_et) + "/" + std::to_string(inc.id);
  http::WithdrawalPage p;
  p.heading = "Retirer une pièce jointe de l'incident";
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Incident", inc.title},
             {"Fichier", found->file_name + " (" + french_file_size(found->size) + ")"},
             {"Description", found->description},
             {"Ajoutée", paris_datetime(found->created_at) + " par " +
                             ctx.attachments.people({found->created_by}).at(found->created_by)}};
  p.current = found->withdrawal;
  p.act = "Le retrait d'une pièce jointe d'incident";
  // Where it stays, as the incident page shows it (issue 19 trial: the general sentence named a
  // « section des éléments retirés » the incident page does not have).
  p.consequence = "La pièce jointe ne fait plus partie du dossier de l'incident.";
  p.kept =
      "Elle n'est jamais supprimée : elle reste dans le tableau des pièces jointes de l'incident, "
      "marquée « Retirée » avec la date, l'auteur et le motif du retrait, et reste téléchargeable "
      "; "
      "le retrait est inscrit au journal.";
  p.examples = "Par exemple : mauvais fichier, doublon, document d'un autre incident.";
  p.already_title = "Cette pièce jointe a déjà été retirée";
  p.action_url = incident_url + "/pieces-jointes/" + std::to_string(item) + "/retirer";
  p.reason = reason;
  p.error = error;
  return incident_withdrawal_page(ctx, req, e, inc, p, "Retirer une pièce jointe", status);
}

constexpr const char* kDetectionKept =
    "La détection ne peut pas être retirée : la date de détection de l'incident en dépend "
    "(délais, échéances, statistiques). Si cet incident n'en est pas un ou a été saisi avec une "
    "mauvaise date de détection, retirez l'incident et saisissez-le de nouveau.";

// The confirmation page of an event's withdrawal (typed wrong): what it names, the reason, the
// second factor; 404 for an event of another incident; the withdrawal already made when it was;
// the detection and the events a stage's transmission recorded say why they cannot be.
Response event_withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                             const std::string& error) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto inc = ctx.repo.load(req.caller.scope, e.finess_et, id_of(req));
  const auto item = item_of(req, "Événement introuvable.");
  std::optional<Event> found;
  for (const auto* list : {&inc.events, &inc.withdrawn_events})
    for (const auto& ev : *list)
      if (ev.id == item) found = ev;
  if (!found) throw UserError::not_found("Événement introuvable.");
  const std::string incident_url = base_of(e.finess_et) + "/" + std::to_string(inc.id);
  http::WithdrawalPage p;
  p.heading = "Retirer un événement de la chronologie";
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Incident", inc.title},
             {"Événement", label("event", found->kind)},
             {"Date et heure", paris_datetime(found->at)}};
  if (!found->service.empty()) p.facts.push_back({"Service", service_label(found->service)});
  if (!found->note.empty()) p.facts.push_back({"Note", found->note});
  p.current = found->withdrawal;
  p.act = "Le retrait d'un événement d'incident";
  p.consequence =
      "L'événement ne compte plus dans les délais, les échéances réglementaires, les déclarations "
      "pré-remplies ni les statistiques.";
  p.kept =
      "Il n'est jamais supprimé : il reste dans la chronologie de l'incident, barré, avec la "
      "date, l'auteur et le motif du retrait ; le retrait est inscrit au journal.";
  p.examples = "Par exemple : mauvaise date ou heure, événement saisi en double, mauvais type.";
  p.already_title = "Cet événement a déjà été retiré";
  p.action_url = incident_url + "/evenements/" + std::to_string(item) + "/retirer";
  p.reason = reason;
  p.error = error;
  // What cannot be withdrawn says why, before anyone types a reason (no form).
  if (!found->withdrawal.withdrawn()) {
    const auto* type = default_catalog().event(found->kind);
    if (found->kind == "detection")
      p.nothing = kDetectionKept;
    else if (type && type->automatic)
      p.nothing =
          "Cet événement est enregistré par la transmission de la déclaration initiale, figée : "
          "il ne peut pas être retiré.";
    else if (inc.withdrawal.withdrawn())
      p.nothing = "L'incident est retiré : sa chronologie n'est plus modifiable.";
  }
  return incident_withdrawal_page(ctx, req, e, inc, p, "Retirer un événement", status);
}

// The confirmation of an incident's withdrawal (created by mistake): what it names, the reason
// (« Motif du retrait »), the second factor; the withdrawal already made when it is.
Response incident_withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                                const std::string& error) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto inc = ctx.repo.load(req.caller.scope, e.finess_et, id_of(req));
  const std::string incident_url = base_of(e.finess_et) + "/" + std::to_string(inc.id);
  const auto* det = inc.detection();
  http::WithdrawalPage p;
  p.heading = "Retirer l'incident « " + inc.title + " »";
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Incident", inc.title},
             {"Détecté le", det ? paris_datetime(det->at) : "—"},
             {"Statut", status_text(inc)},
             {"Enregistré", paris_datetime(inc.created_at) + " par " +
                                ctx.attachments.people({inc.created_by}).at(inc.created_by)}};
  p.current = inc.withdrawal;
  p.act = "Le retrait d'un incident";
  p.consequence =
      "L'incident ne compte plus dans les statistiques ni dans les échéances réglementaires, et "
      "n'est plus modifiable.";
  p.kept =
      "Il n'est jamais supprimé : il reste dans le registre, marqué « Retiré » avec la date, "
      "l'auteur et le motif du retrait ; sa chronologie, ses déclarations transmises (figées) et "
      "ses pièces jointes restent consultables ; le retrait est inscrit au journal.";
  p.examples =
      "Par exemple : incident saisi en double, essai, événement qui n'est pas un incident "
      "de sécurité.";
  p.already_title = "Cet incident a déjà été retiré";
  p.action_url = incident_url + "/retirer";
  p.reason = reason;
  p.error = error;
  return incident_withdrawal_page(ctx, req, e, inc, p, "Retirer l'incident", status);
}

}  // namespace pages_detail

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  using namespace pages_detail;
  using http::RouteKind;
  const std::string base = "/etablissements/:finess/incidents";
  routes.get(base, RouteKind::page,
             [&ctx](Request& req) { return list_page(ctx, req, 200, {}, {}); });
  routes.post(base, RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    Fields f;
    if (auto bad = read_form(req, f); !bad.empty()) {
      // The form's « title » is the register's « Intitulé de l'incident ».
      for (auto& b : bad)
        if (b.field == "title") b.field = "incident_title";
      return list_page(ctx, req, 422, f, bad);
    }
    try {
      auto inc = ctx.repo.create(
          req.caller.scope, e.finess_et,
          {one(f, "title"),
           paris_typed(one(f, "detected_local"), one(f, "detected_season"), "detected_at"),
           one(f, "note")},
          req.actor());
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(inc.id) +
                                "?enregistre=incident");
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return list_page(ctx, req, 422, f, err.fields());
    }
  });
  routes.get(base + "/:id", RouteKind::page,
             [&ctx](Request& req) { return detail_page(ctx, req, 200, {}, nullptr); });
  routes.post(base + "/:id/evenements", RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);  // 404 before 422
    Fields f;
    if (auto bad = read_form(req, f); !bad.empty()) return detail_page(ctx, req, 422, bad, &f);
    try {
      ctx.repo.add_event(
          req.caller.scope, e.finess_et, id,
          {one(f, "kind"), paris_typed(one(f, "at_local"), one(f, "at_season"), "event_at"),
           one(f, "service"), one(f, "note")},
          req.actor());
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id) +
                                "?enregistre=evenement");
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return detail_page(ctx, req, 422, err.fields(), &f);
    }
  });
  // The status from the incident's page (« Confiné », « Clore », « Rouvrir »): as the API's
  // PUT …/status; a refusal shows the page again naming the field.
  routes.post(base + "/:id/statut", RouteKind::page, [&ctx](Request& req) {
    Fields f;
    const auto not_utf8 = read_form(req, f);  // 400 for a body that is not a form
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);  // 404 before 422
    if (!not_utf8.empty()) return detail_page(ctx, req, 422, not_utf8, nullptr, {}, nullptr, &f);
    try {
      // « Date et heure » of the change: optional (now), Paris time.
      ctx.repo.set_status(
          req.caller.scope, e.finess_et, id, one(f, "status"), req.actor(),
          paris_typed(one(f, "status_local"), one(f, "status_season"), "status_at"));
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id) +
                                "?enregistre=statut");
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return detail_page(ctx, req, 422, err.fields(), nullptr, {}, nullptr, &f);
    }
  });
  routes.post(base + "/:id/qualification", RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);
    // Not UTF-8 (a page or tool in Latin-1; issue 19 trial: a bare « Données invalides »): the
    // page again naming the field, nothing stored.
    Fields f;
    if (auto bad = read_form(req, f); !bad.empty()) {
      // A dimension named by its label (« Type de menace »), as the qualification's refusals.
      for (auto& b : bad)
        for (const auto& dim : default_catalog().dimensions)
          if (b.field == dim.id || b.field == dim.id + "_present")
            b = {"qualification." + dim.id, "incident.invalid_utf8",
                 label("dimension", dim.id) +
                     " : le choix envoyé contient des caractères qui ne sont pas en UTF-8 (page "
                     "ou outil en Latin-1 ou Windows-1252 ?) ; choisissez de nouveau et "
                     "enregistrez. Rien n'a été enregistré."};
      return detail_page(ctx, req, 422, bad, nullptr);
    }
    Qualification q;
    for (const auto& dim : default_catalog().dimensions) {
      if (dim.matrix) {
        if (one(f, dim.id + "_present").empty()) continue;
        auto& cells = q[dim.id];
        for (const auto& [k, v] : f)
          if (k == dim.id && !v.empty()) cells.push_back(v);
      } else if (auto v = one(f, dim.id); !v.empty()) {
        q[dim.id] = {v};
      }
    }
    // The systems and services touched (the form always sends `affected_present`).
    std::optional<AffectedInput> affected;
    if (!one(f, "affected_present").empty()) {
      affected.emplace();
      for (const auto& [k, v] : f) {
        if (k == "affected_service" && !v.empty()) affected->services.push_back(v);
        if (k == "affected_resource" && !v.empty())
          affected->resources.push_back(v.size() <= 18 && v.find_first_not_of("0123456789") ==
                                                              std::string::npos
                                            ? std::stoll(v)
                                            : -1);  // not an id: refused, named
      }
    }
    try {
      ctx.repo.qualify(req.caller.scope, e.finess_et, id, q, req.actor(),
                       affected ? &*affected : nullptr);
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id) +
                                "?enregistre=qualification");
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return detail_page(ctx, req, 422, err.fields(), nullptr);
    }
  });
  routes.post(base + "/:id/paq", RouteKind::page, [&ctx](Request& req) {
    if (!ctx.lessons) throw UserError::not_found("Page introuvable.");
    Fields f;
    const auto not_utf8 = read_form(req, f);  // 400 for a body that is not a form
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);  // 404 before 422
    // Typed in Latin-1 (issue 19 trial: « Données invalides », the lessons lost): shown again
    // read as Windows-1252 with the refusal naming « Leçons de l'incident ».
    if (!not_utf8.empty()) return detail_page(ctx, req, 422, not_utf8, nullptr, one(f, "lessons"));
    try {
      const auto sent = ctx.lessons->send(req.caller.scope, e.finess_et, id, one(f, "lessons"),
                                          paris_day(ctx.now()), req.actor());
      // One lesson: its action's page; several: the incident's, listing them all.
      if (sent.size() == 1)
        return Response::redirect("/etablissements/" + e.finess_et + "/paq/" +
                                  std::to_string(sent[0].action.id) +
                                  (sent[0].created ? "?cree=1" : ""));
      std::size_t created = 0;
      for (const auto& x : sent) created += x.created ? 1 : 0;
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id) +
                                "?paq=" + std::to_string(created) + "#lecons");
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return detail_page(ctx, req, 422, err.fields(), nullptr, one(f, "lessons"));
    }
  });
  // Attachments: joined from the incident's page (multipart: file, description, event); a
  // refusal shows the page again with the field named (413 too big, 415 type refused, 422
  // otherwise), nothing stored.
  routes.post(
      base + "/:id/pieces-jointes", RouteKind::page,
      [&ctx](Request& req) {
        if (http::media_type(req) != "multipart/form-data")
          throw http::unsupported_media_type({"multipart/form-data"});
        // Text fields checked below: one typed in Latin-1 is shown again, named.
        auto parts = http::parse_multipart(req, http::TextCheck::none);  // 400
        auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
        const auto id = id_of(req);
        ctx.repo.load(req.caller.scope, e.finess_et, id);  // 404 before 422
        AttachmentInput in;
        AttachmentTyped typed;
        for (auto& part : parts) {
          if (part.name == "file") {
            in.file_name = part.filename;
            in.bytes = std::move(part.body);
          } else if (part.name == "description") {
            in.description = part.body;
          } else if (part.name == "event") {
            typed.event = part.body;
          }
        }
        // A description not UTF-8 (a page or tool in Latin-1): read as Windows-1252, shown
        // again with the refusal naming « Description de la pièce jointe », nothing stored.
        std::vector<FieldError> not_utf8;
        if (!valid_utf8(in.description)) {
          in.description = to_utf8(in.description, "WINDOWS-1252").value_or(std::string{});
          const auto refusal = http::text_not_utf8("attachment_description");
          not_utf8.insert(not_utf8.end(), refusal.fields().begin(), refusal.fields().end());
        }
        if (!valid_utf8(typed.event)) typed.event.clear();
        typed.description = in.description;
        typed.file_name = in.file_name;
        if (!not_utf8.empty()) return detail_page(ctx, req, 422, not_utf8, nullptr, {}, &typed);
        if (!typed.event.empty()) {
          in.event_id = -1;  // not an event: refused, named
          if (typed.event.size() <= 18 &&
              typed.event.find_first_not_of("0123456789") == std::string::npos)
            in.event_id = std::stoll(typed.event);
        }
        try {
          ctx.attachments.add(req.caller.scope, e.finess_et, id, in, req.actor());
        } catch (const UserError& err) {
          if (err.status() != 422) throw;
          return detail_page(ctx, req, file_refusal_status(err), err.fields(), nullptr, {}, &typed);
        }
        return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id) +
                                  "?enregistre=piece-jointe#pieces-jointes");
      },
      files::kMaxAttachmentBytes * 2 + (1u << 20));
  // Larger still: the body is not read; the page names the field and its limit.
  routes.too_large([&ctx](Request& req) {
    AttachmentTyped typed;
    return detail_page(
        ctx, req, 413,
        {{"incident_attachment", "incident.attachment_too_large",
          std::string(field_label("incident_attachment")) +
              " : le fichier dépasse la taille maximale de " +
              french_file_size(static_cast<std::int64_t>(files::kMaxAttachmentBytes)) +
              " ; rien n'a été enregistré."}},
        nullptr, {}, &typed);
  });
  routes.get(base + "/:id/pieces-jointes/:item", RouteKind::page,
             [&ctx](Request& req) { return attachment_download(ctx, req); });
  // Withdrawing an attachment: its confirmation, then the withdrawal (a reason and the second
  // factor; 409 with the page when it was withdrawn meanwhile). Never deleted.
  routes.get(
      base + "/:id/pieces-jointes/:item/retirer", RouteKind::page,
      [&ctx](Request& req) { return attachment_withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(base + "/:id/pieces-jointes/:item/retirer", RouteKind::page, [&ctx](Request& req) {
    const auto finess = req.param("finess");
    const auto id = id_of(req);
    const auto item = item_of(req);
    return http::post_withdrawal(
        req, {"Le retrait d'une pièce jointe d'incident",
              [&] {
                for (const auto& a : ctx.attachments.list(req.caller.scope, finess, id))
                  if (a.id == item) return !a.withdrawal.withdrawn();
                throw UserError::not_found("Pièce jointe introuvable.");
              },
              [&](const std::string& reason) {
                ctx.attachments.withdraw(req.caller.scope, finess, id, item, reason, req.actor());
              },
              [&](int status, const std::string& reason, const std::string& error) {
                return attachment_withdraw_page(ctx, req, status, reason, error);
              },
              base_of(finess) + "/" + std::to_string(id) + "?retire=piece-jointe#pieces-jointes",
              {}});
  });
  // Withdrawing an event typed wrong: its confirmation, then the withdrawal (a reason and the
  // second factor; 409 with the page when it was withdrawn meanwhile or cannot be). Never deleted.
  routes.get(
      base + "/:id/evenements/:item/retirer", RouteKind::page,
      [&ctx](Request& req) { return event_withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(base + "/:id/evenements/:item/retirer", RouteKind::page, [&ctx](Request& req) {
    const auto finess = req.param("finess");
    const auto id = id_of(req);
    const auto item = item_of(req, "Événement introuvable.");
    std::string typed;
    // The refusals of withdraw_event (the detection, a recorded transmission, an end depending
    // on its start, the incident withdrawn): the page again, 409, saying why.
    try {
      return http::post_withdrawal(
          req, {"Le retrait d'un événement d'incident",
                [&] {
                  const auto inc = ctx.repo.load(req.caller.scope, finess, id);
                  for (const auto& ev : inc.events)
                    if (ev.id == item) return true;
                  for (const auto& ev : inc.withdrawn_events)
                    if (ev.id == item) return false;
                  throw UserError::not_found("Événement introuvable.");
                },
                [&](const std::string& reason) {
                  typed = reason;
                  ctx.repo.withdraw_event(req.caller.scope, finess, id, item, reason, req.actor());
                },
                [&](int status, const std::string& reason, const std::string& error) {
                  return event_withdraw_page(ctx, req, status, reason, error);
                },
                base_of(finess) + "/" + std::to_string(id) + "?retire=evenement",
                {}});
    } catch (const UserError& err) {
      if (err.status() != 409 || err.code() == "incident.event_withdrawn") throw;
      return event_withdraw_page(ctx, req, 409, typed, err.what());
    }
  });
  // Withdrawing an incident created by mistake: its confirmation, then the withdrawal (a reason
  // and the second factor; 409 with the page when it was withdrawn meanwhile). Never deleted.
  routes.get(
      base + "/:id/retirer", RouteKind::page,
      [&ctx](Request& req) { return incident_withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(base + "/:id/retirer", RouteKind::page, [&ctx](Request& req) {
    const auto finess = req.param("finess");
    const auto id = id_of(req);
    return http::post_withdrawal(
        req, {"Le retrait d'un incident",
              [&] { return !ctx.repo.load(req.caller.scope, finess, id).withdrawal.withdrawn(); },
              [&](const std::string& reason) {
                ctx.repo.withdraw(req.caller.scope, finess, id, reason, req.actor());
              },
              [&](int status, const std::string& reason, const std::string& error) {
                return incident_withdraw_page(ctx, req, status, reason, error);
              },
              base_of(finess) + "/" + std::to_string(id) + "?retire=incident",
              {}});
  });
  routes.get(base + "/:id/declaration/:stage", RouteKind::page,
             [&ctx](Request& req) { return stage_page(ctx, req, 200, nullptr, {}); });
  routes.post(base + "/:id/declaration/:stage", RouteKind::page, [&ctx](Request& req) {
    Fields f;
    const auto not_utf8 = read_form(req, f);  // 400 for a body that is not a form
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);  // 404 before 422
    DeclarationContent c;
    for (const auto& sec : default_declaration_form().sections)
      for (const auto& fld : sec.fields) c[fld.id] = one(f, fld.id);
    if (!not_utf8.empty()) return stage_page(ctx, req, 422, &c, not_utf8);
    try {
      ctx.declarations.save(req.caller.scope, e.finess_et, id, req.param("stage"), c, req.actor());
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id) + "/declaration/" +
                                req.param("stage") + "?enregistre=brouillon");
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return stage_page(ctx, req, 422, &c, err.fields());
    }
  });
  routes.post(base + "/:id/declaration/:stage/transmission", RouteKind::page, [&ctx](Request& req) {
    Fields f;
    const auto not_utf8 = read_form(req, f);
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);
    if (!not_utf8.empty()) return stage_page(ctx, req, 422, nullptr, not_utf8, f);
    try {
      ctx.declarations.submit(
          req.caller.scope, e.finess_et, id, req.param("stage"),
          paris_typed(one(f, "submitted_local"), one(f, "submitted_season"), "submitted_at"),
          one(f, "portal_reference"), req.actor());
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id) +
                                "?transmise=" + req.param("stage"));
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return stage_page(ctx, req, 422, nullptr, err.fields(), f);
    }
  });
  routes.get(base + "/:id/declaration/:stage/pdf", RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    auto inc = ctx.repo.load(req.caller.scope, e.finess_et, id_of(req));
    const auto all = ctx.declarations.list(req.caller.scope, e.finess_et, inc.id);
    for (const auto& x : all)
      if (x.stage == req.param("stage")) {
        return Response::text(declaration_pdf(inc, e.name, x, previous_stage(all, x.stage)),
                              "application/pdf")
            .header("Content-Disposition", "inline; filename=\"declaration-" + x.stage + "-" +
                                               std::to_string(inc.id) + ".pdf\"");
      }
    throw UserError::not_found("Aucune déclaration à cette étape.");
  });
  // The stage as the official form reads (French labels, form's sections), to paste into the
  // portal or attach (report/declaration_export.hpp declaration_form_json).
  routes.get(base + "/:id/declaration/:stage/json", RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    auto inc = ctx.repo.load(req.caller.scope, e.finess_et, id_of(req));
    const auto all = ctx.declarations.list(req.caller.scope, e.finess_et, inc.id);
    for (const auto& x : all)
      if (x.stage == req.param("stage"))
        return Response::text(
                   declaration_form_json(inc, e.name, x, previous_stage(all, x.stage)).dump(2) +
                       "\n",
                   "application/json; charset=utf-8")
            .header("Content-Disposition", "inline; filename=\"declaration-" + x.stage + "-" +
                                               std::to_string(inc.id) + ".json\"");
    throw UserError::not_found("Aucune déclaration à cette étape.");
  });
}

}  // namespace carepilot::incidents

namespace carepilot::incidents {
namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}
}  // namespace carepilot::incidents
