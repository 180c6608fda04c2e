// Throttles and account flows not covered elsewhere (issue 23, point 6): the per-address
// sign-in throttle, the second factor's brute-force throttle, a password change ending the
// account's other sessions, an API token capped by its owner's current role,
// `second_factor_for_all`, and the `Secure` cookie when served over TLS.
#include <gtest/gtest.h>

#include <atomic>

#include "accounts.hpp"
#include "auth/totp.hpp"
#include "http/request.hpp"
#include "registry/demo.hpp"
#include "test_server.hpp"

namespace carepilot::testing {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

web::AppOptions options(std::atomic<std::int64_t>& now, bool all_second_factor = false,
                        bool secure = false) {
  auto o = TestServer::with_accounts([&now] { return now.load(); });
  o.auth.second_factor_for_all = all_second_factor;
  o.auth.secure_cookies = secure;
  return o;
}

class FlowsTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::atomic<std::int64_t> now_{1'790'000'000};  // 2026-09-21
  TestServer srv_{GetParam(), options(now_)};
  registry::Establishment a_;

  void SetUp() override {
    registry::EstablishmentInput in;
    in.finess_et = in.finess_ej = registry::with_luhn_key("49000001");
    in.name = "Centre hospitalier Alpha";
    in.type = "ch";
    in.department = "49";
    a_ = srv_.app().repo().create(Scope::nation(), in);
  }
  int paq_count() {
    auto s = srv_.db().db().lease();
    int n = 0;
    *s << "SELECT COUNT(*) FROM paq_actions", soci::into(n);
    return n;
  }
  HttpResult login(TestServer& srv, const std::string& email, const std::string& password) {
    return srv.send("POST", "/connexion",
                    "email=" + http::url_encode(email) + "&password=" + http::url_encode(password),
                    kForm);
  }
};

// 20 failures from one address, each on another account (so that no account's own throttle
// fires), lock the address: the 19th still lets a right password in, the 20th does not, even
// for an account that never failed; the lock ends with its delay.
TEST_P(FlowsTest, PerAddressThrottleLocksEveryAccountFromThatAddress) {
  make_user(srv_, "juste@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  for (int i = 1; i <= 19; ++i)
    ASSERT_EQ(login(srv_, "inconnu" + std::to_string(i) + "@alpha.fr", "mauvais").status, 401);
  EXPECT_EQ(login(srv_, "juste@alpha.fr", kTestPassword).status, 303);
  EXPECT_EQ(login(srv_, "inconnu20@alpha.fr", "mauvais").status, 401);
  auto locked = login(srv_, "juste@alpha.fr", kTestPassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_NE(locked.header("retry-after"), "");
  now_ += 2;
  EXPECT_EQ(login(srv_, "juste@alpha.fr", kTestPassword).status, 303);
}

// Wrong second-factor codes lock the account's second factor after five: then even the right
// code gets 429, until the delay has passed.
TEST_P(FlowsTest, SecondFactorBruteForceIsThrottled) {
  auto u = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                     Scope::establishment(a_.id), true);
  auto r = login(srv_, "rssi@alpha.fr", kTestPassword);
  ASSERT_EQ(r.status, 303);
  ASSERT_EQ(r.header("location").rfind("/connexion/code", 0), 0u);
  const std::string cookie = session_cookie_of(r);
  const std::string csrf =
      srv_.app().auth_store().session(cookie.substr(cookie.find('=') + 1))->csrf;
  auto code = [&](const std::string& c) {
    return srv_.send("POST", "/connexion/code", "code=" + c, kForm,
                     {"Cookie: " + cookie, "X-CSRF-Token: " + csrf});
  };
  auto wrong = [&] {
    std::string right = auth::totp_code(u.totp_secret, now_.load());
    return right == "000000" ? std::string("111111") : std::string("000000");
  };
  for (int i = 1; i <= 5; ++i) ASSERT_EQ(code(wrong()).status, 401) << i;
  EXPECT_EQ(code(auth::totp_code(u.totp_secret, now_.load())).status, 429);
  now_ += 31;  // past the lock, in the next 30 s step
  EXPECT_EQ(code(auth::totp_code(u.totp_secret, now_.load())).status, 303);
}

// Changing one's password ends every other session of the account, not the one that changed
// it; the old password no longer opens anything.
TEST_P(FlowsTest, PasswordChangeEndsTheOtherSessions) {
  auto u =
      make_user(srv_, "agent@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  auto one = session_for(srv_, u), other = session_for(srv_, u);
  ASSERT_EQ(call(srv_, other, "GET", "/api/v1/me").status, 200);
  const std::string next = "une toute nouvelle phrase de passe";
  auto r = call(srv_, one, "POST", "/compte/mot-de-passe",
                "current=" + http::url_encode(kTestPassword) +
                    "&password=" + http::url_encode(next) + "&confirm=" + http::url_encode(next),
                kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  EXPECT_EQ(call(srv_, other, "GET", "/api/v1/me").status, 401);
  // The session that changed it goes on under a new id (the old one ends too).
  EXPECT_EQ(call(srv_, one, "GET", "/api/v1/me").status, 401);
  const std::string renewed = session_cookie_of(r);
  ASSERT_NE(renewed, "");
  EXPECT_NE(renewed, one.cookie);
  EXPECT_EQ(srv_.get("/api/v1/me", {"Cookie: " + renewed}).status, 200);
  EXPECT_EQ(login(srv_, "agent@alpha.fr", kTestPassword).status, 401);
  EXPECT_EQ(login(srv_, "agent@alpha.fr", next).status, 303);
}

// An API token never outlives its owner's rights: after the owner's demotion to reader, the
// editor's token is refused (401), for writes and reads alike, and writes nothing.
TEST_P(FlowsTest, ATokenIsRefusedWritesAfterItsOwnersDemotion) {
  auto u =
      make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  auth::ApiToken t;
  t.user_id = u.id;
  t.name = "outil";
  t.role = Role::establishment_editor;
  t.scope = Scope::establishment(a_.id);
  t.expires_on = "2099-12-31";
  Session token{"", "", "Bearer " + srv_.app().auth_store().insert_token(t, Actor{})};
  const std::string path = "/api/v1/establishments/" + a_.finess_et + "/paq/actions";
  const std::string body = R"({"title":"Segmenter le réseau","priority":"high"})";
  EXPECT_EQ(call(srv_, token, "POST", path, body, "application/json").status, 201);
  auto before = *srv_.app().auth_store().user_by_id(u.id);
  auto after = before;
  after.role = Role::establishment_reader;
  srv_.app().auth_store().update_user(before, after, "Rôle changé", Actor{"test", "", ""});
  EXPECT_EQ(call(srv_, token, "POST", path, body, "application/json").status, 401);
  EXPECT_EQ(call(srv_, token, "GET", path).status, 401);
  EXPECT_EQ(paq_count(), 1);
}

// With second_factor_for_all, even a reader must enrol a second factor before anything opens;
// without it, the same reader goes straight in.
TEST_P(FlowsTest, SecondFactorForAllSendsEveryRoleToEnrolment) {
  make_user(srv_, "lecteur@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  auto plain = login(srv_, "lecteur@alpha.fr", kTestPassword);
  ASSERT_EQ(plain.status, 303);
  EXPECT_EQ(plain.header("location").rfind("/connexion/", 0), std::string::npos);

  std::atomic<std::int64_t> now{now_.load()};
  TestServer strict(GetParam(), options(now, /*all_second_factor=*/true));
  auto e = strict.app().repo().create(Scope::nation(), [&] {
    registry::EstablishmentInput in;
    in.finess_et = in.finess_ej = a_.finess_et;
    in.name = a_.name;
    in.type = "ch";
    in.department = "49";
    return in;
  }());
  make_user(strict, "lecteur@alpha.fr", Role::establishment_reader, Scope::establishment(e.id));
  auto r = login(strict, "lecteur@alpha.fr", kTestPassword);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion/enrolement", 0), 0u);
  auto pending = session_cookie_of(r);
  EXPECT_EQ(strict.get("/api/v1/me", {"Cookie: " + pending}).status, 401);
}

// Served over TLS (secure_cookies, implied by tls in the configuration), the session cookie
// carries Secure; otherwise it does not (a browser would drop it over plain HTTP).
TEST_P(FlowsTest, SessionCookieIsSecureOverTls) {
  make_user(srv_, "lecteur@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  auto plain = login(srv_, "lecteur@alpha.fr", kTestPassword);
  ASSERT_EQ(plain.status, 303);
  EXPECT_EQ(plain.header("set-cookie").find("Secure"), std::string::npos);
  std::atomic<std::int64_t> now{now_.load()};
  TestServer tls(GetParam(), options(now, false, /*secure=*/true));
  auto e = tls.app().repo().create(Scope::nation(), [&] {
    registry::EstablishmentInput in;
    in.finess_et = in.finess_ej = a_.finess_et;
    in.name = a_.name;
    in.type = "ch";
    in.department = "49";
    return in;
  }());
  make_user(tls, "lecteur@alpha.fr", Role::establishment_reader, Scope::establishment(e.id));
  auto r = login(tls, "lecteur@alpha.fr", kTestPassword);
  ASSERT_EQ(r.status, 303);
  const std::string cookie = r.header("set-cookie");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
}

INSTANTIATE_TEST_SUITE_P(Backends, FlowsTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
