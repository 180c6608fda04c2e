// Reading a JSON request body: checks the media type, parses with nlohmann/json and maps
// failures to stable API errors (415 request.unsupported_media_type, 400 request.malformed_json).
#pragma once

#include <nlohmann/json.hpp>

#include "http/request.hpp"

namespace carepilot::http {

nlohmann::json parse_json_body(const Request& req);
// Serialises for a response (invalid UTF-8 replaced rather than thrown).
std::string dump(const nlohmann::json& j);

}  // namespace carepilot::http
