// Calendar dates as the product uses them: ISO 8601 "YYYY-MM-DD", no time, no zone.
// Parsing is strict (exact width, real calendar day); formatting is the inverse.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace carepilot {

using Date = std::chrono::year_month_day;

// Parses "YYYY-MM-DD" (years 1900-9999). Returns nullopt for anything else,
// including impossible days such as 2025-02-29.
std::optional<Date> parse_date(std::string_view text);

// The earliest year of a day a user records (a registration, a commission, a piece of
// evidence): an earlier one is a typing slip (« 0026 » or « 1900 » for « 2026 »), refused with a
// message naming the field. Not a rule of the programme: a bound of plausibility.
inline constexpr std::chrono::year kEarliestRecordedYear{2000};

// Formats as "YYYY-MM-DD".
std::string format_date(const Date& d);

// Days from a to b (positive when b is after a).
int days_between(const Date& a, const Date& b);

// Adds (or subtracts) whole days.
Date add_days(const Date& d, int days);

// Last day of the month, quarter (1-4) and year that contain d.
Date end_of_quarter(const Date& d);
Date end_of_year(const Date& d);
int quarter_of(const Date& d);

}  // namespace carepilot
