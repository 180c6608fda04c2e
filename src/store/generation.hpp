// The data generation: a counter bumped after every write, so that caches of rendered
// pages (web/page_cache.hpp) can tell, with one cheap query, whether they are current —
// also across several carepilot instances sharing one PostgreSQL.
#pragma once

#include <cstdint>

#include "store/database.hpp"

namespace carepilot::store {

std::int64_t current_generation(Database& db);
void bump_generation(Database& db);

}  // namespace carepilot::store
