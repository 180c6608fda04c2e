#include "web/server.hpp"

#include <pthread.h>
#include <signal.h>

#include <soci/soci.h>
#include <chrono>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <restinio/all.hpp>
// PCRE2 matches the routes' express patterns several times faster than std::regex, which took
// a sixth of a cached page's time (bench/dashboard); 8-bit code units for RESTinio's engine.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <restinio/router/pcre2_regex_engine.hpp>
#include <thread>

#include "common/errors.hpp"
#include "http/errors.hpp"
#include "http/personalize.hpp"
#include "store/clock.hpp"
#include "store/database.hpp"
#include "web/access.hpp"

namespace carepilot::web {

namespace {

using router_t = restinio::router::express_router_t<restinio::router::pcre2_regex_engine_t<>>;
struct traits_t : public restinio::default_traits_t {
  using request_handler_t = router_t;
};

std::string new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

bool sane_request_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

std::vector<std::string> param_names(const std::string& pattern) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != ':') continue;
    std::size_t j = i + 1;
    while (j < pattern.size() &&
           (std::isalnum(static_cast<unsigned char>(pattern[j])) || pattern[j] == '_'))
      ++j;
    names.push_back(pattern.substr(i + 1, j - i - 1));
    i = j;
  }
  return names;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

template <typename M>
void add_method(router_t& r, const std::string& method, const std::string& pattern, M&& h) {
  if (method == "GET")
    r.add_handler(restinio::http_method_get(), pattern, std::forward<M>(h));
  else if (method == "POST")
    r.add_handler(restinio::http_method_post(), pattern, std::forward<M>(h));
  else if (method == "PUT")
    r.add_handler(restinio::http_method_put(), pattern, std::forward<M>(h));
  else if (method == "PATCH")
    r.add_handler(restinio::http_method_patch(), pattern, std::forward<M>(h));
  else if (method == "DELETE")
    r.add_handler(restinio::http_method_delete(), pattern, std::forward<M>(h));
  else
    throw std::invalid_argument("méthode HTTP non prise en charge : " + method);
}

}  // namespace

// The error answer, or a plain-text one when rendering it fails: an exception must never
// leave the handler, or RESTinio drops the connection without an answer.
http::Response safe_error_response(const UserError& e, const http::Request& req) {
  try {
    return http::error_response(e, req);
  } catch (const std::exception&) {
    return http::Response::text(std::string(e.what()) + "\n", "text/plain; charset=utf-8",
                                e.status());
  }
}

namespace {
// A 503 with Retry-After, the cause logged: nothing of the request was committed.
http::Response try_again(const http::Request& req, const std::exception& e, const char* code,
                         const char* log_cause, const std::string& message) {
  std::cerr << nlohmann::json{{"ts", store::now_utc_iso()},
                              {"level", "error"},
                              {"request_id", req.request_id},
                              {"path", req.path},
                              {"error", std::string(log_cause) + " : " + e.what()}}
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << std::endl;
  auto resp = safe_error_response(UserError(503, code, message), req);
  resp.headers.emplace_back("Retry-After", "2");
  return resp;
}

// The answer to a request that failed because the database went away (PostgreSQL restarted,
// failed over, or cannot be reached): 503, to be retried; the broken connection is re-opened
// at its next use. The transaction of the request was not committed, or its commit was cut
// (then the client, who got no acknowledgement, retries like any unanswered request).
http::Response database_unavailable(const http::Request& req, const std::exception& e) {
  return try_again(req, e, "server.database_unavailable", "base de données injoignable",
                   "La base de données est momentanément injoignable ; réessayez dans un instant.");
}

// SQLite's write lock held beyond the busy timeout (by a long job or a backup): the request
// wrote nothing and can be sent again.
http::Response database_busy(const http::Request& req, const std::exception& e) {
  return try_again(req, e, "server.database_busy", "base de données occupée",
                   "La base de données est occupée par un autre enregistrement ; rien n'a été "
                   "enregistré, réessayez dans un instant.");
}
}  // namespace

namespace {
// A body over its route's limit: 413 with the limit people read ("64 Kio", "257 Mio").
UserError too_large_error(std::size_t max_body) {
  const std::string limit = max_body >= (1u << 20) ? std::to_string(max_body >> 20) + " Mio"
                                                   : std::to_string(max_body >> 10) + " Kio";
  return UserError(413, "request.too_large",
                   "Le corps de la requête dépasse la taille autorisée (" + limit + ").");
}
}  // namespace

struct Server::Impl {
  Server& self;
  restinio::running_server_handle_t<traits_t> running;

  explicit Impl(Server& s) : self(s) {}

  restinio::request_handling_status_t handle(const restinio::request_handle_t& rreq,
                                             const http::Route* route, std::size_t slot,
                                             const restinio::router::route_params_t* params) {
    auto t0 = std::chrono::steady_clock::now();
    self.metrics_->enter();
    http::Request req;
    if (self.authenticate) {  // nobody until authenticated (a refusal while draining)
      req.caller.signed_in = false;
      req.caller.role = Role::establishment_reader;
      req.caller.scope = Scope::establishment(0);
    }
    const auto& h = rreq->header();
    req.method = h.method().c_str();
    req.path = std::string(h.path());
    for (const auto& f : h) {
      std::string name = f.name();
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[name] = f.value();
    }
    // The request id is always the server's own (issue 10): a client chooses its
    // X-Request-Id freely, so it is kept apart, for correlation only.
    req.request_id = new_request_id();
    if (auto rid = req.header("x-request-id"); sane_request_id(rid)) req.client_request_id = rid;
    try {
      req.peer = rreq->remote_endpoint().address().to_string();
    } catch (...) {
    }
    req.remote = self.opts_.trusted_proxies.client_address(req.peer, req.header("x-forwarded-for"));
    http::Response resp;
    PageCache::Shared shared;  // a cached page, sent as it is (resp is then unused)
    const std::uint64_t lost_before = store::connections_lost_in_this_thread();
    try {
      if (self.draining_.load())
        throw UserError(503, "server.draining", "Le serveur s'arrête ; réessayez dans un instant.");
      if (!route) {
        // An unknown address still knows who asks: its error page shows the caller's own
        // menu, never the default caller's (a national administrator's).
        if (self.authenticate) self.authenticate(req);
        throw UserError::not_found("La page demandée n'existe pas.");
      }
      bool query_not_utf8 = false;
      try {
        req.query = http::parse_query(h.query());
      } catch (const UserError& e) {
        if (!route->query_not_utf8 || e.code() != "request.bad_parameter") throw;
        req.query = http::read_page_form(h.query()).pairs;
        query_not_utf8 = true;
      }
      if (params)
        for (const auto& name : param_names(route->pattern))
          if (params->has(name)) req.params[name] = std::string((*params)[name]);
      const bool too_large = rreq->body().size() > route->max_body;
      if (too_large && !route->too_large) throw too_large_error(route->max_body);
      req.body = rreq->body();
      if (self.authenticate) self.authenticate(req);
      auto stop = enforce_access(req, *route);
      if (!stop && route->is_write() && self.check_establishment &&
          route->pattern.find(":finess") != std::string::npos)
        self.check_establishment(req);
      if (stop) {
        resp = std::move(*stop);
      } else if (too_large) {
        resp = route->too_large(req);
      } else if (query_not_utf8) {
        resp = route->query_not_utf8(req);
      } else if (route->cacheable && self.generation) {
        std::string key = PageCache::key(req, std::string(h.query()));
        if (self.cache_salt) key += "|" + self.cache_salt();
        std::int64_t gen = self.generation(req);
        auto look = self.cache_.lookup(key, gen, PageCache::Clock::now());
        if (look.response) {
          shared = std::move(look.response);
        } else {
          try {
            resp = route->handler(req);
          } catch (...) {
            if (look.refresh) self.cache_.abandon(key);
            throw;
          }
          if (resp.status == 200)
            shared = self.cache_.put(key, gen, std::move(resp));
          else if (look.refresh)
            self.cache_.abandon(key);
        }
      } else {
        resp = route->handler(req);
      }
      if (route->is_write() && self.bump_generation) self.bump_generation(*route);
    } catch (const UserError& e) {
      shared.reset();
      resp = e.status() >= 500 && store::connections_lost_in_this_thread() != lost_before
                 ? database_unavailable(req, e)
                 : safe_error_response(e, req);
    } catch (const std::exception& e) {
      shared.reset();
      if (store::is_busy(e)) {
        resp = database_busy(req, e);
      } else if (dynamic_cast<const store::DatabaseUnavailable*>(&e) ||
                 store::connections_lost_in_this_thread() != lost_before ||
                 store::is_connection_failure(e)) {
        resp = database_unavailable(req, e);
      } else {
        std::cerr << nlohmann::json{{"ts", store::now_utc_iso()},
                                    {"level", "error"},
                                    {"request_id", req.request_id},
                                    {"path", req.path},
                                    {"error", e.what()}}
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                  << std::endl;
        resp = safe_error_response(
            UserError(500, "server.internal",
                      "Erreur interne du serveur (référence " + req.request_id + ")."),
            req);
      }
    }
    // Counted before sending, so that a client that reads /metrics right after its
    // response always finds its request there.
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const http::Response& out = shared ? *shared : resp;
    self.metrics_->observe(slot, out.status, secs);
    int status = out.status;
    // Pages are made the caller's own in one pass over the (possibly shared) body.
    std::string body = out.content_type.rfind("text/html", 0) == 0 && out.file.empty()
                           ? http::personalize(out.body, req.caller)
                       : shared ? out.body
                                : std::move(resp.body);
    send(rreq, req, out, std::move(body), route);
    self.metrics_->leave();
    if (self.opts_.access_log) {
      nlohmann::json line{{"ts", store::now_utc_iso()},
                          {"level", "info"},
                          {"request_id", req.request_id},
                          {"client_request_id", req.client_request_id},
                          {"method", req.method},
                          {"path", req.path},
                          {"status", status},
                          {"ms", std::round(secs * 1e5) / 100},
                          {"remote", req.remote}};
      if (req.peer != req.remote) line["peer"] = req.peer;
      if (route) line["route"] = route->pattern;
      // One line per request, flushed: a log collector sees it at once (issue 10 review).
      std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
                << std::flush;
    }
    return restinio::request_accepted();
  }

  void send(const restinio::request_handle_t& rreq, const http::Request& req,
            const http::Response& r, std::string body, const http::Route* route) {
    auto out = rreq->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(r.status)},
        reason_phrase(r.status)});
    out.append_header(restinio::http_field::content_type, r.content_type);
    out.append_header("X-Request-Id", req.request_id);
    if (!req.client_request_id.empty())
      out.append_header("X-Client-Request-Id", req.client_request_id);
    out.append_header("X-Content-Type-Options", "nosniff");
    out.append_header("Referrer-Policy", "same-origin");
    out.append_header(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'");
    out.append_header("X-Frame-Options", "DENY");
    if (self.opts_.tls)
      out.append_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    bool has_cache = false;
    for (const auto& [k, v] : r.headers) {
      if (k == "Cache-Control") has_cache = true;
      out.append_header(k, v);
    }
    if (!has_cache && (!route || route->kind != http::RouteKind::asset))
      out.append_header("Cache-Control", "no-store");
    if (self.draining_.load()) {
      out.connection_close();
    } else {
      const std::size_t idle = self.opts_.keepalive_idle_s;
      out.append_header("Keep-Alive", "timeout=" + std::to_string(idle > 6 ? idle - 5 : 1));
    }
    if (!r.file.empty()) {
      try {
        out.set_body(restinio::sendfile(r.file));
      } catch (const std::exception&) {
        out.header().status_line(restinio::status_not_found());
        out.set_body("");
      }
    } else {
      out.set_body(std::move(body));
    }
    out.done();
  }
};

Server::Server(ServerOptions opts, http::RouteTable routes)
    : opts_(std::move(opts)), routes_(std::move(routes)), impl_(std::make_unique<Impl>(*this)) {
  std::vector<std::pair<std::string, std::string>> labels;
  for (const auto& r : routes_.routes()) labels.emplace_back(r.method, r.pattern);
  metrics_ = std::make_unique<Metrics>(std::move(labels));
}

Server::~Server() {
  if (impl_->running) stop(0);
}

void Server::start() {
  auto router = std::make_unique<router_t>();
  const auto& list = routes_.routes();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const http::Route* route = &list[i];
    add_method(*router, route->method, route->pattern,
               [this, route, i](const restinio::request_handle_t& req,
                                restinio::router::route_params_t params) {
                 return impl_->handle(req, route, i, &params);
               });
  }
  router->non_matched_request_handler([this](const restinio::request_handle_t& req) {
    return impl_->handle(req, nullptr, metrics_->unmatched_slot(), nullptr);
  });
  restinio::incoming_http_msg_limits_t limits;
  limits.max_body_size(opts_.hard_body_limit);
  limits.max_url_size(16 * 1024);
  limits.max_field_count(200);
  auto settings = restinio::server_settings_t<traits_t>{}
                      .address(opts_.host)
                      .port(opts_.port)
                      .request_handler(std::move(router))
                      .incoming_http_msg_limits(limits)
                      // RESTinio 0.6.16 resets its parser twice when a handler answers
                      // before returning (as ours do) and the next request's head has
                      // already arrived: the body is then read as a new request, and the
                      // connection is closed without an answer (issue 10, about 1 in 500
                      // kept-alive requests whose head and body come in two segments). With
                      // two pipeline cells the read is resumed once, not twice.
                      .max_pipelined_requests(2)
                      .read_next_http_message_timelimit(
                          std::chrono::seconds(std::max<std::size_t>(2, opts_.keepalive_idle_s)))
                      .handle_request_timeout(std::chrono::seconds(60));
  impl_->running =
      restinio::run_async<traits_t>(restinio::own_io_context(), std::move(settings), opts_.threads);
}

void Server::stop(int grace_ms) {
  draining_.store(true);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
  while (metrics_->in_flight() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (impl_->running) {
    impl_->running->stop();
    impl_->running->wait();
    impl_->running.reset();
  }
}

void block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void Server::run_until_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  std::cout << nlohmann::json{{"ts", store::now_utc_iso()},
                              {"level", "info"},
                              {"msg", "arrêt demandé, fin des requêtes en cours"},
                              {"signal", sig}}
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << std::endl;
  stop();
}

}  // namespace carepilot::web
