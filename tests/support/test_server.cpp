#include "test_server.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "web/demo.hpp"

namespace carepilot::testing {

unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("bind 127.0.0.1:0 failed");
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  unsigned short port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

TestServer::TestServer(const std::string& backend, web::AppOptions opts,
                       std::size_t keepalive_idle_s,
                       const std::vector<std::string>& trusted_proxies)
    : db_(backend, 4) {
  start(std::move(opts), keepalive_idle_s, trusted_proxies);
}

TestServer::TestServer(const std::string& backend, const Seed& seed, web::AppOptions opts)
    : db_(backend, 4, &seed) {
  start(std::move(opts), 75, {});
}

Seed demo_seed(const Date& today) {
  return {"demo-" + format_date(today), [today](store::Database& db) {
            web::WebApp app(db, TestServer::without_accounts());
            app.repo().seed_regions();
            web::load_demo(app, today);
          }};
}

void TestServer::start(web::AppOptions opts, std::size_t keepalive_idle_s,
                       const std::vector<std::string>& trusted_proxies) {
  if (opts.dsfr_dir.empty()) opts.dsfr_dir = CAREPILOT_SOURCE_DIR "/node_modules/@gouvfr/dsfr/dist";
  app_ = std::make_unique<web::WebApp>(db_.db(), opts);
  app_->repo().seed_regions();
  web::ServerOptions so;
  so.threads = 2;
  so.access_log = false;
  so.keepalive_idle_s = keepalive_idle_s;
  so.trusted_proxies = web::TrustedProxies::parse(trusted_proxies);
  so.hard_body_limit = std::max(opts.max_upload_bytes, opts.max_json_bytes) + (1u << 20);
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

TestServer::~TestServer() {
  server_->stop(1000);
}

namespace {
std::size_t on_body(char* p, std::size_t size, std::size_t n, void* ud) {
  static_cast<std::string*>(ud)->append(p, size * n);
  return size * n;
}
std::size_t on_header(char* p, std::size_t size, std::size_t n, void* ud) {
  std::string line(p, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(ud))[name] = value;
  }
  return size * n;
}
}  // namespace

HttpResult TestServer::get(const std::string& path, const std::vector<std::string>& headers) {
  return send("GET", path, "", "", headers);
}

HttpResult TestServer::send(const std::string& method, const std::string& path,
                            const std::string& body, const std::string& content_type,
                            const std::vector<std::string>& headers) {
  // The signed-in session of act_as() rides on every call that brings no credentials of
  // its own (its CSRF token on writes only).
  std::vector<std::string> all = headers;
  const bool own_credentials = std::any_of(headers.begin(), headers.end(), [](const auto& h) {
    return h.rfind("Cookie:", 0) == 0 || h.rfind("Authorization:", 0) == 0;
  });
  if (!own_credentials)
    for (const auto& h : default_headers_)
      if (method != "GET" || h.rfind("X-CSRF-Token:", 0) != 0) all.push_back(h);
  return http_request(base(), method, path, body, content_type, all);
}

HttpResult http_request(const std::string& base, const std::string& method, const std::string& path,
                        const std::string& body, const std::string& content_type,
                        const std::vector<std::string>& headers) {
  HttpResult r;
  CURL* c = curl_easy_init();
  std::string url = base + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  struct curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  if (!content_type.empty())
    list = curl_slist_append(list, ("Content-Type: " + content_type).c_str());
  list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  if (method != "GET") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(c);
  return r;  // status 0 when the connection failed or was closed
}

}  // namespace carepilot::testing
