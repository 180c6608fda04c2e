// Pages of the PAQ: list (filters, overdue count), board by status, new action form,
// detail with notes and edit form, and the CSV / XLSX exports.
#include <ctemplate/template.h>

#include <array>
#include <cstdio>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"
#include "paq/export.hpp"
#include "paq/input.hpp"
#include "paq/routes.hpp"
#include "paq/routes_common.hpp"
#include "paq/source_ref.hpp"
#include "registry/page_meta.hpp"

namespace carepilot::paq {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

namespace {

registry::Establishment visible(Context& ctx, const Request& req) {
  return ctx.registry.visible(req.caller.scope, req.param("finess"));
}

FormFields form_of(const Request& req) {
  FormFields form;
  for (auto& [k, v] : http::parse_urlencoded(req.body)) form[k] = v;
  return form;
}

std::string base_url(const registry::Establishment& e) {
  return "/etablissements/" + e.finess_et + "/paq";
}

template <typename E, std::size_t N>
void options(TemplateDictionary& d, const char* section, const std::array<E, N>& values,
             std::string_view (*name)(E), std::string_view (*label)(E),
             const std::string& selected) {
  for (E v : values) {
    auto* o = d.AddSectionDictionary(section);
    o->SetValue("VALUE", std::string(name(v)));
    o->SetValue("LABEL", std::string(label(v)));
    if (selected == name(v)) o->ShowSection("SELECTED");
  }
}

constexpr std::array<Source, 8> kSources{
    Source::exercise,       Source::assessment, Source::ad_audit, Source::exposure_audit,
    Source::identification, Source::continuity, Source::incident, Source::manual};
constexpr std::array<Priority, 4> kPriorities{Priority::low, Priority::medium, Priority::high,
                                              Priority::critical};
constexpr std::array<Status, 4> kStatuses{Status::open, Status::in_progress, Status::done,
                                          Status::cancelled};

const char* priority_badge(Priority p) {
  switch (p) {
    case Priority::low:
      return "info";
    case Priority::medium:
      return "new";
    case Priority::high:
      return "warning";
    case Priority::critical:
      return "error";
  }
  return "info";
}

const char* status_badge(Status s) {
  switch (s) {
    case Status::open:
      return "info";
    case Status::in_progress:
      return "new";
    case Status::done:
      return "success";
    case Status::cancelled:
      return "warning";
  }
  return "info";
}

void errors_into(TemplateDictionary& d, const std::vector<FieldError>& errors) {
  if (errors.empty()) return;
  d.ShowSection("HAS_ERRORS");
  for (const auto& e : errors) {
    auto* x = d.AddSectionDictionary("ERROR");
    x->SetValue("FIELD", e.field);
    x->SetValue("MESSAGE", page_message(e));
    d.AddSectionDictionary("ERR_" + e.field)->SetValue("MSG", page_message(e));
  }
}

void action_into(TemplateDictionary& row, const Action& a, const Date& today,
                 const std::string& base) {
  row.SetIntValue("ID", a.id);
  row.SetValue("URL", base + "/" + std::to_string(a.id));
  row.SetValue("TITLE", a.title);
  row.SetValue("SOURCE", std::string(source_label(a.source)));
  row.SetValue("OWNER", a.owner.empty() ? "—" : a.owner);
  row.SetValue("DUE", a.due ? french_date(*a.due) : "—");
  row.SetValue("PRIORITY", std::string(priority_label(a.priority)));
  row.SetValue("PRIORITY_BADGE", priority_badge(a.priority));
  row.SetValue("STATUS", std::string(status_label(a.status)));
  row.SetValue("STATUS_ID", std::string(status_name(a.status)));
  row.SetValue("STATUS_BADGE", status_badge(a.status));
  row.SetIntValue("PROGRESS", a.progress);
  if (a.overdue(today)) row.ShowSection("OVERDUE");
  if (a.cyber) row.ShowSection("CYBER");
}

// ---- list and board ------------------------------------------------------------------

std::string flash_of(const Request& req) {
  if (req.q("cree") == "1") return "Action créée.";
  if (req.q("modifie") == "1") return "Action mise à jour.";
  if (req.q("note") == "1") return "Note ajoutée.";
  if (req.q("retire") == "1") return "Action retirée.";
  return {};
}

Response list_page(Context& ctx, Request& req) {
  auto e = visible(ctx, req);
  auto filter = detail::filter_param(req);
  Date today = ctx.today();
  auto actions = ctx.repo.list(req.caller.scope, e.finess_et);
  TemplateDictionary d("paq_list");
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  d.SetValue("BASE", base_url(e));
  if (req.caller.can_write()) d.ShowSection("CAN_WRITE");
  int shown = 0, overdue = 0;
  for (const auto& a : actions) {
    if (!filter.keeps(a)) continue;
    ++shown;
    overdue += a.overdue(today) ? 1 : 0;
    action_into(*d.AddSectionDictionary("ROW"), a, today, base_url(e));
  }
  d.SetIntValue("TOTAL", static_cast<long>(actions.size()));
  d.SetIntValue("SHOWN", shown);
  d.SetIntValue("OVERDUE_COUNT", overdue);
  if (overdue > 0) d.ShowSection("HAS_OVERDUE");
  if (shown == 0)
    d.ShowSection("NO_ROW");
  else
    d.ShowSection("HAS_ROWS");
  auto name_or_empty = [](auto opt, auto fn) {
    return opt ? std::string(fn(*opt)) : std::string{};
  };
  options(d, "STATUS_OPT", kStatuses, status_name, status_label,
          name_or_empty(filter.status, status_name));
  // Withdrawn actions stay listed (issue 12): nothing recorded is destroyed.
  auto gone = ctx.repo.withdrawn(req.caller.scope, e.finess_et);
  if (!gone.empty()) {
    auto* w = d.AddSectionDictionary("WITHDRAWN");
    for (const auto& a : gone) {
      auto* row = w->AddSectionDictionary("GONE");
      row->SetValue("URL", base_url(e) + "/" + std::to_string(a.id));
      row->SetValue("TITLE", a.title);
      row->SetValue("AT", paris_datetime(a.withdrawal.at));
      row->SetValue("BY", actor_label(a.withdrawal.by));
      row->SetValue("REASON", a.withdrawal.reason);
    }
  }
  options(d, "PRIORITY_OPT", kPriorities, priority_name, priority_label,
          name_or_empty(filter.priority, priority_name));
  options(d, "SOURCE_OPT", kSources, source_name, source_label,
          name_or_empty(filter.source, source_name));
  return Response::html(http::render_page(
      "paq_list.tpl", d,
      registry::page_meta(e, "Plan d'amélioration (PAQ)", {{"PAQ", ""}}, flash_of(req))));
}

Response board_page(Context& ctx, Request& req) {
  auto e = visible(ctx, req);
  Date today = ctx.today();
  auto actions = ctx.repo.list(req.caller.scope, e.finess_et);
  TemplateDictionary d("paq_board");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e));
  if (req.caller.can_write()) d.ShowSection("CAN_WRITE");
  for (Status s : kStatuses) {
    auto* col = d.AddSectionDictionary("COLUMN");
    col->SetValue("STATUS_ID", std::string(status_name(s)));
    col->SetValue("LABEL", std::string(status_label(s)));
    int n = 0;
    for (const auto& a : actions) {
      if (a.status != s) continue;
      ++n;
      action_into(*col->AddSectionDictionary("CARD"), a, today, base_url(e));
    }
    col->SetIntValue("COUNT", n);
    if (n == 0) col->ShowSection("EMPTY");
  }
  return Response::html(http::render_page(
      "paq_board.tpl", d,
      registry::page_meta(e, "Tableau du PAQ", {{"PAQ", base_url(e)}, {"Tableau", ""}})));
}

// ---- new action ----------------------------------------------------------------------

Response new_page(Context& ctx, Request& req, int status, const FormFields& posted,
                  const std::vector<FieldError>& errors) {
  auto e = visible(ctx, req);
  http::require(req, Access::edit_records);
  auto get = [&](const std::string& k, const std::string& fallback = {}) {
    auto it = posted.find(k);
    return it == posted.end() ? fallback : it->second;
  };
  TemplateDictionary d("paq_new");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e));
  d.SetValue("TITLE", get("title"));
  d.SetValue("DESCRIPTION", get("description"));
  d.SetValue("SOURCE_REF", get("source_ref"));
  d.SetValue("OWNER", get("owner"));
  d.SetValue("DUE", get("due"));
  if (posted.empty() || get("cyber") == "on") d.ShowSection("CYBER_CHECKED");
  options(d, "SOURCE_OPT", kSources, source_name, source_label, get("source", "manual"));
  options(d, "PRIORITY_OPT", kPriorities, priority_name, priority_label, get("priority", "medium"));
  errors_into(d, errors);
  return Response::html(
      http::render_page("paq_new.tpl", d,
                        registry::page_meta(e, "Nouvelle action",
                                            {{"PAQ", base_url(e)}, {"Nouvelle action", ""}})),
      status);
}

Response create_from_form(Context& ctx, Request& req) {
  auto form = form_of(req);
  try {
    auto in = input_from_form(form);
    auto a = ctx.repo.create(req.caller.scope, req.param("finess"), in, ctx.today(), req.actor());
    return Response::redirect("/etablissements/" + req.param("finess") + "/paq/" +
                              std::to_string(a.id) + "?cree=1");
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return new_page(ctx, req, 422, form, err.fields());
  }
}

// ---- detail, edit, notes -------------------------------------------------------------

Response show_page(Context& ctx, Request& req, int status, const FormFields* posted,
                   const std::vector<FieldError>& errors, const std::string& posted_note = {}) {
  auto e = visible(ctx, req);
  Date today = ctx.today();
  auto a = ctx.repo.get(req.caller.scope, e.finess_et, detail::id_param(req));
  TemplateDictionary d("paq_show");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e));
  action_into(d, a, today, base_url(e));
  d.SetValue("DESCRIPTION_TEXT", a.description.empty() ? "—" : a.description);
  d.SetValue("SOURCE_REF", source_ref_text(a.source_ref));
  // An action made from a RETEX links back to its exercise.
  unsigned long exercise = 0, item = 0;
  char tail = 0;
  unsigned long audit = 0;
  char rule[80] = {0};
  if (std::sscanf(a.source_ref.c_str(), "exercise:%lu:item:%lu%c", &exercise, &item, &tail) == 2)
    d.AddSectionDictionary("SOURCE_LINK")
        ->SetValue("URL",
                   "/etablissements/" + e.finess_et + "/exercices/" + std::to_string(exercise));
  // An action made from an AD audit's finding links back to the audit's page, at the finding.
  else if (std::sscanf(a.source_ref.c_str(), "ad_audit:%lu:%79[A-Za-z0-9_-]", &audit, rule) == 2)
    d.AddSectionDictionary("SOURCE_LINK")
        ->SetValue("URL", "/etablissements/" + e.finess_et + "/audit-ad/" + std::to_string(audit) +
                              "#constat-" + rule);
  // An action made from an exposure audit's finding links back to the audit.
  else if (std::sscanf(a.source_ref.c_str(), "exposure_audit:%lu:", &audit) == 1)
    d.AddSectionDictionary("SOURCE_LINK")
        ->SetValue("URL",
                   "/etablissements/" + e.finess_et + "/exposition/" + std::to_string(audit));
  // An action made from an identification trajectory step links back to the step.
  else if (std::sscanf(a.source_ref.c_str(), "identification:%lu%c", &audit, &tail) == 1)
    d.AddSectionDictionary("SOURCE_LINK")
        ->SetValue("URL", "/etablissements/" + e.finess_et + "/identification#etape-" +
                              std::to_string(audit));
  // An action made from a continuity test's lessons links back to the test's row.
  else if (std::sscanf(a.source_ref.c_str(), "continuity_test:%lu:", &audit) == 1)
    d.AddSectionDictionary("SOURCE_LINK")
        ->SetValue("URL",
                   "/etablissements/" + e.finess_et + "/continuite#test-" + std::to_string(audit));
  // An action made from an incident's lessons links back to the incident ("incident:ID", or
  // "incident:ID:DIGEST" for one lesson among several).
  else if (const int got = std::sscanf(a.source_ref.c_str(), "incident:%lu%c", &audit, &tail);
           got == 1 || (got == 2 && tail == ':'))
    d.AddSectionDictionary("SOURCE_LINK")
        ->SetValue("URL", "/etablissements/" + e.finess_et + "/incidents/" + std::to_string(audit));
  else if (std::sscanf(a.source_ref.c_str(), "restore_test:%lu:", &audit) == 1)
    d.AddSectionDictionary("SOURCE_LINK")
        ->SetValue("URL", "/etablissements/" + e.finess_et + "/continuite#restauration-" +
                              std::to_string(audit));
  else if (source_ref_text(a.source_ref) != "—")  // no detail: nothing, not « (—) »
    d.ShowSection("SOURCE_TEXT");
  d.SetValue("CREATED", a.created_at.substr(0, 10).size() == 10
                            ? french_date(parse_date(a.created_at.substr(0, 10)).value_or(today))
                            : a.created_at);
  d.SetValue("CREATED_BY", actor_label(a.created_by));
  d.SetValue("UPDATED", french_date(a.updated_on));
  if (a.notes.empty()) d.ShowSection("NO_NOTE");
  for (auto it = a.notes.rbegin(); it != a.notes.rend(); ++it) {
    auto* n = d.AddSectionDictionary("NOTE");
    n->SetValue("TEXT", it->note);
    n->SetValue("AT", paris_datetime(it->created_at));
    n->SetValue("BY", actor_label(it->created_by));
  }
  if (a.withdrawal.withdrawn()) {
    auto* w = d.AddSectionDictionary("WITHDRAWN");
    w->SetValue("WITHDRAWN_AT", paris_datetime(a.withdrawal.at));
    w->SetValue("WITHDRAWN_BY", actor_label(a.withdrawal.by));
    w->SetValue("REASON", a.withdrawal.reason);
  } else if (req.caller.can_write()) {
    auto* f = d.AddSectionDictionary("EDIT");
    auto value = [&](const std::string& k, const std::string& current) {
      if (!posted) return current;
      auto it = posted->find(k);
      return it == posted->end() ? std::string{} : it->second;
    };
    f->SetValue("F_TITLE", value("title", a.title));
    f->SetValue("F_DESCRIPTION", value("description", a.description));
    f->SetValue("F_OWNER", value("owner", a.owner));
    f->SetValue("F_DUE", value("due", a.due ? format_date(*a.due) : ""));
    f->SetValue("F_PROGRESS", value("progress", std::to_string(a.progress)));
    if (value("cyber", a.cyber ? "on" : "") == "on") f->ShowSection("CYBER_CHECKED");
    options(*f, "PRIORITY_OPT", kPriorities, priority_name, priority_label,
            value("priority", std::string(priority_name(a.priority))));
    options(*f, "STATUS_OPT", kStatuses, status_name, status_label,
            value("status", std::string(status_name(a.status))));
    f->SetValue("F_NOTE", posted_note);
    errors_into(*f, errors);
    if (!errors.empty()) d.ShowSection("HAS_ERRORS");
    for (const auto& err : errors) {
      auto* x = d.AddSectionDictionary("ERROR");
      x->SetValue("FIELD", err.field);
      x->SetValue("MESSAGE", page_message(err));
    }
  }
  return Response::html(
      http::render_page(
          "paq_show.tpl", d,
          registry::page_meta(e, a.title, {{"PAQ", base_url(e)}, {a.title, ""}}, flash_of(req))),
      status);
}

constexpr const char* kWithdrawAct = "Le retrait d'une action du PAQ";

// "Retirer l'action du PAQ : Sauvegardes hors ligne": the confirmation page naming it.
Response withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                       const std::string& error) {
  auto e = visible(ctx, req);
  auto a = ctx.repo.get(req.caller.scope, e.finess_et, detail::id_param(req));
  const std::string url = base_url(e) + "/" + std::to_string(a.id);
  http::WithdrawalPage p;
  p.heading = "Retirer l'action du PAQ : " + a.title;
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Action", a.title},
             {"Statut", std::string(status_label(a.status))},
             {"Pilote", a.owner},
             {"Échéance", a.due ? french_date(*a.due) : ""},
             {"Notes de suivi", std::to_string(a.notes.size())},
             {"Créée par", actor_label(a.created_by)}};
  p.act = kWithdrawAct;
  p.consequence = "Retirée, l'action ne compte plus dans le PAQ ni pour la conformité.";
  p.already_title = "Cette action a déjà été retirée";
  p.action_url = url + "/retirer";
  p.back_url = url;
  p.back_label = "Retour à l'action";
  p.current = a.withdrawal;
  p.reason = reason;
  p.error = error;
  return http::withdrawal_page(
      req, p,
      registry::page_meta(e, "Retirer une action du PAQ",
                          {{"PAQ", base_url(e)}, {a.title, url}, {"Retirer", ""}}, ""),
      status);
}

Response update_from_form(Context& ctx, Request& req) {
  auto form = form_of(req);
  auto id = detail::id_param(req);
  try {
    auto change = change_from_form(form);
    ctx.repo.update(req.caller.scope, req.param("finess"), id, change, ctx.today(), req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return show_page(ctx, req, 422, &form, err.fields());
  }
  return Response::redirect("/etablissements/" + req.param("finess") + "/paq/" +
                            std::to_string(id) + "?modifie=1");
}

Response note_from_form(Context& ctx, Request& req) {
  auto form = form_of(req);
  auto id = detail::id_param(req);
  try {
    ctx.repo.add_note(req.caller.scope, req.param("finess"), id, form["note"], ctx.today(),
                      req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return show_page(ctx, req, 422, nullptr, err.fields(), form["note"]);
  }
  return Response::redirect("/etablissements/" + req.param("finess") + "/paq/" +
                            std::to_string(id) + "?note=1");
}

std::string export_name(const registry::Establishment& e, const Date& today, const char* ext) {
  return "attachment; filename=\"paq-" + e.finess_et + "-" + format_date(today) + "." + ext + "\"";
}

}  // namespace

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/etablissements/:finess/paq";
  routes.get(base, RouteKind::page, [&ctx](Request& req) { return list_page(ctx, req); });
  routes.get(base + ".csv", RouteKind::page, [&ctx](Request& req) {
    auto e = visible(ctx, req);
    Date today = ctx.today();
    return Response::text(
               actions_csv(ctx.repo.list_with_notes(req.caller.scope, e.finess_et), today),
               "text/csv; charset=utf-8")
        .header("Content-Disposition", export_name(e, today, "csv"));
  });
  routes.get(base + ".xlsx", RouteKind::page, [&ctx](Request& req) {
    auto e = visible(ctx, req);
    Date today = ctx.today();
    return Response::text(
               actions_xlsx(ctx.repo.list_with_notes(req.caller.scope, e.finess_et), today),
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("Content-Disposition", export_name(e, today, "xlsx"));
  });
  routes.get(base + "/tableau", RouteKind::page,
             [&ctx](Request& req) { return board_page(ctx, req); });
  routes.get(
      base + "/nouvelle", RouteKind::page,
      [&ctx](Request& req) { return new_page(ctx, req, 200, {}, {}); }, false,
      Access::edit_records);
  routes.post(base, RouteKind::page, [&ctx](Request& req) { return create_from_form(ctx, req); });
  routes.get(base + "/:id", RouteKind::page,
             [&ctx](Request& req) { return show_page(ctx, req, 200, nullptr, {}); });
  routes.post(base + "/:id", RouteKind::page,
              [&ctx](Request& req) { return update_from_form(ctx, req); });
  routes.post(base + "/:id/notes", RouteKind::page,
              [&ctx](Request& req) { return note_from_form(ctx, req); });
  // An action is never deleted: withdrawn with a reason, after a confirmation page naming it.
  routes.get(
      base + "/:id/retirer", RouteKind::page,
      [&ctx](Request& req) { return withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(base + "/:id/retirer", RouteKind::page, [&ctx](Request& req) {
    std::int64_t id = 0;
    return http::post_withdrawal(
        req, {kWithdrawAct,
              [&] {
                id = ctx.repo.get(req.caller.scope, req.param("finess"), detail::id_param(req))
                         .id;  // 404
                return true;
              },
              [&](const std::string& reason) {
                ctx.repo.withdraw(req.caller.scope, req.param("finess"), id, reason, ctx.today(),
                                  req.actor());
              },
              [&](int status, const std::string& reason, const std::string& error) {
                return withdraw_page(ctx, req, status, reason, error);
              },
              "/etablissements/" + req.param("finess") + "/paq?retire=1",
              {}});
  });
}

}  // namespace carepilot::paq
