// The registry's pages (home, establishments, import) and its JSON API (/api/v1).
#pragma once

#include <functional>
#include <string>

#include "http/routes.hpp"
#include "registry/repository.hpp"

namespace carepilot::registry {

struct WebContext {
  store::Database& db;
  const Catalog& catalog;
  Repository& repo;
  std::size_t max_upload_bytes = 32u << 20;
  std::size_t max_json_bytes = 1u << 20;
  // The establishment's compliance summary as HTML (evidence::summary_html), set by the web
  // layer: shown on the establishment page and as the home page of an establishment's users.
  std::function<std::string(const http::Request&, const std::string& finess)> summary;
  // The establishment's history as HTML (incidents::establishment_history_html), set by the web
  // layer: shown on the establishment page after the summary.
  std::function<std::string(const http::Request&, const std::string& finess)> history;
};

// Reads q, region, ght, type, page and per_page; 400 on a malformed number.
EstablishmentFilter filter_from_query(const http::Request& req);

void add_page_routes(http::RouteTable& routes, WebContext& ctx);
void add_api_routes(http::RouteTable& routes, WebContext& ctx);

// The templates embedded by this module (generated).
const std::map<std::string_view, std::string_view>& template_files();

}  // namespace carepilot::registry
