// The route table: every route of the application, with the metadata the server and the
// tenancy test need. Feature modules add their routes; web/ mounts them on the server.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace carepilot::http {

enum class RouteKind { page, api, ops, asset };

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // express style: /etablissements/:finess
  RouteKind kind = RouteKind::page;
  Handler handler;
  std::size_t max_body = 64 * 1024;  // bytes accepted in the body (413 beyond)
  // GET only: the response depends on nothing but the caller's scope and rights, the
  // request target and the stored data, so it may be served from the page cache.
  bool cacheable = false;
  // What the caller's role must grant; unset: see required().
  std::optional<Access> access = std::nullopt;
  // A write whose body exceeds max_body (below the server's hard limit): the server checks
  // the caller's rights and the establishment's scope as for any write, then calls this
  // instead of the handler (a page shows its form with the field's French message, 413).
  // Unset: 413 `request.too_large` before anything else.
  Handler too_large = nullptr;
  // A page whose query string holds a value that is not UTF-8 (a link or a tool in Latin-1):
  // the server checks the caller's rights as for any request, reads the query as
  // Windows-1252 into UTF-8 (http::read_page_form) and calls this instead of the handler,
  // never from the page cache (the page shows itself with its field's French message).
  // Unset: 400 `request.bad_parameter` before anything else.
  Handler query_not_utf8 = nullptr;
  bool is_write() const { return method != "GET" && method != "HEAD"; }
  // Operational routes and static files are open unless they say otherwise.
  Access required() const {
    if (kind == RouteKind::ops || kind == RouteKind::asset) return access.value_or(Access::open);
    return access.value_or(is_write() ? Access::edit_records : Access::read);
  }
};

class RouteTable {
 public:
  void add(Route r) { routes_.push_back(std::move(r)); }
  void get(std::string pattern, RouteKind kind, Handler h, bool cacheable = false,
           std::optional<Access> access = std::nullopt) {
    add({"GET", std::move(pattern), kind, std::move(h), 64 * 1024, cacheable, access, nullptr});
  }
  void post(std::string pattern, RouteKind kind, Handler h, std::size_t max_body = 64 * 1024,
            std::optional<Access> access = std::nullopt) {
    add({"POST", std::move(pattern), kind, std::move(h), max_body, false, access, nullptr});
  }
  // Every write route added since routes()[from] requires `a` (a module whose writes all
  // need the same right, e.g. the registry's edit_registry).
  void writes_require(std::size_t from, Access a) {
    for (std::size_t i = from; i < routes_.size(); ++i)
      if (routes_[i].is_write()) routes_[i].access = a;
  }
  // The answer of the route added last to a body over its max_body (Route::too_large).
  void too_large(Handler h) { routes_.back().too_large = std::move(h); }
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace carepilot::http
