#include <ctemplate/template.h>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "http/templates.hpp"
#include "incidents/pages/routes.hpp"
#include "incidents/report/declaration_export.hpp"
#include "registry/page_meta.hpp"

namespace carepilot::incidents {

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
                     bool event_open) {
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
  auto r = Response::html(http::render_page(
      "incident_detail.tpl", d,
      registry::page_meta(e, inc.title,
                          {{"Incidents de sécurité", base_of(e.finess_et)}, {inc.title, ""}})));
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
