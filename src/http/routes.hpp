// The route table: every route of the application, with the metadata the server and the
// tenancy test need. Feature modules add their routes; web/ mounts them on the server.
#pragma once

#include <cstddef>
#include <functional>
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
  bool is_write() const { return method != "GET" && method != "HEAD"; }
};

class RouteTable {
 public:
  void add(Route r) { routes_.push_back(std::move(r)); }
  void get(std::string pattern, RouteKind kind, Handler h, bool cacheable = false) {
    add({"GET", std::move(pattern), kind, std::move(h), 64 * 1024, cacheable});
  }
  void post(std::string pattern, RouteKind kind, Handler h, std::size_t max_body = 64 * 1024) {
    add({"POST", std::move(pattern), kind, std::move(h), max_body});
  }
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace carepilot::http
