#include <ctemplate/template.h>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/text.hpp"
#include "exercises/retex_pdf.hpp"
#include "exercises/routes.hpp"
#include "exercises/scenario_kit.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"

namespace carepilot::exercises {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

namespace {

using Form = std::map<std::string, std::string>;

Form read_form(const Request& req) {
  Form f;
  for (auto& [k, v] : http::parse_urlencoded(req.body)) f[k] = v;
  return f;
}

std::string get(const Form& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string{} : it->second;
}

std::string french_date(const Date& d) {
  std::string s = format_date(d);
  return s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4);
}

const char* badge(Status s) {
  switch (s) {
    case Status::planned:
      return "info";
    case Status::running:
      return "warning";
    case Status::closed:
      return "success";
  }
  return "info";
}

std::string base_of(const registry::Establishment& e) {
  return "/etablissements/" + e.finess_et + "/exercices";
}

void set_errors(TemplateDictionary& d, const std::vector<FieldError>& errors) {
  if (errors.empty()) return;
  d.ShowSection("HAS_ERRORS");
  for (const auto& err : errors) {
    auto* x = d.AddSectionDictionary("ERROR");
    x->SetValue("FIELD", err.field.empty() ? "exercice" : err.field);
    x->SetValue("MESSAGE", page_message(err));
    if (!err.field.empty() && err.field.find('.') == std::string::npos)
      d.AddSectionDictionary("ERR_" + err.field)->SetValue("MSG", page_message(err));
  }
}

http::PageMeta meta_for(const registry::Establishment& e, const std::string& title,
                        const std::string& last, const std::string& flash = {},
                        bool with_list = false) {
  http::PageMeta m{title,
                   "etablissements",
                   {{"Accueil", "/"},
                    {"Établissements", "/etablissements"},
                    {e.name, "/etablissements/" + e.finess_et}},
                   flash,
                   {}};
  if (with_list) m.breadcrumb.push_back({"Exercices de crise", base_of(e)});
  m.breadcrumb.push_back({last, ""});
  return m;
}

// ---- list ------------------------------------------------------------------------------

Response list_page(Context& ctx, Request& req) {
  auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
  auto exercises = ctx.repo.list(req.caller.scope, e.finess_et);
  TemplateDictionary d("exercises");
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  if (req.caller.can_write()) d.ShowSection("CAN_WRITE");
  d.ShowSection(exercises.empty() ? "NONE" : "HAS_ROWS");
  for (const auto& x : exercises) {
    auto* row = d.AddSectionDictionary("ROW");
    row->SetValue("FINESS", e.finess_et);
    row->SetIntValue("ID", x.id);
    row->SetValue("DATE", french_date(x.date));
    row->SetValue("TITLE", x.title);
    row->SetValue("SCENARIO", x.scenario_label);
    row->SetValue("FORMAT", std::string(format_label(x.format)));
    row->SetValue("BADGE", badge(x.status));
    row->SetValue("STATUS", std::string(status_label(x.status)));
    row->SetValue("STATUS_ID", std::string(status_name(x.status)));
    row->SetValue("DECLARED", x.declared_on ? "le " + french_date(*x.declared_on) : "non");
  }
  // Withdrawn exercises stay listed (issue 12): nothing recorded is destroyed.
  auto gone = ctx.repo.withdrawn(req.caller.scope, e.finess_et);
  auto* w = gone.empty() ? nullptr : d.AddSectionDictionary("WITHDRAWN");
  for (const auto& x : gone) {
    auto* row = w->AddSectionDictionary("GONE");
    row->SetValue("FINESS", e.finess_et);
    row->SetIntValue("ID", x.id);
    row->SetValue("DATE", french_date(x.date));
    row->SetValue("TITLE", x.title);
    row->SetValue("AT", paris_datetime(x.withdrawal.at));
    row->SetValue("BY", actor_label(x.withdrawal.by));
    row->SetValue("REASON", x.withdrawal.reason);
  }
  std::string flash = req.q("retire") == "1" ? "Exercice retiré." : "";
  return Response::html(http::render_page(
      "exercises_list.tpl", d,
      meta_for(e, "Exercices de crise — " + e.name, "Exercices de crise", flash)));
}

// ---- plan form -------------------------------------------------------------------------

ExerciseInput input_from(const Form& f) {
  ExerciseInput in{get(f, "title"),  get(f, "date"),       get(f, "scenario"),
                   get(f, "format"), get(f, "objectives"), {}};
  for (auto fn : kFunctions) {
    std::string key(fn);
    std::string count = get(f, "p_" + key + "_count"), names = get(f, "p_" + key + "_names");
    Participants p{key, 0, names};
    if (!count.empty()) {
      if (count.size() > 6 || count.find_first_not_of("0123456789") != std::string::npos)
        p.count = -1;  // refused by validation, by name
      else
        p.count = std::stoi(count);
    }
    in.participants.push_back(p);
  }
  return in;
}

Response form_page(Context& ctx, [[maybe_unused]] Request& req, const registry::Establishment& e,
                   const ExerciseInput& in, std::int64_t id, int status,
                   const std::vector<FieldError>& errors) {
  TemplateDictionary d("exercise_form");
  d.SetValue("NAME", e.name);
  d.SetValue("HEADING", id ? "Modifier l'exercice" : "Planifier un exercice de crise");
  d.SetValue("ACTION", id ? base_of(e) + "/" + std::to_string(id) : base_of(e));
  d.SetValue("CANCEL", id ? base_of(e) + "/" + std::to_string(id) : base_of(e));
  d.SetValue("TITLE", in.title);
  d.SetValue("DATE", in.date);
  for (const auto& s : ctx.repo.scenarios_for(e)) {
    auto* o = d.AddSectionDictionary("SCENARIO");
    o->SetValue("CODE", s.code);
    o->SetValue("LABEL", s.label);
    if (s.code == in.scenario) o->ShowSection("SELECTED");
    if (const auto* kit = scenario_kit(s.code)) {
      auto* k = d.AddSectionDictionary("KIT");
      k->SetValue("LABEL", s.label);
      k->SetValue("DESCRIPTION", kit->description);
      k->SetIntValue("INJECTS", static_cast<long>(kit->injects.size()));
    }
  }
  d.ShowSection(in.format == "live" ? "LIVE" : "TABLE_TOP");
  d.SetValue("OBJECTIVES", in.objectives);
  for (auto fn : kFunctions) {
    auto* p = d.AddSectionDictionary("PARTICIPANT");
    p->SetValue("FN", std::string(fn));
    p->SetValue("LABEL", std::string(function_label(fn)));
    for (const auto& q : in.participants)
      if (q.function == fn) {
        p->SetValue("COUNT", q.count > 0 ? std::to_string(q.count) : "");
        p->SetValue("NAMES", q.names);
      }
    for (const auto& err : errors)
      if (err.field == "participants." + std::string(fn))
        p->AddSectionDictionary("ERR")->SetValue("MSG", page_message(err));
  }
  set_errors(d, errors);
  std::string title = id ? "Modifier l'exercice" : "Planifier un exercice";
  return Response::html(
      http::render_page("exercise_form.tpl", d, meta_for(e, title, title, {}, true)), status);
}

ExerciseInput input_of(const Exercise& x) {
  ExerciseInput in{x.title,      format_date(x.date),
                   x.scenario,   std::string(format_name(x.format)),
                   x.objectives, x.participants};
  return in;
}

// ---- detail ------------------------------------------------------------------------------

const char* flash_of(const std::string& code) {
  static const std::map<std::string, const char*> messages{
      {"cree", "Exercice planifié."},
      {"modifie", "Plan de l'exercice enregistré."},
      {"lance", "Exercice lancé : la main courante est ouverte."},
      {"journal", "Entrée ajoutée à la main courante."},
      {"stimulus", "Stimulus ajouté."},
      {"joue", "Stimulus joué."},
      {"retex", "RETEX enregistré ; l'exercice est clôturé."},
      {"point", "Point de RETEX ajouté."},
      {"paq", "Action créée dans le PAQ."},
      {"declare", "Déclaration enregistrée."}};
  auto it = messages.find(code);
  return it == messages.end() ? "" : it->second;
}

Response detail_page(Context& ctx, Request& req, int status = 200,
                     const std::vector<FieldError>& errors = {}, const std::string& posted = {},
                     const Form& form = {}) {
  auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
  auto x = ctx.repo.get(req.caller.scope, e.finess_et, int_param(req, "id"));
  bool write = req.caller.can_write();
  TemplateDictionary d("exercise");
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  d.SetIntValue("ID", x.id);
  d.SetValue("TITLE", x.title);
  d.SetValue("BADGE", badge(x.status));
  d.SetValue("STATUS", std::string(status_label(x.status)));
  d.SetValue("STATUS_ID", std::string(status_name(x.status)));
  d.SetValue("DATE_FR", french_date(x.date));
  // An exercise counts for the year of its date: dated after the year it was planned in (a
  // December plan slipping to January), it does not meet that year's obligation, which the
  // page says. A past exercise recorded late counts for its own year: no warning.
  if (auto created = paris_datetime(x.created_at);
      created.size() >= 10 && created[2] == '/' && created[5] == '/') {
    std::string planned = created.substr(6, 4), year = std::to_string(int(x.date.year()));
    if (year > planned) {
      auto* w = d.AddSectionDictionary("YEAR_WARNING");
      w->SetValue("YEAR", year);
      w->SetValue("PLANNED", planned);
    }
  }
  d.SetValue("SCENARIO", x.scenario_label);
  if (const auto* kit = scenario_kit(x.scenario))
    d.AddSectionDictionary("SCENARIO_DESCRIPTION")->SetValue("TEXT", kit->description);
  d.SetValue("FORMAT", std::string(format_label(x.format)));
  d.SetValue("OBJECTIVES", x.objectives.empty() ? "—" : x.objectives);
  bool any = false;
  for (const auto& p : x.participants) {
    if (p.count == 0 && p.names.empty()) continue;
    any = true;
    auto* s = d.AddSectionDictionary("PARTICIPANT");
    s->SetValue("LABEL", std::string(function_label(p.function)));
    s->SetIntValue("COUNT", p.count);
    if (!p.names.empty()) s->AddSectionDictionary("HAS_NAMES")->SetValue("NAMES", p.names);
  }
  if (!any) d.ShowSection("NO_PARTICIPANT");
  d.SetValue("DECLARED", x.declared_on ? "le " + french_date(*x.declared_on) : "non déclaré");
  if (x.withdrawal.withdrawn()) {
    auto* w = d.AddSectionDictionary("WITHDRAWN");
    w->SetValue("WITHDRAWN_AT", paris_datetime(x.withdrawal.at));
    w->SetValue("WITHDRAWN_BY", actor_label(x.withdrawal.by));
    w->SetValue("REASON", x.withdrawal.reason);
    write = false;  // a withdrawn exercise is no longer changed
  } else if (x.locked()) {
    d.ShowSection("LOCKED");
    if (write) d.ShowSection("CAN_WITHDRAW");
    write = false;  // closed and declared: only a withdrawal remains
  }
  if (write) {
    d.ShowSection("CAN_WRITE");
    d.ShowSection("CAN_WITHDRAW");
    if (x.status == Status::planned) d.ShowSection("PLANNED");
  }
  // Injects.
  d.ShowSection(x.injects.empty() ? "NO_INJECT" : "HAS_INJECTS");
  for (const auto& i : x.injects) {
    auto* s = d.AddSectionDictionary("INJECT");
    s->SetIntValue("OFFSET", i.offset_minutes);
    s->SetValue("INJECT_TITLE", i.title);
    s->SetIntValue("INJECT_ID", i.id);
    if (!i.description.empty())
      s->AddSectionDictionary("HAS_DESCRIPTION")->SetValue("DESCRIPTION", i.description);
    if (!i.played_at.empty())
      s->AddSectionDictionary("PLAYED")->SetValue("PLAYED_AT", french_date_text(i.played_at));
    else if (write && x.status == Status::running)
      s->ShowSection("CAN_PLAY");
  }
  if (write && x.status != Status::closed) {
    auto* f = d.AddSectionDictionary("INJECT_FORM");
    f->SetValue("EXPANDED", "false");  // the DSFR accordion's state
    f->SetValue("COLLAPSE", "fr-collapse");
    if (posted == "inject") {
      f->SetValue("EXPANDED", "true"), f->SetValue("COLLAPSE", "fr-collapse fr-collapse--expanded");
      f->SetValue("I_OFFSET", get(form, "offset_minutes"));
      f->SetValue("I_TITLE", get(form, "title"));
      f->SetValue("I_DESCRIPTION", get(form, "description"));
    }
  }
  // Main courante.
  d.ShowSection(x.log.empty() ? "NO_LOG" : "HAS_LOG");
  for (const auto& l : x.log) {
    auto* s = d.AddSectionDictionary("LOG");
    std::string at = l.at;
    if (at.size() >= 16 && at.compare(0, 10, format_date(x.date)) == 0)
      at = at.substr(11, 5);
    else
      at = french_date_text(at);  // another day: "17/06/2025 à 10 h 40"
    s->SetValue("AT", at);
    s->SetValue("AUTHOR", actor_label(l.author));
    s->SetValue("TEXT", l.text);
  }
  if (write && x.status != Status::planned) {
    auto* f = d.AddSectionDictionary("LOG_FORM");
    if (posted == "log") {
      f->SetValue("L_AT", get(form, "at"));
      f->SetValue("L_AUTHOR", get(form, "author"));
      f->SetValue("L_TEXT", get(form, "text"));
    }
  }
  // RETEX.
  if (x.retex_date) {
    d.ShowSection("HAS_RETEX");
    auto* v = d.AddSectionDictionary("RETEX_VIEW");
    v->SetValue("R_DATE", french_date(*x.retex_date));
    v->SetValue("R_WORKED", x.retex_worked.empty() ? "—" : x.retex_worked);
    v->SetValue("R_FAILED", x.retex_failed.empty() ? "—" : x.retex_failed);
    v->SetValue("R_DECISIONS", x.retex_decisions.empty() ? "—" : x.retex_decisions);
  }
  if (write) {
    auto* f = d.AddSectionDictionary("RETEX_FORM");
    f->SetValue("EXPANDED", "false");  // the DSFR accordion's state
    f->SetValue("COLLAPSE", "fr-collapse");
    f->SetValue("RETEX_SUMMARY", x.retex_date ? "Modifier le RETEX" : "Rédiger le RETEX");
    f->SetValue("RETEX_BUTTON",
                x.retex_date ? "Enregistrer le RETEX" : "Enregistrer le RETEX et clôturer");
    if (posted == "retex") {
      f->SetValue("EXPANDED", "true"), f->SetValue("COLLAPSE", "fr-collapse fr-collapse--expanded");
      f->SetValue("F_RETEX_DATE", get(form, "retex_date"));
      f->SetValue("F_WORKED", get(form, "worked"));
      f->SetValue("F_FAILED", get(form, "failed"));
      f->SetValue("F_DECISIONS", get(form, "decisions"));
    } else {
      if (!x.retex_date && x.status != Status::planned)
        f->SetValue("EXPANDED", "true"),
            f->SetValue("COLLAPSE", "fr-collapse fr-collapse--expanded");
      f->SetValue("F_RETEX_DATE",
                  x.retex_date ? format_date(*x.retex_date) : format_date(ctx.today()));
      f->SetValue("F_WORKED", x.retex_worked);
      f->SetValue("F_FAILED", x.retex_failed);
      f->SetValue("F_DECISIONS", x.retex_decisions);
    }
  }
  d.ShowSection(x.items.empty() ? "NO_ITEM" : "HAS_ITEMS");
  bool pending = false;
  for (const auto& i : x.items) {
    auto* s = d.AddSectionDictionary("ITEM");
    s->SetIntValue("N", i.n);
    s->SetValue("ITEM_TEXT", i.text);
    s->SetValue("PRIORITY", std::string(paq::priority_label(i.priority)));
    if (i.action_id) {
      s->AddSectionDictionary("CONVERTED")->SetIntValue("ACTION_ID", *i.action_id);
    } else {
      pending = true;
      s->ShowSection(write ? "CONVERTIBLE" : "PENDING");
    }
  }
  if (write && pending && x.items.size() > 1) d.ShowSection("ALL_TO_PAQ");
  if (write && x.status != Status::planned) {
    auto* f = d.AddSectionDictionary("ITEM_FORM");
    std::string chosen = posted == "item" ? get(form, "priority") : "medium";
    if (posted == "item") f->SetValue("T_TEXT", get(form, "text"));
    for (auto p : {paq::Priority::low, paq::Priority::medium, paq::Priority::high,
                   paq::Priority::critical}) {
      auto* o = f->AddSectionDictionary("PRIO");
      o->SetValue("VALUE", std::string(paq::priority_name(p)));
      o->SetValue("LABEL", std::string(paq::priority_label(p)));
      if (paq::priority_name(p) == chosen) o->ShowSection("SELECTED");
    }
  }
  if (write && x.status != Status::planned) {
    auto* f = d.AddSectionDictionary("DECLARE_FORM");
    f->SetValue("F_DECLARED", posted == "declare" ? get(form, "declared_on")
                              : x.declared_on     ? format_date(*x.declared_on)
                                                  : "");
  } else if (x.status == Status::planned) {
    d.ShowSection("DECLARE_LATER");
  }
  set_errors(d, errors);
  return Response::html(http::render_page("exercise_detail.tpl", d,
                                          meta_for(e, x.title + " — " + e.name, x.title,
                                                   flash_of(req.q("ok")), true)),
                        status);
}

constexpr const char* kWithdrawAct = "Le retrait d'un exercice de crise";
constexpr const char* kDeclareAct = "La déclaration sur la plateforme nationale";

// "Retirer l'exercice : Rançongiciel 2026": the confirmation page naming it.
Response withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                       const std::string& error) {
  auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
  auto x = ctx.repo.get(req.caller.scope, e.finess_et, int_param(req, "id"));
  const std::string url = base_of(e) + "/" + std::to_string(x.id);
  http::WithdrawalPage p;
  p.heading = "Retirer l'exercice : " + x.title;
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Exercice", x.title},
             {"Date", french_date(x.date)},
             {"Scénario", x.scenario_label},
             {"Statut", std::string(status_label(x.status))},
             {"Déclaration sur la plateforme nationale",
              x.declared_on ? "le " + french_date(*x.declared_on) : "non déclaré"}};
  p.act = kWithdrawAct;
  p.consequence =
      "Retiré, l'exercice ne compte plus pour la conformité ; sa main courante, ses stimuli, "
      "son RETEX et les actions du PAQ qui en viennent restent.";
  p.already_title = "Cet exercice a déjà été retiré";
  p.action_url = url + "/retirer";
  p.back_url = url;
  p.back_label = "Retour à l'exercice";
  p.current = x.withdrawal;
  p.reason = reason;
  p.error = error;
  return http::withdrawal_page(req, p, meta_for(e, "Retirer un exercice", "Retirer", {}, true),
                               status);
}

// An action sent to the PAQ from the page carries its owner and its due date (the API keeps
// them optional).
void require_owner_and_due(const Form& f) {
  std::vector<FieldError> errors;
  if (trim(get(f, "owner")).empty())
    errors.push_back(
        {"owner", "exercises.owner_required", "owner : indiquez qui pilote l'action."});
  if (trim(get(f, "due")).empty())
    errors.push_back({"due", "exercises.due_required", "due : indiquez l'échéance de l'action."});
  if (!errors.empty()) throw UserError::invalid(errors);
}

// Runs a write of the detail page: 303 back to the page with a flash, or the page again with
// the refusal (422, 409) next to the posted form.
template <typename Fn>
Response detail_action(Context& ctx, Request& req, const std::string& posted,
                       const std::string& flash, Fn&& fn) {
  Form form = read_form(req);
  try {
    fn(form);
  } catch (const UserError& err) {
    if (err.status() != 422 && err.status() != 409) throw;
    auto fields = err.fields();
    if (fields.empty()) fields.push_back({"", err.code(), err.what()});
    return detail_page(ctx, req, err.status(), fields, posted, form);
  }
  return Response::redirect("/etablissements/" + req.param("finess") + "/exercices/" +
                            std::to_string(int_param(req, "id")) + "?ok=" + flash);
}

}  // namespace

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/etablissements/:finess/exercices";
  routes.get(base, RouteKind::page, [&ctx](Request& req) { return list_page(ctx, req); });
  routes.get(
      base + "/nouveau", RouteKind::page,
      [&ctx](Request& req) {
        auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
        ExerciseInput in;
        in.scenario = "ransomware";
        in.format = "table_top";
        return form_page(ctx, req, e, in, 0, 200, {});
      },
      false, Access::edit_records);
  routes.post(base, RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
    auto in = input_from(read_form(req));
    try {
      auto x = ctx.repo.create(req.caller.scope, e.finess_et, in, ctx.today(), req.actor());
      return Response::redirect(base_of(e) + "/" + std::to_string(x.id) + "?ok=cree");
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return form_page(ctx, req, e, in, 0, 422, err.fields());
    }
  });
  routes.get(base + "/:id", RouteKind::page,
             [&ctx](Request& req) { return detail_page(ctx, req); });
  routes.get(
      base + "/:id/modifier", RouteKind::page,
      [&ctx](Request& req) {
        auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
        auto x = ctx.repo.get(req.caller.scope, e.finess_et, int_param(req, "id"));
        return form_page(ctx, req, e, input_of(x), x.id, 200, {});
      },
      false, Access::edit_records);
  routes.post(base + "/:id", RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
    auto id = int_param(req, "id");
    ctx.repo.get(req.caller.scope, e.finess_et, id);  // another establishment's id: 404
    auto in = input_from(read_form(req));
    try {
      ctx.repo.update(req.caller.scope, e.finess_et, id, in, ctx.today(), req.actor());
      return Response::redirect(base_of(e) + "/" + std::to_string(id) + "?ok=modifie");
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return form_page(ctx, req, e, in, id, 422, err.fields());
    }
  });
  // An exercise is never deleted, also closed and declared: withdrawn with a reason after a
  // confirmation page naming it.
  routes.get(
      base + "/:id/retirer", RouteKind::page,
      [&ctx](Request& req) { return withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(base + "/:id/retirer", RouteKind::page, [&ctx](Request& req) {
    std::int64_t id = 0;
    return http::post_withdrawal(
        req,
        {kWithdrawAct,
         [&] {
           id =
               ctx.repo.get(req.caller.scope, req.param("finess"), int_param(req, "id")).id;  // 404
           return true;
         },
         [&](const std::string& reason) {
           ctx.repo.withdraw(req.caller.scope, req.param("finess"), id, reason, ctx.today(),
                             req.actor());
         },
         [&](int status, const std::string& reason, const std::string& error) {
           return withdraw_page(ctx, req, status, reason, error);
         },
         "/etablissements/" + req.param("finess") + "/exercices?retire=1",
         {}});
  });
  routes.post(base + "/:id/lancer", RouteKind::page, [&ctx](Request& req) {
    return detail_action(ctx, req, "start", "lance", [&](const Form&) {
      ctx.repo.start(req.caller.scope, req.param("finess"), int_param(req, "id"), ctx.today(),
                     req.actor());
    });
  });
  routes.post(base + "/:id/main-courante", RouteKind::page, [&ctx](Request& req) {
    return detail_action(ctx, req, "log", "journal", [&](const Form& f) {
      ctx.repo.add_log(req.caller.scope, req.param("finess"), int_param(req, "id"),
                       {get(f, "at"), get(f, "author"), get(f, "text")}, ctx.today(), req.actor());
    });
  });
  routes.post(base + "/:id/stimuli", RouteKind::page, [&ctx](Request& req) {
    return detail_action(ctx, req, "inject", "stimulus", [&](const Form& f) {
      ctx.repo.add_inject(req.caller.scope, req.param("finess"), int_param(req, "id"),
                          {get(f, "offset_minutes"), get(f, "title"), get(f, "description")},
                          ctx.today(), req.actor());
    });
  });
  routes.post(base + "/:id/stimuli/:item/jouer", RouteKind::page, [&ctx](Request& req) {
    return detail_action(ctx, req, "play", "joue", [&](const Form&) {
      ctx.repo.play_inject(req.caller.scope, req.param("finess"), int_param(req, "id"),
                           int_param(req, "item"), ctx.today(), req.actor());
    });
  });
  routes.post(base + "/:id/retex", RouteKind::page, [&ctx](Request& req) {
    return detail_action(ctx, req, "retex", "retex", [&](const Form& f) {
      ctx.repo.save_retex(
          req.caller.scope, req.param("finess"), int_param(req, "id"),
          {get(f, "retex_date"), get(f, "worked"), get(f, "failed"), get(f, "decisions")},
          ctx.today(), req.actor());
    });
  });
  routes.post(base + "/:id/retex/points", RouteKind::page, [&ctx](Request& req) {
    return detail_action(ctx, req, "item", "point", [&](const Form& f) {
      ctx.repo.add_item(req.caller.scope, req.param("finess"), int_param(req, "id"),
                        {get(f, "text"), get(f, "priority")}, ctx.today(), req.actor());
    });
  });
  routes.post(base + "/:id/retex/points/:item/paq", RouteKind::page, [&ctx](Request& req) {
    return detail_action(ctx, req, "paq", "paq", [&](const Form& f) {
      auto n = int_param(req, "item");
      if (n > 100000) throw UserError::not_found("Point de RETEX introuvable.");
      require_owner_and_due(f);
      ctx.repo.item_to_paq(req.caller.scope, req.param("finess"), int_param(req, "id"),
                           static_cast<int>(n), {get(f, "owner"), get(f, "due")}, ctx.today(),
                           req.actor());
    });
  });
  routes.post(base + "/:id/retex/paq", RouteKind::page, [&ctx](Request& req) {
    return detail_action(ctx, req, "paq", "paq", [&](const Form& f) {
      require_owner_and_due(f);
      ctx.repo.all_items_to_paq(req.caller.scope, req.param("finess"), int_param(req, "id"),
                                {get(f, "owner"), get(f, "due")}, ctx.today(), req.actor());
    });
  });
  routes.post(base + "/:id/declaration", RouteKind::page, [&ctx](Request& req) {
    return detail_action(ctx, req, "declare", "declare", [&](const Form& f) {
      ctx.repo.get(req.caller.scope, req.param("finess"), int_param(req, "id"));  // 404 first
      http::require_second_factor(req, kDeclareAct);
      ctx.repo.declare(req.caller.scope, req.param("finess"), int_param(req, "id"),
                       get(f, "declared_on"), ctx.today(), req.actor());
    });
  });
  routes.get(base + "/:id/retex.pdf", RouteKind::page, [&ctx](Request& req) {
    auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
    auto x = ctx.repo.get(req.caller.scope, e.finess_et, int_param(req, "id"));
    return Response::text(retex_pdf(e, x), "application/pdf")
        .header("Content-Disposition",
                "inline; filename=\"retex-exercice-" + std::to_string(x.id) + ".pdf\"");
  });
}

}  // namespace carepilot::exercises

namespace carepilot::exercises {
namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}
}  // namespace carepilot::exercises
