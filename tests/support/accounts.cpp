#include "accounts.hpp"

#include "auth/accounts.hpp"
#include "auth/totp.hpp"
#include "http/request.hpp"

namespace carepilot::testing {

auth::User make_user(TestServer& srv, const std::string& email, Role role, const Scope& scope,
                     bool totp) {
  auto& store = srv.app().auth_store();
  auto u = auth::create_account(store, email, kTestPassword, role, scope, auth::minimal_hash_cost(),
                                Actor{"test", "", ""});
  if (totp) {
    auto before = u;
    u.totp_secret = auth::new_totp_secret();
    u.totp_enabled = true;
    store.update_user(before, u, "test: second factor", Actor{"test", "", ""});
  }
  return u;
}

Session session_for(TestServer& srv, const auth::User& u) {
  auto& store = srv.app().auth_store();
  auto raw = store.create_session(u.id, true, "127.0.0.1", srv.app().auth().auth.now());
  return {std::string(auth::kSessionCookie) + "=" + raw, store.session(raw)->csrf, ""};
}

auth::User act_as(TestServer& srv, Role role, const Scope& scope, const std::string& email,
                  bool totp) {
  auto u = make_user(srv, email, role, scope, totp);
  auto s = session_for(srv, u);
  srv.default_headers({"Cookie: " + s.cookie, "X-CSRF-Token: " + s.csrf});
  return u;
}

std::string session_cookie_of(const HttpResult& r) {
  auto v = r.header("set-cookie");
  auto semi = v.find(';');
  return semi == std::string::npos ? v : v.substr(0, semi);
}

std::optional<Session> sign_in(TestServer& srv, const std::string& email,
                               const std::string& password, const std::string& totp_code) {
  auto r = srv.send("POST", "/connexion",
                    "email=" + http::url_encode(email) + "&password=" + http::url_encode(password),
                    "application/x-www-form-urlencoded");
  if (r.status != 303) return std::nullopt;
  std::string cookie = session_cookie_of(r);
  auto raw = cookie.substr(cookie.find('=') + 1);
  if (r.header("location").rfind("/connexion/", 0) == 0) {
    auto s = srv.app().auth_store().session(raw);
    if (!s) return std::nullopt;
    auto r2 = srv.send("POST", "/connexion/code", "code=" + totp_code,
                       "application/x-www-form-urlencoded",
                       {"Cookie: " + cookie, "X-CSRF-Token: " + s->csrf});
    if (r2.status != 303) return std::nullopt;
    cookie = session_cookie_of(r2);
    raw = cookie.substr(cookie.find('=') + 1);
  }
  auto s = srv.app().auth_store().session(raw);
  if (!s || !s->full) return std::nullopt;
  return Session{cookie, s->csrf, ""};
}

HttpResult call(TestServer& srv, const Session& s, const std::string& method,
                const std::string& path, const std::string& body, const std::string& content_type) {
  std::vector<std::string> headers;
  if (!s.bearer.empty()) headers.push_back("Authorization: " + s.bearer);
  if (!s.cookie.empty()) headers.push_back("Cookie: " + s.cookie);
  if (method != "GET" && !s.csrf.empty()) headers.push_back("X-CSRF-Token: " + s.csrf);
  if (method == "GET") return srv.get(path, headers);
  return srv.send(method, path, body, content_type, headers);
}

}  // namespace carepilot::testing
