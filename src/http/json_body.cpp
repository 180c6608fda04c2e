#include "http/json_body.hpp"

#include "common/errors.hpp"

namespace carepilot::http {

nlohmann::json parse_json_body(const Request& req) {
  std::string ct = req.header("content-type");
  if (ct.rfind("application/json", 0) != 0)
    throw UserError(415, "request.unsupported_media_type",
                    "Le corps de la requête doit être au format application/json.");
  try {
    return nlohmann::json::parse(req.body);
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
