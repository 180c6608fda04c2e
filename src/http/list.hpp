// One convention for the API's lists (docs/api.md): `page` (from 1) and `per_page` (1 to
// 200, default per route), `sort` among the route's whitelisted fields (`field` ascending,
// `-field` descending; anything else 400 request.bad_sort), and the answer
// {"items": [...], "total", "page", "per_page", "page_count"} plus the route's own fields.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "common/errors.hpp"
#include "http/request.hpp"

namespace carepilot::http {

struct ListSpec {
  std::vector<std::string> sort_fields;  // the whitelist; empty: no sort parameter accepted
  int default_per_page = 100;
  int max_per_page = 200;
};

// Sorts (when asked), then cuts `items` (a JSON array) to the requested page; `extra`
// fields are added to the answer. Throws UserError 400 on a malformed or refused parameter.
nlohmann::json list_page(const Request& req, nlohmann::json items, const ListSpec& spec,
                         nlohmann::json extra = nlohmann::json::object());
Response list_response(const Request& req, nlohmann::json items, const ListSpec& spec,
                       nlohmann::json extra = nlohmann::json::object());
// A list paged in the database: the parameters read (and checked) before the query, then
// the answer built from one page and the count of every match. Past the last page, the
// database answers the last page (its number goes to paged_response).
struct ListQuery {
  int page = 1;
  int per_page = 100;
  std::string sort;  // "" or a whitelisted field, '-' for descending
};
ListQuery list_query(const Request& req, const ListSpec& spec);
Response paged_response(nlohmann::json items, long long total, int page, int per_page,
                        nlohmann::json extra = nlohmann::json::object());
// The error of a filter parameter that cannot be read: 400 request.bad_parameter naming
// `key`, `what` saying what is expected (French).
UserError bad_parameter(const std::string& key, const std::string& what);

// An integer query parameter (`page`, `per_page`…), 400 request.bad_parameter outside [lo, hi].
int int_query(const Request& req, const std::string& key, int fallback, int lo, int hi);
// A yes/no query parameter (`demo`, `retard`): "1" yes, "0" no, absent or empty `fallback`.
// The API refuses anything else (400 request.bad_parameter naming `key`): bool_query. A page
// ignores it (`fallback`, as if absent: a hand-typed address still shows the page):
// page_bool_query.
bool bool_query(const Request& req, const std::string& key, bool fallback);
bool page_bool_query(const Request& req, const std::string& key, bool fallback);
// A list page's filter given a value it does not know (issue 20 trial: such a value was
// ignored silently). The page lists as if the filter were absent and says so: this appends to
// `notice` (the page's PageMeta::flash_error) « Le filtre « LABEL » ne connaît pas la valeur
// « VALUE » : il n'est pas appliqué. », the filter named by its label on the page. The API
// refuses such a value instead (bad_parameter).
void add_unknown_filter(std::string& notice, std::string_view label, std::string_view value);

// The `sort` parameter ("" when absent) if its field (without a leading '-') is in
// `fields`; otherwise 400 request.bad_sort naming the allowed fields.
std::string sort_query(const Request& req, const std::vector<std::string>& fields);

}  // namespace carepilot::http
