// Every request sent on a kept-alive connection gets exactly one answer (issue 10: twice in
// about a thousand requests a POST on a reused connection got none). A bounded load on
// loopback: a few connections, each sending a fixed number of requests one after the other
// (POST writes, POST refusals, GETs), each answer read whole before the next request.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "registry/demo.hpp"
#include "test_server.hpp"

namespace carepilot::testing {
namespace {

class Connection {
 public:
  explicit Connection(unsigned short port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{10, 0};  // an answer later than this counts as lost
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~Connection() { ::close(fd_); }
  bool ok() const { return ok_; }

  // Sends one request and reads one whole answer; returns its status, or 0 when no complete
  // answer came (closed connection or time-out).
  int roundtrip(const std::string& method, const std::string& path, const std::string& body) {
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.empty() || method != "GET")
      req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n";
    req += "\r\n";
    // Head and body in two segments, as most clients send them (python's http.client, curl
    // for larger bodies): the case that lost answers (issue 10).
    if (!send_all(req)) return 0;
    if (!body.empty()) {
      std::this_thread::sleep_for(std::chrono::microseconds(300));  // widens the window
      if (!send_all(body)) return 0;
    }
    // Headers, then exactly Content-Length bytes; anything beyond would be a stray answer.
    while (buf_.find("\r\n\r\n") == std::string::npos)
      if (!fill()) return 0;
    auto head_end = buf_.find("\r\n\r\n") + 4;
    std::string head = buf_.substr(0, head_end);
    head_ = head;
    int status = std::atoi(head.c_str() + 9);
    std::size_t length = 0;
    for (auto pos = head.find("\r\n"); pos != std::string::npos; pos = head.find("\r\n", pos + 2)) {
      std::string line = head.substr(pos + 2, head.find("\r\n", pos + 2) - pos - 2);
      for (auto& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (line.rfind("content-length:", 0) == 0) length = std::stoul(line.substr(15));
    }
    while (buf_.size() < head_end + length)
      if (!fill()) return 0;
    buf_.erase(0, head_end + length);
    return status;
  }
  bool send_all(const std::string& data) {
    for (std::size_t sent = 0; sent < data.size();) {
      auto n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  std::size_t leftover() const { return buf_.size(); }
  const std::string& last_head() const { return head_; }

 private:
  bool fill() {
    char tmp[16384];
    auto n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<std::size_t>(n));
    return true;
  }
  int fd_ = -1;
  bool ok_ = false;
  std::string buf_, head_;
};

class KeepAliveTest : public ::testing::TestWithParam<const char*> {
 protected:
  TestServer srv_{GetParam(), TestServer::without_accounts()};
};

TEST_P(KeepAliveTest, EveryRequestOnAReusedConnectionIsAnswered) {
  registry::load_demo(srv_.app().repo());
  // 1,600 requests in all (CI time: 4,000 took 50-65 s under ASan, the writes recomputing
  // stored compliance over ever more records; 400 per reused connection still cross the
  // pipelining and write-recompute windows hundreds of times).
  constexpr int kConnections = 4, kRequests = 400;
  // Each connection writes to an establishment of its own: every write recomputes its
  // establishment's stored compliance (evidence/stored.hpp) over all its records, and this
  // test is about connections, not about one establishment holding thousands of records.
  auto list = nlohmann::json::parse(
      srv_.get("/api/v1/establishments?per_page=" + std::to_string(kConnections)).body);
  ASSERT_EQ(list["items"].size(), static_cast<std::size_t>(kConnections));
  const unsigned short port =
      static_cast<unsigned short>(std::stoi(srv_.base().substr(srv_.base().rfind(':') + 1)));
  std::atomic<int> lost{0}, answered{0}, server_errors{0}, stray{0}, sent{0};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  std::vector<std::thread> threads;
  for (int c = 0; c < kConnections; ++c)
    threads.emplace_back([&, c] {
      const std::string finess = list["items"][c]["finess_et"];
      const std::string evidence = "/api/v1/establishments/" + finess + "/evidence";
      const std::string paq = "/api/v1/establishments/" + finess + "/paq/actions";
      Connection conn(port);
      if (!conn.ok()) {
        lost += kRequests;
        return;
      }
      for (int i = 0; i < kRequests && std::chrono::steady_clock::now() < deadline; ++i) {
        int status = 0;
        ++sent;
        switch ((c + i) % 5) {
          case 0:
            status = conn.roundtrip("POST", paq,
                                    R"({"title":"Action )" + std::to_string(c * 1000 + i) +
                                        R"(","priority":"medium"})");
            break;
          case 1:
            status = conn.roundtrip("POST", evidence, "{pas du json");
            break;
          case 2:
            status = conn.roundtrip("POST", "/api/v1/nulle-part", "{}");
            break;
          case 3:
            status =
                conn.roundtrip("POST", evidence,
                               R"({"type":"registration","date":"2026-03-01","service":"silene"})");
            break;
          default:
            status = conn.roundtrip("GET", "/healthz", "");
        }
        if (status == 0) {
          ++lost;
          return;  // the connection is gone; the rest of its requests are not sent
        }
        if (status >= 500) ++server_errors;
        ++answered;
      }
      if (conn.leftover() != 0) ++stray;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(lost.load(), 0) << answered.load() << " answered";
  EXPECT_EQ(server_errors.load(), 0);
  EXPECT_EQ(stray.load(), 0);
  // Every request sent was answered; all were sent unless the loop's time bound (120 s) ran
  // out first on a loaded machine (a bound, not a speed check: 3,845 of 4,000 were sent in a
  // run beside the browser walks, none lost).
  EXPECT_EQ(answered.load(), sent.load() - lost.load());
  if (std::chrono::steady_clock::now() < deadline) {
    EXPECT_EQ(sent.load(), kConnections * kRequests);
  }
}

// The server announces an idle timeout shorter than the one it enforces: a client that
// reuses the connection within the announced time is always answered; past the enforced one
// the connection is closed (and the client knew not to use it).
TEST(KeepAliveTimeout, AnnouncedShorterThanEnforced) {
  TestServer srv("sqlite", TestServer::without_accounts(), 3);
  const unsigned short port =
      static_cast<unsigned short>(std::stoi(srv.base().substr(srv.base().rfind(':') + 1)));
  Connection conn(port);
  ASSERT_TRUE(conn.ok());
  ASSERT_EQ(conn.roundtrip("POST", "/api/v1/nulle-part", "{}"), 404);
  std::string head = conn.last_head();
  for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ASSERT_NE(head.find("keep-alive: timeout=1\r\n"), std::string::npos) << head;
  for (int i = 0; i < 3; ++i) {  // reused just before the announced timeout each time
    std::this_thread::sleep_for(std::chrono::milliseconds(900));
    EXPECT_EQ(conn.roundtrip("POST", "/api/v1/nulle-part", "{}"), 404) << i;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(5000));
  EXPECT_EQ(conn.roundtrip("GET", "/healthz", ""), 0) << "closed after the enforced timeout";
}

INSTANTIATE_TEST_SUITE_P(Backends, KeepAliveTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
