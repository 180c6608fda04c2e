// The pages every DSFR site carries in its footer (accessibility statement, legal notice,
// personal data, cookies, site map) and the API documentation page. Open to everyone,
// signed in or not; the site map lists only the pages the caller's role can use.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "http/request.hpp"
#include "http/routes.hpp"

namespace carepilot::web {

void add_site_pages(http::RouteTable& routes);

// The site map's sections for a caller: (heading, [(label, href)]).
struct SiteMapSection {
  std::string key;
  std::string heading;
  std::vector<std::pair<std::string, std::string>> links;
};
std::vector<SiteMapSection> site_map_for(const http::Caller& caller);

}  // namespace carepilot::web
