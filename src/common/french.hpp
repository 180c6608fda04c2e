// French formatting shown to users, in one place: dates and times in Paris time
// ("30/11/2026 à 13 h 01"), never ISO timestamps or UTC on screen; numbers grouped by
// thousands; real singular and plural forms; amounts typed as "200 000 €". The labels of
// field keys and codes are in common/labels.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carepilot {

// "30/11/2026 à 13 h 01" for a Unix time (seconds), in Europe/Paris (summer time included).
// During the hour repeated by the change to winter time (the last Sunday of October, 02:00 to
// 03:00 happens twice) the text says which one: "25/10/2026 à 02 h 40 (heure d'été)", then
// "… (heure d'hiver)".
std::string paris_datetime(std::int64_t unix_s);
// The same for a UTC ISO 8601 timestamp as stored ("2026-11-30T12:01:00Z", fractional
// seconds allowed); returns the text unchanged when it does not parse.
std::string paris_datetime(const std::string& iso_utc);
// The Unix time of midnight, Paris time, starting the day "2026-11-30" (a date typed in a
// filter); nullopt when it is not a valid date.
std::optional<std::int64_t> paris_day_start(std::string_view ymd);
// A Paris wall-clock time as typed in a form ("2026-07-01T10:00", seconds allowed): `unique`
// with its instant; `nonexistent` in the hour skipped by the change to summer time (29/03/2026
// 02:30); `ambiguous` in the hour repeated by the change to winter time (25/10/2026 02:30):
// `summer` is the first of the two instants (UTC+2), `winter` the second (UTC+1); `invalid`
// when the text is not a date and time.
struct ParisLocalTime {
  enum class Kind { invalid, unique, nonexistent, ambiguous };
  Kind kind = Kind::invalid;
  std::int64_t summer = 0;  // unique: the instant (both fields equal)
  std::int64_t winter = 0;
  int summer_offset_minutes = 0, winter_offset_minutes = 0;
};
ParisLocalTime paris_local_time(std::string_view local);
// "2026-11-30T12:01:00Z": the UTC ISO form for APIs and storage.
std::string iso_utc(std::int64_t unix_s);
// Unix seconds of a UTC ISO 8601 timestamp; nullopt when it does not parse.
std::optional<std::int64_t> parse_iso_utc(const std::string& iso_utc);

// A date or timestamp of any stored ISO form, as read on a page: "2025-06-17" →
// "17/06/2025"; "2025-06-17T10:40" (a local time) → "17/06/2025 à 10 h 40"; a UTC
// timestamp ("…Z") in Paris time. Anything else is returned unchanged.
std::string french_date_text(std::string_view text);
// Every ISO date or timestamp inside a free text (a stored journal summary, an
// explanation) rewritten as above; "2025-12-01/2026-12-01" reads "01/12/2025 – 01/12/2026".
std::string french_dates_in(std::string_view text);

// 1234567 → "1 234 567" (no-break spaces between thousands).
std::string french_integer(std::int64_t n);
// A file's size for people: "512 octets", "12,5 Kio", "1,4 Mio" (binary units, one decimal,
// as the upload limits are written: « 5 Mio »).
std::string french_file_size(std::int64_t bytes);
// "1 compte", "0 compte", "3 comptes" (French: 0 and 1 take the singular).
std::string plural(std::int64_t n, std::string_view one, std::string_view many);
// The word alone: "compte" or "comptes" for n.
std::string_view agree(std::int64_t n, std::string_view one, std::string_view many);
// The choices of a list for a message, by their labels: "« basse », « moyenne » ou
// « haute »" (never the codes the API stores: those are in the API's documentation).
std::string french_choices(const std::vector<std::string_view>& labels);

// An amount in euros as typed in a form: "200 000 €", "200 000,50", "1 500.5 EUR" (spaces,
// no-break and narrow no-break spaces between thousands; a comma or a dot before at most
// two decimals; an optional euro sign). In cents; nullopt when it does not read as an
// amount; more than 15 integer digits answer INT64_MAX, for the caller to refuse.
std::optional<std::int64_t> parse_euro_cents(std::string_view text);

}  // namespace carepilot
