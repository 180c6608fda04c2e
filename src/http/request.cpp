#include "http/request.hpp"

#include <restinio/uri_helpers.hpp>

#include "common/errors.hpp"

namespace carepilot::http {

std::string Request::q(const std::string& key) const {
  for (const auto& [k, v] : query)
    if (k == key) return v;
  return {};
}

std::vector<std::string> Request::q_all(const std::string& key) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : query)
    if (k == key) out.push_back(v);
  return out;
}

std::string Request::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string{} : it->second;
}

std::map<std::string, std::string> form_fields(const Request& req) {
  std::map<std::string, std::string> f;
  for (auto& [k, v] : parse_urlencoded(req.body)) f.emplace(k, v);
  return f;
}

std::string field(const std::map<std::string, std::string>& fields, const std::string& key) {
  auto it = fields.find(key);
  return it == fields.end() ? std::string{} : it->second;
}

void require(const Request& req, Access a) {
  if (!req.caller.can(a))
    throw UserError(403, "auth.forbidden", "Votre rôle ne permet pas cette action.");
}

void require_second_factor(const Request& req, const std::string& act) {
  if (req.caller.second_factor) return;
  throw UserError(403, "auth.second_factor_required",
                  act +
                      " demande la double authentification : activez-la dans « Mon compte », "
                      "puis reconnectez-vous.");
}

std::string Request::param(const std::string& key) const {
  auto it = params.find(key);
  return it == params.end() ? std::string{} : it->second;
}

Response Response::html(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::json(const std::string& body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body;
  return r;
}

Response Response::text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response Response::redirect(const std::string& location, int status) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Location", location);
  return r;
}

std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  auto parsed = restinio::try_parse_query<restinio::parse_query_traits::x_www_form_urlencoded>(
      restinio::string_view_t(text.data(), text.size()));
  if (!parsed) {
    parsed = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(
        restinio::string_view_t(text.data(), text.size()));
    if (!parsed)
      throw UserError(400, "request.malformed_form", "Encodage de formulaire ou d'URL invalide.");
  }
  for (const auto& [k, v] : *parsed) out.emplace_back(std::string(k), std::string(v));
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '*') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 15]);
    }
  }
  return out;
}

}  // namespace carepilot::http
