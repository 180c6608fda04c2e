// The continuity page of an establishment (/etablissements/:finess/continuite): the verdict on
// BIA coverage of the services it runs (what is missing, never « satisfait » by default), the
// activities with the BIA that counts, the RTO/RPO each resource must meet, the plans with
// their last and next tests, and the forms that fill the register (a refused form is shown
// again with its values and the errors naming each field by its label).
#include <ctemplate/template.h>

#include <cctype>
#include <cmath>

#include "common/attachment.hpp"
#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/xlsx.hpp"
#include "continuity/messages.hpp"
#include "continuity/pages/routes.hpp"
#include "continuity/report/continuity_pdf.hpp"
#include "continuity/report/wording.hpp"
#include "continuity/rules/test_durations.hpp"
#include "continuity/rules/test_plan.hpp"
#include "continuity/store/input.hpp"
#include "continuity/store/lessons.hpp"
#include "http/form_post.hpp"
#include "http/request.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"
#include "registry/page_meta.hpp"

namespace carepilot::continuity {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

namespace {

std::string base_url(const std::string& finess) {
  return "/etablissements/" + finess + "/continuite";
}

void options(TemplateDictionary* d, const char* section,
             const std::vector<std::pair<std::string, std::string>>& values,
             const std::string& selected) {
  for (const auto& [v, l] : values) {
    auto* o = d->AddSectionDictionary(section);
    o->SetValue("OPT_VALUE", v);
    o->SetValue("OPT_LABEL", l);
    if (v == selected) o->ShowSection("OPT_SELECTED");
  }
}

// A checkbox posted ticked. Shown through a section ({{#X}} checked{{/X}}), never as a value:
// ctemplate escapes a value in a tag (" checked" read "_checked", the box unticked).
bool ticked(const std::string& v) {
  return v == "on" || v == "true" || v == "1";
}

// Which form was posted ("resource", "activity", "bia", "plan", "test"), with its values and
// refusals.
using Posted = http::PostedForm;

const std::vector<std::pair<std::string, std::string>> kPlanKinds{
    {"pca", "PCA — plan de continuité d'activité"},
    {"pra", "PRA — plan de reprise d'activité"},
    {"pcra", "PCRA — plan de continuité et de reprise d'activité"},
    {"pcri", "PCRI — plan de continuité informatique (ne tient pas lieu de PCRA)"}};

Response page(Context& ctx, Request& req, int status, const Posted* posted) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto reg = ctx.repo.load(req.caller.scope, e.finess_et);
  const Scale& scale = ctx.repo.scale();
  const Date today = ctx.today();
  const std::string base = base_url(e.finess_et);
  TemplateDictionary d("continuity");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base);
  d.SetValue("COMPLIANCE_URL", "/etablissements/" + e.finess_et + "/conformite");
  if (e.ght_id)  // the 66 % rule of its GHT (routes_ght.cpp)
    d.SetValueAndShowSection("GHT_URL", "/ght/" + std::to_string(*e.ght_id) + "/continuite",
                             "GHT_LINK");
  {  // a legal entity with several sites: the 66 % rule on its combined activity
    registry::EstablishmentFilter f;
    f.finess_ej = e.finess_ej;
    f.per_page = 1;
    const long long sites = ctx.registry.list(Scope::nation(), f).total;
    if (sites > 1) {
      auto* ej = d.AddSectionDictionary("EJ_LINK");
      ej->SetValue("EJ_URL", "/entites-juridiques/" + e.finess_ej + "/continuite");
      ej->SetValue("EJ_SITES", plural(sites, "établissement", "établissements"));
    }
  }

  // The verdict: which services run have a validated BIA, which do not, and why no verdict.
  auto missing = Repository::services_without_bia(reg, e.services);
  auto* v = d.AddSectionDictionary("VERDICT");
  v->SetIntValue("SERVICES", static_cast<long>(e.services.size()));
  v->SetIntValue("COVERED", static_cast<long>(e.services.size() - missing.size()));
  if (e.services.empty()) {
    v->ShowSection("NO_SERVICE");
  } else if (reg.activities.empty()) {
    v->ShowSection("NO_ACTIVITY");
  } else if (missing.empty()) {
    v->ShowSection("ALL_COVERED");
  } else {
    auto* m = v->AddSectionDictionary("SOME_MISSING");
    m->SetIntValue("MISSING_COUNT", static_cast<long>(missing.size()));
    for (const auto& s : missing) {
      auto* li = m->AddSectionDictionary("MISSING");
      li->SetValue("SERVICE_LABEL", service_label(s));
      const auto* svc = registry::Catalog::builtin().service(s);
      const auto& due = scale.deadline(svc ? svc->klass : std::string());
      // Past the day it was due, the BIA is late; until then (the day itself), expected.
      li->SetValue("DEADLINE", (due.date < today ? "en retard depuis le " : "attendu au ") +
                                   exports::french_date(due.date) +
                                   (due.label.empty() ? "" : " (" + due.label + ")"));
    }
  }
  int total = 0;
  for (const auto& a : reg.activities) total += a.share_hundredths;
  v->SetValue("SHARE_TOTAL", share_text(total));

  if (reg.activities.empty()) d.ShowSection("NO_ACTIVITIES");
  for (const auto& a : reg.activities) {
    auto* r = d.AddSectionDictionary("ACTIVITY");
    r->SetIntValue("A_ID", static_cast<long>(a.id));
    r->SetValue("A_NAME", a.name);
    r->SetValue("A_KIND", kind_label(activity_kind_options(), a.kind));
    r->SetValue("A_SERVICE", a.service.empty() ? "—" : service_label(a.service));
    r->SetValue("A_OWNER", a.owner);
    r->SetValue("A_SHARE", share_text(a.share_hundredths));
    const Bia* c = reg.counting_bia(a.id);
    const Bia* l = reg.latest_bia(a.id);
    if (c) {
      auto* b = r->AddSectionDictionary("COUNTING");
      b->SetIntValue("B_VERSION", c->version);
      b->SetValue("B_VALIDATED_ON", exports::french_date(*c->validated_on));
      b->SetValue("B_VALIDATED_BY", c->validated_by);
      b->SetValue("B_DMIA", hours_text(c->dmia()));
      b->SetValue("B_PDMA", hours_text(c->pdma()));
    } else {
      r->ShowSection("NO_COUNTING");
    }
    if (l && !l->validated())
      r->AddSectionDictionary("DRAFT")->SetIntValue("D_VERSION", l->version);
  }

  // The impact matrix of each BIA that counts (the scale of data/continuity/bia.yaml).
  for (const auto& a : reg.activities) {
    const Bia* b = reg.counting_bia(a.id);
    if (!b) continue;
    d.ShowSection("HAS_MATRICES");
    auto* mx = d.AddSectionDictionary("MATRIX");
    mx->SetValue("M_ACTIVITY", a.name);
    mx->SetIntValue("M_VERSION", b->version);
    mx->SetValue("M_DMIA", hours_text(b->dmia()));
    mx->SetValue("M_PDMA", hours_text(b->pdma()));
    for (const auto& h : scale.horizons)
      mx->AddSectionDictionary("M_HEAD")->SetValue("H_LABEL", h.label);
    for (const auto& c : scale.categories) {
      auto* row = mx->AddSectionDictionary("M_ROW");
      row->SetValue("C_LABEL", c.label);
      auto levels = b->impacts.levels.find(c.id);
      for (const auto& h : scale.horizons) {
        auto* cell = row->AddSectionDictionary("M_CELL");
        int level = 0;
        if (levels != b->impacts.levels.end())
          if (auto it = levels->second.find(h.id); it != levels->second.end()) level = it->second;
        cell->SetIntValue("LEVEL", level);
        for (const auto& l : scale.levels)
          if (l.level == level) cell->SetValue("LEVEL_LABEL", l.label);
        if (level >= scale.unacceptable_from) cell->ShowSection("UNACCEPTABLE");
      }
    }
  }
  d.SetIntValue("UNACCEPTABLE_FROM", scale.unacceptable_from);
  const bool can_write = req.caller.can_write();
  if (can_write) d.ShowSection("SHOW_WITHDRAW");
  if (reg.bias.empty()) d.ShowSection("NO_BIA_VERSIONS");
  for (const auto& b : reg.bias) {
    auto* r = d.AddSectionDictionary("BIA_VERSION");
    const Activity* a = reg.activity(b.activity_id);
    r->SetValue("BV_ACTIVITY", a ? a->name : "—");
    r->SetIntValue("BV_VERSION", b.version);
    r->SetIntValue("BV_ID", static_cast<long>(b.id));
    r->SetValue("BV_STATE", b.validated() ? "validée le " + exports::french_date(*b.validated_on) +
                                                " par " + b.validated_by
                                          : "brouillon (ne compte pas)");
    r->SetValue("BV_DMIA", hours_text(b.dmia()));
    r->SetValue("BV_PDMA", hours_text(b.pdma()));
    if (can_write) r->ShowSection("BV_WITHDRAW");
  }

  auto req_map = Repository::requirements(reg);
  if (reg.resources.empty()) d.ShowSection("NO_RESOURCES");
  for (const auto& res : reg.resources) {
    auto* r = d.AddSectionDictionary("RESOURCE");
    r->SetValue("R_NAME", res.name);
    r->SetValue("R_KIND", kind_label(resource_kind_options(), res.kind));
    auto it = req_map.find(res.id);
    const Requirement required = it == req_map.end() ? Requirement{} : it->second;
    const auto measured = Repository::measured(reg, res.id);
    r->SetValue("R_RESTORE", restore_text(reg.last_restore(res.id)));
    r->SetValue("R_GAP", gap_text(required, measured));
    if (gap_exceeded(required, measured)) r->ShowSection("R_GAP_BAD");
    const auto [rto, rpo] = rto_rpo_text(reg, req_map, res.id);
    r->SetValue("R_RTO", rto);
    r->SetValue("R_RPO", rpo);
  }

  if (reg.plans.empty()) d.ShowSection("NO_PLANS");
  for (const auto& p : reg.plans) {
    auto* r = d.AddSectionDictionary("PLAN");
    r->SetValue("P_TITLE", p.title);
    r->SetValue("P_KIND", code_label(p.kind));
    r->SetValue("P_SCOPE", plan_scope_text(p));
    r->SetValue("P_VERSION", p.version);
    r->SetValue("P_VALIDATED", exports::french_date(p.validated_on) + " par " + p.validated_by);
    {
      // The scenarios covered, one per line as typed.
      std::size_t start = 0;
      bool any = false;
      while (start <= p.scenarios.size()) {
        auto end = p.scenarios.find('\n', start);
        if (end == std::string::npos) end = p.scenarios.size();
        auto line = p.scenarios.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty()) {
          r->AddSectionDictionary("P_SCENARIO")->SetValue("S_TEXT", line);
          any = true;
        }
        start = end + 1;
      }
      if (!any) r->ShowSection("P_NO_SCENARIO");
    }
    r->SetValue("P_IT_OUTAGE", it_outage_text(p));
    if (lacks_it_outage(p)) r->ShowSection("P_IT_OUTAGE_MISSING");
    if (const PlanTest* t = reg.last_test(p.id))
      r->SetValue("P_LAST_TEST", exports::french_date(*t->held_on));
    else
      r->SetValue("P_LAST_TEST", "jamais testé");
    const auto next = next_planned_test(reg, p.id);
    r->SetValue("P_NEXT_TEST", next ? exports::french_date(*next) : "aucun prévu");
    r->SetIntValue("P_ID", static_cast<long>(p.id));
    if (p.document) {
      auto* doc = r->AddSectionDictionary("P_DOCUMENT");
      doc->SetValue("DOC_URL", base + "/plans/" + std::to_string(p.id) + "/document");
      doc->SetValue("DOC_NAME", p.document->file_name);
      doc->SetValue("DOC_VERSION", std::to_string(p.document->version));
      doc->SetValue("DOC_SIZE", french_file_size(p.document->size));
      doc->SetValue("DOC_AT", paris_datetime(p.document->created_at));
    } else {
      r->ShowSection("P_NO_DOCUMENT");
    }
    if (can_write) {
      r->ShowSection("P_UPLOAD");
      r->ShowSection("P_WITHDRAW");
    }
  }
  // The test plan (continuity/test_plan.hpp): the plans not tested since their validation.
  if (!reg.plans.empty()) {
    const auto untested = untested_plans(reg, today);
    auto* tp = d.AddSectionDictionary("TEST_PLAN");
    if (untested.empty())
      tp->ShowSection("ALL_TESTED");
    else
      tp->AddSectionDictionary("HAS_UNTESTED")
          ->SetIntValue("UNTESTED_COUNT", static_cast<long>(untested.size()));
    for (const auto& u : untested) {
      auto* r = tp->AddSectionDictionary("UNTESTED");
      r->SetValue("U_TITLE", u.plan->title);
      r->SetValue("U_KIND", code_label(u.plan->kind));
      r->SetValue("U_VALIDATED", exports::french_date(u.plan->validated_on));
      r->SetValue("U_PLANNED",
                  u.planned_on ? exports::french_date(*u.planned_on) : "aucune date prévue");
      if (u.late)
        r->ShowSection("U_LATE");
      else if (!u.planned_on)
        r->ShowSection("U_NO_DATE");
    }
  }
  // The lessons sent to the PAQ (continuity/lessons.hpp): the action's link, or the button.
  const auto sent = ctx.lessons ? ctx.lessons->sent(req.caller.scope, e.finess_et)
                                : std::map<std::string, std::int64_t>{};
  const std::string paq_base = "/etablissements/" + e.finess_et + "/paq/";
  auto paq_cell = [&](TemplateDictionary* r, const std::string& ref, bool sendable) {
    if (auto s = sent.find(ref); s != sent.end())
      r->AddSectionDictionary("IN_PAQ")->SetValue("PAQ_URL", paq_base + std::to_string(s->second));
    else if (sendable && can_write && ctx.lessons)
      r->ShowSection("PAQ_SEND");
  };
  if (reg.tests.empty()) d.ShowSection("NO_TESTS");
  for (const auto& t : reg.tests) {
    auto* r = d.AddSectionDictionary("TEST");
    const Plan* p = reg.plan(t.plan_id);
    r->SetValue("T_PLAN", p ? p->title : "—");
    r->SetIntValue("T_ID", static_cast<long>(t.id));
    r->SetValue("T_DATE", t.held_on ? "tenu le " + exports::french_date(*t.held_on)
                                    : "prévu le " + exports::french_date(*t.planned_on));
    r->SetValue("T_SCENARIO", t.scenario.empty() ? "—" : t.scenario);
    r->SetValue("T_OBSERVED", t.observed_hours ? hours_text(t.observed_hours) : "—");
    r->SetValue("T_FAILURES", t.failures.empty() ? "—" : t.failures);
    // The services involved, each against its DMIA (rules/test_durations.hpp).
    const auto lines = test_service_lines(reg, t);
    if (lines.empty()) r->ShowSection("T_NO_SERVICES");
    for (const auto& line : lines) r->AddSectionDictionary("T_SERVICE")->SetValue("LINE", line);
    if (test_dmia_exceeded(reg, t)) r->ShowSection("T_DMIA_EXCEEDED");
    if (can_write) r->ShowSection("T_WITHDRAW");
    if (t.held_on) paq_cell(r, plan_test_ref(t), !t.failures.empty());
  }
  if (reg.restores.empty()) d.ShowSection("NO_RESTORES");
  for (const auto& t : reg.restores) {
    auto* r = d.AddSectionDictionary("RESTORE");
    const Resource* res = reg.resource(t.resource_id);
    r->SetValue("RS_RESOURCE", res ? res->name : "—");
    r->SetIntValue("RS_ID", static_cast<long>(t.id));
    r->SetValue("RS_DATE", exports::french_date(t.held_on));
    r->SetValue("RS_RESTORE", duration_text(t.restore_minutes / 60.0));
    r->SetValue("RS_LOSS", t.data_loss_minutes ? duration_text(t.data_loss_minutes / 60.0)
                                               : std::string("aucune"));
    r->SetValue("RS_CHECKED", t.checked_by);
    if (can_write) r->ShowSection("RS_WITHDRAW");
    auto rq = req_map.find(t.resource_id);
    const auto g = gap(rq == req_map.end() ? Requirement{} : rq->second,
                       Measured{t.restore_minutes / 60.0, t.data_loss_minutes / 60.0});
    paq_cell(
        r, restore_test_ref(t),
        g == GapKind::rto_exceeded || g == GapKind::rpo_exceeded || g == GapKind::both_exceeded);
  }
  if (!reg.withdrawn.empty()) d.ShowSection("HAS_WITHDRAWN");
  for (const auto& w : reg.withdrawn) {
    auto* r = d.AddSectionDictionary("WITHDRAWN");
    r->SetValue("W_LABEL", w.label);
    r->SetValue("W_AT", paris_datetime(w.withdrawal.at));
    r->SetValue("W_BY", actor_label(w.withdrawal.by));
    r->SetValue("W_REASON", w.withdrawal.reason);
  }

  if (req.caller.can_write()) {
    auto* w = d.AddSectionDictionary("CAN_WRITE");
    auto value = [&](const char* form, const std::string& k) {
      if (!posted || posted->form != form) return std::string{};
      auto it = posted->values.find(k);
      return it == posted->values.end() ? std::string{} : it->second;
    };
    // The refused form's section open, the others closed; an alert at the top of the page
    // leads to its errors (the page is long: the forms are at its foot).
    for (const char* f : {"resource", "activity", "bia", "plan", "test", "restore"}) {
      std::string up = f;
      for (auto& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      w->ShowSection((posted && !posted->errors.empty() && posted->form == f ? "OPEN_" : "SHUT_") +
                     up);
    }
    if (posted && !posted->errors.empty()) {
      auto* x = w->AddSectionDictionary("HAS_ERRORS");
      const std::string title = posted->form == "resource"   ? "La ressource n'a pas été ajoutée"
                                : posted->form == "activity" ? "L'activité n'a pas été ajoutée"
                                : posted->form == "bia"      ? "Le BIA n'a pas été enregistré"
                                : posted->form == "plan"     ? "Le plan n'a pas été ajouté"
                                : posted->form == "document"
                                    ? "Le document du plan n'a pas été joint"
                                    : "Le test n'a pas été enregistré";
      x->SetValue("ERRORS_TITLE", title);
      d.AddSectionDictionary("TOP_ERRORS")->SetValue("TOP_TITLE", title);
      for (const auto& err : posted->errors) {
        auto* li = x->AddSectionDictionary("ERROR");
        li->SetValue("MESSAGE", page_message(err));
      }
    }
    w->SetValue("R_NAME_VALUE", value("resource", "name"));
    options(w, "RKIND_OPTION", resource_kind_options(), value("resource", "resource_kind"));
    w->SetValue("A_NAME_VALUE", value("activity", "name"));
    options(w, "AKIND_OPTION", activity_kind_options(), value("activity", "activity_kind"));
    std::vector<std::pair<std::string, std::string>> services;
    for (const auto& s : e.services) services.emplace_back(s, service_label(s));
    options(w, "ASERVICE_OPTION", services, value("activity", "service"));
    w->SetValue("A_OWNER_VALUE", value("activity", "owner"));
    w->SetValue("A_SHARE_VALUE", value("activity", "share_percent"));
    for (const auto& res : reg.resources) {
      auto* c = w->AddSectionDictionary("ARES");
      c->SetIntValue("RES_ID", static_cast<long>(res.id));
      c->SetValue("RES_NAME", res.name);
      if (ticked(value("activity", "resource." + std::to_string(res.id))))
        c->ShowSection("RES_CHECKED");
    }
    if (reg.activities.empty()) {
      w->ShowSection("NO_BIA_FORM");
    } else {
      auto* f = w->AddSectionDictionary("BIA_FORM");
      std::vector<std::pair<std::string, std::string>> acts;
      for (const auto& a : reg.activities) acts.emplace_back(std::to_string(a.id), a.name);
      options(f, "BACT_OPTION", acts, value("bia", "activity"));
      for (const auto& h : scale.horizons)
        f->AddSectionDictionary("HORIZON")->SetValue("H_LABEL", h.label);
      std::vector<std::pair<std::string, std::string>> levels;
      for (const auto& l : scale.levels)
        levels.emplace_back(std::to_string(l.level), std::to_string(l.level) + " — " + l.label);
      for (const auto& c : scale.categories) {
        auto* row = f->AddSectionDictionary("CATEGORY");
        row->SetValue("C_LABEL", c.label);
        for (const auto& h : scale.horizons) {
          auto* cell = row->AddSectionDictionary("CELL");
          const std::string key = "impact." + c.id + "." + h.id;
          cell->SetValue("CELL_KEY", key);
          cell->SetValue("CELL_LABEL", c.label + " à " + h.label);
          options(cell, "LEVEL_OPTION", levels, value("bia", key));
        }
      }
      for (const auto& l : scale.levels) {
        auto* li = f->AddSectionDictionary("LEVEL_DEF");
        li->SetValue("L_LABEL", std::to_string(l.level) + " — " + l.label);
      }
      f->SetValue("UNACCEPTABLE", std::to_string(scale.unacceptable_from));
      for (const char* k : {"dmia_hours", "dmia_justification", "pdma_hours", "pdma_justification",
                            "degraded_mode", "autonomy_hours", "validated_by", "validated_on"}) {
        std::string key = k;
        for (auto& ch : key) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        f->SetValue("B_" + key + "_VALUE", value("bia", k));
      }
    }
    w->SetValue("P_TITLE_VALUE", value("plan", "title"));
    options(w, "PKIND_OPTION", kPlanKinds, value("plan", "plan_kind"));
    options(w, "PSCOPE_OPTION",
            {{"global", "Global (tout l'établissement)"}, {"service", "Par service"}},
            value("plan", "scope"));
    for (const auto& s : e.services) {
      auto* c = w->AddSectionDictionary("PSERVICE");
      c->SetValue("SVC_CODE", s);
      c->SetValue("SVC_LABEL", service_label(s));
      if (ticked(value("plan", "service." + s))) c->ShowSection("SVC_CHECKED");
    }
    w->SetValue("P_SCENARIOS_VALUE", value("plan", "scenarios"));
    if (ticked(value("plan", "covers_it_outage"))) w->ShowSection("P_IT_CHECKED");
    w->SetValue("P_VERSION_VALUE", value("plan", "plan_version"));
    w->SetValue("P_VALIDATED_BY_VALUE", value("plan", "validated_by"));
    w->SetValue("P_VALIDATED_ON_VALUE", value("plan", "validated_on"));
    w->SetValue("P_REVIEW_ON_VALUE", value("plan", "review_on"));
    if (reg.plans.empty()) {
      w->ShowSection("NO_TEST_FORM");
    } else {
      auto* f = w->AddSectionDictionary("TEST_FORM");
      std::vector<std::pair<std::string, std::string>> plans;
      for (const auto& p : reg.plans)
        plans.emplace_back(std::to_string(p.id), p.title + " (" + code_label(p.kind) + ")");
      options(f, "TPLAN_OPTION", plans, value("test", "plan"));
      f->SetValue("T_HELD_ON_VALUE", value("test", "held_on"));
      f->SetValue("T_PLANNED_ON_VALUE", value("test", "planned_on"));
      f->SetValue("T_SCENARIO_VALUE", value("test", "scenario"));
      f->SetValue("T_OBSERVED_VALUE", value("test", "observed_hours"));
      f->SetValue("T_FAILURES_VALUE", value("test", "failures"));
      // The services involved: one box per activity of the register, with its interruption.
      auto* services = reg.activities.empty() ? nullptr : f->AddSectionDictionary("TSERVICES");
      for (const auto& a : reg.activities) {
        auto* s = services->AddSectionDictionary("TSERVICE");
        const auto id = std::to_string(a.id);
        s->SetValue("TS_ID", id);
        s->SetValue("TS_NAME", a.name);
        s->SetValue("TS_HOURS_VALUE", value("test", "test_service_hours." + id));
        if (ticked(value("test", "test_service." + id))) s->ShowSection("TS_CHECKED");
        const Bia* b = reg.counting_bia(a.id);
        s->SetValue("TS_DMIA", b ? "DMIA : " + hours_text(b->dmia()) : "pas de BIA validé");
      }
    }
    if (reg.resources.empty()) {
      w->ShowSection("NO_RESTORE_FORM");
    } else {
      auto* f = w->AddSectionDictionary("RESTORE_FORM");
      std::vector<std::pair<std::string, std::string>> resources;
      for (const auto& r : reg.resources) resources.emplace_back(std::to_string(r.id), r.name);
      options(f, "RRES_OPTION", resources, value("restore", "resource"));
      f->SetValue("RT_ON_VALUE", value("restore", "restored_on"));
      f->SetValue("RT_RESTORE_VALUE", value("restore", "restore_hours"));
      f->SetValue("RT_LOSS_VALUE", value("restore", "data_loss_hours"));
      f->SetValue("RT_CHECKED_VALUE", value("restore", "checked_by"));
      f->SetValue("RT_NOTES_VALUE", value("restore", "notes"));
    }
  }
  std::string flash;
  const auto done = req.q("enregistre");
  if (done == "ressource") flash = "Ressource ajoutée.";
  if (done == "activite") flash = "Activité ajoutée.";
  if (done == "bia") flash = "BIA enregistré.";
  if (done == "plan") flash = "Plan ajouté.";
  if (done == "test") flash = "Test enregistré.";
  if (done == "restauration") flash = "Test de restauration enregistré.";
  if (done == "document") flash = "Document du plan joint.";
  const auto withdrawn = req.q("retire");
  if (withdrawn == "bia") flash = "Version du BIA retirée.";
  if (withdrawn == "plan") flash = "Plan retiré.";
  if (withdrawn == "test") flash = "Test retiré.";
  if (withdrawn == "restauration") flash = "Test de restauration retiré.";
  return Response::html(
      http::render_page(
          "continuity.tpl", d,
          registry::page_meta(e, "Continuité d'activité", {{"Continuité d'activité", ""}}, flash)),
      status);
}

// The BIA register and the plans as a workbook (common/xlsx.hpp): activities with the BIA that
// counts (DMIA, PDMA), resources with their required RTO/RPO, last restore test and gap, and
// the plans with their tests.
Response register_xlsx(Context& ctx, Request& req) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto reg = ctx.repo.load(req.caller.scope, e.finess_et);
  const std::string establishment = exports::finess_and_name(e.finess_et, e.name);
  auto opt_hours = [](exports::Workbook::Sheet& ws, std::uint32_t row, int col,
                      const std::optional<int>& h) {
    if (h) ws.number(row, col, *h);
  };
  exports::Workbook wb;
  // A DMIA or PDMA: the hours, or « au-delà d'un mois » (no unacceptable impact within the
  // scale's horizons); the justification of one set by hand beside it (issue 15 trial).
  auto tolerance = [&](exports::Workbook::Sheet& ws, std::uint32_t row, int col,
                       const std::optional<int>& h) {
    if (h)
      ws.number(row, col, *h);
    else
      ws.text(row, col, hours_text(h));
  };
  auto by_hand = [](const std::optional<Override>& o) {
    return o ? "fixée à la main : " + o->justification : std::string("déduite de la matrice");
  };
  auto acts = wb.sheet("Activités et BIA");
  acts.header(
      {"Établissement", "Activité", "Nature", "Service", "Pilote", "Part de l'activité",
       "Version du BIA qui compte", "Validé le", "Validé par", "DMIA (heures)", "DMIA : origine",
       "PDMA (heures)", "PDMA : origine", "Mode dégradé", "Autonomie du mode dégradé (heures)"},
      {36, 30, 20, 20, 26, 10, 10, 12, 24, 12, 40, 12, 40, 50, 12}, {10, 12, 13});
  std::uint32_t r = 1;
  for (const auto& a : reg.activities) {
    acts.text(r, 0, establishment);
    acts.text(r, 1, a.name);
    acts.text(r, 2, kind_label(activity_kind_options(), a.kind));
    acts.text(r, 3, a.service.empty() ? std::string() : service_label(a.service));
    acts.text(r, 4, a.owner);
    acts.share(r, 5, a.share_hundredths / 10000.0);
    if (const Bia* b = reg.counting_bia(a.id)) {
      acts.number(r, 6, b->version);
      acts.date(r, 7, *b->validated_on);
      acts.text(r, 8, b->validated_by);
      tolerance(acts, r, 9, b->dmia());
      acts.text(r, 10, by_hand(b->dmia_override));
      tolerance(acts, r, 11, b->pdma());
      acts.text(r, 12, by_hand(b->pdma_override));
      acts.text(r, 13, b->degraded_mode);
      opt_hours(acts, r, 14, b->autonomy_hours);
    } else {
      acts.text(r, 6, "aucun BIA validé");
    }
    ++r;
  }
  acts.freeze_header(true, r - 1);

  // The impact matrix of each counting BIA: one row per activity and category, one column per
  // horizon of the scale (data/continuity/bia.yaml), the level with its name.
  const Scale& scale = ctx.repo.scale();
  auto matrix = wb.sheet("Matrice des impacts");
  std::vector<std::string> heads{"Établissement", "Activité", "Version du BIA", "Catégorie"};
  std::vector<double> widths{36, 30, 10, 28};
  for (const auto& h : scale.horizons) {
    heads.push_back(h.label);
    widths.push_back(18);
  }
  matrix.header(heads, widths);
  r = 1;
  for (const auto& a : reg.activities) {
    const Bia* b = reg.counting_bia(a.id);
    if (!b) continue;
    for (const auto& c : scale.categories) {
      matrix.text(r, 0, establishment);
      matrix.text(r, 1, a.name);
      matrix.number(r, 2, b->version);
      matrix.text(r, 3, c.label);
      int col = 4;
      for (const auto& h : scale.horizons) {
        auto row = b->impacts.levels.find(c.id);
        if (row != b->impacts.levels.end())
          if (auto it = row->second.find(h.id); it != row->second.end()) {
            std::string name;
            for (const auto& l : scale.levels)
              if (l.level == it->second) name = l.label;
            matrix.text(r, col,
                        std::to_string(it->second) + (name.empty() ? "" : " — " + name) +
                            (it->second >= scale.unacceptable_from ? " (inacceptable)" : ""));
          }
        ++col;
      }
      ++r;
    }
  }
  matrix.freeze_header(true, r - 1);

  auto req_map = Repository::requirements(reg);
  auto res = wb.sheet("Ressources RTO RPO");
  res.header({"Établissement", "Ressource", "Nature", "RTO exigée (heures)", "RPO exigée (heures)",
              "Dernier test de restauration", "Durée de restauration (heures)",
              "Perte de données (heures)", "Vérifié par", "Écart"},
             {36, 30, 16, 12, 12, 14, 12, 12, 26, 50}, {9});
  r = 1;
  for (const auto& x : reg.resources) {
    auto it = req_map.find(x.id);
    const Requirement required = it == req_map.end() ? Requirement{} : it->second;
    res.text(r, 0, establishment);
    res.text(r, 1, x.name);
    res.text(r, 2, kind_label(resource_kind_options(), x.kind));
    opt_hours(res, r, 3, required.rto_hours);
    opt_hours(res, r, 4, required.rpo_hours);
    if (const RestoreTest* t = reg.last_restore(x.id)) {
      res.date(r, 5, t->held_on);
      res.number(r, 6, t->restore_minutes / 60.0);
      res.number(r, 7, t->data_loss_minutes / 60.0);
      res.text(r, 8, t->checked_by);
    }
    res.text(r, 9, gap_text(required, Repository::measured(reg, x.id)));
    ++r;
  }
  res.freeze_header(true, r - 1);

  auto plans = wb.sheet("Plans");
  plans.header({"Établissement", "Plan", "Type", "Périmètre", "Version", "Validé le", "Validé par",
                "Révision prévue", "Indisponibilité informatique couverte", "Scénarios couverts",
                "Dernier test", "Prochain test prévu"},
               {36, 34, 12, 24, 10, 12, 24, 12, 40, 40, 12, 12}, {8, 9});
  r = 1;
  for (const auto& p : reg.plans) {
    plans.text(r, 0, establishment);
    plans.text(r, 1, p.title);
    plans.text(r, 2, code_label(p.kind));
    plans.text(r, 3, plan_scope_text(p));
    plans.text(r, 4, p.version);
    plans.date(r, 5, p.validated_on);
    plans.text(r, 6, p.validated_by);
    if (p.review_on) plans.date(r, 7, *p.review_on);
    plans.text(r, 8, it_outage_text(p));
    plans.text(r, 9, scenarios_text(p));
    if (const PlanTest* t = reg.last_test(p.id))
      plans.date(r, 10, *t->held_on);
    else
      plans.text(r, 10, "jamais testé");
    if (const auto next = next_planned_test(reg, p.id)) plans.date(r, 11, *next);
    ++r;
  }
  plans.freeze_header(true, r - 1);

  // The plan tests, one row per service involved (issue 15 trial): its observed interruption
  // against the DMIA of its activity's BIA that counts.
  auto tests = wb.sheet("Tests des plans");
  tests.header({"Établissement", "Plan", "Tenu le", "Prévu le", "Scénario", "Service impliqué",
                "Interruption observée (heures)", "DMIA (heures)", "DMIA dépassée",
                "Défaillances constatées"},
               {36, 34, 12, 12, 30, 30, 14, 12, 40, 50}, {8, 9});
  r = 1;
  for (const auto& t : reg.tests) {
    const Plan* p = reg.plan(t.plan_id);
    auto row = [&](const ServiceDuration* d) {
      tests.text(r, 0, establishment);
      tests.text(r, 1, p ? p->title : "—");
      if (t.held_on) tests.date(r, 2, *t.held_on);
      if (t.planned_on) tests.date(r, 3, *t.planned_on);
      tests.text(r, 4, t.scenario);
      if (d) {
        const Activity* a = reg.activity(d->activity_id);
        tests.text(r, 5, a ? a->name : "—");
        if (d->observed_minutes) tests.number(r, 6, *d->observed_minutes / 60.0);
        if (!d->has_bia)
          tests.text(r, 7, "pas de BIA validé");
        else if (d->dmia_hours)
          tests.number(r, 7, *d->dmia_hours);
        else
          tests.text(r, 7, hours_text(d->dmia_hours));
        if (d->exceeded)
          tests.text(r, 8, "oui, de " + duration_text(d->excess_minutes / 60.0));
        else if (d->observed_minutes && d->dmia_hours)
          tests.text(r, 8, "non");
      }
      tests.text(r, 9, t.failures);
      ++r;
    };
    const auto durations = service_durations(reg, t);
    if (durations.empty()) row(nullptr);
    for (const auto& d : durations) row(&d);
  }
  tests.freeze_header(true, r - 1);
  return Response::text(wb.bytes(),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("Content-Disposition",
              "attachment; filename=\"continuite-" + e.finess_et + ".xlsx\"");
}

template <typename Save>
Response post(Context& ctx, Request& req, const char* form, const char* done, Save save) {
  return http::post_form(
      req, form, base_url(req.param("finess")) + "?enregistre=" + done,
      [&](Request& r) { ctx.registry.visible(r.caller.scope, r.param("finess")); }, save,
      [&](const Posted& p) { return page(ctx, req, 422, &p); });
}

// The record a form names by its id among the register's (activity, plan): 422 naming the
// field when it is not one of them.
std::int64_t chosen(const FormFields& f, const char* key, const std::vector<std::int64_t>& ids,
                    const char* message) {
  auto it = f.find(key);
  if (it != f.end())
    for (auto id : ids)
      if (it->second == std::to_string(id)) return id;
  throw UserError::invalid(
      {{key, std::string("continuity.") + key + "_unknown", labelled(key) + message}});
}

// What a withdrawal page acts on: the record kind, its path segment and its words.
struct Withdrawable {
  Record what;
  const char* kind;     // WithdrawnRecord::kind
  const char* segment;  // "bia", "plans", "tests"
  const char* done;     // ?retire=
  const char* heading;  // "Retirer une version de BIA"
  const char* act;      // needs the second factor
  const char* consequence;
  const char* already;
  const char* not_found;
};
const Withdrawable kWithdrawables[] = {
    {Record::bia, "bia", "bia", "bia", "Retirer une version de BIA",
     "Le retrait d'une version de BIA",
     "Retirée, cette version ne compte plus : le BIA de l'activité est alors sa dernière version "
     "validée restante, ou aucun ; la preuve du BIA du service suit.",
     "Cette version de BIA a déjà été retirée", "BIA introuvable."},
    {Record::plan, "plan", "plans", "plan", "Retirer un plan de continuité",
     "Le retrait d'un plan de continuité",
     "Retiré, le plan ne compte plus : sa preuve est retirée ; son document reste lisible.",
     "Ce plan a déjà été retiré", "Plan introuvable."},
    {Record::plan_test, "plan_test", "tests", "test", "Retirer un test de plan",
     "Le retrait d'un test de plan", "Retiré, le test ne compte plus parmi les tests du plan.",
     "Ce test a déjà été retiré", "Test introuvable."},
    {Record::restore_test, "restore_test", "restaurations", "restauration",
     "Retirer un test de restauration", "Le retrait d'un test de restauration",
     "Retiré, le test de restauration reste la preuve de ce qui a été fait mais ne compte plus : "
     "la reprise mesurée de la ressource et son écart aux exigences suivent son dernier test "
     "restant, ou aucun.",
     "Ce test de restauration a déjà été retiré", "Test de restauration introuvable."}};

// The facts naming a current record, empty when it is not one of the register's.
std::vector<std::pair<std::string, std::string>> facts_of(const Register& reg,
                                                          const Withdrawable& w, std::int64_t id) {
  if (w.what == Record::bia) {
    const Bia* b = reg.bia(id);
    if (!b) return {};
    const Activity* a = reg.activity(b->activity_id);
    return {{"Activité", a ? a->name : "—"},
            {"Version", std::to_string(b->version)},
            {"État", b->validated() ? "validée le " + exports::french_date(*b->validated_on) +
                                          " par " + b->validated_by
                                    : "brouillon"}};
  }
  if (w.what == Record::plan) {
    const Plan* p = reg.plan(id);
    if (!p) return {};
    return {{"Plan", p->title},
            {"Type", code_label(p->kind)},
            {"Version", p->version},
            {"Validé", exports::french_date(p->validated_on) + " par " + p->validated_by}};
  }
  if (w.what == Record::restore_test) {
    const RestoreTest* t = reg.restore(id);
    if (!t) return {};
    const Resource* r = reg.resource(t->resource_id);
    return {{"Ressource", r ? r->name : "—"},
            {"Date", exports::french_date(t->held_on)},
            {"Mesure", "reprise en " + duration_text(t->restore_minutes / 60.0) + ", " +
                           (t->data_loss_minutes
                                ? duration_text(t->data_loss_minutes / 60.0) + " de données perdues"
                                : std::string("aucune donnée perdue"))},
            {"Vérifié par", t->checked_by}};
  }
  const PlanTest* t = reg.test(id);
  if (!t) return {};
  const Plan* p = reg.plan(t->plan_id);
  return {{"Plan", p ? p->title : "—"},
          {"Date", t->held_on ? "tenu le " + exports::french_date(*t->held_on)
                              : "prévu le " + exports::french_date(*t->planned_on)}};
}

std::int64_t record_id(const Request& req, const char* not_found) {
  std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found(not_found);
}

Response withdraw_page(Context& ctx, Request& req, const Withdrawable& w, int status,
                       const std::string& reason, const std::string& error) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto reg = ctx.repo.load(req.caller.scope, e.finess_et);
  const auto id = record_id(req, w.not_found);
  const std::string base = base_url(e.finess_et);
  http::WithdrawalPage p;
  p.heading = w.heading;
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = facts_of(reg, w, id);
  if (p.facts.empty()) {
    const WithdrawnRecord* done = reg.withdrawn_record(w.kind, id);
    if (!done) throw UserError::not_found(w.not_found);
    p.facts = {{"Élément", done->label}};
    p.current = done->withdrawal;
  }
  p.act = w.act;
  p.consequence = w.consequence;
  p.already_title = w.already;
  p.action_url = base + "/" + w.segment + "/" + std::to_string(id) + "/retirer";
  p.back_url = base;
  p.back_label = "Retour à la continuité d'activité";
  p.reason = reason;
  p.error = error;
  return http::withdrawal_page(
      req, p,
      registry::page_meta(e, w.heading, {{"Continuité d'activité", base}, {"Retirer", ""}}, ""),
      status);
}

}  // namespace

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/etablissements/:finess/continuite";
  routes.get(base, RouteKind::page, [&ctx](Request& req) { return page(ctx, req, 200, nullptr); });
  routes.get(base + ".xlsx", RouteKind::page,
             [&ctx](Request& req) { return register_xlsx(ctx, req); });
  // The printable report (report/continuity_pdf.hpp).
  routes.get(base + ".pdf", RouteKind::page, [&ctx](Request& req) {
    const auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    const auto reg = ctx.repo.load(req.caller.scope, e.finess_et);
    return Response::text(continuity_pdf(e, reg, ctx.repo.scale(), ctx.today()), "application/pdf")
        .header("Content-Disposition", "inline; filename=\"continuite-" + e.finess_et + ".pdf\"");
  });
  routes.post(base + "/ressources", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "resource", "ressource", [&](const FormFields& f) {
      ctx.repo.add_resource(req.caller.scope, req.param("finess"), resource_from_form(f),
                            req.actor());
    });
  });
  routes.post(base + "/activites", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "activity", "activite", [&](const FormFields& f) {
      ctx.repo.add_activity(req.caller.scope, req.param("finess"), activity_from_form(f),
                            req.actor());
    });
  });
  routes.post(base + "/bia", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "bia", "bia", [&](const FormFields& f) {
      auto reg = ctx.repo.load(req.caller.scope, req.param("finess"));
      std::vector<std::int64_t> ids;
      for (const auto& a : reg.activities) ids.push_back(a.id);
      auto id = chosen(f, "activity", ids, "choisissez une activité du registre.");
      ctx.repo.save_bia(req.caller.scope, req.param("finess"), id, bia_from_form(f), ctx.today(),
                        req.actor());
    });
  });
  routes.post(base + "/plans", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "plan", "plan", [&](const FormFields& f) {
      ctx.repo.add_plan(req.caller.scope, req.param("finess"), plan_from_form(f), ctx.today(),
                        req.actor());
    });
  });
  // The plan's document (multipart): refused, the page again with the field named (413 too
  // big, 415 type refused, 422 otherwise); nothing stored.
  routes.post(
      base + "/plans/:id/document", RouteKind::page,
      [&ctx](Request& req) {
        try {
          upload_plan_document(ctx, req);
        } catch (const UserError& e) {
          if (e.fields().empty() || (e.status() != 413 && e.status() != 415 && e.status() != 422))
            throw;
          Posted p{"document", {}, e.fields()};
          return page(ctx, req, e.status(), &p);
        }
        return Response::redirect(base_url(req.param("finess")) + "?enregistre=document");
      },
      files::kMaxAttachmentBytes + (1u << 20));
  routes.too_large([&ctx](Request& req) {
    Posted p{"document",
             {},
             {{"plan_document", "continuity.attachment_too_large",
               labelled("plan_document") + "le fichier dépasse la taille maximale de 5 Mio."}}};
    return page(ctx, req, 413, &p);
  });
  routes.get(base + "/plans/:id/document", RouteKind::page,
             [&ctx](Request& req) { return plan_document_download(ctx, req); });
  // A BIA version, a plan or a test is never deleted: withdrawn with a reason after a
  // confirmation page (the second factor asked, as for every withdrawal).
  for (const Withdrawable& w : kWithdrawables) {
    const std::string path = base + "/" + w.segment + "/:id/retirer";
    routes.get(
        path, RouteKind::page,
        [&ctx, &w](Request& req) { return withdraw_page(ctx, req, w, 200, "", ""); }, false,
        Access::edit_records);
    routes.post(path, RouteKind::page, [&ctx, &w](Request& req) {
      const auto id = record_id(req, w.not_found);
      return http::post_withdrawal(
          req, {w.act,
                [&] {
                  auto reg = ctx.repo.load(req.caller.scope, req.param("finess"));  // 404
                  if (facts_of(reg, w, id).empty() && !reg.withdrawn_record(w.kind, id))
                    throw UserError::not_found(w.not_found);
                  return true;
                },
                [&](const std::string& reason) {
                  ctx.repo.withdraw(req.caller.scope, req.param("finess"), w.what, id, reason,
                                    ctx.today(), req.actor());
                },
                [&](int status, const std::string& reason, const std::string& error) {
                  return withdraw_page(ctx, req, w, status, reason, error);
                },
                base_url(req.param("finess")) + "?retire=" + w.done,
                {}});
    });
  }
  routes.post(base + "/tests", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "test", "test", [&](const FormFields& f) {
      auto reg = ctx.repo.load(req.caller.scope, req.param("finess"));
      std::vector<std::int64_t> ids;
      for (const auto& p : reg.plans) ids.push_back(p.id);
      auto id = chosen(f, "plan", ids, "choisissez un plan du registre.");
      ctx.repo.add_plan_test(req.caller.scope, req.param("finess"), id, plan_test_from_form(f),
                             ctx.today(), req.actor());
    });
  });
  routes.post(base + "/restaurations", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "restore", "restauration", [&](const FormFields& f) {
      auto reg = ctx.repo.load(req.caller.scope, req.param("finess"));
      std::vector<std::int64_t> ids;
      for (const auto& r : reg.resources) ids.push_back(r.id);
      auto id = chosen(f, "resource", ids, "choisissez une ressource du registre.");
      ctx.repo.add_restore_test(req.caller.scope, req.param("finess"), id,
                                restore_test_from_form(f), ctx.today(), req.actor());
    });
  });
}

namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}

}  // namespace carepilot::continuity
