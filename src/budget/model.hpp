// A yearly budget declaration and the pure arithmetic on it. Amounts are euro cents
// (integers): the forms and the API take decimal euros with at most two decimals.
// The digital budget EXCLUDES cybersecurity: the digital-budget obligation computes
// (digital + cyber) / total, so the two never overlap.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/withdrawal.hpp"

namespace carepilot::budget {

// The largest amount accepted: one thousand billion euros, in cents (keeps every product
// of the share arithmetic within 64 bits).
inline constexpr std::int64_t kMaxCents = 100'000'000'000'000;
// The share of the total the obligation requires for digital + cyber: 2 %.
inline constexpr int kThresholdPercent = 2;

struct Declaration {
  std::int64_t id = 0;
  int year = 0;
  std::int64_t total_cents = 0;
  std::int64_t digital_cents = 0;  // digital budget excluding cybersecurity
  std::int64_t cyber_cents = 0;
  Date declared_on{};
  std::string updated_at, updated_by;
  // Set when the declaration was withdrawn (issue 12): kept, counts for nothing; the year
  // can then be declared again.
  Withdrawal withdrawal;
};

// Shares of the total in tenths of a percent, rounded half up (24 = 2,4 %): digital,
// cyber, and digital + cyber (rounded from the exact sum, not the sum of the roundings).
struct Shares {
  std::int64_t digital_permille = 0;
  std::int64_t cyber_permille = 0;
  std::int64_t combined_permille = 0;
};

// The years whose budget can be declared on `today` (Paris date): the digital-budget
// obligation is yearly by civil year (data/obligations/dns-2025-12.yaml, action prioritaire
// 7), so a year is declared once it has begun — the current year and the years before it,
// from 2000 — never a year to come.
int last_declarable_year(const Date& today);
bool declarable_year(int year, const Date& today);
// The years the budget page offers to declare: the current year and the two before.
std::vector<int> offered_years(const Date& today);

// round(1000 * part / total) half up; 0 when total <= 0. Both non-negative.
std::int64_t permille(std::int64_t part, std::int64_t total);
Shares shares(const Declaration& d);
// Exact: (digital + cyber) * 100 >= 2 * total (no rounding).
bool meets_threshold(const Declaration& d);
// The exact ratio (digital + cyber) / total, for the API.
double combined_ratio(const Declaration& d);

// "2,4 %" (one decimal, comma, no-break space before %), from tenths of a percent.
std::string french_percent(std::int64_t permille);
// "250 000 000,00 €" (no-break spaces between thousands).
std::string french_euros(std::int64_t cents);
// "1234.5" → 123450, "200 000 €" → 20000000: common/french.hpp parse_euro_cents (spaces,
// no-break and narrow no-break spaces between thousands, an optional euro sign, '.' or ','
// before at most two decimals); nullopt otherwise (signs, exponents, three decimals,
// empty). Values over kMaxCents answer kMaxCents + 1: the caller refuses them.
std::optional<std::int64_t> parse_euros(std::string_view text);
// The cents as a plain decimal string, "1234.5" → "1234.50" (form values).
std::string plain_euros(std::int64_t cents);

}  // namespace carepilot::budget

namespace carepilot::budget {

// The :year route parameter: exactly four digits; nullopt otherwise (the routes answer 404).
std::optional<int> parse_year(std::string_view text);

}  // namespace carepilot::budget
