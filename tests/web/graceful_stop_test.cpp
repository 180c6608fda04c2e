// Graceful stop (issue 23): a request in flight when the stop begins completes; a new request
// during the drain gets 503 (`server.draining`; a French page here), /readyz included; an upload
// whose body is still arriving gets a definite answer, never a dropped connection; after the stop
// the listener is closed. A server of its own with a slow route, on 127.0.0.1.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <thread>

#include "http/templates.hpp"
#include "test_server.hpp"
#include "web/server.hpp"

namespace carepilot::testing {
namespace {

using namespace std::chrono_literals;

int connect_to(unsigned short port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{15, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& s) {
  for (std::size_t sent = 0; sent < s.size();) {
    auto n = ::send(fd, s.data() + sent, s.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads until the peer closes or the answer's Content-Length is reached; "" when nothing came.
std::string read_answer(int fd) {
  std::string buf;
  char tmp[8192];
  for (;;) {
    auto head_end = buf.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      auto cl = buf.find("Content-Length: ");
      if (cl == std::string::npos) cl = buf.find("content-length: ");
      if (cl != std::string::npos && cl < head_end &&
          buf.size() >= head_end + 4 + std::stoul(buf.substr(cl + 16)))
        return buf;
    }
    auto n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0) return buf;
    buf.append(tmp, static_cast<std::size_t>(n));
  }
}

std::string request(unsigned short port, const std::string& raw) {
  int fd = connect_to(port);
  if (fd < 0) return "";
  std::string out = send_all(fd, raw) ? read_answer(fd) : "";
  ::close(fd);
  return out;
}

int status_of(const std::string& answer) {
  return answer.size() > 12 ? std::atoi(answer.c_str() + 9) : 0;
}

class GracefulStopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http::register_templates(http::embedded_files());  // error pages (idempotent)
    http::RouteTable routes;
    routes.get(
        "/lent", http::RouteKind::ops,
        [](http::Request&) {
          std::this_thread::sleep_for(1500ms);
          return http::Response::text("fini", "text/plain");
        },
        false, Access::open);
    routes.get(
        "/readyz", http::RouteKind::ops,
        [this](http::Request&) {
          return server_->draining() ? http::Response::json(R"({"status":"unavailable"})", 503)
                                     : http::Response::json(R"({"status":"ready"})");
        },
        false, Access::open);
    routes.post(
        "/envoi", http::RouteKind::ops,
        [](http::Request& req) {
          return http::Response::text(std::to_string(req.body.size()), "text/plain");
        },
        8u << 20, Access::open);
    web::ServerOptions so;
    so.threads = 4;
    so.access_log = false;
    so.port = port_ = free_port();
    server_ = std::make_unique<web::Server>(so, std::move(routes));
    server_->start();
  }
  unsigned short port_ = 0;
  std::unique_ptr<web::Server> server_;
};

TEST_F(GracefulStopTest, InFlightFinishesNewOnesGet503AndTheListenerCloses) {
  ASSERT_EQ(status_of(request(port_, "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")), 200);
  // An upload begun before the stop: head and half of an 1 MiB body now, the rest later.
  const std::string body(1u << 20, 'x');
  int upload = connect_to(port_);
  ASSERT_GE(upload, 0);
  ASSERT_TRUE(send_all(upload,
                       "POST /envoi HTTP/1.1\r\nHost: x\r\nContent-Type: "
                       "application/octet-stream\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n" +
                           body.substr(0, body.size() / 2)));
  auto slow = std::async(std::launch::async, [this] {
    return request(port_, "GET /lent HTTP/1.1\r\nHost: x\r\n\r\n");
  });
  std::this_thread::sleep_for(300ms);  // the slow request is in its handler
  auto stopped = std::async(std::launch::async, [this] { server_->stop(10'000); });
  std::this_thread::sleep_for(200ms);  // the drain has begun
  ASSERT_TRUE(server_->draining());

  auto fresh = request(port_, "GET /lent HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_of(fresh), 503) << fresh;
  EXPECT_NE(fresh.find("Le serveur s"), std::string::npos) << fresh;  // the French page
  auto ready = request(port_, "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_of(ready), 503) << ready;

  ASSERT_TRUE(send_all(upload, body.substr(body.size() / 2)));
  auto upload_answer = read_answer(upload);
  ::close(upload);
  const int upload_status = status_of(upload_answer);
  EXPECT_TRUE(upload_status == 503 || upload_status == 200) << upload_answer;
  if (upload_status == 503) {
    EXPECT_NE(upload_answer.find("Le serveur s"), std::string::npos);
  }

  auto done = slow.get();
  EXPECT_EQ(status_of(done), 200) << done;
  EXPECT_NE(done.find("fini"), std::string::npos);
  EXPECT_NE(done.find("Connection: close"), std::string::npos)
      << "answers during the drain close their connection";
  stopped.get();
  EXPECT_EQ(connect_to(port_), -1) << "the listener is closed after the stop";
}

}  // namespace
}  // namespace carepilot::testing
