#include "http/json_body.hpp"

#include <cctype>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/errors.hpp"
#include "common/text.hpp"

namespace carepilot::http {

std::string media_type(const Request& req) {
  std::string ct = req.header("content-type");
  ct = ct.substr(0, ct.find(';'));
  while (!ct.empty() && (ct.back() == ' ' || ct.back() == '\t')) ct.pop_back();
  for (auto& c : ct) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ct;
}

UserError unsupported_media_type(std::initializer_list<std::string_view> accepted) {
  std::string list;
  std::size_t i = 0;
  for (auto t : accepted) {
    list += (i == 0 ? "" : i + 1 == accepted.size() ? " ou " : ", ");
    list += t;
    ++i;
  }
  return UserError(415, "request.unsupported_media_type",
                   "Le corps de la requête doit être au format " + list + ".");
}

void require_known_members(const nlohmann::json& body,
                           std::initializer_list<std::string_view> known) {
  if (!body.is_object())
    throw UserError(400, "request.malformed_json", "Le corps doit être un objet JSON.");
  for (const auto& [k, v] : body.items()) {
    bool found = false;
    for (auto m : known) found = found || m == k;
    if (found) continue;
    std::string list;
    for (auto m : known) list += (list.empty() ? "" : ", ") + std::string(m);
    const std::string message = "« " + k + " » : membre inconnu ; membres : " + list + ".";
    throw UserError(400, "request.unknown_field", message, {{k, "request.unknown_field", message}});
  }
}

nlohmann::json parse_json_body(const Request& req) {
  if (media_type(req) != "application/json") throw unsupported_media_type({"application/json"});
  // JSON is UTF-8 (RFC 8259): a body in Latin-1 is refused with its line, before the parser
  // would answer « JSON invalide à l'octet … ».
  if (const auto fault = first_invalid_utf8(req.body))
    throw UserError(422, "request.invalid_utf8",
                    "Le corps JSON contient, ligne " + std::to_string(fault->line) +
                        ", des caractères qui ne sont pas en UTF-8 (texte en Latin-1 ou "
                        "Windows-1252 ?) : envoyez-le en UTF-8 ; rien n'a été enregistré.");
  // A member written twice ({"kind": "faq", "kind": "offer"}): the parser would keep the last
  // silently; refused for every route, naming the member (issue 20 trial).
  std::vector<std::unordered_set<std::string>> open;
  auto once = [&open](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (event == E::object_start) {
      open.emplace_back();
    } else if (event == E::object_end) {
      if (!open.empty()) open.pop_back();
    } else if (event == E::key && !open.empty() && parsed.is_string()) {
      const auto& k = parsed.get_ref<const std::string&>();
      auto& keys = open.back();
      if (!keys.insert(k).second) {
        const std::string message = "« " + k + " » : membre en double.";
        throw UserError(400, "request.duplicate_member", message,
                        {{k, "request.duplicate_member", message}});
      }
    }
    return true;
  };
  try {
    return nlohmann::json::parse(req.body, once);
  } catch (const nlohmann::json::parse_error& e) {
    throw UserError(400, "request.malformed_json",
                    std::string("JSON invalide à l'octet ") + std::to_string(e.byte) + ".");
  } catch (const nlohmann::json::out_of_range&) {
    // A number beyond a double (1e999): the parser throws out_of_range, not parse_error
    // (found by fuzz/api/fuzz_api_json.cpp).
    throw UserError(400, "request.malformed_json",
                    "JSON invalide : un nombre dépasse les limites représentables.");
  }
}

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace carepilot::http
