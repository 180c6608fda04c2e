#include "http/request.hpp"

#include <restinio/uri_helpers.hpp>

#include <optional>

#include "common/errors.hpp"
#include "common/text.hpp"

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

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// The name shown for a key that is itself not UTF-8: its valid part.
std::string printable_key(const std::string& key) {
  std::string out;
  for (char c : key)
    if (static_cast<unsigned char>(c) < 0x80) out.push_back(c);
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding of one name or value, any byte allowed ('+' is a space); nullopt on a bad
// escape.
std::optional<std::string> unescape_any(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%') {
      const int hi = i + 1 < s.size() ? hex_digit(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? hex_digit(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The pairs of a form or query whose escapes are well formed but whose bytes may not be
// UTF-8 (RESTinio refuses those without saying which field); nullopt when malformed.
std::optional<Pairs> decode_any_bytes(std::string_view text) {
  Pairs out;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find('&', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view piece = text.substr(at, end - at);
    if (!piece.empty()) {
      const std::size_t eq = piece.find('=');
      auto k = unescape_any(piece.substr(0, eq));
      auto v = eq == std::string_view::npos ? std::optional<std::string>("")
                                            : unescape_any(piece.substr(eq + 1));
      if (!k || !v) return std::nullopt;
      out.emplace_back(std::move(*k), std::move(*v));
    }
    at = end + 1;
  }
  return out;
}

// RESTinio's parse (strict, then relaxed); when both refuse, the first field that is not
// UTF-8 is thrown by `not_utf8`, anything else is 400 request.malformed_form.
template <typename NotUtf8>
Pairs decode_urlencoded(std::string_view text, NotUtf8 not_utf8) {
  Pairs out;
  auto parsed = restinio::try_parse_query<restinio::parse_query_traits::x_www_form_urlencoded>(
      restinio::string_view_t(text.data(), text.size()));
  if (!parsed) {
    parsed = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(
        restinio::string_view_t(text.data(), text.size()));
    if (!parsed) {
      if (auto any = decode_any_bytes(text))
        for (const auto& [k, v] : *any)
          if (!valid_utf8(k) || !valid_utf8(v)) not_utf8(k);
      throw UserError(400, "request.malformed_form", "Encodage de formulaire ou d'URL invalide.");
    }
  }
  for (const auto& [k, v] : *parsed) out.emplace_back(std::string(k), std::string(v));
  return out;
}

}  // namespace

UserError text_not_utf8(const std::string& field) {
  const std::string message =
      field +
      " : le texte contient des caractères qui ne sont pas en UTF-8 (envoyé depuis une page ou "
      "un outil en Latin-1 ou Windows-1252 ?) ; vérifiez-le et envoyez-le de nouveau, rien "
      "n'a été enregistré.";
  return UserError(422, "request.invalid_utf8", message,
                   {{field, "request.invalid_utf8", message}});
}

std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view text) {
  auto refuse = [](const std::string& key) { throw text_not_utf8(printable_key(key)); };
  auto out = decode_urlencoded(text, refuse);
  for (const auto& [k, v] : out)
    if (!valid_utf8(k) || !valid_utf8(v)) refuse(k);
  return out;
}

PageForm read_page_form(std::string_view text) {
  PageForm out;
  try {
    out.pairs = parse_urlencoded(text);
    return out;
  } catch (const UserError& err) {
    if (err.code() != "request.invalid_utf8") throw;
  }
  auto any = decode_any_bytes(text);
  if (!any)
    throw UserError(400, "request.malformed_form", "Encodage de formulaire ou d'URL invalide.");
  for (auto& [k, v] : *any) {
    const bool bad = !valid_utf8(k) || !valid_utf8(v);
    if (bad) {
      const auto refusal = text_not_utf8(printable_key(k));
      out.not_utf8.insert(out.not_utf8.end(), refusal.fields().begin(), refusal.fields().end());
    }
    auto key = valid_utf8(k) ? k : to_utf8(k, "WINDOWS-1252").value_or(printable_key(k));
    auto value = valid_utf8(v) ? v : to_utf8(v, "WINDOWS-1252").value_or(std::string{});
    out.pairs.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

std::string urlencoded_value_any_bytes(std::string_view text, std::string_view key) {
  if (auto any = decode_any_bytes(text))
    for (const auto& [k, v] : *any)
      if (k == key) return v;
  return {};
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view text) {
  auto refuse = [](const std::string& k) {
    const std::string key = printable_key(k);
    const std::string message =
        key + " : le paramètre contient des caractères qui ne sont pas en UTF-8.";
    throw UserError(400, "request.bad_parameter", message,
                    {{key, "request.bad_parameter", message}});
  };
  auto out = decode_urlencoded(text, refuse);
  for (const auto& [k, v] : out)
    if (!valid_utf8(k) || !valid_utf8(v)) refuse(k);
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
