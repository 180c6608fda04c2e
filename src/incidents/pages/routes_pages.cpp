#include <ctemplate/template.h>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "http/request.hpp"
#include "http/templates.hpp"
#include "incidents/pages/routes.hpp"
#include "incidents/report/declaration_export.hpp"
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

const char* badge(const std::string& status) {
  if (status == "open") return "error";
  if (status == "contained") return "warning";
  return "success";
}

// The offsets a form offers for a legal time: Paris in winter and in summer, and UTC.
void offsets(TemplateDictionary& d, std::int64_t now) {
  // Paris's offset now: the difference between the Paris wall clock and UTC.
  const std::string paris = paris_datetime(now);  // "30/11/2026 à 13 h 01"
  const std::string utc = iso_utc(now);           // "2026-11-30T12:01:00Z"
  const int paris_h = std::stoi(paris.substr(paris.size() - 8, 2));
  const int utc_h = std::stoi(utc.substr(11, 2));
  const bool summer = ((paris_h - utc_h + 24) % 24) == 2;
  const struct {
    const char* value;
    const char* label;
    bool selected;
  } all[] = {{"+01:00", "+01:00 (heure d'hiver de Paris)", !summer},
             {"+02:00", "+02:00 (heure d'été de Paris)", summer},
             {"Z", "temps universel (UTC)", false}};
  for (const auto& o : all) {
    auto* x = d.AddSectionDictionary("OFFSET");
    x->SetValue("VALUE", o.value);
    x->SetValue("LABEL", o.label);
    if (o.selected) x->ShowSection("SELECTED");
  }
}

// "2026-11-28T08:15" + "+01:00" → the instant typed with its offset ("" stays "").
std::string typed_instant(const std::string& local, const std::string& offset) {
  if (local.empty()) return {};
  std::string s = local.size() == 16 ? local + ":00" : local;
  return s + (offset.empty() ? "Z" : offset);
}

void set_errors(TemplateDictionary& d, const std::vector<FieldError>& errors) {
  if (errors.empty()) return;
  d.ShowSection("HAS_ERRORS");
  for (const auto& err : errors) {
    auto* x = d.AddSectionDictionary("ERROR");
    x->SetValue("FIELD", err.field);
    x->SetValue("MESSAGE", page_message(err));
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
  if (req.caller.can_write()) d.ShowSection("CAN_WRITE");
  d.ShowSection(list.empty() ? "NONE" : "HAS_ROWS");
  for (const auto& inc : list) {
    auto* row = d.AddSectionDictionary("ROW");
    row->SetValue("FINESS", e.finess_et);
    row->SetIntValue("ID", inc.id);
    const auto* det = inc.detection();
    row->SetValue("DETECTED", det ? paris_datetime(det->at) : "—");
    row->SetValue("TITLE", inc.title);
    auto t = inc.qualification.find("threat");
    row->SetValue("THREAT", t == inc.qualification.end() || t->second.empty()
                                ? "à qualifier"
                                : label("threat", t->second.front()));
    row->SetValue("BADGE", badge(inc.status));
    row->SetValue("STATUS_ID", inc.status);
    row->SetValue("STATUS", std::string(status_label("incident", inc.status)));
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
  offsets(d, ctx.now());
  set_errors(d, errors);
  auto r = Response::html(http::render_page(
      "incidents_list.tpl", d,
      registry::page_meta(e, "Incidents de sécurité", {{"Incidents de sécurité", ""}})));
  r.status = status;
  return r;
}

Response detail_page(Context& ctx, Request& req, int status, const std::vector<FieldError>& errors,
                     bool event_open, const std::string& lessons_text = {}) {
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
  d.SetValue("BADGE", badge(inc.status));
  d.SetValue("STATUS_ID", inc.status);
  d.SetValue("STATUS", std::string(status_label("incident", inc.status)));
  const auto* det = inc.detection();
  d.SetValue("DETECTED", det ? paris_datetime(det->at) : "—");
  if (req.caller.can_write()) d.ShowSection("CAN_WRITE");
  set_errors(d, errors);

  for (const auto& c : clocks(cat, inc.events, inc.qualification, now)) {
    auto* x = d.AddSectionDictionary("CLOCK");
    x->SetValue("DEADLINE", label("deadline", c.deadline->id));
    x->SetValue("STATE_ID", std::string(clock_state_code(c.state)));
    x->SetValue("STATE", label("clock", std::string(clock_state_code(c.state))));
    std::string due = "sans délai fixé : dès que possible";
    if (c.due) due = paris_datetime(*c.due);
    if (c.state == ClockState::not_applicable || c.state == ClockState::to_qualify) due = "—";
    x->SetValue("DUE", due);
    std::string delay = "—";
    switch (c.state) {
      case ClockState::running:
        delay = duration_text(c.seconds) + " restant";
        break;
      case ClockState::overdue:
      case ClockState::done_late:
        delay = duration_text(c.seconds) + " de retard";
        break;
      case ClockState::done_on_time:
        delay = duration_text(c.seconds) + " d'avance";
        break;
      case ClockState::as_soon_as_possible:
        delay = duration_text(c.seconds) + " depuis la détection";
        break;
      case ClockState::done:
        delay = "fait " + duration_text(c.seconds) + " après la détection";
        break;
      default:
        break;
    }
    x->SetValue("DELAY", delay);
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
  for (const auto& ev : inc.events) {
    auto* x = d.AddSectionDictionary("EVENT");
    x->SetValue("AT", paris_datetime(ev.at));
    x->SetValue("KIND_ID", ev.kind);
    x->SetValue("KIND", label("event", ev.kind));
    x->SetValue("SERVICE", ev.service.empty() ? "—" : code_label(ev.service));
    x->SetValue("NOTE", ev.note.empty() ? "—" : ev.note);
  }
  if (event_open) {
    d.SetValue("EVENT_EXPANDED", "true");
    d.SetValue("EVENT_OPEN", " fr-collapse--expanded");
  } else {
    d.SetValue("EVENT_EXPANDED", "false");
  }
  for (const auto& t : cat.events) {
    if (t.id == "detection") continue;
    auto* x = d.AddSectionDictionary("KIND_OPTION");
    x->SetValue("VALUE", t.id);
    x->SetValue("LABEL", label("event", t.id));
  }
  for (const auto& s : e.services) {
    auto* x = d.AddSectionDictionary("SERVICE_OPTION");
    x->SetValue("VALUE", s);
    x->SetValue("LABEL", code_label(s));
  }
  offsets(d, now);
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
    bool current = false;
    for (const auto& a : ctx.lessons->actions(req.caller.scope, e.finess_et, inc.id)) {
      auto* x = d.AddSectionDictionary("PAQ_ACTION");
      x->SetValue("URL", "/etablissements/" + e.finess_et + "/paq/" + std::to_string(a.id));
      x->SetValue("TITLE", a.title);
      x->SetValue("STATE",
                  a.withdrawal.withdrawn() ? "retirée" : std::string(paq::status_label(a.status)));
      if (!a.withdrawal.withdrawn()) current = true;
    }
    if (!current) {
      d.ShowSection("NO_PAQ_ACTION");
      if (req.caller.can_write()) {
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
                          {{"Incidents de sécurité", base_of(e.finess_et)}, {inc.title, ""}})));
  r.status = status;
  return r;
}

// The page of one stage of the declaration: the official form's fields, editable while the
// stage is a draft, read-only once submitted.
Response stage_page(Context& ctx, Request& req, int status, const DeclarationContent* typed,
                    const std::vector<FieldError>& errors, const Fields& submit_form = {}) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto inc = ctx.repo.load(req.caller.scope, e.finess_et, id_of(req));
  const auto& form = default_declaration_form();
  const std::string stage = req.param("stage");
  if (form.stage_index(stage) < 0) throw UserError::not_found("Étape de déclaration inconnue.");
  const Declaration* current = nullptr;
  const Declaration* latest_submitted = nullptr;
  const auto decls = ctx.declarations.list(req.caller.scope, e.finess_et, inc.id);
  for (const auto& x : decls) {
    if (x.stage == stage) current = &x;
    if (x.submitted() && form.stage_index(x.stage) < form.stage_index(stage)) latest_submitted = &x;
  }
  const bool frozen = current && current->submitted();
  const bool editable = !frozen && req.caller.can_write();
  DeclarationContent content;
  if (current)
    content = current->content;
  else if (latest_submitted)
    content = latest_submitted->content;
  if (typed) content = *typed;
  const std::string title = stage_title(stage) + " au CERT Santé";
  TemplateDictionary d("incident_stage");
  d.SetValue("FINESS", e.finess_et);
  d.SetIntValue("ID", inc.id);
  d.SetValue("INCIDENT", inc.title);
  d.SetValue("STAGE", stage);
  d.SetValue("TITLE", title);
  d.SetValue("STATE_ID", frozen ? "submitted" : "draft");
  d.SetValue("BADGE", frozen ? "success" : "info");
  d.SetValue("STATE",
             std::string(status_label("incident_declaration", frozen ? "submitted" : "draft")));
  if (frozen) {
    auto* f = d.AddSectionDictionary("FROZEN");
    f->SetValue("SUBMITTED", paris_datetime(current->submitted_at));
    f->SetValue("REFERENCE", current->portal_reference);
    f->SetValue("DIGEST", current->digest);
  } else if (!current) {
    d.ShowSection("NOT_STARTED");
  }
  set_errors(d, errors);
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
      offsets(*sub, ctx.now());
    }
  }
  auto r = Response::html(http::render_page(
      "incident_stage.tpl", d,
      registry::page_meta(e, title,
                          {{"Incidents de sécurité", base_of(e.finess_et)},
                           {inc.title, base_of(e.finess_et) + "/" + std::to_string(inc.id)},
                           {stage_title(stage), ""}})));
  r.status = status;
  return r;
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
    const auto f = http::parse_urlencoded(req.body);
    try {
      auto inc = ctx.repo.create(
          req.caller.scope, e.finess_et,
          {one(f, "title"), typed_instant(one(f, "detected_local"), one(f, "detected_offset")),
           one(f, "note")},
          req.actor());
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(inc.id));
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return list_page(ctx, req, 422, f, err.fields());
    }
  });
  routes.get(base + "/:id", RouteKind::page,
             [&ctx](Request& req) { return detail_page(ctx, req, 200, {}, false); });
  routes.post(base + "/:id/evenements", RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);  // 404 before 422
    const auto f = http::parse_urlencoded(req.body);
    try {
      ctx.repo.add_event(req.caller.scope, e.finess_et, id,
                         {one(f, "kind"), typed_instant(one(f, "at_local"), one(f, "at_offset")),
                          one(f, "service"), one(f, "note")},
                         req.actor());
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id));
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return detail_page(ctx, req, 422, err.fields(), true);
    }
  });
  routes.post(base + "/:id/qualification", RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);
    const auto f = http::parse_urlencoded(req.body);
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
    try {
      ctx.repo.qualify(req.caller.scope, e.finess_et, id, q, req.actor());
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id));
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return detail_page(ctx, req, 422, err.fields(), false);
    }
  });
  routes.post(base + "/:id/paq", RouteKind::page, [&ctx](Request& req) {
    if (!ctx.lessons) throw UserError::not_found("Page introuvable.");
    const auto f = http::form_fields(req);  // 400 for a body that is not a form
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);  // 404 before 422
    try {
      bool created = false;
      auto act = ctx.lessons->send(req.caller.scope, e.finess_et, id, http::field(f, "lessons"),
                                   paris_day(ctx.now()), req.actor(), &created);
      return Response::redirect("/etablissements/" + e.finess_et + "/paq/" +
                                std::to_string(act.id) + (created ? "?cree=1" : ""));
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return detail_page(ctx, req, 422, err.fields(), false, http::field(f, "lessons"));
    }
  });
  routes.get(base + "/:id/declaration/:stage", RouteKind::page,
             [&ctx](Request& req) { return stage_page(ctx, req, 200, nullptr, {}); });
  routes.post(base + "/:id/declaration/:stage", RouteKind::page, [&ctx](Request& req) {
    const auto f = http::parse_urlencoded(req.body);  // 400 for a body that is not a form
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);  // 404 before 422
    DeclarationContent c;
    for (const auto& sec : default_declaration_form().sections)
      for (const auto& fld : sec.fields) c[fld.id] = one(f, fld.id);
    try {
      ctx.declarations.save(req.caller.scope, e.finess_et, id, req.param("stage"), c, req.actor());
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id) + "/declaration/" +
                                req.param("stage"));
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return stage_page(ctx, req, 422, &c, err.fields());
    }
  });
  routes.post(base + "/:id/declaration/:stage/transmission", RouteKind::page, [&ctx](Request& req) {
    const auto f = http::parse_urlencoded(req.body);
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto id = id_of(req);
    ctx.repo.load(req.caller.scope, e.finess_et, id);
    try {
      ctx.declarations.submit(req.caller.scope, e.finess_et, id, req.param("stage"),
                              typed_instant(one(f, "submitted_local"), one(f, "submitted_offset")),
                              one(f, "portal_reference"), req.actor());
      return Response::redirect(base_of(e.finess_et) + "/" + std::to_string(id));
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return stage_page(ctx, req, 422, nullptr, err.fields(), f);
    }
  });
  routes.get(base + "/:id/declaration/:stage/pdf", RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    auto inc = ctx.repo.load(req.caller.scope, e.finess_et, id_of(req));
    for (const auto& x : ctx.declarations.list(req.caller.scope, e.finess_et, inc.id))
      if (x.stage == req.param("stage")) {
        return Response::text(declaration_pdf(inc, e.name, x), "application/pdf")
            .header("Content-Disposition", "inline; filename=\"declaration-" + x.stage + "-" +
                                               std::to_string(inc.id) + ".pdf\"");
      }
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
