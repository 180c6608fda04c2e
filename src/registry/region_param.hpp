// The `?region=` filter of the API's lists (establishments, GHTs, exports, identification,
// missing registrations): a region code of the referential (data/regions: "11", "52", "976"…).
#pragma once

#include <string>

#include "http/request.hpp"
#include "registry/repository.hpp"

namespace carepilot::registry {

// The region code asked by `?region=`, "" when absent or empty. Throws 400
// request.bad_parameter naming `region` when the code is no region of the referential: an
// unknown code is refused, never read as « no establishment » (an empty list would be a false
// answer). A known region outside the caller's scope is accepted and matches nothing the caller
// cannot see (the scope filters the rows, never this check).
std::string api_region_param(const http::Request& req, Repository& repo);

}  // namespace carepilot::registry
