// The HTTP server: mounts a RouteTable on RESTinio, wraps every handler with the common
// middleware (request id, body limit, authentication hook, error mapping, security
// headers, access log, metrics), and stops gracefully on SIGTERM or SIGINT.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "http/routes.hpp"
#include "web/client_address.hpp"
#include "web/metrics.hpp"
#include "web/page_cache.hpp"

namespace carepilot::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::size_t threads = 4;
  std::size_t hard_body_limit = 64u << 20;  // connection closed beyond (413 below, per route)
  bool access_log = true;
  bool tls = false;  // adds HSTS; TLS itself is terminated by a proxy
  // A kept-alive connection idle this long is closed. Answers announce a shorter timeout
  // ("Keep-Alive: timeout=N", N = idle - 5 s, at least 1 s) so that a client reusing the
  // connection closes it first, instead of racing the server's close with a request that
  // would then go unanswered (issue 10; clients do not retry a POST on a dead connection).
  std::size_t keepalive_idle_s = 75;
  // Reverse proxies whose X-Forwarded-For is believed (config key trusted_proxies).
  TrustedProxies trusted_proxies;
};

class Server {
 public:
  Server(ServerOptions opts, http::RouteTable routes);
  ~Server();

  // Runs before every handler; may fill req.caller or throw UserError (e.g. 401).
  std::function<void(http::Request&)> authenticate;
  // Runs before the handler of every write route whose pattern names :finess, once the
  // caller's rights are checked: throws UserError 404 when the establishment lies outside the
  // caller's scope, so that no write handler validates a body (422) for an establishment the
  // caller may not see (issue 23: the scope is checked first, in one place).
  std::function<void(const http::Request&)> check_establishment;
  // Generation of the data a cacheable page shows (store/generation.hpp and
  // store/scope_generation.hpp): read before serving it from the cache; `bump_generation` is
  // called after every write request. Without them nothing is cached.
  std::function<std::int64_t(const http::Request&)> generation;
  std::function<void(const http::Route&)> bump_generation;
  // Part of every cache key: pages may depend on today's date (Europe/Paris).
  std::function<std::string()> cache_salt;
  // Readiness probe; the server adds "draining" itself.
  std::function<bool()> ready = [] { return true; };

  // Starts listening (throws if the port cannot be bound) and returns at once.
  void start();
  // Graceful stop: refuses new requests (503), lets in-flight ones finish (up to
  // `grace_ms`), then closes the listener and the connections.
  void stop(int grace_ms = 10000);
  // Blocks until SIGTERM or SIGINT, then stop(). Signals must be blocked in every thread
  // (block_stop_signals() before any thread starts).
  void run_until_signal();

  Metrics& metrics() { return *metrics_; }
  const http::RouteTable& routes() const { return routes_; }
  bool draining() const { return draining_.load(); }

 private:
  struct Impl;
  ServerOptions opts_;
  http::RouteTable routes_;
  std::unique_ptr<Metrics> metrics_;
  PageCache cache_;
  std::atomic<bool> draining_{false};
  std::unique_ptr<Impl> impl_;
};

// Blocks SIGTERM and SIGINT in the calling thread (and the threads it starts later).
void block_stop_signals();

}  // namespace carepilot::web
