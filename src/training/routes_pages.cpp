// Pages of staff training: overview (share trained per year and per category, campaigns
// with their rates), the form of one year's categories, the campaign form, deletion.
#include <ctemplate/template.h>

#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"
#include "registry/page_meta.hpp"
#include "training/routes.hpp"

namespace carepilot::training {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

namespace {

registry::Establishment visible(Context& ctx, const Request& req) {
  return ctx.registry.visible(req.caller.scope, req.param("finess"));
}

std::string base_url(const registry::Establishment& e) {
  return "/etablissements/" + e.finess_et + "/formation";
}

FormFields form_of(const Request& req) {
  FormFields form;
  for (auto& [k, v] : http::parse_urlencoded(req.body)) form[k] = v;
  return form;
}

void share_into(TemplateDictionary& d, std::optional<std::int64_t> pm) {
  d.SetValue("SHARE", french_percent(pm));
  d.SetIntValue("PERMILLE", static_cast<long>(pm.value_or(0)));
}

std::string count_or_dash(const std::optional<int>& v) {
  return v ? french_integer(*v) : "—";
}

std::string flash_of(const Request& req) {
  if (req.q("enregistre") == "1") return "Couverture de formation enregistrée.";
  if (req.q("campagne") == "1") return "Campagne ajoutée.";
  if (req.q("retire") == "1") return "Campagne retirée.";
  return {};
}

Response overview(Context& ctx, Request& req) {
  auto e = visible(ctx, req);
  std::string wanted = req.q("annee");
  if (!wanted.empty()) {  // the "other year" GET form
    if (!parse_year(wanted))
      throw UserError(400, "request.bad_parameter", "Année invalide (quatre chiffres attendus).",
                      {{"annee", "request.bad_parameter", "annee : quatre chiffres attendus."}});
    return Response::redirect(base_url(e) + "/" + wanted);
  }
  auto years = ctx.repo.years(req.caller.scope, e.finess_et);
  auto campaigns = ctx.repo.campaigns(req.caller.scope, e.finess_et);
  int this_year = static_cast<int>(ctx.today().year());
  TemplateDictionary d("training_overview");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e));
  if (req.caller.can_write()) {
    auto* w = d.AddSectionDictionary("CAN_WRITE");
    for (int y : {this_year, this_year - 1}) {
      auto* l = w->AddSectionDictionary("YEAR_LINK");
      l->SetIntValue("YEAR", y);
    }
  }
  // One truth (issue 12): the figure the compliance page uses, from the same evidence record
  // the engine selects, with where it comes from.
  if (auto counted = ctx.repo.counted_coverage(req.caller.scope, e.finess_et, ctx.today())) {
    auto* c = d.AddSectionDictionary("COUNTED");
    const auto staff = counted->payload.value("staff", 0LL);
    const auto trained = counted->payload.value("trained", 0LL);
    share_into(*c, permille(trained, staff));
    c->SetIntValue("STAFF", static_cast<long>(staff));
    c->SetIntValue("TRAINED", static_cast<long>(trained));
    c->SetValue("DATE", exports::french_date(counted->date));
    c->SetValue("COMPLIANCE_URL", "/etablissements/" + e.finess_et + "/conformite");
    if (counted->derived()) {
      c->ShowSection("FROM_HERE");
    } else {
      auto* t = c->AddSectionDictionary("TYPED");
      t->SetValue("URL",
                  "/etablissements/" + e.finess_et + "/preuves/" + std::to_string(counted->id));
      t->SetIntValue("ID", counted->id);
    }
  }
  if (years.empty())
    d.ShowSection("NO_YEAR");
  else
    d.ShowSection("HAS_YEARS");
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    auto* r = d.AddSectionDictionary("YEAR");
    r->SetIntValue("YEAR", it->year);
    r->SetValue("URL", base_url(e) + "/" + std::to_string(it->year));
    r->SetIntValue("STAFF", static_cast<long>(it->staff()));
    r->SetIntValue("TRAINED", static_cast<long>(it->trained()));
    r->SetValue("RECORDED_ON", exports::french_date(it->recorded_on));
    share_into(*r, share_trained(*it));
    if (it->trained() == it->staff()) r->ShowSection("ALL");
  }
  if (!years.empty()) {
    const auto& latest = years.back();
    auto* l = d.AddSectionDictionary("LATEST");
    l->SetIntValue("YEAR", latest.year);
    for (const auto& c : latest.categories) {
      auto* r = l->AddSectionDictionary("CATEGORY");
      r->SetValue("CATEGORY_NAME", c.name);
      r->SetIntValue("HEADCOUNT", c.headcount);
      r->SetIntValue("TRAINED", c.trained);
      r->SetIntValue("INITIAL", c.trained_initial);
      r->SetIntValue("CONTINUING", c.trained_continuing);
      share_into(*r, share_trained(c));
    }
  }
  if (campaigns.empty())
    d.ShowSection("NO_CAMPAIGN");
  else
    d.ShowSection("HAS_CAMPAIGNS");
  for (const auto& c : campaigns) {
    auto* r = d.AddSectionDictionary("CAMPAIGN");
    auto rt = rates(c);
    r->SetIntValue("ID", c.id);
    r->SetValue("DATE", exports::french_date(c.date));
    r->SetValue("TITLE", c.title);
    r->SetValue("KIND", std::string(kind_label(c.kind)));
    r->SetValue("AUDIENCE", c.audience.empty() ? "—" : c.audience);
    r->SetValue("PARTICIPANTS", count_or_dash(c.participants) + " / " + count_or_dash(c.targeted));
    r->SetValue("PARTICIPATION", french_percent(rt.participation));
    if (c.kind == CampaignKind::phishing) {
      auto* p = r->AddSectionDictionary("PHISHING");
      p->SetValue("SENT", count_or_dash(c.emails_sent));
      p->SetValue("CLICKS", count_or_dash(c.clicks));
      p->SetValue("CLICK_RATE", french_percent(rt.click));
      p->SetValue("CREDENTIALS", count_or_dash(c.credentials));
      p->SetValue("CREDENTIAL_RATE", french_percent(rt.credential));
      p->SetValue("REPORTS", count_or_dash(c.reports));
      p->SetValue("REPORT_RATE", french_percent(rt.report));
    } else {
      r->ShowSection("NOT_PHISHING");
    }
    if (req.caller.can_write()) {
      auto* x = r->AddSectionDictionary("DELETE");
      x->SetValue("URL", base_url(e) + "/campagnes/" + std::to_string(c.id) + "/retirer");
    }
  }
  // Withdrawn campaigns stay listed (issue 12): nothing recorded is destroyed.
  auto gone = ctx.repo.withdrawn_campaigns(req.caller.scope, e.finess_et);
  if (!gone.empty()) {
    auto* w = d.AddSectionDictionary("WITHDRAWN");
    for (const auto& c : gone) {
      auto* r = w->AddSectionDictionary("GONE");
      r->SetValue("DATE", exports::french_date(c.date));
      r->SetValue("TITLE", c.title);
      r->SetValue("KIND", std::string(kind_label(c.kind)));
      r->SetValue("AT", paris_datetime(c.withdrawal.at));
      r->SetValue("BY", actor_label(c.withdrawal.by));
      r->SetValue("REASON", c.withdrawal.reason);
    }
  }
  return Response::html(http::render_page(
      "training_overview.tpl", d,
      registry::page_meta(e, "Formation du personnel", {{"Formation", ""}}, flash_of(req))));
}

// Anchor of a field in the year form: categories[K].trained → trained_ROW.
std::string anchor(const std::string& field, const std::vector<int>& rows) {
  if (field.rfind("categories[", 0) == 0) {
    auto close = field.find(']');
    auto dot = field.find('.', close);
    if (close != std::string::npos && dot != std::string::npos) {
      std::size_t k = std::stoul(field.substr(11, close - 11));
      std::string f = field.substr(dot + 1);
      if (f == "trained_initial") f = "initial";
      if (f == "trained_continuing") f = "continuing";
      if (k < rows.size()) return f + "_" + std::to_string(rows[k]);
    }
  }
  return field == "categories" ? "name_0" : field;
}

Response year_form(Context& ctx, Request& req, int status, const FormFields* posted,
                   const std::vector<FieldError>& errors) {
  auto e = visible(ctx, req);
  int year = detail::year_param(req);
  auto current = ctx.repo.year(req.caller.scope, e.finess_et, year);
  TemplateDictionary d("training_year");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e));
  d.SetIntValue("YEAR", year);
  d.SetValue("ACTION", base_url(e) + "/" + std::to_string(year));
  if (current) {
    auto* c = d.AddSectionDictionary("CURRENT");
    c->SetIntValue("STAFF", static_cast<long>(current->staff()));
    c->SetIntValue("TRAINED", static_cast<long>(current->trained()));
    share_into(*c, share_trained(*current));
  }
  // Rows: the posted values, the stored categories, or the defaults (names and headcounts of
  // the latest earlier year when there is one).
  std::vector<std::array<std::string, 5>> rows(kFormRows);
  if (posted) {
    for (int i = 0; i < kFormRows; ++i) {
      auto s = std::to_string(i);
      int j = 0;
      for (const char* k : {"name_", "headcount_", "trained_", "initial_", "continuing_"}) {
        auto it = posted->find(k + s);
        rows[i][j++] = it == posted->end() ? "" : it->second;
      }
    }
  } else if (current) {
    for (std::size_t i = 0; i < current->categories.size() && i < rows.size(); ++i) {
      const auto& c = current->categories[i];
      rows[i] = {c.name, std::to_string(c.headcount), std::to_string(c.trained),
                 std::to_string(c.trained_initial), std::to_string(c.trained_continuing)};
    }
  } else {
    std::optional<Coverage> earlier;
    for (const auto& c : ctx.repo.years(req.caller.scope, e.finess_et))
      if (c.year < year) earlier = c;
    if (earlier) {
      for (std::size_t i = 0; i < earlier->categories.size() && i < rows.size(); ++i)
        rows[i] = {earlier->categories[i].name, std::to_string(earlier->categories[i].headcount),
                   "", "", ""};
    } else {
      const auto& names = default_categories();
      for (std::size_t i = 0; i < names.size() && i < rows.size(); ++i) rows[i][0] = names[i];
    }
  }
  std::vector<int> posted_rows = posted ? form_rows(*posted) : std::vector<int>{};
  std::vector<TemplateDictionary*> row_dicts;
  TemplateDictionary* w = req.caller.can_write() ? d.AddSectionDictionary("CAN_WRITE") : nullptr;
  if (w) {
    for (int i = 0; i < kFormRows; ++i) {
      auto* r = w->AddSectionDictionary("ROW");
      r->SetIntValue("I", i);
      r->SetIntValue("N", i + 1);
      r->SetValue("V_NAME", rows[i][0]);
      r->SetValue("V_HEADCOUNT", rows[i][1]);
      r->SetValue("V_TRAINED", rows[i][2]);
      r->SetValue("V_INITIAL", rows[i][3]);
      r->SetValue("V_CONTINUING", rows[i][4]);
      row_dicts.push_back(r);
    }
  } else if (current) {
    d.ShowSection("READ_ONLY");
    for (const auto& c : current->categories) {
      auto* r = d.AddSectionDictionary("RO_ROW");
      r->SetValue("CATEGORY_NAME", c.name);
      r->SetIntValue("HEADCOUNT", c.headcount);
      r->SetIntValue("TRAINED", c.trained);
      r->SetIntValue("INITIAL", c.trained_initial);
      r->SetIntValue("CONTINUING", c.trained_continuing);
      share_into(*r, share_trained(c));
    }
  }
  if (!errors.empty()) {
    d.ShowSection("HAS_ERRORS");
    for (const auto& err : errors) {
      auto* x = d.AddSectionDictionary("ERROR");
      x->SetValue("ANCHOR", anchor(err.field, posted_rows));
      x->SetValue("MESSAGE", page_message(err));
      auto a = anchor(err.field, posted_rows);
      auto us = a.rfind('_');
      if (w && us != std::string::npos && err.field.rfind("categories[", 0) == 0) {
        int row = std::stoi(a.substr(us + 1));
        std::string f = a.substr(0, us);
        for (auto& c : f) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        row_dicts[row]->AddSectionDictionary("ERR_" + f)->SetValue("MSG", page_message(err));
        row_dicts[row]->ShowSection("ROW_ERROR");
      }
    }
  }
  std::string title = "Formation " + std::to_string(year);
  return Response::html(
      http::render_page(
          "training_year.tpl", d,
          registry::page_meta(e, title, {{"Formation", base_url(e)}, {std::to_string(year), ""}})),
      status);
}

Response save_year(Context& ctx, Request& req) {
  int year = detail::year_param(req);
  auto form = form_of(req);
  try {
    ctx.repo.save(req.caller.scope, req.param("finess"), coverage_from_form(year, form),
                  ctx.today(), req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return year_form(ctx, req, 422, &form, err.fields());
  }
  return Response::redirect("/etablissements/" + req.param("finess") + "/formation?enregistre=1");
}

Response campaign_form(Context& ctx, Request& req, int status, const FormFields& posted,
                       const std::vector<FieldError>& errors) {
  auto e = visible(ctx, req);
  http::require(req, Access::edit_records);
  auto get = [&](const std::string& k) {
    auto it = posted.find(k);
    return it == posted.end() ? std::string{} : it->second;
  };
  TemplateDictionary d("training_campaign");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e));
  for (const char* k : {"date", "title", "audience", "targeted", "participants", "emails_sent",
                        "clicks", "credentials", "reports"}) {
    std::string key = k;
    for (auto& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    d.SetValue("V_" + key, get(k));
  }
  std::string kind = get("kind").empty() ? "phishing" : get("kind");
  for (auto k : kCampaignKinds) {
    auto* o = d.AddSectionDictionary("KIND_OPT");
    o->SetValue("VALUE", std::string(kind_name(k)));
    o->SetValue("LABEL", std::string(kind_label(k)));
    if (kind == kind_name(k)) o->ShowSection("SELECTED");
  }
  if (!errors.empty()) {
    d.ShowSection("HAS_ERRORS");
    for (const auto& err : errors) {
      auto* x = d.AddSectionDictionary("ERROR");
      x->SetValue("FIELD", err.field);
      x->SetValue("MESSAGE", page_message(err));
      d.AddSectionDictionary("ERR_" + err.field)->SetValue("MSG", page_message(err));
    }
  }
  return Response::html(http::render_page("training_campaign.tpl", d,
                                          registry::page_meta(e, "Nouvelle campagne",
                                                              {{"Formation", base_url(e)},
                                                               {"Nouvelle campagne", ""}})),
                        status);
}

Response add_campaign(Context& ctx, Request& req) {
  auto form = form_of(req);
  try {
    ctx.repo.add_campaign(req.caller.scope, req.param("finess"), campaign_from_form(form),
                          ctx.today(), req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return campaign_form(ctx, req, 422, form, err.fields());
  }
  return Response::redirect("/etablissements/" + req.param("finess") + "/formation?campagne=1");
}

constexpr const char* kWithdrawAct = "Le retrait d'une campagne de sensibilisation";

// "Retirer la campagne : Hameçonnage de mars": the confirmation page naming it.
Response withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                       const std::string& error) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto c = ctx.repo.campaign(req.caller.scope, e.finess_et, detail::id_param(req));
  http::WithdrawalPage p;
  p.heading = "Retirer la campagne : " + c.title;
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Campagne", c.title},
             {"Date", exports::french_date(c.date)},
             {"Type", std::string(kind_label(c.kind))},
             {"Public", c.audience},
             {"Saisie par", actor_label(c.created_by)}};
  p.act = kWithdrawAct;
  p.consequence = "Retirée, la campagne ne compte plus dans les résultats de sensibilisation.";
  p.already_title = "Cette campagne a déjà été retirée";
  p.action_url = base_url(e) + "/campagnes/" + std::to_string(c.id) + "/retirer";
  p.back_url = base_url(e);
  p.back_label = "Retour à la formation";
  p.current = c.withdrawal;
  p.reason = reason;
  p.error = error;
  return http::withdrawal_page(
      req, p,
      registry::page_meta(e, "Retirer une campagne",
                          {{"Formation", base_url(e)}, {"Retirer une campagne", ""}}, ""),
      status);
}

}  // namespace

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/etablissements/:finess/formation";
  routes.get(base, RouteKind::page, [&ctx](Request& req) { return overview(ctx, req); });
  // Campaign routes first: "campagnes" would otherwise reach the :year routes.
  routes.get(
      base + "/campagnes/nouvelle", RouteKind::page,
      [&ctx](Request& req) { return campaign_form(ctx, req, 200, {}, {}); }, false,
      Access::edit_records);
  routes.post(base + "/campagnes", RouteKind::page,
              [&ctx](Request& req) { return add_campaign(ctx, req); });
  // A campaign is never deleted: withdrawn with a reason after a confirmation page.
  routes.get(
      base + "/campagnes/:id/retirer", RouteKind::page,
      [&ctx](Request& req) { return withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(base + "/campagnes/:id/retirer", RouteKind::page, [&ctx](Request& req) {
    std::int64_t id = 0;
    return http::post_withdrawal(
        req, {kWithdrawAct,
              [&] {
                id = ctx.repo.campaign(req.caller.scope, req.param("finess"),
                                       detail::id_param(req))
                         .id;  // 404
                return true;
              },
              [&](const std::string& reason) {
                ctx.repo.withdraw_campaign(req.caller.scope, req.param("finess"), id, reason,
                                           req.actor());
              },
              [&](int status, const std::string& reason, const std::string& error) {
                return withdraw_page(ctx, req, status, reason, error);
              },
              "/etablissements/" + req.param("finess") + "/formation?retire=1",
              {}});
  });
  routes.get(base + "/:year", RouteKind::page,
             [&ctx](Request& req) { return year_form(ctx, req, 200, nullptr, {}); });
  routes.post(base + "/:year", RouteKind::page,
              [&ctx](Request& req) { return save_year(ctx, req); });
}

}  // namespace carepilot::training
