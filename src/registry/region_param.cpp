#include "registry/region_param.hpp"

#include <algorithm>

#include "http/list.hpp"

namespace carepilot::registry {

std::string api_region_param(const http::Request& req, Repository& repo) {
  std::string code = req.q("region");
  if (code.empty()) return code;
  const auto regions = repo.regions(Scope::nation());
  if (std::none_of(regions.begin(), regions.end(), [&](const Region& r) { return r.code == code; }))
    throw http::bad_parameter("region", "code de région inconnu");
  return code;
}

}  // namespace carepilot::registry
