#include "budget/model.hpp"

#include "common/french.hpp"

#include <cctype>

namespace carepilot::budget {

int last_declarable_year(const Date& today) {
  return static_cast<int>(today.year());
}
bool declarable_year(int year, const Date& today) {
  return year >= 2000 && year <= last_declarable_year(today);
}
std::vector<int> offered_years(const Date& today) {
  const int y = last_declarable_year(today);
  return {y, y - 1, y - 2};
}

std::int64_t permille(std::int64_t part, std::int64_t total) {
  if (total <= 0 || part <= 0) return 0;
  // round half up of 1000 * part / total; part <= kMaxCents keeps 2000 * part in 64 bits.
  return (2000 * part + total) / (2 * total);
}

Shares shares(const Declaration& d) {
  return {permille(d.digital_cents, d.total_cents), permille(d.cyber_cents, d.total_cents),
          permille(d.digital_cents + d.cyber_cents, d.total_cents)};
}

bool meets_threshold(const Declaration& d) {
  return d.total_cents > 0 &&
         (d.digital_cents + d.cyber_cents) * 100 >= kThresholdPercent * d.total_cents;
}

double combined_ratio(const Declaration& d) {
  if (d.total_cents <= 0) return 0.0;
  return static_cast<double>(d.digital_cents + d.cyber_cents) / static_cast<double>(d.total_cents);
}

std::string french_percent(std::int64_t pm) {
  return std::to_string(pm / 10) + "," + std::to_string(pm % 10) + "\u00a0%";
}

namespace {
std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
    out += digits[i];
  }
  return out;
}
}  // namespace

std::string french_euros(std::int64_t cents) {
  std::string dec = std::to_string(cents % 100);
  if (dec.size() < 2) dec = "0" + dec;
  return grouped(cents / 100) + "," + dec + "\u00a0€";
}

std::string plain_euros(std::int64_t cents) {
  std::string dec = std::to_string(cents % 100);
  if (dec.size() < 2) dec = "0" + dec;
  return std::to_string(cents / 100) + "." + dec;
}

std::optional<std::int64_t> parse_euros(std::string_view text) {
  auto cents = parse_euro_cents(text);
  if (cents && *cents > kMaxCents) return kMaxCents + 1;  // far too large: refused by the caller
  return cents;
}

}  // namespace carepilot::budget

namespace carepilot::budget {

std::optional<int> parse_year(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int y = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    y = y * 10 + (c - '0');
  }
  return y;
}

}  // namespace carepilot::budget
