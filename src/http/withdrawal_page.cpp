#include "http/withdrawal_page.hpp"

#include "common/errors.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "http/json_body.hpp"

namespace carepilot::http {

std::string withdrawal_reason_from_json(const Request& req) {
  nlohmann::json body = req.body.empty() ? nlohmann::json::object() : parse_json_body(req);
  if (!body.is_object())
    throw UserError(400, "request.malformed_json",
                    "Un objet JSON {\"reason\": \"…\"} est attendu.");
  if (auto it = body.find("reason"); it != body.end() && it->is_string())
    return it->get<std::string>();
  return {};
}

Response withdrawal_page(const Request& req, const WithdrawalPage& p, const PageMeta& meta,
                         int status) {
  ctemplate::TemplateDictionary d("withdraw_confirm");
  d.SetValue("HEADING", p.heading);
  d.SetValue("NAME", p.name);
  d.SetValue("FINESS", p.finess);
  for (const auto& [label, value] : p.facts) {
    auto* f = d.AddSectionDictionary("FACT");
    f->SetValue("LABEL", label);
    f->SetValue("VALUE", value.empty() ? "—" : value);
  }
  d.SetValue("ACT", p.act);
  d.SetValue("BACK_URL", p.back_url);
  d.SetValue("BACK_LABEL", p.back_label);
  const bool no_form = p.current.withdrawn() || !p.nothing.empty() || !req.caller.second_factor;
  if (!p.nothing.empty()) {
    d.AddSectionDictionary("NOTHING")->SetValue("MESSAGE", p.nothing);
  } else if (p.current.withdrawn()) {
    auto* w = d.AddSectionDictionary("ALREADY");
    w->SetValue("ALREADY_TITLE", p.already_title);
    w->SetValue("WITHDRAWN_AT", paris_datetime(p.current.at));
    w->SetValue("WITHDRAWN_BY", actor_label(p.current.by));
    w->SetValue("REASON", p.current.reason);
  } else if (!req.caller.second_factor) {
    d.ShowSection("NO_SECOND_FACTOR");
  } else {
    auto* f = d.AddSectionDictionary("FORM");
    f->SetValue("CONSEQUENCE", p.consequence);
    f->SetValue("KEPT", p.kept.empty()
                            ? "Rien n'est jamais supprimé : l'objet retiré reste visible "
                              "dans la section des éléments retirés et dans le journal, "
                              "avec le motif indiqué."
                            : p.kept);
    f->SetValue("EXAMPLES", p.examples.empty()
                                ? "Par exemple : saisie erronée, doublon, action abandonnée."
                                : p.examples);
    f->SetValue("ACTION_URL", p.action_url);
    f->SetValue("BACK_URL", p.back_url);
    f->SetValue("REASON", p.reason);
    f->SetIntValue("MAX", static_cast<long>(kMaxWithdrawalReasonBytes));
    if (!p.error.empty()) {
      f->ShowSection("INVALID");
      f->SetValue("ERROR_MESSAGE", p.error);
    }
  }
  if (no_form) d.ShowSection("BACK");
  return Response::html(render_page("withdraw_confirm.tpl", d, meta), status);
}

Response post_withdrawal(const Request& req, const WithdrawalPost& w) {
  std::string reason;
  // A reason typed in a page or a tool in Latin-1 / Windows-1252 (issue 19 trial: a bare
  // « Données invalides », the text lost): read as Windows-1252, shown again with the refusal
  // naming « Motif du retrait »; nothing withdrawn.
  auto form = read_page_form(req.body);  // 400: the request
  for (auto& [k, v] : form.pairs)
    if (k == "motif") reason = v;
  if (w.current && !w.current()) return w.page(409, reason, "");  // 404, or withdrawn meanwhile
  require_second_factor(req, w.act);                              // 403
  if (!form.not_utf8.empty()) return w.page(422, reason, page_message(form.not_utf8.front()));
  try {
    w.withdraw(reason);
  } catch (const UserError& err) {
    if (err.status() != 422 || (w.rethrow && w.rethrow(err))) throw;
    return w.page(422, reason, err.fields().empty() ? err.what() : err.fields().front().message);
  }
  return Response::redirect(w.done_url);
}

}  // namespace carepilot::http
