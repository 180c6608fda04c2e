#include "http/json_numbers.hpp"

#include <string>

#include "common/errors.hpp"
#include "common/labels.hpp"

namespace carepilot::http {

void require_numbers(const nlohmann::json& body, std::initializer_list<const char*> keys) {
  if (!body.is_object()) return;
  for (const char* k : keys)
    if (body.contains(k) && body[k].is_string()) {
      const std::string message =
          std::string(field_label(k)) + " : un nombre est attendu, pas un texte entre guillemets.";
      throw UserError(400, "request.bad_parameter", message,
                      {{k, "request.bad_parameter", message}});
    }
}

void require_strings(const nlohmann::json& body, std::initializer_list<const char*> keys) {
  if (!body.is_object()) return;
  for (const char* k : keys)
    if (body.contains(k) && !body[k].is_null() && !body[k].is_string()) {
      const std::string message = std::string(field_label(k)) +
                                  " : un texte entre guillemets est attendu (une date s'écrit "
                                  "\"AAAA-MM-JJ\").";
      throw UserError(400, "request.bad_parameter", message,
                      {{k, "request.bad_parameter", message}});
    }
}

}  // namespace carepilot::http
