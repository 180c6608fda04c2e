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

// Throws UserError 415 (not multipart/form-data) or 400 (malformed body).
std::vector<FormPart> parse_multipart(const Request& req);

}  // namespace carepilot::http
