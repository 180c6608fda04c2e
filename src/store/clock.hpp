// Wall-clock timestamps for stored rows (created_at, updated_at): UTC, ISO 8601, seconds.
#pragma once
#include <string>

namespace carepilot::store {
std::string now_utc_iso();
}

#include <cstdint>

namespace carepilot::store {
// Now, in Unix seconds (UTC): the clock of stored times kept as numbers (the job queue);
// components that must move time in tests take it as a std::function defaulting to this.
std::int64_t now_unix();
}  // namespace carepilot::store
