#include "http/errors.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "http/templates.hpp"

namespace carepilot::http {

namespace {

// The message of an answer: with several faulty fields and the first one's message as the
// error's (UserError::invalid), every field's message by its label, in order (issue 17
// trial: a `{}` body named one field of four). Otherwise the error's own message.
std::string answer_message(const UserError& e) {
  const auto& fields = e.fields();
  if (fields.size() < 2 || fields.front().message != e.what()) return e.what();
  std::string out;
  std::vector<std::string> seen;
  for (const auto& f : fields) {
    std::string m = page_message(f);
    if (m.empty() || std::find(seen.begin(), seen.end(), m) != seen.end()) continue;
    seen.push_back(m);
    if (!out.empty()) out += (out.back() == '.' ? " " : ". ");
    out += m;
  }
  return out;
}

}  // namespace

std::string json_error_body(const UserError& e, const std::string& request_id) {
  nlohmann::json j;
  j["error"]["code"] = e.code();
  j["error"]["message"] = answer_message(e);
  j["error"]["status"] = e.status();
  if (!request_id.empty()) j["error"]["request_id"] = request_id;
  auto fields = nlohmann::json::array();
  for (const auto& f : e.fields())
    fields.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
  j["error"]["fields"] = fields;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response api_error(const UserError& e, const Request& req) {
  return Response::json(json_error_body(e, req.request_id), e.status());
}

Response page_error(const UserError& e, const Request& req) {
  (void)req;
  ctemplate::TemplateDictionary dict("error");
  const char* heading = "Une erreur est survenue";
  switch (e.status()) {
    case 400:
      heading = "Requête invalide";
      break;
    case 403:
      heading = "Accès refusé";
      break;
    case 404:
      heading = "Page non trouvée";
      break;
    case 405:
      heading = "Méthode non autorisée";
      break;
    case 409:
      heading = "Conflit";
      break;
    case 413:
      heading = "Envoi trop volumineux";
      break;
    case 415:
      heading = "Format non pris en charge";
      break;
    case 422:
      heading = "Données invalides";
      break;
    case 503:
      heading = "Service indisponible";
      break;
    default:
      break;
  }
  dict.SetValue("HEADING", heading);
  dict.SetIntValue("STATUS", e.status());
  // A page names a field by its label, never by its key (the API keeps the key).
  const std::string message = e.fields().empty() ? french_dates_in(e.what())
                              : e.code() == "request.invalid_utf8"
                                  ? page_message(e.fields().front())
                                  : page_message(e.fields().front().field, e.what());
  dict.SetValue("MESSAGE", message);
  // An act that needs the second factor: the way to enrol, not a bare refusal.
  if (e.code() == "auth.second_factor_required") {
    dict.ShowSection("SECOND_FACTOR");
    heading = "Double authentification nécessaire";
    dict.SetValue("HEADING", heading);
  }
  // The fields' messages, each once and not again when the lead already says it.
  std::vector<std::string> listed;
  for (const auto& f : e.fields())
    if (auto m = page_message(f);
        m != message && std::find(listed.begin(), listed.end(), m) == listed.end())
      listed.push_back(std::move(m));
  if (!listed.empty()) {
    dict.ShowSection("HAS_FIELDS");
    for (const auto& m : listed) dict.AddSectionDictionary("FIELD")->SetValue("MESSAGE", m);
  }
  PageMeta meta;
  meta.title = heading;
  return Response::html(render_page("error.tpl", dict, meta), e.status());
}

Response error_response(const UserError& e, const Request& req) {
  if (req.path.rfind("/api/", 0) == 0) return api_error(e, req);
  return page_error(e, req);
}

}  // namespace carepilot::http
