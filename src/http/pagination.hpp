// The one pagination of every paged page (users, the late grid, the journal …): the DSFR
// component `fr-pagination` with first, previous, numbered pages around the current one (the
// current page marked aria-current="page"), next and last, and "page N sur M". Each page
// builds its links (keeping its active filters) through `href`.
#pragma once

#include <functional>
#include <string>

#include "http/request.hpp"

namespace carepilot::http {

struct Pagination {
  int page = 1;   // the current page, 1-based
  int pages = 1;  // the page count (at least 1)
  // The page's address for page n (its filters kept).
  std::function<std::string(int)> href;
  std::string label = "Pagination";  // the nav's aria-label, e.g. "Pages des comptes"
  int window = 2;                    // numbered pages shown on each side of the current one
};

// The HTML of the component (to be written unescaped: `{{PAGINATION:none}}`); "" when there
// is a single page.
std::string render_pagination(const Pagination& p);

// `path` with every non-empty query parameter of `req` (the page's active filters, in their
// order) except `key`, then `key`=n, then `fragment` ("#sans-rssi" or "").
std::string page_link(const Request& req, const std::string& path, const std::string& key, int n,
                      const std::string& fragment = "");

// The page count of `total` items, `per_page` a page (at least 1).
int page_count(long long total, int per_page);

// The page a page's address asks for (?page=, or `key`): 1 when absent or not a number (a
// hand-typed address still shows the page), at most 1 000 000.
int page_number(const Request& req, const std::string& key = "page");

}  // namespace carepilot::http
