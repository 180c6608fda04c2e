// Turning a UserError (or any failure) into a response: a JSON body with a stable code on
// the API, a French DSFR page elsewhere.
#pragma once

#include "common/errors.hpp"
#include "http/request.hpp"

namespace carepilot::http {

// {"error": {"code", "message", "status", "fields": [{"field","code","message"}], "request_id"}}
std::string json_error_body(const UserError& e, const std::string& request_id);
Response api_error(const UserError& e, const Request& req);
Response page_error(const UserError& e, const Request& req);
// Chooses by route kind: API paths (/api/) get JSON, others a page.
Response error_response(const UserError& e, const Request& req);

}  // namespace carepilot::http
