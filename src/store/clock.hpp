// Wall-clock timestamps for stored rows (created_at, updated_at): UTC, ISO 8601, seconds.
#pragma once
#include <string>

namespace carepilot::store {
std::string now_utc_iso();
}
