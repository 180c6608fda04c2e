// The HTTP request and response as handlers see them, independent of the server library.
// web/ converts from and to RESTinio; feature modules only know these types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/actor.hpp"
#include "common/role.hpp"
#include "common/scope.hpp"

namespace carepilot::http {

// Who is calling, as the authentication middleware established it. Without an
// authentication hook (unit tests of handlers) the caller is a national administrator.
struct Caller {
  Scope scope = Scope::nation();
  Role role = Role::national_admin;
  bool signed_in = true;
  std::string user;           // e-mail, empty when anonymous
  std::int64_t user_id = 0;   // 0 when anonymous
  std::string session_token;  // the session's id digest, empty for API tokens
  std::string csrf;           // the session's CSRF token, for forms
  bool via_api_token = false;
  bool second_factor_pending = false;  // password checked, second factor still to pass

  bool can(Access a) const { return a == Access::open || (signed_in && role_allows(role, a)); }
  // Can change the establishment's records (evidence, exercises, PAQ, …).
  bool can_write() const { return can(Access::edit_records); }
};

struct Request {
  std::string method;                                      // upper case
  std::string path;                                        // without the query string
  std::map<std::string, std::string> params;               // route parameters
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // names in lower case
  std::string body;
  std::string request_id;
  std::string remote;
  Caller caller;

  // First value of a query parameter ("" when absent).
  std::string q(const std::string& key) const;
  std::vector<std::string> q_all(const std::string& key) const;
  std::string header(const std::string& lower_name) const;
  std::string param(const std::string& key) const;
  // Who is acting, for the audit trail.
  Actor actor() const { return {caller.user, remote, request_id}; }
};

// Throws UserError 403 "auth.forbidden" when the caller's role does not grant `a`.
// Routes declare their Access and the server checks it; handlers call this for a finer
// check (one action of a page that otherwise only reads).
void require(const Request& req, Access a);

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string file;  // when set, the server sends this file instead of body

  static Response html(std::string body, int status = 200);
  static Response json(const std::string& body, int status = 200);
  static Response text(std::string body, std::string content_type, int status = 200);
  static Response redirect(const std::string& location, int status = 303);
  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// application/x-www-form-urlencoded (query strings and form bodies); '+' is a space.
// Throws UserError(400, "request.malformed_form") on bad percent-encoding.
std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view text);

// The fields of a request's url-encoded form body: the first value of each name.
std::map<std::string, std::string> form_fields(const Request& req);
// The value of `key` in `fields` ("" when absent).
std::string field(const std::map<std::string, std::string>& fields, const std::string& key);

// Percent-encodes a query parameter value.
std::string url_encode(std::string_view s);

}  // namespace carepilot::http
