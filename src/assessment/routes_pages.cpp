#include <ctemplate/template.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "assessment/attachment.hpp"
#include "assessment/routes.hpp"
#include "common/errors.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "http/multipart.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"

namespace carepilot::assessment {

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;

namespace {

std::string french_date(const Date& d) {
  std::string s = format_date(d);
  return s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4);
}

std::string score_text(const std::optional<int>& s) {
  return s ? std::to_string(*s) + " / 100" : "—";
}

std::string base_path(const registry::Establishment& e) {
  return "/etablissements/" + e.finess_et + "/maturite";
}

// An HTML id from a requirement id ("D2.O3.A" -> "D2-O3-A").
std::string html_id(std::string id) {
  for (auto& c : id)
    if (c == '.') c = '-';
  return id;
}

std::vector<std::pair<std::string, std::string>> breadcrumb(const registry::Establishment& e,
                                                            const std::string& last) {
  std::vector<std::pair<std::string, std::string>> b{{"Accueil", "/"},
                                                     {"Établissements", "/etablissements"},
                                                     {e.name, "/etablissements/" + e.finess_et}};
  if (last.empty()) {
    b.emplace_back("Maturité", "");
  } else {
    b.emplace_back("Maturité", base_path(e));
    b.emplace_back(last, "");
  }
  return b;
}

void show_errors(TemplateDictionary& d, const std::vector<FieldError>& errors) {
  if (errors.empty()) return;
  d.ShowSection("HAS_ERRORS");
  for (const auto& err : errors) {
    auto* x = d.AddSectionDictionary("ERROR");
    x->SetValue("FIELD", err.field);
    x->SetValue("MESSAGE", page_message(err));
  }
}

// ---- list ----------------------------------------------------------------------------------

Response list_page(Context& ctx, Request& req, int status, const std::vector<FieldError>& errors) {
  auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
  auto items = ctx.repo.list(req.caller.scope, e.finess_et);
  Date today = ctx.today();
  int current = static_cast<int>(today.year());
  TemplateDictionary d("maturity_list");
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  d.SetValue("FRAMEWORK", default_framework().title);
  if (items.empty())
    d.ShowSection("NO_ASSESSMENT");
  else
    d.ShowSection("HAS_ASSESSMENTS");
  std::set<int> years;
  for (const auto& s : items) {
    years.insert(s.year);
    auto* row = d.AddSectionDictionary("ROW");
    row->SetIntValue("YEAR", s.year);
    row->SetValue("FINESS", e.finess_et);
    row->SetValue("SCORE", score_text(s.score));
    row->SetIntValue("PROGRESS", s.progress);
    if (s.declared) {
      auto* x = row->AddSectionDictionary("DECLARED");
      x->SetValue("DATE", s.declared_date ? french_date(*s.declared_date) : "—");
      x->SetValue("ON", s.declared_on ? french_date(*s.declared_on) : "—");
    } else {
      row->ShowSection("DRAFT");
    }
    auto* c = d.AddSectionDictionary("COMPARE_YEAR");
    c->SetIntValue("YEAR", s.year);
    if (items.size() <= 3 || &s - &items[0] < 2) c->ShowSection("CHECKED");
  }
  if (items.size() >= 2) d.ShowSection("CAN_COMPARE");
  if (req.caller.can_write()) {
    auto* f = d.AddSectionDictionary("START");
    for (int y = current + 1; y >= current - 2; --y) {
      if (years.count(y)) continue;
      auto* o = f->AddSectionDictionary("YEAR_OPT");
      o->SetIntValue("YEAR", y);
      if (y == current) o->ShowSection("SELECTED");
    }
  }
  show_errors(d, errors);
  http::PageMeta meta{"Maturité — " + e.name,
                      "etablissements",
                      breadcrumb(e, ""),
                      req.q("commence") == "1" ? "Autoévaluation commencée." : "",
                      {}};
  return Response::html(http::render_page("maturity_list.tpl", d, meta), status);
}

// ---- questionnaire -------------------------------------------------------------------------

struct Posted {
  std::map<std::string, std::string> values;
  std::string declared_on;
};

Response questionnaire_page(Context& ctx, Request& req, int year, int status,
                            const std::vector<FieldError>& errors, const Posted& posted,
                            const std::string& flash) {
  auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
  auto found = ctx.repo.find(req.caller.scope, e.finess_et, year);
  const auto computed = ctx.repo.computed_statuses(req.caller.scope, e.finess_et);
  Assessment a;
  if (found) {
    a = *found;
  } else {
    a.year = year;
    a.framework_id = default_framework().id;
    a.framework_version = default_framework().version;
  }
  const auto& f = a.framework();
  const Section* section = f.find_section(req.q("section"));
  if (!section && posted.values.count("section"))
    section = f.find_section(posted.values.at("section"));
  if (!section) section = &f.sections.front();
  Score score = a.declaration ? score_from_snapshot(a.declaration->snapshot) : a.score();
  Score live = a.score();
  bool editable = req.caller.can_write() && !a.declared;
  auto paq_done = found ? ctx.repo.paq_requirements(req.caller.scope, e.finess_et, year)
                        : std::set<std::string>{};
  auto unmet = a.unmet();

  TemplateDictionary d("maturity_questionnaire");
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  d.SetIntValue("YEAR", year);
  d.SetValue("BASE", base_path(e) + "/" + std::to_string(year));
  d.SetValue("FRAMEWORK", f.title);
  d.SetIntValue("VERSION", f.version);
  d.SetValue("SECTION_ID", section->id);
  d.SetValue("SECTION_TITLE", section->title);
  d.SetValue("SECTION_REFERENCE", section->reference);
  d.SetIntValue("PROGRESS", live.progress);
  d.SetIntValue("ANSWERED", live.answered);
  d.SetIntValue("TOTAL", live.total);
  d.SetValue("OVERALL", score_text(score.overall));
  d.SetValue("TODAY", format_date(ctx.today()));
  if (!found) d.ShowSection("NOT_STARTED");
  if (a.declaration) {
    auto* x = d.AddSectionDictionary("DECLARED");
    x->SetValue("DATE", french_date(a.declaration->date));
    x->SetValue("ON", french_date(a.declaration->declared_on));
    x->SetIntValue("SCORE", a.declaration->score);
    x->SetValue("DIGEST", a.declaration->digest);
    x->SetValue("BY", actor_label(a.declaration->created_by));
    x->SetValue("FINESS", e.finess_et);
    x->SetIntValue("YEAR", year);
  } else {
    d.ShowSection("DRAFT");
  }
  for (const auto& sc : score.sections) {
    auto* row = d.AddSectionDictionary("SECTION_SCORE");
    row->SetValue("ID", sc.id);
    row->SetValue("TITLE", sc.title);
    row->SetValue("SCORE", score_text(sc.score));
    row->SetIntValue("ANSWERED", sc.answered);
    row->SetIntValue("TOTAL", sc.total);
    row->SetValue("BASE", base_path(e) + "/" + std::to_string(year));
    if (sc.id == section->id) row->ShowSection("CURRENT");
  }
  for (const auto& s : f.sections) {
    auto* tab = d.AddSectionDictionary("SECTION_TAB");
    tab->SetValue("ID", s.id);
    tab->SetValue("TITLE", s.title);
    tab->SetValue("BASE", base_path(e) + "/" + std::to_string(year));
    tab->ShowSection(s.id == section->id ? "CURRENT" : "OTHER");
    // While answers can be edited, changing section saves the open one first (its answers
    // are never lost); otherwise a plain link.
    tab->ShowSection(editable ? "SAVE_AND_GO" : "LINK");
  }
  for (const auto& r : section->requirements) {
    auto* q = d.AddSectionDictionary("REQUIREMENT");
    q->SetValue("ID", r.id);
    q->SetValue("HID", html_id(r.id));
    q->SetValue("TITLE", r.title);
    q->SetValue("REFERENCE", r.reference);
    q->SetValue("BASE", base_path(e) + "/" + std::to_string(year));
    auto it = a.answers.find(r.id);
    std::string chosen;
    std::string comment;
    if (it != a.answers.end()) {
      chosen = it->second.level == kNotApplicable ? "na" : std::to_string(it->second.level);
      comment = it->second.comment;
    }
    if (auto p = posted.values.find("level:" + r.id); p != posted.values.end()) chosen = p->second;
    if (auto p = posted.values.find("comment:" + r.id); p != posted.values.end())
      comment = p->second;
    q->SetValue("ANSWER_LABEL",
                it == a.answers.end() ? "Sans réponse" : f.level_label(it->second.level));
    q->SetValue("COMMENT", comment);
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto& l : f.scale) options.emplace_back(std::to_string(l.level), l.label);
    // One truth: an answer that contradicts the status carepilot computes for the same DNS
    // action, from the evidence, is pointed out.
    if (it != a.answers.end() && !r.obligation.empty() && it->second.level != kNotApplicable) {
      auto st = computed.find(r.obligation);
      if (st != computed.end() && st->second != "not_applicable") {
        const bool says_met = it->second.level >= f.max_level(), is_met = st->second == "met";
        if (says_met != is_met) {
          auto* w = q->AddSectionDictionary("CONTRADICTION");
          w->SetValue("ANSWER", f.level_label(it->second.level));
          w->SetValue("COMPUTED", is_met ? "est satisfaite" : "n'est pas encore satisfaite");
          w->SetValue("COMPLIANCE_URL", "/etablissements/" + e.finess_et + "/conformite");
        }
      }
    }
    // A mandatory action offers no "non applicable" (the save refuses it too).
    if (!r.mandatory) options.emplace_back("na", f.not_applicable_label);
    if (editable) {
      auto* ed = q->AddSectionDictionary("EDIT");
      ed->SetValue("ID", r.id);
      ed->SetValue("HID", html_id(r.id));
      ed->SetValue("COMMENT", comment);
      for (const auto& [v, label] : options) {
        auto* o = ed->AddSectionDictionary("OPTION");
        o->SetValue("ID", r.id);
        o->SetValue("HID", html_id(r.id));
        o->SetValue("VALUE", v);
        o->SetValue("LABEL", label);
        if (v == chosen) o->ShowSection("CHECKED");
      }
    } else {
      auto* ro = q->AddSectionDictionary("READ");
      ro->SetValue("LABEL",
                   it == a.answers.end() ? "Sans réponse" : f.level_label(it->second.level));
      ro->SetValue("COMMENT", comment.empty() ? "—" : comment);
    }
    for (const auto& at : a.attachments) {
      if (at.requirement != r.id) continue;
      auto* x = q->AddSectionDictionary("ATTACHMENT");
      x->SetIntValue("ID", at.id);
      x->SetValue("NAME", at.file_name);
      x->SetValue("SIZE", french_file_size(at.size));
      x->SetValue("BASE", base_path(e) + "/" + std::to_string(year));
      if (editable) x->ShowSection("CAN_DELETE");
    }
    // Withdrawn files stay listed (issue 12): never destroyed, still downloadable.
    for (const auto& at : a.withdrawn_attachments) {
      if (at.requirement != r.id) continue;
      auto* x = q->AddSectionDictionary("WITHDRAWN_ATTACHMENT");
      x->SetIntValue("ID", at.id);
      x->SetValue("NAME", at.file_name);
      x->SetValue("BASE", base_path(e) + "/" + std::to_string(year));
      x->SetValue("AT", paris_datetime(at.withdrawal.at));
      x->SetValue("REASON", at.withdrawal.reason);
    }
    if (editable) {
      auto* up = q->AddSectionDictionary("UPLOAD");
      up->SetValue("ID", r.id);
      up->SetValue("HID", html_id(r.id));
      up->SetValue("BASE", base_path(e) + "/" + std::to_string(year));
    }
    bool is_unmet = std::find(unmet.begin(), unmet.end(), r.id) != unmet.end();
    if (found && is_unmet) {
      if (paq_done.count(r.id)) {
        q->ShowSection("IN_PAQ");
      } else if (req.caller.can_write()) {
        auto* p = q->AddSectionDictionary("TO_PAQ");
        p->SetValue("ID", r.id);
        p->SetValue("BASE", base_path(e) + "/" + std::to_string(year));
      }
    }
  }
  if (editable) d.ShowSection("CAN_EDIT");
  if (editable && found) {
    auto* x = d.AddSectionDictionary("DECLARE");
    x->SetValue("DECLARED_ON",
                posted.declared_on.empty() ? format_date(ctx.today()) : posted.declared_on);
    x->SetValue("TODAY", format_date(ctx.today()));
    x->SetValue("BASE", base_path(e) + "/" + std::to_string(year));
    // What will be declared: the score, and the requirements still without an answer.
    x->SetValue("SCORE", score_text(live.overall));
    TemplateDictionary* missing = nullptr;
    int unanswered = 0;
    for (const auto& s : f.sections)
      for (const auto& r : s.requirements) {
        if (a.answers.count(r.id)) continue;
        if (!missing) missing = x->AddSectionDictionary("UNANSWERED");
        auto* item = missing->AddSectionDictionary("ITEM");
        item->SetValue("ID", r.id);
        item->SetValue("HID", html_id(r.id));
        item->SetValue("TITLE", r.title);
        item->SetValue("SECTION", s.id);
        ++unanswered;
      }
    if (missing)
      missing->SetIntValue("COUNT", unanswered);
    else
      x->ShowSection("ALL_ANSWERED");
  }
  if (found && req.caller.can_write() && !unmet.empty()) {
    auto* x = d.AddSectionDictionary("ALL_TO_PAQ");
    x->SetIntValue("COUNT", static_cast<long>(unmet.size()));
    x->SetValue("BASE", base_path(e) + "/" + std::to_string(year));
  }
  show_errors(d, errors);
  http::PageMeta meta{"Autoévaluation " + std::to_string(year) + " — " + e.name,
                      "etablissements",
                      breadcrumb(e, std::to_string(year)),
                      flash,
                      {}};
  return Response::html(http::render_page("maturity_questionnaire.tpl", d, meta), status);
}

std::string flash_of(const Request& req) {
  std::string f = req.q("ok");
  if (f == "reponses") return "Réponses enregistrées.";
  if (f == "piece") return "Pièce jointe ajoutée.";
  if (f == "piece-retiree") return "Pièce jointe retirée.";
  if (f == "declaree") return "Autoévaluation déclarée : le questionnaire est figé.";
  if (f == "paq") return "Actions ajoutées au plan d'amélioration de la qualité (PAQ).";
  return {};
}

std::string back_url(const Request& req, int year, const std::string& ok,
                     const std::string& section = "") {
  std::string url =
      "/etablissements/" + req.param("finess") + "/maturite/" + std::to_string(year) + "?ok=" + ok;
  if (!section.empty()) url += "&section=" + http::url_encode(section);
  return url;
}

Response redirect_to(const Request& req, int year, const std::string& ok,
                     const std::string& section = "") {
  return Response::redirect(back_url(req, year, ok, section));
}

Response save_section(Context& ctx, Request& req) {
  int year = year_param(req);
  Posted posted;
  for (auto& [k, v] : http::parse_urlencoded(req.body)) posted.values[k] = v;
  std::string section_id = posted.values.count("section") ? posted.values["section"] : "";
  const auto& f = default_framework();
  const Section* section = f.find_section(section_id);
  std::string goto_section;
  if (auto go = posted.values.find("goto"); go != posted.values.end() && f.find_section(go->second))
    goto_section = go->second;
  try {
    if (!section)
      throw UserError::invalid({{"section", "assessment.section_unknown",
                                 "section : partie du questionnaire inconnue."}});
    std::vector<AnswerInput> in;
    for (const auto& r : section->requirements) {
      auto lv = posted.values.find("level:" + r.id);
      if (lv == posted.values.end() || lv->second.empty()) continue;  // not answered: unchanged
      AnswerInput a;
      a.requirement = r.id;
      if (lv->second == "na") {
        a.level = kNotApplicable;
      } else {
        try {
          std::size_t used = 0;
          a.level = std::stoi(lv->second, &used);
          if (used != lv->second.size() || *a.level == kNotApplicable) a.level = 1000;
        } catch (const std::exception&) {
          a.level = 1000;
        }
      }
      if (auto c = posted.values.find("comment:" + r.id); c != posted.values.end())
        a.comment = c->second;
      in.push_back(std::move(a));
    }
    // A section tab submits the form: the answers are saved, then that section opens (with
    // nothing answered, it only opens: no empty draft).
    if (!in.empty() || goto_section.empty())
      ctx.repo.save_answers(req.caller.scope, req.param("finess"), year, in, ctx.today(),
                            req.actor());
    else
      return Response::redirect("/etablissements/" + req.param("finess") + "/maturite/" +
                                std::to_string(year) +
                                "?section=" + http::url_encode(goto_section));
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return questionnaire_page(ctx, req, year, 422, err.fields(), posted, "");
  }
  return redirect_to(req, year, "reponses", goto_section.empty() ? section_id : goto_section);
}

Response upload(Context& ctx, Request& req) {
  int year = year_param(req);
  auto parts = http::parse_multipart(req);
  std::string requirement, file_name, bytes;
  bool has_file = false;
  for (auto& p : parts) {
    if (p.name == "requirement") requirement = p.body;
    if (p.name == "file") {
      has_file = true;
      file_name = p.filename;
      bytes = std::move(p.body);
    }
  }
  const Section* section = default_framework().section_of(requirement);
  try {
    if (!has_file)
      throw UserError::invalid({{"attachment", "assessment.attachment_missing",
                                 "attachment : aucun fichier n'a été joint."}});
    ctx.repo.add_attachment(req.caller.scope, req.param("finess"), year, requirement, file_name,
                            bytes, req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    Posted posted;
    if (section) posted.values["section"] = section->id;
    return questionnaire_page(ctx, req, year, 422, err.fields(), posted, "");
  }
  return redirect_to(req, year, "piece", section ? section->id : "");
}

constexpr const char* kWithdrawAct = "Le retrait d'une pièce jointe";

// The file `id` of the year's assessment (current or withdrawn) and its section id; 404.
std::pair<AttachmentInfo, std::string> find_attachment(Context& ctx, Request& req, int year,
                                                       std::int64_t id) {
  auto a = ctx.repo.find(req.caller.scope, req.param("finess"), year);
  if (a) {
    for (const auto* list : {&a->attachments, &a->withdrawn_attachments})
      for (const auto& at : *list)
        if (at.id == id) {
          const auto* s = a->framework().section_of(at.requirement);
          return {at, s ? s->id : ""};
        }
  }
  throw UserError::not_found("Pièce jointe introuvable.");
}

// "Retirer la pièce jointe pssi.pdf": the confirmation page naming it.
Response withdraw_attachment_page(Context& ctx, Request& req, int status, const std::string& reason,
                                  const std::string& error) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  int year = year_param(req);
  auto [at, section] = find_attachment(ctx, req, year, id_param(req));
  const std::string url = base_path(e) + "/" + std::to_string(year);
  http::WithdrawalPage p;
  p.heading = "Retirer la pièce jointe " + at.file_name;
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Fichier", at.file_name},      {"Autoévaluation", std::to_string(year)},
             {"Exigence", at.requirement},   {"Empreinte SHA-256", at.sha256},
             {"Ajoutée par", at.created_by}, {"Ajoutée le", paris_datetime(at.created_at)}};
  p.act = kWithdrawAct;
  p.consequence =
      "Retirée, la pièce jointe n'accompagne plus la réponse ; le fichier reste "
      "conservé et téléchargeable.";
  p.already_title = "Cette pièce jointe a déjà été retirée";
  p.action_url = url + "/pieces/" + std::to_string(at.id) + "/retirer";
  p.back_url = url + (section.empty() ? "" : "?section=" + http::url_encode(section));
  p.back_label = "Retour au questionnaire";
  p.current = at.withdrawal;
  p.reason = reason;
  p.error = error;
  http::PageMeta meta{"Retirer une pièce jointe — " + e.name,
                      "etablissements",
                      breadcrumb(e, "Retirer une pièce jointe"),
                      "",
                      {}};
  return http::withdrawal_page(req, p, meta, status);
}

Response declare(Context& ctx, Request& req) {
  int year = year_param(req);
  Posted posted;
  for (auto& [k, v] : http::parse_urlencoded(req.body)) posted.values[k] = v;
  posted.declared_on = posted.values["declared_on"];
  ctx.repo.find(req.caller.scope, req.param("finess"), year);  // 404 first
  http::require_second_factor(req, "La déclaration de l'autoévaluation");
  try {
    // Declaring freezes the answers: the form's confirmation box must be ticked.
    if (posted.values["confirme"] != "oui")
      throw UserError::invalid({{"confirme", "assessment.confirmation_required",
                                 "confirme : cochez la case qui confirme la déclaration du "
                                 "score."}});
    DeclarationInput in;
    if (!posted.declared_on.empty()) {
      in.declared_on = parse_date(posted.declared_on);
      if (!in.declared_on)
        throw UserError::invalid(
            {{"declared_on", "assessment.invalid", "declared_on : date AAAA-MM-JJ attendue."}});
    }
    ctx.repo.declare(req.caller.scope, req.param("finess"), year, in, ctx.today(), req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    posted.values.erase("section");
    return questionnaire_page(ctx, req, year, 422, err.fields(), posted, "");
  }
  return redirect_to(req, year, "declaree");
}

Response to_paq(Context& ctx, Request& req) {
  int year = year_param(req);
  std::map<std::string, std::string> form;
  for (auto& [k, v] : http::parse_urlencoded(req.body)) form[k] = v;
  std::vector<std::string> ids;
  if (!form["requirement"].empty()) ids.push_back(form["requirement"]);
  const Section* section = default_framework().section_of(form["requirement"]);
  try {
    ctx.repo.to_paq(req.caller.scope, req.param("finess"), year, ids, ctx.today(), req.actor());
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return questionnaire_page(ctx, req, year, 422, err.fields(), {}, "");
  }
  return redirect_to(req, year, "paq", section ? section->id : "");
}

// ---- comparison ------------------------------------------------------------------------------

std::vector<int> years_param(const Request& req) {
  std::vector<int> years;
  for (const auto& v : req.q_all("annees")) {
    std::stringstream ss(v);
    std::string item;
    while (std::getline(ss, item, ',')) {
      bool ok = item.size() == 4 &&
                std::all_of(item.begin(), item.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!ok)
        throw UserError(400, "request.bad_parameter",
                        "Paramètre annees invalide (années AAAA séparées par des virgules).",
                        {{"annees", "request.bad_parameter", "Années AAAA attendues."}});
      int y = std::stoi(item);
      if (std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
    }
  }
  std::sort(years.begin(), years.end());
  if (years.size() > 6) years.erase(years.begin(), years.end() - 6);
  return years;
}

Response compare_page(Context& ctx, Request& req) {
  auto e = ctx.repo.visible(req.caller.scope, req.param("finess"));
  auto years = years_param(req);
  if (years.empty())
    for (const auto& s : ctx.repo.list(req.caller.scope, e.finess_et)) years.push_back(s.year);
  std::sort(years.begin(), years.end());
  if (years.size() > 6) years.erase(years.begin(), years.end() - 6);
  auto data = ctx.repo.compare(req.caller.scope, e.finess_et, years);
  TemplateDictionary d("maturity_compare");
  d.SetValue("NAME", e.name);
  d.SetValue("FINESS", e.finess_et);
  if (data.empty())
    d.ShowSection("NO_DATA");
  else
    d.ShowSection("HAS_DATA");
  static const char* kColors[] = {"#6a6af4", "#000091", "#18753c", "#b34000", "#ce0500", "#666666"};
  for (std::size_t i = 0; i < data.size(); ++i) {
    auto* h = d.AddSectionDictionary("YEAR_HEAD");
    h->SetIntValue("YEAR", data[i].year);
    h->SetValue("STATUS", data[i].declared ? "déclarée" : "brouillon");
    if (i > 0) h->ShowSection("DELTA_HEAD");
    auto* l = d.AddSectionDictionary("LEGEND");
    l->SetIntValue("YEAR", data[i].year);
    l->SetValue("COLOR", kColors[i % 6]);
    l->SetIntValue("Y", 20 + static_cast<long>(i) * 18);
    l->SetIntValue("TY", 32 + static_cast<long>(i) * 18);
  }
  // Rows: every section of any compared year (framework order of the first), then overall.
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& y : data)
    for (const auto& s : y.score.sections)
      if (std::none_of(rows.begin(), rows.end(), [&](const auto& r) { return r.first == s.id; }))
        rows.emplace_back(s.id, s.title);
  auto value = [&](const YearScores& y, const std::string& id) -> std::optional<int> {
    if (id.empty()) return y.score.overall;
    for (const auto& s : y.score.sections)
      if (s.id == id) return s.score;
    return std::nullopt;
  };
  rows.emplace_back("", "Score global");
  constexpr int kBarWidth = 14, kGroupGap = 24, kChartHeight = 200, kTop = 10;
  int group_width = static_cast<int>(data.size()) * kBarWidth + kGroupGap;
  int x0 = 40;
  std::string alt;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& [id, title] = rows[r];
    auto* row = d.AddSectionDictionary("ROW");
    row->SetValue("ID", id.empty() ? "global" : id);
    row->SetValue("TITLE", title);
    if (id.empty()) row->ShowSection("OVERALL");
    auto* g = d.AddSectionDictionary("GROUP");
    g->SetValue("LABEL", id.empty() ? "Global" : id);
    g->SetIntValue("LABEL_X", x0 + static_cast<long>(r) * group_width +
                                  static_cast<int>(data.size()) * kBarWidth / 2);
    g->SetIntValue("LABEL_Y", kTop + kChartHeight + 16);
    alt += (alt.empty() ? "" : " ; ") + (id.empty() ? std::string("global") : id) + " :";
    std::optional<int> prev;
    for (std::size_t i = 0; i < data.size(); ++i) {
      auto v = value(data[i], id);
      auto* c = row->AddSectionDictionary("CELL");
      c->SetValue("VALUE", v ? std::to_string(*v) : "—");
      if (i > 0) {
        auto* dl = c->AddSectionDictionary("DELTA");
        if (v && prev) {
          int delta = *v - *prev;
          dl->SetValue("TEXT", (delta > 0 ? "+" : "") + std::to_string(delta));
          dl->SetValue("CLASS", delta > 0 ? "success" : delta < 0 ? "error" : "info");
        } else {
          dl->SetValue("TEXT", "—");
          dl->SetValue("CLASS", "info");
        }
      }
      alt += " " + std::to_string(data[i].year) + " " + (v ? std::to_string(*v) : "—");
      prev = v;
      auto* bar = g->AddSectionDictionary("BAR");
      int h = v ? *v * kChartHeight / 100 : 0;
      bar->SetIntValue("X",
                       x0 + static_cast<long>(r) * group_width + static_cast<long>(i) * kBarWidth);
      bar->SetIntValue("Y", kTop + kChartHeight - h);
      bar->SetIntValue("W", kBarWidth - 2);
      bar->SetIntValue("H", h);
      bar->SetValue("COLOR", kColors[i % 6]);
      bar->SetValue("TITLE", std::to_string(data[i].year) + " : " + (v ? std::to_string(*v) : "—"));
    }
  }
  int width = x0 + static_cast<int>(rows.size()) * group_width + 80;
  d.SetIntValue("SVG_WIDTH", width);
  d.SetIntValue("SVG_HEIGHT", kTop + kChartHeight + 30);
  d.SetIntValue("AXIS_Y", kTop + kChartHeight);
  d.SetIntValue("AXIS_TOP", kTop);
  d.SetIntValue("AXIS_MID", kTop + kChartHeight / 2);
  d.SetIntValue("AXIS_X2", width - 80);
  d.SetIntValue("LEGEND_X", width - 70);
  d.SetIntValue("LEGEND_TX", width - 54);
  d.SetValue("ALT", "Scores par partie et par année —" + alt);
  http::PageMeta meta{"Comparaison des autoévaluations — " + e.name,
                      "etablissements",
                      breadcrumb(e, "Comparer"),
                      {},
                      {}};
  return Response::html(http::render_page("maturity_compare.tpl", d, meta));
}

}  // namespace

void add_page_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/etablissements/:finess/maturite";
  routes.get(base, RouteKind::page, [&ctx](Request& req) { return list_page(ctx, req, 200, {}); });
  routes.post(base, RouteKind::page, [&ctx](Request& req) {
    std::map<std::string, std::string> form;
    for (auto& [k, v] : http::parse_urlencoded(req.body)) form[k] = v;
    int year = 0;
    try {
      const auto& y = form["annee"];
      if (y.size() != 4 ||
          !std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw UserError::invalid(
            {{"year", "assessment.year_invalid", "year : année AAAA attendue."}});
      year = std::stoi(y);
      ctx.repo.start(req.caller.scope, req.param("finess"), year, form["reprendre"] == "1",
                     ctx.today(), req.actor());
    } catch (const UserError& err) {
      if (err.status() != 422) throw;
      return list_page(ctx, req, 422, err.fields());
    }
    return Response::redirect("/etablissements/" + req.param("finess") + "/maturite/" +
                              std::to_string(year));
  });
  // Registered before /:year so that "comparer" is not taken for a year.
  routes.get(base + "/comparer", RouteKind::page,
             [&ctx](Request& req) { return compare_page(ctx, req); });
  routes.get(base + "/:year", RouteKind::page, [&ctx](Request& req) {
    return questionnaire_page(ctx, req, year_param(req), 200, {}, {}, flash_of(req));
  });
  routes.post(base + "/:year/reponses", RouteKind::page,
              [&ctx](Request& req) { return save_section(ctx, req); });
  routes.post(
      base + "/:year/pieces", RouteKind::page, [&ctx](Request& req) { return upload(ctx, req); },
      kMaxAttachmentBytes + (1u << 20));
  routes.get(base + "/:year/pieces/:id", RouteKind::page, [&ctx](Request& req) {
    auto file =
        ctx.repo.attachment(req.caller.scope, req.param("finess"), year_param(req), id_param(req));
    return Response::text(std::move(file.bytes), file.info.content_type)
        .header("Content-Disposition", content_disposition(file.info.file_name));
  });
  // A file is never deleted: withdrawn with a reason after a confirmation page naming it.
  routes.get(
      base + "/:year/pieces/:id/retirer", RouteKind::page,
      [&ctx](Request& req) { return withdraw_attachment_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(base + "/:year/pieces/:id/retirer", RouteKind::page, [&ctx](Request& req) {
    const int year = year_param(req);
    const auto id = id_param(req);
    const auto found = find_attachment(ctx, req, year, id);  // 404
    return http::post_withdrawal(
        req, {kWithdrawAct,
              {},
              [&](const std::string& reason) {
                ctx.repo.withdraw_attachment(req.caller.scope, req.param("finess"), year, id,
                                             reason, req.actor());
              },
              [&](int status, const std::string& reason, const std::string& error) {
                return withdraw_attachment_page(ctx, req, status, reason, error);
              },
              back_url(req, year, "piece-retiree", found.second),
              [](const UserError& err) { return err.code() == "assessment.declared"; }});
  });
  routes.post(base + "/:year/declaration", RouteKind::page,
              [&ctx](Request& req) { return declare(ctx, req); });
  routes.post(base + "/:year/paq", RouteKind::page,
              [&ctx](Request& req) { return to_paq(ctx, req); });
}

}  // namespace carepilot::assessment
