// French formatting shown to users, in one place: dates and times in Paris time
// ("30/11/2026 à 13 h 01"), never ISO timestamps or UTC on screen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace carepilot {

// "30/11/2026 à 13 h 01" for a Unix time (seconds), in Europe/Paris (summer time included).
std::string paris_datetime(std::int64_t unix_s);
// The same for a UTC ISO 8601 timestamp as stored ("2026-11-30T12:01:00Z", fractional
// seconds allowed); returns the text unchanged when it does not parse.
std::string paris_datetime(const std::string& iso_utc);
// "2026-11-30T12:01:00Z": the UTC ISO form for APIs and storage.
std::string iso_utc(std::int64_t unix_s);
// Unix seconds of a UTC ISO 8601 timestamp; nullopt when it does not parse.
std::optional<std::int64_t> parse_iso_utc(const std::string& iso_utc);

}  // namespace carepilot
