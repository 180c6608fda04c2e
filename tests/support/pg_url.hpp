// The URL of the test PostgreSQL server with another database name (its query string kept):
// "postgresql://u@h:p/postgres?x=1" with "t_1" is "postgresql://u@h:p/t_1?x=1".
#pragma once

#include <string>

namespace carepilot::testing {

inline std::string pg_url_with_database(const std::string& base, const std::string& name) {
  auto scheme = base.find("://");
  auto slash = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  auto query = base.find('?');
  std::string head = base.substr(0, slash == std::string::npos ? query : slash);
  return head + "/" + name + (query == std::string::npos ? "" : base.substr(query));
}

}  // namespace carepilot::testing
