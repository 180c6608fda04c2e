// Pages of the budget declarations: the yearly table with shares, the 2 % check and the
// history chart; the form of one year (GET, POST save, POST delete).
#include <ctemplate/template.h>

#include "budget/chart.hpp"
#include "budget/routes.hpp"
#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"
#include "registry/page_meta.hpp"

namespace carepilot::budget {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

namespace {

registry::Establishment visible(Context& ctx, const Request& req) {
  return ctx.registry.visible(req.caller.scope, req.param("finess"));
}

std::string base_url(const registry::Establishment& e) {
  return "/etablissements/" + e.finess_et + "/budget";
}

void chart_into(TemplateDictionary& d, const std::vector<Declaration>& decls) {
  auto c = history_chart(decls);
  auto* ch = d.AddSectionDictionary("CHART");
  ch->SetIntValue("W", c.width);
  ch->SetIntValue("H", c.height);
  ch->SetIntValue("LEFT", c.left);
  ch->SetIntValue("RIGHT_X", c.width - c.right);
  ch->SetIntValue("BASE_Y", c.baseline_y);
  ch->SetIntValue("THRESHOLD_Y", c.threshold_y);
  ch->SetIntValue("THRESHOLD_LABEL_Y", c.threshold_y - 4);
  ch->SetIntValue("LABEL_Y", c.baseline_y + 20);
  ch->SetIntValue("TICK_X", c.left - 6);
  std::string summary = "Part du budget consacrée au numérique et à la cybersécurité par année :";
  for (const auto& t : c.ticks) {
    auto* x = ch->AddSectionDictionary("TICK");
    x->SetIntValue("Y", t.y);
    x->SetIntValue("TEXT_Y", t.y + 4);
    x->SetValue("LABEL", std::to_string(t.permille / 10) + "\u00a0%");
  }
  for (const auto& b : c.bars) {
    auto* x = ch->AddSectionDictionary("BAR");
    x->SetIntValue("YEAR", b.year);
    x->SetIntValue("X", b.x);
    x->SetIntValue("W", b.width);
    x->SetIntValue("DY", b.digital_y);
    x->SetIntValue("DH", b.digital_h);
    x->SetIntValue("CY", b.cyber_y);
    x->SetIntValue("CH", b.cyber_h);
    x->SetIntValue("LX", b.label_x);
    x->SetIntValue("VY", b.cyber_y - 4);
    x->SetValue("SHARE", french_percent(b.combined_permille));
    summary += " " + std::to_string(b.year) + " : " + french_percent(b.combined_permille) + ";";
  }
  summary += " seuil 2\u00a0%.";
  ch->SetValue("SUMMARY", summary);
}

std::string flash_of(const Request& req) {
  if (req.q("enregistre") == "1") return "Déclaration de budget enregistrée.";
  if (req.q("retire") == "1") return "Déclaration de budget retirée.";
  return {};
}

Response list_page(Context& ctx, Request& req) {
  auto e = visible(ctx, req);
  auto decls = ctx.repo.list(req.caller.scope, e.finess_et);
  TemplateDictionary d("budget_list");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e));
  if (req.caller.can_write()) {
    auto* w = d.AddSectionDictionary("CAN_WRITE");
    w->SetValue("BASE", base_url(e));
    for (int y : offered_years(ctx.today())) {
      auto* o = w->AddSectionDictionary("YEAR_LINK");
      o->SetIntValue("YEAR", y);
      o->SetValue("BASE", base_url(e));
    }
  }
  if (decls.empty()) {
    d.ShowSection("EMPTY");
  } else {
    d.ShowSection("HAS_ROWS");
    for (auto it = decls.rbegin(); it != decls.rend(); ++it) {
      auto s = shares(*it);
      auto* r = d.AddSectionDictionary("ROW");
      r->SetIntValue("YEAR", it->year);
      r->SetValue("URL", base_url(e) + "/" + std::to_string(it->year));
      r->SetValue("TOTAL", french_euros(it->total_cents));
      r->SetValue("DIGITAL", french_euros(it->digital_cents));
      r->SetValue("CYBER", french_euros(it->cyber_cents));
      r->SetValue("DIGITAL_SHARE", french_percent(s.digital_permille));
      r->SetValue("CYBER_SHARE", french_percent(s.cyber_permille));
      r->SetValue("SHARE", french_percent(s.combined_permille));
      r->SetValue("DECLARED_ON", exports::french_date(it->declared_on));
      r->ShowSection(meets_threshold(*it) ? "MEETS" : "BELOW");
    }
    chart_into(d, decls);
  }
  // Withdrawn declarations stay listed (issue 12): nothing declared is destroyed.
  auto gone = ctx.repo.withdrawn(req.caller.scope, e.finess_et);
  if (!gone.empty()) {
    auto* w = d.AddSectionDictionary("WITHDRAWN");
    for (const auto& g : gone) {
      auto* r = w->AddSectionDictionary("GONE");
      r->SetIntValue("YEAR", g.year);
      r->SetValue("TOTAL", french_euros(g.total_cents));
      r->SetValue("CYBER", french_euros(g.cyber_cents));
      r->SetValue("DECLARED_ON", exports::french_date(g.declared_on));
      r->SetValue("AT", paris_datetime(g.withdrawal.at));
      r->SetValue("BY", actor_label(g.withdrawal.by));
      r->SetValue("REASON", g.withdrawal.reason);
    }
  }
  return Response::html(
      http::render_page("budget_list.tpl", d,
                        registry::page_meta(e, "Budget numérique et cybersécurité",
                                            {{"Budget", ""}}, flash_of(req))));
}

Response form_page(Context& ctx, Request& req, int status, const FormFields* posted,
                   const std::vector<FieldError>& errors) {
  auto e = visible(ctx, req);
  int year = year_param(req);
  auto current = ctx.repo.get(req.caller.scope, e.finess_et, year);
  TemplateDictionary d("budget_form");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e));
  d.SetIntValue("YEAR", year);
  d.SetValue("ACTION", base_url(e) + "/" + std::to_string(year));
  auto value = [&](const std::string& k, std::string stored) {
    if (!posted) return stored;
    auto it = posted->find(k);
    return it == posted->end() ? std::string{} : it->second;
  };
  d.SetValue("TOTAL", value("total_eur", current ? plain_euros(current->total_cents) : ""));
  d.SetValue("DIGITAL", value("digital_eur", current ? plain_euros(current->digital_cents) : ""));
  d.SetValue("CYBER", value("cyber_eur", current ? plain_euros(current->cyber_cents) : ""));
  d.SetValue("DECLARED_ON", value("declared_on", current ? format_date(current->declared_on) : ""));
  if (current) {
    auto s = shares(*current);
    auto* c = d.AddSectionDictionary("CURRENT");
    c->SetValue("SHARE", french_percent(s.combined_permille));
    c->ShowSection(meets_threshold(*current) ? "MEETS" : "BELOW");
  }
  // A year still to come is not declared (model.hpp declarable_year): no form to fill in vain.
  const bool open_year = current || declarable_year(year, ctx.today());
  if (!open_year) {
    auto* n = d.AddSectionDictionary("NOT_DECLARABLE");
    n->SetIntValue("THIS_YEAR", last_declarable_year(ctx.today()));
  }
  TemplateDictionary* w =
      req.caller.can_write() && open_year ? d.AddSectionDictionary("CAN_WRITE") : nullptr;
  if (w && current) w->ShowSection("CAN_DELETE");
  if (!errors.empty()) {
    d.ShowSection("HAS_ERRORS");
    for (const auto& err : errors) {
      auto* x = d.AddSectionDictionary("ERROR");
      x->SetValue("FIELD", err.field);
      x->SetValue("MESSAGE", page_message(err));
      if (w) w->AddSectionDictionary("ERR_" + err.field)->SetValue("MSG", page_message(err));
    }
  }
  std::string title = "Budget " + std::to_string(year);
  return Response::html(
      http::render_page(
          "budget_form.tpl", d,
          registry::page_meta(e, title, {{"Budget", base_url(e)}, {std::to_string(year), ""}})),
      status);
}

constexpr const char* kWithdrawAct = "Le retrait d'une déclaration de budget";

// "Retirer la déclaration de budget 2026": the confirmation page naming it.
Response withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                       const std::string& error) {
  auto e = visible(ctx, req);
  int year = year_param(req);
  auto current = ctx.repo.get(req.caller.scope, e.finess_et, year);
  const std::string url = base_url(e) + "/" + std::to_string(year);
  http::WithdrawalPage p;
  p.heading = "Retirer la déclaration de budget " + std::to_string(year);
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Année", std::to_string(year)}};
  if (current) {
    p.facts.insert(p.facts.end(),
                   {{"Budget total", french_euros(current->total_cents)},
                    {"Budget numérique hors cybersécurité", french_euros(current->digital_cents)},
                    {"Budget cybersécurité", french_euros(current->cyber_cents)},
                    {"Déclarée le", exports::french_date(current->declared_on)},
                    {"Par", actor_label(current->updated_by)}});
  } else {
    p.nothing = "Aucune déclaration de budget en cours pour " + std::to_string(year) +
                " : il n'y a rien à retirer.";
  }
  p.act = kWithdrawAct;
  p.consequence =
      "Retirée, la déclaration ne compte plus pour la conformité ; l'année pourra "
      "être déclarée à nouveau.";
  p.already_title = "Cette déclaration a déjà été retirée";
  p.action_url = url + "/retirer";
  p.back_url = url;
  p.back_label = "Retour à la déclaration";
  p.reason = reason;
  p.error = error;
  return http::withdrawal_page(
      req, p,
      registry::page_meta(e, "Retirer une déclaration de budget",
                          {{"Budget", base_url(e)}, {std::to_string(year), url}, {"Retirer", ""}},
                          ""),
      status);
}

Response save_from_form(Context& ctx, Request& req) {
  int year = year_param(req);
  FormFields form;
  for (auto& [k, v] : http::parse_urlencoded(req.body)) form[k] = v;
  ctx.repo.get(req.caller.scope, req.param("finess"), year);  // 404 first
  http::require_second_factor(req, "La déclaration du budget");
  try {
    ctx.repo.save(req.caller.scope, req.param("finess"), input_from_form(year, form), ctx.today(),
                  req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return form_page(ctx, req, 422, &form, err.fields());
  }
  return Response::redirect("/etablissements/" + req.param("finess") + "/budget?enregistre=1");
}

}  // namespace

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/etablissements/:finess/budget";
  routes.get(base, RouteKind::page, [&ctx](Request& req) { return list_page(ctx, req); });
  routes.get(base + "/:year", RouteKind::page,
             [&ctx](Request& req) { return form_page(ctx, req, 200, nullptr, {}); });
  routes.post(base + "/:year", RouteKind::page,
              [&ctx](Request& req) { return save_from_form(ctx, req); });
  // A declaration is never deleted: withdrawn with a reason after a confirmation page.
  routes.get(
      base + "/:year/retirer", RouteKind::page,
      [&ctx](Request& req) { return withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(base + "/:year/retirer", RouteKind::page, [&ctx](Request& req) {
    const int year = year_param(req);
    return http::post_withdrawal(
        req, {kWithdrawAct,
              [&] {
                if (!ctx.repo.get(req.caller.scope, req.param("finess"), year))  // 404
                  throw UserError::not_found("Aucune déclaration de budget pour cette année.");
                return true;
              },
              [&](const std::string& reason) {
                ctx.repo.withdraw(req.caller.scope, req.param("finess"), year, reason, ctx.today(),
                                  req.actor());
              },
              [&](int status, const std::string& reason, const std::string& error) {
                return withdraw_page(ctx, req, status, reason, error);
              },
              "/etablissements/" + req.param("finess") + "/budget?retire=1",
              {}});
  });
}

}  // namespace carepilot::budget
