// Generations per scope: counters bumped in the transaction of every write about an
// establishment, one per scope containing it ("nation", "region:52", "ght:7",
// "establishment:123"), so a cache of rendered pages (web/page_cache.hpp) invalidates only
// the pages of those scopes — also across several instances sharing one PostgreSQL.
// Writes about no establishment keep bumping the global generation (store/generation.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace carepilot::store {

// The scopes containing an establishment, narrowest first.
std::vector<std::string> establishment_scope_keys(std::int64_t establishment_id,
                                                  const std::string& region_code,
                                                  std::optional<std::int64_t> ght_id);

// Adds one to each counter, on `sql` (inside the caller's transaction).
void bump_scope_generations(soci::session& sql, const std::vector<std::string>& keys);

// The counter of one scope (0 when never bumped).
std::int64_t scope_generation(Database& db, const std::string& key);

}  // namespace carepilot::store
