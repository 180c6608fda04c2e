// The cache of authenticated sessions and API tokens (auth/authenticator.hpp): revocation on
// this instance at once and on another instance sharing the database within the re-check
// delay, its bounds in size and age, the batched write-back of last-seen times, and the
// prepared statements of the signed-in hot path. Both databases; the second instance is a
// second WebApp and server over its own connection pool to the same database.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>

#include "accounts.hpp"
#include "auth/store.hpp"
#include "registry/demo.hpp"
#include "test_server.hpp"

namespace carepilot::testing {
namespace {

constexpr std::int64_t kRecheckMs = 200;
constexpr std::int64_t kTtlMs = 60'000;

// A second carepilot instance over the same database as `first`.
class SecondInstance {
 public:
  SecondInstance(TestServer& first, web::AppOptions opts) {
    db_ = store::Database::open(first.db().url(), 2);
    opts.dsfr_dir = first.app().ops().dsfr_dir;
    app_ = std::make_unique<web::WebApp>(*db_, opts);
    web::ServerOptions so;
    so.threads = 1;
    so.access_log = false;
    for (int attempt = 0;; ++attempt) {
      port_ = free_port();
      so.port = port_;
      server_ = std::make_unique<web::Server>(so, app_->routes());
      app_->attach(*server_);
      try {
        server_->start();
        break;
      } catch (const std::exception&) {
        if (attempt >= 5) throw;
      }
    }
  }
  ~SecondInstance() { server_->stop(1000); }
  // GET with the session (cookie or bearer token); the status, 0 when unreachable.
  long get(const std::string& path, const Session& s) {
    std::string url = "http://127.0.0.1:" + std::to_string(port_) + path;
    CURL* c = curl_easy_init();
    std::string body;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(
        c, CURLOPT_WRITEFUNCTION,
        +[](char*, std::size_t a, std::size_t b, void*) { return a * b; });
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    struct curl_slist* list = nullptr;
    if (!s.cookie.empty()) list = curl_slist_append(list, ("Cookie: " + s.cookie).c_str());
    if (!s.bearer.empty()) list = curl_slist_append(list, ("Authorization: " + s.bearer).c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    long status = 0;
    if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(list);
    curl_easy_cleanup(c);
    return status;
  }
  auth::Authenticator& authenticator() { return app_->auth().auth; }
  store::Database& db() { return *db_; }

 private:
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<web::WebApp> app_;
  std::unique_ptr<web::Server> server_;
  unsigned short port_ = 0;
};

class SessionCacheTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::atomic<std::int64_t> now_{1'790'000'000};  // 2026-09-21
  std::atomic<std::int64_t> ms_a_{1'000'000}, ms_b_{1'000'000};
  TestServer a_{GetParam(), options(ms_a_)};
  registry::Establishment est_;

  web::AppOptions options(std::atomic<std::int64_t>& ms, std::size_t max_entries = 10'000) {
    auto o = TestServer::with_accounts([this] { return now_.load(); });
    o.auth.now_ms = [&ms] { return ms.load(); };
    o.auth.cache_recheck_ms = kRecheckMs;
    o.auth.cache_ttl_ms = kTtlMs;
    o.auth.cache_max_entries = max_entries;
    o.auth.activity_flush_ms = 3'600'000;  // written back by the tests, through flush_activity
    return o;
  }
  void SetUp() override {
    registry::EstablishmentInput in;
    in.finess_et = in.finess_ej = registry::with_luhn_key("49000001");
    in.name = "Centre hospitalier Alpha";
    in.type = "ch";
    in.department = "49";
    est_ = a_.app().repo().create(Scope::nation(), in);
  }
  auth::User editor(const std::string& email = "editeur@alpha.fr") {
    return make_user(a_, email, Role::establishment_editor, Scope::establishment(est_.id));
  }
  Session token_of(const auth::User& u) {
    auth::ApiToken t;
    t.user_id = u.id;
    t.name = "test";
    t.role = Role::establishment_reader;
    t.scope = Scope::establishment(est_.id);
    t.expires_on = "2027-12-31";
    auto raw = a_.app().auth_store().insert_token(t, Actor{"test", "", ""});
    return {"", "", "Bearer " + raw};
  }
  long get_a(const std::string& path, const Session& s) { return call(a_, s, "GET", path).status; }
  std::int64_t last_seen_in_db(const std::string& cookie) {
    auto raw = cookie.substr(cookie.find('=') + 1);
    return a_.app().auth_store().session(raw)->last_seen_s;
  }
};

// What ends a session or token, done through instance A (its store: same path as its pages).
enum class Change { sign_out, password, disable, role, revoke_token };

}  // namespace

TEST_P(SessionCacheTest, SignOutOnOneInstanceIsRefusedOnTheOtherWithinTheRecheckDelay) {
  SecondInstance b(a_, options(ms_b_));
  auto u = editor();
  auto s = session_for(a_, u);
  EXPECT_EQ(get_a("/api/v1/me", s), 200);
  EXPECT_EQ(b.get("/api/v1/me", s), 200);
  EXPECT_EQ(b.get("/api/v1/me", s), 200);  // now served from B's cache
  EXPECT_EQ(call(a_, s, "POST", "/deconnexion").status, 303);
  EXPECT_EQ(get_a("/api/v1/me", s), 401);  // this instance: at once
  ms_b_ += kRecheckMs - 1;
  EXPECT_EQ(b.get("/api/v1/me", s), 200);  // the other: still within the documented delay
  ms_b_ += 1;
  EXPECT_EQ(b.get("/api/v1/me", s), 401);  // ... and not a millisecond more
  ms_b_ += kTtlMs;
  EXPECT_EQ(b.get("/api/v1/me", s), 401);
}

TEST_P(SessionCacheTest, EachChangeEndsCachedSessionsAndTokensOnBothInstances) {
  SecondInstance b(a_, options(ms_b_));
  auto& store = a_.app().auth_store();
  for (Change change :
       {Change::sign_out, Change::password, Change::disable, Change::role, Change::revoke_token}) {
    SCOPED_TRACE(static_cast<int>(change));
    auto u = editor("editeur" + std::to_string(static_cast<int>(change)) + "@alpha.fr");
    auto s = session_for(a_, u);
    auto t = token_of(u);
    auto other = session_for(a_, u);  // a second session of the same user
    for (const auto* x : {&s, &t, &other}) {
      ASSERT_EQ(get_a("/api/v1/me", *x), 200);
      ASSERT_EQ(b.get("/api/v1/me", *x), 200);
    }
    auto after = u;
    Actor actor{"test", "", ""};
    switch (change) {
      case Change::sign_out:
        store.delete_sessions_of(u.id);
        break;
      case Change::password:
        after.password_hash = "$argon2id$autre";
        store.update_user(u, after, "Mot de passe changé", actor);
        break;
      case Change::disable:
        after.disabled = true;
        store.update_user(u, after, "Compte désactivé", actor);
        break;
      case Change::role:
        after.role = Role::establishment_reader;
        store.update_user(u, after, "Rôle changé", actor);
        break;
      case Change::revoke_token:
        ASSERT_TRUE(store.revoke_token(u.id, store.tokens_of(u.id).front().id, actor));
        break;
    }
    // What each change must end: sessions (sign-out, disable), the token (revocation,
    // disable, a role below the token's is fine here: reader), or rights (role).
    auto expect = [&](auto&& get) {
      switch (change) {
        case Change::sign_out:
          EXPECT_EQ(get(s), 401);
          EXPECT_EQ(get(other), 401);
          EXPECT_EQ(get(t), 200);
          break;
        case Change::disable:
          EXPECT_EQ(get(s), 401);
          EXPECT_EQ(get(t), 401);
          break;
        case Change::revoke_token:
          EXPECT_EQ(get(t), 401);
          EXPECT_EQ(get(s), 200);
          break;
        case Change::password:
        case Change::role:
          // The entries are read again: same answers, fresh rights (checked below).
          EXPECT_EQ(get(s), 200);
          break;
      }
    };
    expect([&](const Session& x) { return get_a("/api/v1/me", x); });
    ms_b_ += kRecheckMs;
    expect([&](const Session& x) { return b.get("/api/v1/me", x); });
    if (change == Change::role) {
      auto me = call(a_, s, "GET", "/api/v1/me");
      EXPECT_NE(me.body.find("\"establishment_reader\""), std::string::npos) << me.body;
    }
  }
}

TEST_P(SessionCacheTest, RoleChangeShowsOnTheOtherInstanceAfterTheDelay) {
  SecondInstance b(a_, options(ms_b_));
  auto u = editor();
  auto s = session_for(a_, u);
  // A page only an editor may post to is not needed: /api/v1/me tells the role.
  EXPECT_EQ(b.get("/api/v1/me", s), 200);
  auto after = u;
  after.role = Role::establishment_reader;
  a_.app().auth_store().update_user(u, after, "Rôle changé", Actor{"test", "", ""});
  EXPECT_NE(call(a_, s, "GET", "/api/v1/me").body.find("establishment_reader"), std::string::npos);
  // B: the cached editor entry until the re-check, then the reader.
  EXPECT_EQ(b.authenticator().cached_entries(), 1u);
  ms_b_ += kRecheckMs;
  EXPECT_EQ(b.get("/api/v1/me", s), 200);
  http::Request req;
  req.path = "/api/v1/me";
  req.headers["cookie"] = s.cookie;
  b.authenticator().authenticate(req);
  EXPECT_TRUE(req.caller.signed_in);
  EXPECT_EQ(req.caller.role, Role::establishment_reader);
}

TEST_P(SessionCacheTest, EntriesLiveNoLongerThanTheTtl) {
  auto u = editor();
  auto s = session_for(a_, u);
  auto& authn = a_.app().auth().auth;
  auto role_now = [&] {
    http::Request req;
    req.path = "/";
    req.headers["cookie"] = s.cookie;
    authn.authenticate(req);
    return req.caller.role;
  };
  EXPECT_EQ(role_now(), Role::establishment_editor);
  {  // a change behind the cache's back (no generation bump): only the TTL bounds it
    auto l = a_.db().db().lease();
    long long id = u.id;
    *l << "UPDATE users SET role = 'establishment_reader' WHERE id = :i", soci::use(id);
  }
  ms_a_ += kRecheckMs;  // the generation is read again, unchanged
  EXPECT_EQ(role_now(), Role::establishment_editor);
  ms_a_ += kTtlMs - kRecheckMs - 1;
  EXPECT_EQ(role_now(), Role::establishment_editor);
  ms_a_ += 1;
  EXPECT_EQ(role_now(), Role::establishment_reader);
}

TEST_P(SessionCacheTest, SizeIsBoundedAndEvictedSessionsStillWork) {
  SecondInstance b(a_, options(ms_b_, 3));
  std::vector<Session> sessions;
  for (int i = 0; i < 8; ++i)
    sessions.push_back(session_for(a_, editor("u" + std::to_string(i) + "@alpha.fr")));
  for (int round = 0; round < 2; ++round)
    for (const auto& s : sessions) {
      EXPECT_EQ(b.get("/api/v1/me", s), 200);
      EXPECT_LE(b.authenticator().cached_entries(), 3u);
    }
  EXPECT_EQ(b.authenticator().cached_entries(), 3u);
}

TEST_P(SessionCacheTest, LastSeenIsWrittenBackInBatchesNotOnTheRequest) {
  auto s = session_for(a_, editor());
  const auto created = now_.load();
  EXPECT_EQ(get_a("/api/v1/me", s), 200);
  now_ += 120;
  EXPECT_EQ(get_a("/api/v1/me", s), 200);
  EXPECT_EQ(last_seen_in_db(s.cookie), created);  // not written by the request
  a_.app().auth().auth.flush_activity();
  EXPECT_EQ(last_seen_in_db(s.cookie), created + 120);
  // The idle timeout counts the time not yet written back: 29 minutes later, still in.
  now_ += 29 * 60;
  EXPECT_EQ(get_a("/api/v1/me", s), 200);
  now_ += 29 * 60;
  EXPECT_EQ(get_a("/api/v1/me", s), 200);
  now_ += 31 * 60;
  EXPECT_EQ(get_a("/api/v1/me", s), 401);
}

TEST_P(SessionCacheTest, SignedInHotPathsDoNotPrepareOnEveryRequest) {
  auto u = editor();
  auto s = session_for(a_, u);
  auto t = token_of(u);
  auto& db = a_.db().db();
  // Without the cache every request reads the session, the user, the token and the
  // generations from the database; with it, only the generations, now and then.
  for (std::size_t entries : {std::size_t{0}, std::size_t{10'000}}) {
    SCOPED_TRACE(entries);
    SecondInstance b(a_, options(ms_b_, entries));
    constexpr int kRequests = 60;
    for (int i = 0; i < 5; ++i) {  // warm up (pages cached)
      b.get("/etablissements", s);
      b.get("/api/v1/openapi.json", t);
    }
    const auto before = b.db().prepare_count();
    for (int i = 0; i < kRequests; ++i) {
      ms_b_ += kRecheckMs;  // every request re-checks the generation
      ASSERT_EQ(b.get("/healthz", s), 200);
      ASSERT_EQ(b.get("/etablissements", s), 200);
      ASSERT_EQ(b.get("/api/v1/openapi.json", t), 200);
    }
    // 180 signed-in requests; a one-shot statement on their path would prepare 60+ times.
    EXPECT_LT(b.db().prepare_count() - before, std::uint64_t{kRequests / 4});
  }
  // The establishment by FINESS (every establishment page and API call): 40 reads, at most
  // two statements on each of the 4 connections.
  const auto before = db.prepare_count();
  for (int i = 0; i < 40; ++i)
    ASSERT_TRUE(a_.app().repo().find(Scope::establishment(est_.id), est_.finess_et));
  EXPECT_LE(db.prepare_count() - before, 8u);
  EXPECT_FALSE(a_.app().repo().find(Scope::establishment(est_.id + 1), est_.finess_et));
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionCacheTest, ::testing::ValuesIn(kBackends));

}  // namespace carepilot::testing
