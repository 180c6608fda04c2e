// Reading a request body: its media type, the 415 naming every type a route accepts, and a
// JSON body parsed with nlohmann/json, failures mapped to stable API errors
// (415 request.unsupported_media_type, 400 request.malformed_json).
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/errors.hpp"
#include "http/request.hpp"

namespace carepilot::http {

// The Content-Type without its parameters, in lower case: "multipart/form-data"; "" when the
// request has none.
std::string media_type(const Request& req);
// 415 request.unsupported_media_type naming every type the route accepts, in its order:
// « Le corps de la requête doit être au format multipart/form-data ou application/json. »
UserError unsupported_media_type(std::initializer_list<std::string_view> accepted);

// A JSON body: 415 unless the media type is application/json, 422 request.invalid_utf8 (with
// the line) when it is not UTF-8, 400 when malformed.
nlohmann::json parse_json_body(const Request& req);
// A JSON object whose members are all in `known`: 400 request.malformed_json when not an
// object, 400 request.unknown_field naming the first other member (fields[0].field) and listing
// the known ones. A typo must not be ignored: `done` for `done_on` would store a step as not
// done and answer 200.
void require_known_members(const nlohmann::json& body,
                           std::initializer_list<std::string_view> known);
// Serialises for a response (invalid UTF-8 replaced rather than thrown).
std::string dump(const nlohmann::json& j);

}  // namespace carepilot::http
