// multipart/form-data bodies (file uploads), parsed with RESTinio's helpers.
#pragma once

#include <string>
#include <vector>

#include "http/request.hpp"

namespace carepilot::http {

struct FormPart {
  std::string name;
  std::string filename;  // empty for a plain field
  std::string content_type;
  std::string body;
};

// Throws UserError 415 (not multipart/form-data), 400 (malformed body) or 422
// request.invalid_utf8 (http::text_not_utf8) when a text field (a part without a file name)
// is not UTF-8; file parts are returned as sent. TextCheck::none leaves text fields unchecked:
// only for a check that runs before the module (the CSRF token), which then names the field.
enum class TextCheck { utf8, none };
std::vector<FormPart> parse_multipart(const Request& req, TextCheck check = TextCheck::utf8);

}  // namespace carepilot::http
