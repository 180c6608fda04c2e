// Pages (/connaissances…, open to everyone; editing for national staff and regional staff on
// their region's offers) and JSON API (/api/v1/knowledge/…) of the knowledge base (issue 20).
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "common/changes.hpp"
#include "http/routes.hpp"
#include "knowledge/repository.hpp"

namespace carepilot::knowledge {

struct Context {
  Repository& repo;
  std::size_t max_json_bytes = 1u << 20;
  // The region of a signed-in caller's scope (their establishment's, GHT's or region's; ""
  // for the nation or when unknown): web/ gives auth's.
  std::function<std::string(const Scope&)> region_of;
};

// The regional offers `caller` may see (SearchQuery::visible_region): regional offers are not
// public, so an anonymous visitor sees none (""), national staff every region's (nullopt),
// other signed-in users their own region's.
std::optional<std::string> visible_region(const Context& ctx, const http::Caller& caller);
// The entry `ref` when the caller may see it; 404 « Entrée introuvable. » otherwise (a regional
// offer of another region reads as absent).
Entry visible_entry(const Context& ctx, const http::Request& req, const std::string& ref);

void add_page_routes(http::RouteTable& routes, Context& ctx);
void add_api_routes(http::RouteTable& routes, Context& ctx);
void add_routes(http::RouteTable& routes, Context& ctx);

const std::map<std::string_view, std::string_view>& template_files();

// French labels of the vocabulary (data/labels/labels.yaml, « codes »).
std::string kind_label(const std::string& kind);
std::string theme_label(const std::string& theme);
std::string offer_kind_label(const std::string& offer_kind);
std::string doc_kind_label(const std::string& doc_kind);
std::string region_label(const std::string& region);  // "" or "national": « National »
// An entry's fields as a reader sees them (codes labelled, dates in French), in the order of
// the entry form: what the audit trail compares when an entry changes (describe_changes).
std::vector<ShownField> shown_fields(const Entry& e);
// The page of one entry: /connaissances/entrees/ID (ID encoded).
std::string entry_url(const std::string& id);

// A search's answer as the API gives it.
nlohmann::json search_json(const SearchResult& r, const SearchQuery& q);

}  // namespace carepilot::knowledge
