// The client's address behind a reverse proxy (issue 21): X-Forwarded-For is believed only
// from a peer listed in trusted_proxies, and then only its last hop. Unit tests of the rule
// (web/client_address.hpp), then through the server on both databases: the per-address
// sign-in throttle, the session's and the audit trail's recorded address.
#include <gtest/gtest.h>

#include <atomic>

#include "accounts.hpp"
#include "http/request.hpp"
#include "registry/demo.hpp"
#include "test_server.hpp"
#include "web/client_address.hpp"

namespace carepilot::testing {
namespace {

using web::TrustedProxies;

TEST(TrustedProxies, OnlyATrustedPeerIsBelievedAndOnlyItsLastHop) {
  auto t = TrustedProxies::parse({"127.0.0.1", "10.0.1.0/24", "fd00::/8"});
  EXPECT_EQ(t.client_address("127.0.0.1", "203.0.113.7"), "203.0.113.7");
  // Earlier hops are the client's own words.
  EXPECT_EQ(t.client_address("127.0.0.1", "198.51.100.1, 203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(t.client_address("127.0.0.1", "198.51.100.1,203.0.113.7 "), "203.0.113.7");
  EXPECT_EQ(t.client_address("127.0.0.1", "2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(t.client_address("127.0.0.1", "::ffff:203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(t.client_address("127.0.0.1", ""), "127.0.0.1");
  // Not trusted: the header is ignored, whatever it says.
  EXPECT_EQ(t.client_address("127.0.0.2", "203.0.113.7"), "127.0.0.2");
  EXPECT_EQ(t.client_address("192.0.2.10", "127.0.0.1"), "192.0.2.10");
  EXPECT_EQ(TrustedProxies{}.client_address("127.0.0.1", "203.0.113.7"), "127.0.0.1");
  // CIDR ranges, on both sides of their bounds.
  EXPECT_TRUE(t.trusts("10.0.1.0"));
  EXPECT_TRUE(t.trusts("10.0.1.255"));
  EXPECT_FALSE(t.trusts("10.0.0.255"));
  EXPECT_FALSE(t.trusts("10.0.2.0"));
  EXPECT_TRUE(t.trusts("fdff:ffff::1"));
  EXPECT_FALSE(t.trusts("fe00::1"));
  EXPECT_TRUE(t.trusts("::ffff:127.0.0.1"));  // the IPv4 peer seen through an IPv6 socket
  EXPECT_FALSE(t.trusts("not an address"));
  auto odd = TrustedProxies::parse({"192.168.0.0/23", "0.0.0.0/0"});
  EXPECT_TRUE(TrustedProxies::parse({"192.168.0.0/23"}).trusts("192.168.1.200"));
  EXPECT_FALSE(TrustedProxies::parse({"192.168.0.0/23"}).trusts("192.168.2.1"));
  EXPECT_TRUE(odd.trusts("8.8.8.8"));
}

TEST(TrustedProxies, AMalformedLastHopLeavesThePeer) {
  auto t = TrustedProxies::parse({"127.0.0.1"});
  for (const char* bad :
       {"garbage", "203.0.113.7:443", "203.0.113.7,", "unknown", "1.2.3", "203.0.113.256",
        "[2001:db8::1]", "203.0.113.7 198.51.100.1", ",", "203.0.113.7\x01", "2001:db8::1%eth0"})
    EXPECT_EQ(t.client_address("127.0.0.1", bad), "127.0.0.1") << bad;
  EXPECT_EQ(t.client_address("127.0.0.1", std::string(5000, '1')), "127.0.0.1");
}

TEST(TrustedProxies, AMalformedEntryIsRefusedNamingIt) {
  for (const char* bad : {"", "localhost", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::/129",
                          "10.0.0.1/8/8", "10.0.0.0/-1"}) {
    try {
      TrustedProxies::parse({bad});
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
  EXPECT_NO_THROW(TrustedProxies::parse({"10.0.0.0/32", "::/0", " 127.0.0.1 "}));
}

constexpr const char* kForm = "application/x-www-form-urlencoded";

class ForwardedForTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::atomic<std::int64_t> now_{1'790'000'000};
  web::AppOptions options() {
    return TestServer::with_accounts([this] { return now_.load(); });
  }
  HttpResult login(TestServer& srv, const std::string& email, const std::string& password,
                   const std::string& forwarded_for) {
    std::vector<std::string> h;
    if (!forwarded_for.empty()) h.push_back("X-Forwarded-For: " + forwarded_for);
    return srv.send("POST", "/connexion",
                    "email=" + http::url_encode(email) + "&password=" + http::url_encode(password),
                    kForm, h);
  }
  // 20 failed sign-ins, each on another account (no account's own throttle fires), the i-th
  // with the header forwarded(i).
  template <class F>
  void fail_20(TestServer& srv, F forwarded) {
    for (int i = 1; i <= 20; ++i)
      ASSERT_EQ(
          login(srv, "inconnu" + std::to_string(i) + "@alpha.fr", "mauvais", forwarded(i)).status,
          401)
          << i;
  }
  // The address the audit trail records for a write sent with `forwarded_for`.
  std::string audited_remote(TestServer& srv, const registry::Establishment& est,
                             const std::string& forwarded_for) {
    auto u = make_user(srv, "editeur@alpha.fr", Role::establishment_editor,
                       Scope::establishment(est.id));
    auto s = session_for(srv, u);
    std::vector<std::string> h = {"Cookie: " + s.cookie, "X-CSRF-Token: " + s.csrf};
    if (!forwarded_for.empty()) h.push_back("X-Forwarded-For: " + forwarded_for);
    auto r =
        srv.send("POST", "/api/v1/establishments/" + est.finess_et + "/paq/actions",
                 R"({"title":"Action","owner":"RSSI","due":"2026-12-31"})", "application/json", h);
    EXPECT_EQ(r.status, 201) << r.body;
    auto l = srv.db().db().lease();
    std::string remote;
    *l << "SELECT remote FROM audit_log WHERE entity = 'paq_action' ORDER BY seq DESC",
        soci::into(remote);
    return remote;
  }
  // The establishment and an account of it that never failed to sign in.
  registry::Establishment alpha(TestServer& srv) {
    registry::EstablishmentInput in;
    in.finess_et = in.finess_ej = registry::with_luhn_key("49000001");
    in.name = "Centre hospitalier Alpha";
    in.type = "ch";
    in.department = "49";
    auto est = srv.app().repo().create(Scope::nation(), in);
    make_user(srv, "juste@alpha.fr", Role::establishment_reader, Scope::establishment(est.id));
    return est;
  }
  std::int64_t sessions_from(TestServer& srv, const std::string& remote) {
    auto l = srv.db().db().lease();
    long long n = 0;
    *l << "SELECT COUNT(*) FROM sessions WHERE remote = :r", soci::use(remote), soci::into(n);
    return n;
  }
};

// Behind a trusted proxy each client has its own count: one client's failures lock that
// client, not the others nor the proxy; the session and the journal record the client.
TEST_P(ForwardedForTest, BehindATrustedProxyTheThrottleCountsEachClient) {
  TestServer srv(GetParam(), options(), 75, {"127.0.0.1"});
  auto est = alpha(srv);
  fail_20(srv, [](int i) { return "198.51.100." + std::to_string(i) + ", 203.0.113.7"; });
  EXPECT_EQ(login(srv, "juste@alpha.fr", kTestPassword, "203.0.113.7").status, 429);
  // The locked client (nginx appends its real address) cannot escape by sending a first hop.
  EXPECT_EQ(login(srv, "juste@alpha.fr", kTestPassword, "198.51.100.99, 203.0.113.7").status, 429)
      << "a locked client escaped by forging an earlier hop";
  EXPECT_EQ(login(srv, "juste@alpha.fr", kTestPassword, "203.0.113.8").status, 303);
  EXPECT_EQ(login(srv, "juste@alpha.fr", kTestPassword, "").status, 303);  // the proxy itself
  EXPECT_EQ(sessions_from(srv, "203.0.113.8"), 1);
  EXPECT_EQ(sessions_from(srv, "127.0.0.1"), 1);
  EXPECT_EQ(audited_remote(srv, est, "198.51.100.1, 203.0.113.9"), "203.0.113.9");
}

// A peer that is not a trusted proxy cannot choose its address: every forged header counts
// on the peer, which gets locked; the journal records the peer.
TEST_P(ForwardedForTest, AnUntrustedPeerForgingTheHeaderIsCountedByItsOwnAddress) {
  for (auto trusted : {std::vector<std::string>{}, std::vector<std::string>{"10.0.0.0/8"}}) {
    TestServer srv(GetParam(), options(), 75, trusted);
    auto est = alpha(srv);
    fail_20(srv, [](int i) { return "203.0.113." + std::to_string(i); });
    EXPECT_EQ(login(srv, "juste@alpha.fr", kTestPassword, "203.0.113.99").status, 429);
    EXPECT_EQ(login(srv, "juste@alpha.fr", kTestPassword, "").status, 429);
    EXPECT_EQ(sessions_from(srv, "203.0.113.99"), 0);
    EXPECT_EQ(audited_remote(srv, est, "203.0.113.9"), "127.0.0.1");
  }
}

// From a trusted proxy, a malformed last hop is not an address: the proxy's own is used.
TEST_P(ForwardedForTest, AMalformedHeaderFromATrustedProxyCountsOnTheProxy) {
  TestServer srv(GetParam(), options(), 75, {"127.0.0.1"});
  auto est = alpha(srv);
  const std::vector<std::string> bad = {"garbage", "203.0.113.7:443", "203.0.113.7,", "unknown",
                                        "1.2.3"};
  fail_20(srv, [&bad](int i) { return bad[static_cast<std::size_t>(i) % bad.size()]; });
  EXPECT_EQ(login(srv, "juste@alpha.fr", kTestPassword, "").status, 429);
  EXPECT_EQ(login(srv, "juste@alpha.fr", kTestPassword, "203.0.113.8").status, 303);
  EXPECT_EQ(audited_remote(srv, est, "pas une adresse"), "127.0.0.1");
}

INSTANTIATE_TEST_SUITE_P(Backends, ForwardedForTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
