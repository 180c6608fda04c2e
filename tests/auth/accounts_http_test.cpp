// Sign-in, second factor, sessions, CSRF, throttling, API tokens, invitations and the audit
// trail, through the HTTP server on both databases.
#include <gtest/gtest.h>

#include <sodium.h>

#include <atomic>
#include <regex>

#include "accounts.hpp"
#include "auth/password.hpp"
#include "auth/totp.hpp"
#include "registry/demo.hpp"
#include "store/audit_log.hpp"
#include "test_server.hpp"

namespace carepilot::testing {
namespace {

using auth::User;

constexpr const char* kForm = "application/x-www-form-urlencoded";

class AccountsTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::atomic<std::int64_t> now_{1'790'000'000};  // 2026-09-21
  TestServer srv_{GetParam(), TestServer::with_accounts([this] { return now_.load(); })};
  registry::Establishment a_, c_;
  std::vector<std::pair<std::string, std::string>> mails_;

  void SetUp() override {
    auto& repo = srv_.app().repo();
    registry::EstablishmentInput in;
    in.finess_et = in.finess_ej = registry::with_luhn_key("49000001");
    in.name = "Centre hospitalier Alpha";
    in.type = "ch";
    in.department = "49";
    a_ = repo.create(Scope::nation(), in);
    in.finess_et = in.finess_ej = registry::with_luhn_key("75000001");
    in.name = "Clinique Charlie Hors Region";
    in.department = "75";
    c_ = repo.create(Scope::nation(), in);
    srv_.app().auth().send_mail = [this](const std::string& to, const std::string&,
                                         const std::string& body) {
      mails_.emplace_back(to, body);
    };
  }

  std::int64_t evidence_count() {
    auto s = srv_.db().db().lease();
    int n = 0;
    *s << "SELECT COUNT(*) FROM evidence", soci::into(n);
    return n;
  }
  std::string link_token() {
    std::smatch m;
    static const std::regex re("/invitation/([0-9a-f]{64})");
    if (mails_.empty() || !std::regex_search(mails_.back().second, m, re)) return {};
    return m[1];
  }
};

TEST_P(AccountsTest, AnonymousPagesRedirectToLoginAndApiAnswers401) {
  auto r = srv_.get("/etablissements?q=alpha");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/connexion?suite=%2Fetablissements%3Fq%3Dalpha");
  auto api = srv_.get("/api/v1/establishments");
  EXPECT_EQ(api.status, 401);
  EXPECT_NE(api.body.find("\"auth.required\""), std::string::npos);
  EXPECT_EQ(srv_.get("/connexion").status, 200);
  EXPECT_EQ(srv_.get("/healthz").status, 200);
}

TEST_P(AccountsTest, SignInWithPasswordThenOutAndSameMessageForUnknownUser) {
  make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  auto wrong = srv_.send("POST", "/connexion", "email=editeur%40alpha.fr&password=mauvais", kForm);
  auto unknown =
      srv_.send("POST", "/connexion", "email=personne%40alpha.fr&password=mauvais", kForm);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  const std::string msg = "Adresse électronique ou mot de passe incorrect.";
  EXPECT_NE(wrong.body.find(msg), std::string::npos);
  EXPECT_NE(unknown.body.find(msg), std::string::npos);

  auto ok = srv_.send("POST", "/connexion",
                      "email=EDITEUR%40alpha.fr&password=" + http::url_encode(kTestPassword) +
                          "&suite=%2Fetablissements",
                      kForm);
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("location"), "/etablissements");
  auto set = ok.header("set-cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(set.find("Secure"), std::string::npos);  // not served over TLS here
  std::string cookie = session_cookie_of(ok);
  auto list = srv_.get("/etablissements", {"Cookie: " + cookie});
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Centre hospitalier Alpha"), std::string::npos);
  EXPECT_EQ(list.body.find("Charlie"), std::string::npos);           // outside the scope
  EXPECT_NE(list.body.find("editeur@alpha.fr"), std::string::npos);  // header, personalised

  // An open redirect is refused: only local paths.
  auto evil = srv_.send("POST", "/connexion",
                        "email=editeur%40alpha.fr&password=" + http::url_encode(kTestPassword) +
                            "&suite=%2F%2Fevil.example",
                        kForm);
  EXPECT_EQ(evil.header("location"), "/");

  auto raw = cookie.substr(cookie.find('=') + 1);
  auto csrf = srv_.app().auth_store().session(raw)->csrf;
  auto out = srv_.send("POST", "/deconnexion", "csrf=" + csrf, kForm, {"Cookie: " + cookie});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(srv_.get("/etablissements", {"Cookie: " + cookie}).status, 303);
}

TEST_P(AccountsTest, AccentedPasswordsSignInWhateverTheirUnicodeFormAndOldHashesAreRenewed) {
  // Field case password-unicode-forms.
  const std::string nfc = "Blouse-blanche-\xC3\xA9t\xC3\xA9-K\xC3\xA9raudren";
  const std::string nfd = "Blouse-blanche-e\xCC\x81te\xCC\x81-Ke\xCC\x81raudren";
  auto u =
      make_user(srv_, "accents@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  auto& store = srv_.app().auth_store();
  auto set_hash = [&](const std::string& h) {
    auto before = *store.user_by_email("accents@alpha.fr");
    auto after = before;
    after.password_hash = h;
    store.update_user(before, after, "test", Actor{"test", "", ""});
  };
  set_hash(auth::hash_password(nfc, auth::minimal_hash_cost()));
  EXPECT_TRUE(sign_in(srv_, "accents@alpha.fr", nfd));
  EXPECT_TRUE(sign_in(srv_, "accents@alpha.fr", nfc));
  EXPECT_FALSE(sign_in(srv_, "accents@alpha.fr", "Blouse-blanche-ete-Keraudren"));
  // A hash made before normalisation, of the NFD bytes: accepted, then replaced by the hash of
  // the NFKC form at that sign-in.
  char old[crypto_pwhash_STRBYTES];
  ASSERT_EQ(
      crypto_pwhash_str_alg(old, nfd.data(), nfd.size(), crypto_pwhash_argon2id_OPSLIMIT_MIN,
                            crypto_pwhash_argon2id_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
      0);
  set_hash(old);
  EXPECT_EQ(auth::match_password(old, nfc), auth::PasswordMatch::legacy);
  EXPECT_TRUE(sign_in(srv_, "accents@alpha.fr", nfc));
  auto renewed = store.user_by_email("accents@alpha.fr")->password_hash;
  EXPECT_NE(renewed, std::string(old));
  EXPECT_EQ(auth::match_password(renewed, nfd), auth::PasswordMatch::yes);
  EXPECT_TRUE(sign_in(srv_, "accents@alpha.fr", nfd));
  (void)u;
}

TEST_P(AccountsTest, CalendarSubscriptionUrlIsShownOnceAndRevocable) {
  auto u =
      make_user(srv_, "agenda@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  auto s = session_for(srv_, u);
  auto created = call(srv_, s, "POST", "/compte/calendrier", "csrf=" + s.csrf, kForm);
  ASSERT_EQ(created.status, 201) << created.body.substr(0, 300);
  std::smatch m;
  static const std::regex re("(/calendrier/(cpc_[0-9a-f]{64})/echeances\\.ics)");
  ASSERT_TRUE(std::regex_search(created.body, m, re)) << created.body;
  const std::string path = m[1], raw = m[2];
  // The account page then shows only its first characters.
  auto page = call(srv_, s, "GET", "/compte");
  EXPECT_EQ(page.body.find(raw), std::string::npos);
  EXPECT_NE(page.body.find(raw.substr(0, 12)), std::string::npos);
  // Without any cookie, the calendar application gets the establishment's deadlines.
  auto feed = srv_.get(path);
  ASSERT_EQ(feed.status, 200);
  EXPECT_NE(feed.body.find(a_.finess_et), std::string::npos);
  EXPECT_EQ(feed.body.find(c_.finess_et), std::string::npos);
  // Without the CSRF token nothing is created; revoking ends the feed.
  EXPECT_EQ(
      srv_.send("POST", "/compte/calendrier/revoquer", "", kForm, {"Cookie: " + s.cookie}).status,
      403);
  EXPECT_EQ(srv_.get(path).status, 200);
  EXPECT_EQ(call(srv_, s, "POST", "/compte/calendrier/revoquer", "csrf=" + s.csrf, kForm).status,
            303);
  EXPECT_EQ(srv_.get(path).status, 404);
  EXPECT_EQ(call(srv_, s, "POST", "/compte/calendrier/revoquer", "csrf=" + s.csrf, kForm).status,
            404);
}

TEST_P(AccountsTest, SessionIdChangesAtSignInSoAFixedIdIsWorthNothing) {
  auto u =
      make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  // An attacker's own session id planted in the victim's browser.
  auto planted = session_for(srv_, u);
  auto r = srv_.send("POST", "/connexion",
                     "csrf=" + planted.csrf +
                         "&email=editeur%40alpha.fr&password=" + http::url_encode(kTestPassword),
                     kForm, {"Cookie: " + planted.cookie});
  ASSERT_EQ(r.status, 303);
  auto fresh = session_cookie_of(r);
  EXPECT_NE(fresh, planted.cookie);
  EXPECT_EQ(srv_.get("/etablissements", {"Cookie: " + planted.cookie}).status, 303);
  EXPECT_EQ(srv_.get("/etablissements", {"Cookie: " + fresh}).status, 200);
}

TEST_P(AccountsTest, WritesWithoutTheSessionsCsrfTokenAreRefusedAndChangeNothing) {
  auto u =
      make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  auto s = session_for(srv_, u);
  auto other = session_for(srv_, u);  // a token from another session (replayed)
  const std::string path = "/etablissements/" + a_.finess_et + "/preuves";
  const std::string form = "type=registration&date=2026-01-10&service=club-ssi";
  auto before = evidence_count();
  for (const std::string& token : {std::string(), std::string("forged"), other.csrf}) {
    auto r = srv_.send("POST", path, form + (token.empty() ? "" : "&csrf=" + token), kForm,
                       {"Cookie: " + s.cookie});
    EXPECT_EQ(r.status, 403) << token;
    EXPECT_NE(r.body.find("jeton de sécurité"), std::string::npos);
  }
  // A cross-site form: the browser names the other origin.
  auto cross = srv_.send("POST", path, form + "&csrf=" + s.csrf, kForm,
                         {"Cookie: " + s.cookie, "Origin: https://evil.example"});
  EXPECT_EQ(cross.status, 403);
  EXPECT_EQ(evidence_count(), before);
  auto ok = srv_.send("POST", path, form + "&csrf=" + s.csrf, kForm, {"Cookie: " + s.cookie});
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(evidence_count(), before + 1);
}

TEST_P(AccountsTest, AThousandWrongPasswordsLockTheAccountWithGrowingDelays) {
  make_user(srv_, "cible@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  const std::string wrong = "email=cible%40alpha.fr&password=essai-numero-";
  int unauthorized = 0, throttled = 0;
  for (int i = 0; i < 1000; ++i) {
    auto r = srv_.send("POST", "/connexion", wrong + std::to_string(i), kForm,
                       {"X-Forwarded-For: ignored"});
    if (r.status == 401) ++unauthorized;
    if (r.status == 429) {
      ++throttled;
      if (throttled == 1) {
        EXPECT_NE(r.body.find("Trop de tentatives"), std::string::npos);
      }
      EXPECT_FALSE(r.header("retry-after").empty());
    }
  }
  EXPECT_EQ(unauthorized, 5);  // the free failures, then only refusals without a check
  EXPECT_EQ(throttled, 995);
  // Even the right password waits for the delay to pass…
  const std::string right = "email=cible%40alpha.fr&password=" + http::url_encode(kTestPassword);
  EXPECT_EQ(srv_.send("POST", "/connexion", right, kForm).status, 429);
  now_ += 2;
  // …and one more failure after it doubles it.
  EXPECT_EQ(srv_.send("POST", "/connexion", wrong + "x", kForm).status, 401);
  EXPECT_EQ(srv_.send("POST", "/connexion", right, kForm).status, 429);
  now_ += 3;
  EXPECT_EQ(srv_.send("POST", "/connexion", right, kForm).status, 303);
}

TEST_P(AccountsTest, TotpCodeIsSingleUseAndRecoveryCodesToo) {
  auto u = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                     Scope::establishment(a_.id), true);
  // Without the code, the password alone opens nothing.
  auto r = srv_.send("POST", "/connexion",
                     "email=rssi%40alpha.fr&password=" + http::url_encode(kTestPassword), kForm);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion/code", 0), 0u);
  auto pending = session_cookie_of(r);
  EXPECT_EQ(srv_.get("/etablissements", {"Cookie: " + pending}).header("location"),
            "/connexion/code");
  EXPECT_EQ(srv_.get("/api/v1/establishments", {"Cookie: " + pending}).status, 401);

  auto code = auth::totp_code(u.totp_secret, now_.load());
  EXPECT_FALSE(sign_in(srv_, "rssi@alpha.fr", kTestPassword, "000000").has_value() &&
               code != "000000");
  auto s = sign_in(srv_, "rssi@alpha.fr", kTestPassword, code);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(call(srv_, *s, "GET", "/etablissements").status, 200);
  // The same code again, within its 30 s window: refused.
  EXPECT_FALSE(sign_in(srv_, "rssi@alpha.fr", kTestPassword, code).has_value());

  auto codes = auth::new_recovery_codes(3);
  srv_.app().auth_store().replace_recovery_codes(u.id, codes, Actor{});
  auto login = [&](const std::string& field) {
    auto r1 = srv_.send("POST", "/connexion",
                        "email=rssi%40alpha.fr&password=" + http::url_encode(kTestPassword), kForm);
    auto c = session_cookie_of(r1);
    auto raw = c.substr(c.find('=') + 1);
    auto csrf = srv_.app().auth_store().session(raw)->csrf;
    return srv_.send("POST", "/connexion/code", field, kForm,
                     {"Cookie: " + c, "X-CSRF-Token: " + csrf});
  };
  EXPECT_EQ(login("recovery=" + http::url_encode(codes[1])).status, 303);
  auto again = login("recovery=" + http::url_encode(codes[1]));
  EXPECT_EQ(again.status, 401);
  EXPECT_NE(again.body.find("Code incorrect ou déjà utilisé."), std::string::npos);
  EXPECT_EQ(srv_.app().auth_store().recovery_codes_left(u.id), 2);
}

TEST_P(AccountsTest, RegionalRolesMustEnrolASecondFactorFirst) {
  make_user(srv_, "ars@region.fr", Role::regional_reader, Scope::region(a_.region_code));
  auto r = srv_.send("POST", "/connexion",
                     "email=ars%40region.fr&password=" + http::url_encode(kTestPassword), kForm);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion/enrolement", 0), 0u);
  auto cookie = session_cookie_of(r);
  auto page = srv_.get("/connexion/enrolement", {"Cookie: " + cookie});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data:image/svg+xml;base64,"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(page.body, m, std::regex("data-testid=\"totp-secret\">([A-Z2-7]{32})<")));
  std::string secret = m[1];
  auto raw = cookie.substr(cookie.find('=') + 1);
  auto csrf = srv_.app().auth_store().session(raw)->csrf;
  auto bad = srv_.send("POST", "/connexion/enrolement", "code=123456", kForm,
                       {"Cookie: " + cookie, "X-CSRF-Token: " + csrf});
  EXPECT_EQ(bad.status, 422);
  // A failed attempt keeps the key the user has just scanned (issue 12, point 9), and so
  // does a reload of the page.
  ASSERT_TRUE(
      std::regex_search(bad.body, m, std::regex("data-testid=\"totp-secret\">([A-Z2-7]{32})<")));
  EXPECT_EQ(m[1], secret);
  auto reload = srv_.get("/connexion/enrolement?suite=%2Fetablissements", {"Cookie: " + cookie});
  ASSERT_TRUE(
      std::regex_search(reload.body, m, std::regex("data-testid=\"totp-secret\">([A-Z2-7]{32})<")));
  EXPECT_EQ(m[1], secret);
  EXPECT_NE(reload.body.find("name=\"suite\" value=\"/etablissements\""), std::string::npos);
  auto ok = srv_.send("POST", "/connexion/enrolement",
                      "suite=%2Fetablissements&code=" + auth::totp_code(secret, now_.load()), kForm,
                      {"Cookie: " + cookie, "X-CSRF-Token: " + csrf});
  ASSERT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("data-testid=\"recovery-codes\""), std::string::npos);
  // The codes as a text file to download, a print button, and the page the user wanted.
  EXPECT_NE(ok.body.find("href=\"data:text/plain;charset=utf-8;base64,"), std::string::npos);
  EXPECT_NE(ok.body.find("download=\"codes-de-secours-carepilot.txt\""), std::string::npos);
  EXPECT_NE(ok.body.find("data-print"), std::string::npos);
  EXPECT_NE(ok.body.find("href=\"/etablissements\" data-testid=\"recovery-continue\""),
            std::string::npos);
  auto full = session_cookie_of(ok);
  EXPECT_NE(full, cookie);
  EXPECT_EQ(srv_.get("/tableau-de-bord", {"Cookie: " + full}).status, 200);
  EXPECT_TRUE(srv_.app().auth_store().user_by_email("ars@region.fr")->totp_enabled);
}

TEST_P(AccountsTest, SessionsEndAfterIdleAndAbsoluteTimeouts) {
  auto u =
      make_user(srv_, "lecteur@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  auto s = session_for(srv_, u);
  EXPECT_EQ(call(srv_, s, "GET", "/etablissements").status, 200);
  now_ += 29 * 60;
  EXPECT_EQ(call(srv_, s, "GET", "/etablissements").status, 200);
  now_ += 31 * 60;  // idle for more than 30 minutes
  EXPECT_EQ(call(srv_, s, "GET", "/etablissements").status, 303);

  auto t = session_for(srv_, u);
  for (int i = 0; i < 36; ++i) {  // active every 20 minutes for 12 hours
    now_ += 20 * 60;
    ASSERT_EQ(call(srv_, t, "GET", "/api/v1/establishments").status, 200) << i;
  }
  now_ += 20 * 60;
  EXPECT_EQ(call(srv_, t, "GET", "/api/v1/establishments").status, 401);
}

TEST_P(AccountsTest, ApiTokensStayWithinTheirScopeRoleAndLifetime) {
  auto u =
      make_user(srv_, "editeur@alpha.fr", Role::establishment_editor, Scope::establishment(a_.id));
  auto s = session_for(srv_, u);
  auto above = call(srv_, s, "POST", "/api/v1/tokens",
                    R"({"name":"trop","role":"national_admin","days":30})", "application/json");
  EXPECT_EQ(above.status, 422);
  EXPECT_NE(above.body.find("token.role_above_owner"), std::string::npos);
  // An unknown role or none: its own code, not « above yours » (issue 14 trial).
  auto unknown_role = call(srv_, s, "POST", "/api/v1/tokens",
                           R"({"name":"x","role":"editor","days":30})", "application/json");
  EXPECT_EQ(unknown_role.status, 422);
  EXPECT_NE(unknown_role.body.find("token.role_invalid"), std::string::npos) << unknown_role.body;
  EXPECT_EQ(unknown_role.body.find("token.role_above_owner"), std::string::npos)
      << unknown_role.body;
  auto none =
      call(srv_, s, "POST", "/api/v1/tokens", R"({"name":"x","days":30})", "application/json");
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("token.role_required"), std::string::npos) << none.body;
  auto made =
      call(srv_, s, "POST", "/api/v1/tokens",
           R"({"name":"tableur","role":"establishment_reader","days":30})", "application/json");
  ASSERT_EQ(made.status, 201) << made.body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(made.body, m, std::regex("\"token\":\"(cpt_[0-9a-f]{64})\"")));
  Session tok{"", "", "Bearer " + m[1].str()};
  std::regex id_re("\"id\":([0-9]+)");
  ASSERT_TRUE(std::regex_search(made.body, m, id_re));
  std::string id = m[1];

  EXPECT_EQ(call(srv_, tok, "GET", "/api/v1/establishments/" + a_.finess_et + "/evidence").status,
            200);
  auto foreign = call(srv_, tok, "GET", "/api/v1/establishments/" + c_.finess_et + "/evidence");
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(foreign.body.find("Charlie"), std::string::npos);
  auto write =
      call(srv_, tok, "POST", "/api/v1/establishments/" + a_.finess_et + "/evidence",
           R"({"type":"registration","date":"2026-01-10","service":"silene"})", "application/json");
  EXPECT_EQ(write.status, 403);                                      // a reader's token
  EXPECT_EQ(call(srv_, tok, "GET", "/etablissements").status, 401);  // pages: sessions only
  EXPECT_EQ(call(srv_, tok, "POST", "/api/v1/tokens",
                 R"({"name":"x","role":"establishment_reader","days":1})", "application/json")
                .status,
            403);

  now_ += 31 * 86400;  // past its 30 days
  auto expired = call(srv_, tok, "GET", "/api/v1/establishments");
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.body.find("auth.token_expired"), std::string::npos);
  now_ -= 31 * 86400;

  EXPECT_EQ(call(srv_, s, "DELETE", "/api/v1/tokens/" + id).status, 204);
  auto revoked = call(srv_, tok, "GET", "/api/v1/establishments");
  EXPECT_EQ(revoked.status, 401);
  EXPECT_NE(revoked.body.find("auth.token_revoked"), std::string::npos);
  EXPECT_EQ(call(srv_, s, "DELETE", "/api/v1/tokens/" + id).status, 404);
  auto unknown = call(srv_, Session{"", "", "Bearer cpt_" + std::string(64, 'a')}, "GET",
                      "/api/v1/establishments");
  EXPECT_EQ(unknown.status, 401);
}

TEST_P(AccountsTest, InvitationLinkCreatesTheAccountOnceOnly) {
  auto officer = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                           Scope::establishment(a_.id), true);
  auto s = session_for(srv_, officer);
  auto too_high = call(srv_, s, "POST", "/api/v1/invitations",
                       R"({"email":"x@alpha.fr","role":"national_admin"})", "application/json");
  EXPECT_EQ(too_high.status, 422);
  auto elsewhere = call(
      srv_, s, "POST", "/api/v1/invitations",
      R"({"email":"x@alpha.fr","role":"establishment_editor","scope":")" + c_.finess_et + R"("})",
      "application/json");
  EXPECT_EQ(elsewhere.status, 422);
  EXPECT_TRUE(mails_.empty());
  auto inv =
      call(srv_, s, "POST", "/api/v1/invitations",
           R"({"email":"Nouvelle@Alpha.fr","role":"establishment_editor"})", "application/json");
  ASSERT_EQ(inv.status, 201) << inv.body;
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_EQ(mails_[0].first, "nouvelle@alpha.fr");
  auto token = link_token();
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(srv_.get("/invitation/" + token).status, 200);
  auto weak = srv_.send("POST", "/invitation/" + token,
                        "password=azertyuiop123&confirm=azertyuiop123", kForm);
  EXPECT_EQ(weak.status, 422);
  const std::string good =
      "password=un+jardin+de+tulipes+au+printemps&confirm=un+jardin+de+tulipes+au+printemps";
  EXPECT_EQ(srv_.send("POST", "/invitation/" + token, good, kForm).status, 303);
  auto twice = srv_.send("POST", "/invitation/" + token, good, kForm);
  EXPECT_EQ(twice.status, 410);
  EXPECT_NE(twice.body.find("déjà été utilisé"), std::string::npos);
  auto made = srv_.app().auth_store().user_by_email("nouvelle@alpha.fr");
  ASSERT_TRUE(made.has_value());
  EXPECT_EQ(made->role, Role::establishment_editor);
  EXPECT_EQ(made->scope.establishment_id, a_.id);
  EXPECT_TRUE(sign_in(srv_, "nouvelle@alpha.fr", "un jardin de tulipes au printemps").has_value());
  EXPECT_EQ(srv_.get("/invitation/" + std::string(64, '0')).status, 404);
}

TEST_P(AccountsTest, AuditTrailIsChainedScopedAndTamperEvident) {
  auto admin = make_user(srv_, "admin@national.fr", Role::national_admin, Scope::nation(), true);
  auto officer = make_user(srv_, "rssi@alpha.fr", Role::establishment_security_officer,
                           Scope::establishment(a_.id), true);
  auto sa = session_for(srv_, admin), so = session_for(srv_, officer);
  for (const auto* f : {&a_, &c_})
    ASSERT_EQ(call(srv_, sa, "POST", "/api/v1/establishments/" + f->finess_et + "/evidence",
                   R"({"type":"registration","date":"2026-01-10","service":"silene"})",
                   "application/json")
                  .status,
              201);
  ASSERT_EQ(call(srv_, sa, "PATCH", "/api/v1/establishments/" + a_.finess_et,
                 R"({"city":"ANGERS"})", "application/json")
                .status,
            200);
  auto mine = call(srv_, so, "GET", "/api/v1/audit");
  EXPECT_NE(mine.body.find("Établissement modifié : Centre hospitalier Alpha"), std::string::npos);
  EXPECT_NE(mine.body.find("\"actor\":\"admin@national.fr\""), std::string::npos);
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("Preuve ajoutée"), std::string::npos);
  auto page = call(srv_, so, "GET", "/journal");
  ASSERT_EQ(page.status, 200);
  // One evidence entry of Alpha, none of Charlie (its id never shows).
  auto count = [](const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count(mine.body, "\"entity\":\"evidence\""), 1u);
  EXPECT_EQ(count(call(srv_, sa, "GET", "/api/v1/audit").body, "\"entity\":\"evidence\""), 2u);
  auto reader =
      make_user(srv_, "lecteur@alpha.fr", Role::establishment_reader, Scope::establishment(a_.id));
  EXPECT_EQ(call(srv_, session_for(srv_, reader), "GET", "/journal").status, 403);

  auto s = srv_.db().db().lease();
  auto v = store::verify_audit(*s, store::audit_key());
  ASSERT_TRUE(v.ok) << v.reason;
  ASSERT_GE(v.entries, 4);
  *s << "UPDATE audit_log SET actor = 'quelqu''un d''autre' WHERE seq = 3";
  v = store::verify_audit(*s, store::audit_key());
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_at, 3);
}

// An unknown address answers 404 with the caller's own menu: nothing an editor cannot use
// (it used to be drawn for the default caller, a national administrator), the editor's
// e-mail; anonymous, no menu of the signed-in.
TEST_P(AccountsTest, UnknownPageShowsTheCallersOwnMenu) {
  auto u = make_user(srv_, "editeur.menu@alpha.fr", Role::establishment_editor,
                     Scope::establishment(a_.id));
  auto s = session_for(srv_, u);
  auto page = call(srv_, s, "GET", "/nulle-part");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.body.find("href=\"/import\""), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"/utilisateurs\""), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"/journal\""), std::string::npos);
  EXPECT_NE(page.body.find("editeur.menu@alpha.fr"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/etablissements\""), std::string::npos);
  auto admin = session_for(
      srv_, make_user(srv_, "admin.menu@alpha.fr", Role::national_admin, Scope::nation(), true));
  EXPECT_NE(call(srv_, admin, "GET", "/nulle-part").body.find("href=\"/utilisateurs\""),
            std::string::npos);
  auto anonymous = srv_.get("/nulle-part");
  EXPECT_EQ(anonymous.status, 404);
  EXPECT_EQ(anonymous.body.find("href=\"/import\""), std::string::npos);
  EXPECT_EQ(anonymous.body.find("href=\"/journal\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
