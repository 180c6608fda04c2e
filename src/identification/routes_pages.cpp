// The identification page of an establishment: the matrix populations × access points coloured
// by compliance as of a date, the coverage, and the three forms that fill the inventory (a
// refused form is shown again with its values and the errors naming each field).
#include <ctemplate/template.h>

#include <charconv>
#include <chrono>

#include "common/chart.hpp"
#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/xlsx.hpp"
#include "http/form_post.hpp"
#include "http/request.hpp"
#include "http/templates.hpp"
#include "identification/routes.hpp"
#include "registry/page_meta.hpp"

namespace carepilot::identification {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

namespace {

std::string base_url(const std::string& finess) {
  return "/etablissements/" + finess + "/identification";
}

std::string percent(std::optional<std::int64_t> permille) {
  if (!permille) return "—";
  auto p = *permille;
  return std::to_string(p / 10) + "," + std::to_string(p % 10) + "\u00a0%";
}

const char* badge_class(Status s) {
  switch (s) {
    case Status::compliant:
      return "fr-badge--success";
    case Status::planned:
      return "fr-badge--info";
    case Status::non_compliant:
      return "fr-badge--error";
    case Status::no_access:
      return "";
  }
  return "fr-badge--error";
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

std::vector<std::pair<std::string, std::string>> pairs(const std::vector<Choice>& list) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& c : list) out.emplace_back(c.id, c.label);
  return out;
}

// Which form was posted, with its values and refusals (nothing when the page is only shown).
// Which form was posted ("population", "access_point", "cell"), with its values and refusals.
using Posted = http::PostedForm;

// The coverage history (Repository::coverage_history) as a line chart: x proportional to
// the days between the first and the last point, y the share covered (0 to 100 %), with the
// same values in a table. Days without any access (nothing measured) are listed, not drawn.
void history_into(TemplateDictionary& d, const std::vector<Repository::CoveragePoint>& points) {
  if (points.empty()) return;
  auto* h = d.AddSectionDictionary("HISTORY");
  const chart::Frame frame{640, 220, 48, 24, 12, 40};
  h->SetIntValue("HW", frame.width);
  h->SetIntValue("HH", frame.height);
  h->SetIntValue("HLEFT", frame.left);
  h->SetIntValue("HRIGHT_X", frame.right_x());
  h->SetIntValue("HBASE_Y", frame.baseline_y());
  for (int pct : {0, 25, 50, 75, 100}) {
    auto* tick = h->AddSectionDictionary("HTICK");
    const int y = frame.y_of(pct, 100);
    tick->SetIntValue("HTICK_Y", y);
    tick->SetIntValue("HTICK_TEXT_Y", y + 4);
    tick->SetIntValue("HTICK_X", frame.left - 6);
    tick->SetValue("HTICK_LABEL", std::to_string(pct) + "\u00a0%");
  }
  const auto first = std::chrono::sys_days(points.front().day);
  const auto span = (std::chrono::sys_days(points.back().day) - first).count();
  auto x_of = [&](const Date& day) {
    if (span == 0) return frame.left + frame.plot_width() / 2;
    const auto days = (std::chrono::sys_days(day) - first).count();
    return frame.left + static_cast<int>(frame.plot_width() * days / span);
  };
  std::vector<chart::Point> line;
  const Repository::CoveragePoint* last_measured = nullptr;
  const Repository::CoveragePoint* first_measured = nullptr;
  for (const auto& p : points) {
    auto* row = h->AddSectionDictionary("HROW");
    row->SetValue("HROW_DAY", exports::french_date(p.day));
    Share share{p.accesses, p.covered};
    row->SetValue("HROW_SHARE", percent(share.permille()));
    row->SetIntValue("HROW_COVERED", static_cast<long>(p.covered));
    row->SetIntValue("HROW_ACCESSES", static_cast<long>(p.accesses));
    if (!share.permille()) continue;
    if (!first_measured) first_measured = &p;
    last_measured = &p;
    chart::Point pt{x_of(p.day), frame.y_of(*share.permille(), 1000)};
    line.push_back(pt);
    auto* dot = h->AddSectionDictionary("HDOT");
    dot->SetIntValue("HDOT_X", pt.x);
    dot->SetIntValue("HDOT_Y", pt.y);
  }
  h->SetValue("HPOINTS", chart::polyline_points(line));
  for (const auto* p : {&points.front(), &points.back()}) {
    auto* label = h->AddSectionDictionary("HXLABEL");
    label->SetIntValue("HXLABEL_X", x_of(p->day));
    label->SetIntValue("HXLABEL_Y", frame.baseline_y() + 16);
    label->SetValue("HXLABEL_TEXT", exports::french_date(p->day));
    if (span == 0) break;
  }
  std::string summary;
  if (!first_measured) {
    summary = "Aucun accès mesuré à ce jour.";
  } else if (first_measured == last_measured) {
    summary = "Le " + exports::french_date(first_measured->day) + " : " +
              percent(Share{first_measured->accesses, first_measured->covered}.permille()) +
              " des accès couverts.";
  } else {
    summary = "Du " + exports::french_date(first_measured->day) + " au " +
              exports::french_date(last_measured->day) + " : de " +
              percent(Share{first_measured->accesses, first_measured->covered}.permille()) + " à " +
              percent(Share{last_measured->accesses, last_measured->covered}.permille()) +
              " des accès couverts.";
  }
  h->SetValue("HSUMMARY", summary);
}

// The trajectory: the planned steps (due date, owner, done or not, PAQ action), the form that
// adds one, and on each step not done the form that records its day done. A refused step
// form is shown again in this section with its errors (field ids "step_…").
void steps_into(TemplateDictionary& d, const std::vector<Step>& steps, const std::string& base,
                bool can_write, const Posted* posted) {
  auto* t = d.AddSectionDictionary("TRAJECTORY");
  if (steps.empty())
    t->ShowSection("NO_STEP");
  else
    t->ShowSection("HAS_STEPS");
  int done = 0;
  for (const auto& st : steps) {
    auto* r = t->AddSectionDictionary("STEP_ROW");
    r->SetIntValue("STEP_ID", static_cast<long>(st.id));
    r->SetValue("STEP_TITLE", st.title);
    r->SetValue("STEP_OWNER", st.owner.empty() ? "—" : st.owner);
    r->SetValue("STEP_DUE", exports::french_date(st.due));
    if (st.done_on) {
      ++done;
      r->AddSectionDictionary("STEP_IS_DONE")
          ->SetValue("STEP_DONE_DATE", exports::french_date(*st.done_on));
    } else {
      r->ShowSection("STEP_NOT_DONE");
      if (can_write) r->ShowSection("STEP_DONE_FORM");
    }
    if (st.paq_action_id) {
      r->AddSectionDictionary("STEP_IN_PAQ")
          ->SetValue("STEP_PAQ_URL",
                     base.substr(0, base.rfind('/')) + "/paq/" + std::to_string(*st.paq_action_id));
    } else if (can_write) {
      r->ShowSection("STEP_SEND");
    }
  }
  t->SetIntValue("STEP_COUNT", static_cast<long>(steps.size()));
  t->SetIntValue("STEP_DONE_COUNT", done);
  if (!can_write) return;
  auto* f = t->AddSectionDictionary("STEP_FORM");
  auto value = [&](const char* k) {
    if (!posted || posted->form != "step") return std::string{};
    auto it = posted->values.find(k);
    return it == posted->values.end() ? std::string{} : it->second;
  };
  f->SetValue("STEP_TITLE_VALUE", value("title"));
  f->SetValue("STEP_OWNER_VALUE", value("owner"));
  f->SetValue("STEP_DUE_VALUE", value("due"));
  f->SetValue("STEP_DONE_VALUE", value("done_on"));
  if (posted && (posted->form == "step" || posted->form == "step_done") &&
      !posted->errors.empty()) {
    auto* x = t->AddSectionDictionary("STEP_ERRORS");
    x->SetValue("STEP_ERRORS_TITLE", posted->form == "step"
                                         ? "L'étape n'a pas été ajoutée"
                                         : "La réalisation de l'étape n'a pas été enregistrée");
    for (const auto& err : posted->errors) {
      auto* li = x->AddSectionDictionary("STEP_ERROR");
      li->SetValue("STEP_FIELD", "step_" + err.field);
      li->SetValue("STEP_MESSAGE", page_message(err));
      if (posted->form == "step")
        f->AddSectionDictionary("SERR_" + err.field)->SetValue("MSG", page_message(err));
    }
  }
}

// The HospiConnect objectives as of the page's date, one table per year; a declarative one
// with its current declaration (document, withdrawal link); for a writer, the form declaring
// an objective reached (the objectives not yet declared), re-shown with its refusals.
void objectives_into(TemplateDictionary& d, const Data& data, const Inventory& inv,
                     const Date& as_of, const std::vector<Declaration>& declarations,
                     const std::string& base, bool can_write, const Posted* posted) {
  if (data.objectives.empty()) return;
  auto* h = d.AddSectionDictionary("HOSPICONNECT");
  h->SetValue("HC_SOURCE", data.hospiconnect_source);
  const auto current = current_declarations(declarations);
  TemplateDictionary* year = nullptr;
  int current_year = 0;
  std::vector<std::pair<std::string, std::string>> to_declare;
  for (const auto& o : data.objectives) {
    if (!year || o.year != current_year) {
      current_year = o.year;
      year = h->AddSectionDictionary("HC_YEAR");
      year->SetIntValue("HC_YEAR_VALUE", current_year);
    }
    auto it = current.find(o.id);
    auto v = evaluate_objective(data, inv, o, as_of, it == current.end() ? nullptr : &it->second);
    auto* r = year->AddSectionDictionary("HC_ROW");
    r->SetValue("HC_ID", o.id);
    r->SetValue("HC_LABEL", o.label);
    r->SetValue("HC_STATUS", objective_status_code(v.status));
    r->SetValue("HC_STATUS_LABEL",
                std::string(status_label("hospiconnect", objective_status_code(v.status))));
    r->SetValue("HC_BADGE",
                v.status == ObjectiveStatus::met || v.status == ObjectiveStatus::declared
                    ? "fr-badge--success"
                : v.status == ObjectiveStatus::not_met ? "fr-badge--error"
                                                       : "fr-badge--info");
    r->SetValue("HC_REASON", v.reason);
    if (o.derived) continue;
    bool declared = false;
    for (const auto& x : declarations)
      if (x.objective_id == o.id && !x.withdrawal.withdrawn()) {
        declared = true;
        auto* doc = r->AddSectionDictionary("HC_DECLARATION");
        doc->SetValue("HC_DOC_URL", base + "/declarations/" + std::to_string(x.id) + "/document");
        doc->SetValue("HC_DOC_NAME", x.file_name);
        doc->SetValue("HC_DOC_SIZE", french_file_size(x.size_bytes));
        doc->SetValue("HC_DECLARED_BY", std::string(actor_label(x.created_by)));
        doc->SetValue("HC_DECLARED_AT", paris_datetime(x.created_at));
        if (can_write)
          doc->AddSectionDictionary("HC_WITHDRAW")
              ->SetValue("HC_WITHDRAW_URL",
                         base + "/declarations/" + std::to_string(x.id) + "/retirer");
      }
    if (!declared) to_declare.emplace_back(o.id, std::to_string(o.year) + " — " + o.label);
  }
  int withdrawn = 0;
  for (const auto& x : declarations)
    if (x.withdrawal.withdrawn()) {
      auto* w = h->AddSectionDictionary("HC_WITHDRAWN");
      const auto* o = data.find_objective(x.objective_id);
      w->SetValue("HCW_LABEL", o ? o->label : x.objective_id);
      w->SetValue("HCW_REACHED", french_date_text(format_date(x.reached_on)));
      w->SetValue("HCW_AT", paris_datetime(x.withdrawal.at));
      w->SetValue("HCW_REASON", x.withdrawal.reason);
      w->SetValue("HCW_DOC_URL", base + "/declarations/" + std::to_string(x.id) + "/document");
      w->SetValue("HCW_DOC_NAME", x.file_name);
      ++withdrawn;
    }
  if (withdrawn > 0) h->SetIntValue("HC_WITHDRAWN_COUNT", withdrawn);
  if (withdrawn > 0) h->ShowSection("HAS_HC_WITHDRAWN");
  if (!can_write || to_declare.empty()) return;
  auto* f = h->AddSectionDictionary("HC_FORM");
  const bool mine = posted && posted->form == "declaration";
  auto value = [&](const char* k) {
    if (!mine) return std::string{};
    auto v = posted->values.find(k);
    return v == posted->values.end() ? std::string{} : v->second;
  };
  options(f, "HC_OBJECTIVE_OPTION", to_declare, value("objective"));
  f->SetValue("HC_REACHED_VALUE", value("reached_on"));
  f->SetValue("HC_JUSTIFICATION_VALUE", value("justification"));
  if (mine && !posted->errors.empty()) {
    auto* x = f->AddSectionDictionary("HC_ERRORS");
    for (const auto& err : posted->errors) {
      auto* li = x->AddSectionDictionary("HC_ERROR");
      li->SetValue("HC_FIELD", "hc_" + err.field);
      li->SetValue("HC_MESSAGE", page_message(err));
      f->AddSectionDictionary("HERR_" + err.field)->SetValue("MSG", page_message(err));
    }
  }
}

// The DESFire badges check: its verdict (each reason citing the FAQ) and, for a writer, the form.
void desfire_into(TemplateDictionary& d, const Data& data, const std::optional<DesfireCheck>& c,
                  bool can_write, const Posted* posted) {
  if (data.desfire.key_schemes.empty()) return;
  auto* b = d.AddSectionDictionary("DESFIRE");
  if (!c) {
    b->ShowSection("DF_NONE");
  } else {
    auto v = evaluate_badges(data, *c);
    auto* x = b->AddSectionDictionary("DF_VERDICT");
    x->SetValue("DF_STATUS", badge_status_code(v.status));
    x->SetValue("DF_STATUS_LABEL",
                std::string(status_label("desfire", badge_status_code(v.status))));
    x->SetValue("DF_BADGE",
                v.status == BadgeStatus::compliant ? "fr-badge--success" : "fr-badge--error");
    for (const auto& k : data.desfire.key_schemes)
      if (k.id == c->key_scheme) x->SetValue("DF_SCHEME", k.label);
    x->SetValue("DF_KMS", c->own_kms ? "oui" : "non");
    x->SetValue("DF_PROCESSES", c->processes_defined ? "oui" : "non");
    for (const auto& reason : v.reasons)
      x->AddSectionDictionary("DF_REASON")->SetValue("DF_REASON_TEXT", reason);
  }
  if (!can_write) return;
  auto* f = b->AddSectionDictionary("DF_FORM");
  const bool mine = posted && posted->form == "desfire";
  auto value = [&](const char* k) -> std::string {
    if (mine) {
      auto it = posted->values.find(k);
      return it == posted->values.end() ? std::string{} : it->second;
    }
    if (!c) return {};
    if (std::string_view(k) == "key_scheme") return c->key_scheme;
    if (std::string_view(k) == "own_kms") return c->own_kms ? "yes" : "no";
    return c->processes_defined ? "yes" : "no";
  };
  for (const auto& k : data.desfire.key_schemes) {
    auto* o = f->AddSectionDictionary("DF_SCHEME_OPTION");
    o->SetValue("OPT_VALUE", k.id);
    o->SetValue("OPT_LABEL", k.label);
    if (value("key_scheme") == k.id) o->ShowSection("OPT_SELECTED");
  }
  for (const char* k : {"own_kms", "processes_defined"}) {
    const std::string upper = std::string(k) == "own_kms" ? "KMS" : "PROC";
    const auto v = value(k);
    // Sections, not values: ctemplate escapes a value in a tag (" checked" reads "_checked").
    if (v == "yes") f->ShowSection("DF_" + upper + "_YES");
    if (v == "no") f->ShowSection("DF_" + upper + "_NO");
  }
  if (mine && !posted->errors.empty()) {
    auto* x = f->AddSectionDictionary("DF_ERRORS");
    for (const auto& err : posted->errors) {
      auto* li = x->AddSectionDictionary("DF_ERROR");
      li->SetValue("DF_FIELD", "desfire_" + err.field);
      li->SetValue("DF_MESSAGE", page_message(err));
      f->AddSectionDictionary("DERR_" + err.field)->SetValue("MSG", page_message(err));
    }
  }
}

Response page(Context& ctx, Request& req, int status, const Posted* posted) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  const Data& data = ctx.repo.data();
  Date as_of = ctx.today();
  std::string as_of_value;
  bool bad_date = false;
  if (auto q = req.q("date"); !q.empty()) {
    if (auto d = parse_date(q)) {
      as_of = *d;
      as_of_value = q;
    } else {
      bad_date = true;  // said on the page, which shows today's matrix
    }
  }
  auto inv = ctx.repo.inventory(req.caller.scope, e.finess_et);
  auto cov = coverage(data, inv, as_of);
  const std::string base = base_url(e.finess_et);
  TemplateDictionary d("identification");
  d.SetValue("NAME", e.name);
  history_into(d, ctx.repo.coverage_history(req.caller.scope, e.finess_et));
  d.SetValue("BASE", base);
  d.SetValue("AS_OF", exports::french_date(as_of));
  d.SetValue("AS_OF_VALUE", as_of_value);
  if (!as_of_value.empty()) d.ShowSection("AS_OF_QUERY");
  if (bad_date) d.ShowSection("BAD_DATE");
  d.SetValue("SHARE", percent(cov.overall.permille()));
  d.SetIntValue("COVERED", static_cast<long>(cov.overall.covered));
  d.SetIntValue("ACCESSES", static_cast<long>(cov.overall.accesses));
  d.SetIntValue("COMPLIANT", cov.compliant);
  d.SetIntValue("PLANNED", cov.planned);
  d.SetIntValue("NON_COMPLIANT", cov.non_compliant);
  d.SetValue("COMPLIANCE_URL", "/etablissements/" + e.finess_et + "/conformite");
  auto pop_label = [&](const Population& p) {
    const auto* c = data.find_population(p.kind);
    return c ? c->label : std::string("Population");
  };
  // The same rule as the mfa_trajectory evidence (Repository::trajectory_record): no
  // trajectory while an access is non-compliant with nothing planned, nor while a crossing
  // is blank (named here by its population and access point).
  if (cov.non_compliant > 0) d.ShowSection("NO_TRAJECTORY");
  if (!cov.blanks.empty()) {
    auto* b = d.AddSectionDictionary("BLANKS");
    b->SetIntValue("BLANK_COUNT", static_cast<long>(cov.blanks.size()));
    for (const auto& x : cov.blanks) {
      auto* li = b->AddSectionDictionary("BLANK_CROSSING");
      for (const auto& p : inv.populations)
        if (p.id == x.population_id) li->SetValue("BLANK_POP", pop_label(p));
      for (const auto& a : inv.access_points)
        if (a.id == x.access_point_id) li->SetValue("BLANK_AP", a.name);
    }
  }
  if (cov.non_compliant == 0 && cov.blanks.empty() && cov.target_date)
    d.AddSectionDictionary("TARGET")->SetValue("TARGET_DATE",
                                               exports::french_date(*cov.target_date));
  if (inv.populations.empty() && inv.access_points.empty()) d.ShowSection("NO_INVENTORY");
  if (!inv.populations.empty() && !inv.access_points.empty()) {
    d.ShowSection("HAS_MATRIX");
    for (const auto& a : inv.access_points) {
      auto* h = d.AddSectionDictionary("HEAD");
      h->SetValue("AP_NAME", a.name);
      const auto* k = data.find_access_kind(a.kind);
      h->SetValue("AP_KIND", k ? k->label : "");
      const auto* l = data.find_location(a.location);
      h->SetValue("AP_LOCATION", l ? l->label : "");
    }
    for (std::size_t i = 0; i < inv.populations.size(); ++i) {
      const auto& p = inv.populations[i];
      auto* r = d.AddSectionDictionary("MROW");
      r->SetValue("POP_LABEL", pop_label(p));
      r->SetIntValue("POP_HEADCOUNT", p.headcount);
      r->SetValue("POP_SHARE", percent(cov.populations[i].share.permille()));
      for (const auto& a : inv.access_points) {
        auto* c = r->AddSectionDictionary("MCELL");
        c->SetIntValue("CELL_POP", static_cast<long>(p.id));
        c->SetIntValue("CELL_AP", static_cast<long>(a.id));
        const Cell* cell = nullptr;
        for (const auto& x : inv.cells)
          if (x.population_id == p.id && x.access_point_id == a.id) cell = &x;
        if (req.caller.can_write()) {
          // The form opened on this crossing, filled with what is stored (user trial: saving
          // a crossing from an empty form erased its homologation and planned means).
          auto* edit = c->AddSectionDictionary("EDIT_CELL");
          edit->SetValue("BASE", base);
          edit->SetValue("EDIT_VERB", cell ? "Modifier" : "Renseigner");
          edit->SetValue("EDIT_POP", pop_label(p));
          edit->SetValue("EDIT_AP", a.name);
        }
        if (!cell) {
          c->SetValue("CELL_STATUS", "blank");
          c->ShowSection("BLANK");
          continue;
        }
        auto v = evaluate(data, *cell, a, p.headcount, as_of);
        c->SetValue("CELL_STATUS", status_code(v.status));
        auto* f = c->AddSectionDictionary("FILLED");
        f->SetValue("BADGE_CLASS", badge_class(v.status));
        f->SetValue("STATUS_LABEL",
                    std::string(status_label("identification", status_code(v.status))));
        const auto* m = data.find_means(cell->means);
        f->SetValue("MEANS_LABEL", m ? m->label : "");
        if (v.status == Status::no_access) {
          f->SetValue("MEANS_LABEL", std::string(status_label("identification", kNoAccess)));
          f->SetValue("REASON", v.reason);
          continue;
        }
        f->ShowSection("ACCESS");
        f->SetIntValue("CELL_COVERED", cell->covered);
        f->SetIntValue("CELL_HEADCOUNT", p.headcount);
        f->SetValue("REASON", v.reason);
        if (cell->homologation) {
          auto* h = f->AddSectionDictionary("HOMOLOGATED");
          const auto* dec = data.find_decision(cell->homologation->decision);
          h->SetValue("DECISION_LABEL", dec ? dec->label : "");
          h->SetValue("H_DATE", exports::french_date(cell->homologation->commission_date));
          const auto* hm = data.find_means(cell->homologation->means);
          h->SetValue("H_MEANS", hm ? hm->label : "");
          if (!cell->homologation->reserves.empty())
            h->AddSectionDictionary("RESERVES")
                ->SetValue("RESERVES_TEXT", cell->homologation->reserves);
        }
      }
    }
  }

  if (req.caller.can_write()) {
    auto* w = d.AddSectionDictionary("CAN_WRITE");
    // The crossing opened by its « Modifier » link (?population=ID&acces=ID): the form shows
    // what is stored, so that saving it keeps what was not changed. A refused post shows
    // what was typed instead.
    FormFields opened;
    std::string cell_title = "Renseigner un croisement";
    if (!posted) {
      std::int64_t pid = 0, aid = 0;
      const auto qp = req.q("population"), qa = req.q("acces");
      std::from_chars(qp.data(), qp.data() + qp.size(), pid);
      std::from_chars(qa.data(), qa.data() + qa.size(), aid);
      const Population* op = nullptr;
      const AccessPoint* oa = nullptr;
      for (const auto& p : inv.populations)
        if (p.id == pid) op = &p;
      for (const auto& a : inv.access_points)
        if (a.id == aid) oa = &a;
      if (op) opened["population"] = op->kind;
      if (oa) opened["access_point"] = oa->name;
      for (const auto& x : inv.cells) {
        if (!op || !oa || x.population_id != op->id || x.access_point_id != oa->id) continue;
        cell_title = "Modifier le croisement " + pop_label(*op) + " × " + oa->name;
        opened["means"] = x.means;
        if (x.means != kNoAccess) opened["covered"] = std::to_string(x.covered);
        opened["planned_means"] = x.planned_means;
        if (x.planned_date) opened["planned_date"] = format_date(*x.planned_date);
        if (x.homologation) {
          opened["homologation_date"] = format_date(x.homologation->commission_date);
          opened["homologation_decision"] = x.homologation->decision;
          opened["homologation_reserves"] = x.homologation->reserves;
          opened["homologation_means"] = x.homologation->means;
        }
      }
    }
    auto value = [&](const char* form, const char* k) {
      if (!posted || posted->form != form) {
        if (!posted && std::string_view(form) == "cell") {
          auto it = opened.find(k);
          return it == opened.end() ? std::string{} : it->second;
        }
        return std::string{};
      }
      auto it = posted->values.find(k);
      return it == posted->values.end() ? std::string{} : it->second;
    };
    // The forms that show their refusals next to themselves, not in the inventory's alert.
    const bool step_form = posted && (posted->form == "step" || posted->form == "step_done" ||
                                      posted->form == "desfire" || posted->form == "declaration");
    if (posted && !posted->errors.empty() && !step_form) {
      auto* x = w->AddSectionDictionary("HAS_ERRORS");
      x->SetValue("ERRORS_TITLE",
                  posted->form == "population"     ? "La population n'a pas été enregistrée"
                  : posted->form == "access_point" ? "Le point d'accès n'a pas été ajouté"
                                                   : "Le croisement n'a pas été enregistré");
      for (const auto& err : posted->errors) {
        auto* li = x->AddSectionDictionary("ERROR");
        const bool cell = posted->form == "cell";
        li->SetValue("FIELD", (cell ? "cell_" : "") + err.field);
        li->SetValue("MESSAGE", page_message(err));
        w->AddSectionDictionary((cell ? "CERR_" : "ERR_") + err.field)
            ->SetValue("MSG", page_message(err));
      }
    }
    options(w, "POP_OPTION", pairs(data.populations), value("population", "population"));
    w->SetValue("HEADCOUNT_VALUE", value("population", "headcount"));
    w->SetValue("NAME_VALUE", value("access_point", "name"));
    options(w, "KIND_OPTION", pairs(data.access_kinds), value("access_point", "access_kind"));
    options(w, "LOCATION_OPTION", pairs(data.locations), value("access_point", "location"));
    if (inv.populations.empty() || inv.access_points.empty()) {
      w->ShowSection("NO_CELL_FORM");
    } else {
      auto* f = w->AddSectionDictionary("CELL_FORM");
      w->SetValue("CELL_FORM_TITLE", cell_title);
      std::vector<std::pair<std::string, std::string>> pops, aps, means;
      for (const auto& p : inv.populations) pops.emplace_back(p.kind, pop_label(p));
      for (const auto& a : inv.access_points) {
        const auto* l = data.find_location(a.location);
        aps.emplace_back(a.name, a.name + " (" + (l ? l->label : "") + ")");
      }
      for (const auto& m : data.means) means.emplace_back(m.id, m.label);
      auto in_use = means;
      in_use.emplace_back(kNoAccess, std::string(status_label("identification", kNoAccess)));
      std::vector<std::pair<std::string, std::string>> decisions;
      for (const auto& x : data.decisions) decisions.emplace_back(x.id, x.label);
      options(f, "CPOP_OPTION", pops, value("cell", "population"));
      options(f, "CAP_OPTION", aps, value("cell", "access_point"));
      options(f, "MEANS_OPTION", in_use, value("cell", "means"));
      options(f, "PLANNED_OPTION", means, value("cell", "planned_means"));
      options(f, "DECISION_OPTION", decisions, value("cell", "homologation_decision"));
      options(f, "H_MEANS_OPTION", means, value("cell", "homologation_means"));
      f->SetValue("COVERED_VALUE", value("cell", "covered"));
      f->SetValue("PLANNED_DATE_VALUE", value("cell", "planned_date"));
      f->SetValue("H_DATE_VALUE", value("cell", "homologation_date"));
      f->SetValue("H_RESERVES_VALUE", value("cell", "homologation_reserves"));
    }
  }
  steps_into(d, ctx.steps.list(req.caller.scope, e.finess_et), base, req.caller.can_write(),
             posted);
  objectives_into(d, data, inv, as_of, ctx.declarations.list(req.caller.scope, e.finess_et), base,
                  req.caller.can_write(), posted);
  desfire_into(d, data, ctx.badges.get(req.caller.scope, e.finess_et), req.caller.can_write(),
               posted);
  std::string flash;
  if (req.q("enregistre") == "etape") flash = "Étape enregistrée.";
  if (req.q("enregistre") == "badges") flash = "Contrôle des badges enregistré.";
  if (req.q("enregistre") == "declaration") flash = "Objectif déclaré atteint.";
  if (req.q("retire") == "declaration") flash = "Déclaration retirée ; elle reste conservée.";
  if (req.q("enregistre") == "population") flash = "Population enregistrée.";
  if (req.q("enregistre") == "acces") flash = "Point d'accès ajouté.";
  if (req.q("enregistre") == "croisement") flash = "Croisement enregistré.";
  return Response::html(
      http::render_page("identification.tpl", d,
                        registry::page_meta(e, "Identification électronique des professionnels",
                                            {{"Identification", ""}}, flash)),
      status);
}

// The matrix as a workbook (one row per population × access point filled in, as of the
// page's date): what the page shows, for a committee's file.
Response matrix_xlsx(Context& ctx, Request& req) {
  // A date that is not one: 400 (before the 404 of an establishment out of scope).
  Date as_of = ctx.today();
  if (auto q = req.q("date"); !q.empty()) {
    auto d = parse_date(q);
    if (!d)
      throw UserError(400, "request.bad_parameter", "La date demandée n'est pas valide.",
                      {{"date", "request.bad_parameter", "La date demandée n'est pas valide."}});
    as_of = *d;
  }
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  const Data& data = ctx.repo.data();
  auto inv = ctx.repo.inventory(req.caller.scope, e.finess_et);
  auto label = [](const auto* c) { return c ? c->label : std::string(); };
  const std::string establishment = exports::finess_and_name(e.finess_et, e.name);
  exports::Workbook wb;
  auto ws = wb.sheet("Matrice");
  ws.header({"Établissement", "Population", "Effectif", "Point d'accès", "Type d'accès",
             "Local ou à distance", "Moyen en usage", "Personnes couvertes",
             "Conformité au " + exports::french_date(as_of), "Raison", "Moyen prévu", "Date prévue",
             "Homologation", "Date de la commission", "Réserves", "Moyen homologué"},
            {36, 24, 10, 30, 20, 16, 30, 12, 16, 60, 24, 12, 22, 14, 30, 30}, {9, 14});
  std::uint32_t r = 1;
  for (const auto& p : inv.populations)
    for (const auto& a : inv.access_points)
      for (const auto& cell : inv.cells) {
        if (cell.population_id != p.id || cell.access_point_id != a.id) continue;
        const auto v = evaluate(data, cell, a, p.headcount, as_of);
        ws.text(r, 0, establishment);
        ws.text(r, 1, label(data.find_population(p.kind)));
        ws.number(r, 2, static_cast<double>(p.headcount));
        ws.text(r, 3, a.name);
        ws.text(r, 4, label(data.find_access_kind(a.kind)));
        ws.text(r, 5, label(data.find_location(a.location)));
        ws.text(r, 6,
                cell.means == kNoAccess ? std::string(status_label("identification", kNoAccess))
                                        : label(data.find_means(cell.means)));
        ws.number(r, 7, static_cast<double>(cell.covered));
        ws.text(r, 8, status_label("identification", status_code(v.status)));
        ws.text(r, 9, v.reason);
        if (!cell.planned_means.empty()) ws.text(r, 10, label(data.find_means(cell.planned_means)));
        if (cell.planned_date) ws.date(r, 11, *cell.planned_date);
        if (cell.homologation) {
          ws.text(r, 12, label(data.find_decision(cell.homologation->decision)));
          ws.date(r, 13, cell.homologation->commission_date);
          ws.text(r, 14, cell.homologation->reserves);
          ws.text(r, 15, label(data.find_means(cell.homologation->means)));
        }
        ++r;
      }
  ws.freeze_header(true, r - 1);
  return Response::text(wb.bytes(),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("Content-Disposition",
              "attachment; filename=\"identification-" + e.finess_et + ".xlsx\"");
}

template <typename Save>
Response post(Context& ctx, Request& req, const char* form, const char* done, Save save) {
  return http::post_form(
      req, form, base_url(req.param("finess")) + "?enregistre=" + done,
      [&](Request& r) { ctx.registry.visible(r.caller.scope, r.param("finess")); }, save,
      [&](const Posted& p) { return page(ctx, req, 422, &p); });
}

// The step :id of the path (404 when it is not a number: no such step).
std::int64_t page_step_id(const Request& req) {
  const auto t = req.param("id");
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), id);
  if (ec != std::errc() || p != t.data() + t.size() || id <= 0)
    throw UserError::not_found("Cette étape n'existe pas.");
  return id;
}

}  // namespace

Response identification_page(Context& ctx, Request& req, int status, const Posted* posted) {
  return page(ctx, req, status, posted);
}

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/etablissements/:finess/identification";
  routes.get(base, RouteKind::page, [&ctx](Request& req) { return page(ctx, req, 200, nullptr); });
  routes.get(base + ".xlsx", RouteKind::page,
             [&ctx](Request& req) { return matrix_xlsx(ctx, req); });
  routes.post(base + "/populations", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "population", "population", [&](const FormFields& f) {
      ctx.repo.save_population(req.caller.scope, req.param("finess"), population_from_form(f),
                               ctx.today(), req.actor());
    });
  });
  routes.post(base + "/points-acces", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "access_point", "acces", [&](const FormFields& f) {
      ctx.repo.add_access_point(req.caller.scope, req.param("finess"), access_point_from_form(f),
                                ctx.today(), req.actor());
    });
  });
  routes.post(base + "/etapes", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "step", "etape", [&](const FormFields& f) {
      ctx.steps.add(req.caller.scope, req.param("finess"), step_from_form(f), ctx.today(),
                    req.actor());
    });
  });
  // Records the day a step was done (the form gives done_on; the other fields stay).
  routes.post(base + "/etapes/:id", RouteKind::page, [&ctx](Request& req) {
    return http::post_form(
        req, "step_done", base_url(req.param("finess")) + "?enregistre=etape#trajectoire",
        [&](Request& r) {
          ctx.registry.visible(r.caller.scope, r.param("finess"));
          const auto id = page_step_id(r);
          for (const auto& x : ctx.steps.list(r.caller.scope, r.param("finess")))
            if (x.id == id) return;
          throw UserError::not_found("Cette étape n'existe pas.");
        },
        [&](const FormFields& f) {
          const auto id = page_step_id(req);
          for (const auto& x : ctx.steps.list(req.caller.scope, req.param("finess")))
            if (x.id == id) {
              FormFields given;
              if (auto it = f.find("done_on"); it != f.end()) given["done_on"] = it->second;
              // Recording a day done needs one: an empty field is refused as such.
              if (given["done_on"].empty())
                throw UserError::invalid(
                    {{"done_on", "identification.done_on_required",
                      std::string(field_label("done_on")) + " : date requise."}});
              ctx.steps.update(req.caller.scope, req.param("finess"), id,
                               step_from_form(merged_step(x, given)), ctx.today(), req.actor());
            }
        },
        [&](const Posted& p) { return page(ctx, req, 422, &p); });
  });
  routes.post(base + "/badges", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "desfire", "badges", [&](const FormFields& f) {
      ctx.badges.save(req.caller.scope, req.param("finess"), desfire_from_form(f), req.actor());
    });
  });
  routes.post(base + "/etapes/:id/paq", RouteKind::page, [&ctx](Request& req) {
    http::form_fields(req);  // 400 for a body that is not a form
    bool created = false;
    auto act = ctx.steps.send_to_paq(req.caller.scope, req.param("finess"), page_step_id(req),
                                     ctx.today(), req.actor(), &created);
    return Response::redirect("/etablissements/" + req.param("finess") + "/paq/" +
                              std::to_string(act.id) + (created ? "?cree=1" : ""));
  });
  routes.post(base + "/cellules", RouteKind::page, [&ctx](Request& req) {
    return post(ctx, req, "cell", "croisement", [&](const FormFields& f) {
      ctx.repo.save_cell(req.caller.scope, req.param("finess"), cell_from_form(f), ctx.today(),
                         req.actor());
    });
  });
}

}  // namespace carepilot::identification
