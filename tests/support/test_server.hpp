// An in-process carepilot web server on 127.0.0.1 (free port) over a TestDb, and a small
// libcurl client to call it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "test_db.hpp"
#include "web/app_routes.hpp"
#include "web/server.hpp"

namespace carepilot::testing {

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

class TestServer {
 public:
  // `trusted_proxies`: the server's config key of that name (web/client_address.hpp).
  explicit TestServer(const std::string& backend, web::AppOptions opts = without_accounts(),
                      std::size_t keepalive_idle_s = 75,
                      const std::vector<std::string>& trusted_proxies = {});
  // Over a copy of `seed`'s content (test_db.hpp), e.g. demo_seed(today).
  TestServer(const std::string& backend, const Seed& seed,
             web::AppOptions opts = without_accounts());
  // Handlers' tests: no accounts, every request runs as a national administrator.
  static web::AppOptions without_accounts() {
    web::AppOptions o;
    o.authentication = false;
    return o;
  }
  // Accounts on, with the cheapest password hashes and a clock the test can move.
  static web::AppOptions with_accounts(std::function<std::int64_t()> now_s = {}) {
    web::AppOptions o;
    o.auth.test_hash_cost = true;
    o.auth.now_s = std::move(now_s);
    return o;
  }
  ~TestServer();
  HttpResult get(const std::string& path, const std::vector<std::string>& headers = {});
  HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& content_type, const std::vector<std::string>& headers = {});
  // Every later call without its own Cookie or Authorization header carries these (a signed-in
  // session: see act_as in accounts.hpp), so that a module's tests run with authentication on.
  void default_headers(std::vector<std::string> headers) { default_headers_ = std::move(headers); }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  TestDb& db() { return db_; }
  web::WebApp& app() { return *app_; }
  web::Server& server() { return *server_; }

 private:
  void start(web::AppOptions opts, std::size_t keepalive_idle_s,
             const std::vector<std::string>& trusted_proxies);
  TestDb db_;
  std::unique_ptr<web::WebApp> app_;
  std::unique_ptr<web::Server> server_;
  unsigned short port_ = 0;
  std::vector<std::string> default_headers_;
};

// The demo territory with every module's records as of `today` (web::load_demo, which finds
// it loaded and adds nothing when a test calls it again).
Seed demo_seed(const Date& today);

// One request to the server at `base` ("http://127.0.0.1:PORT"), e.g. a `carepilot serve`
// child process; status 0 when the connection failed or was closed.
HttpResult http_request(const std::string& base, const std::string& method, const std::string& path,
                        const std::string& body = "", const std::string& content_type = "",
                        const std::vector<std::string>& headers = {});

// A port on 127.0.0.1 that was free a moment ago.
unsigned short free_port();

}  // namespace carepilot::testing
