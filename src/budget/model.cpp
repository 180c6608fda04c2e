#include "budget/model.hpp"

#include <cctype>

namespace carepilot::budget {

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
  std::int64_t units = 0, decimals = 0;
  int int_digits = 0, dec_digits = 0;
  bool seen_sep = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ') continue;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ++i;  // no-break space
      continue;
    }
    if (c == '.' || c == ',') {
      if (seen_sep) return std::nullopt;
      seen_sep = true;
      continue;
    }
    if (!std::isdigit(c)) return std::nullopt;
    if (seen_sep) {
      if (++dec_digits > 2) return std::nullopt;
      decimals = decimals * 10 + (c - '0');
    } else {
      if (++int_digits > 15) return kMaxCents + 1;  // far too large: refused by the caller
      units = units * 10 + (c - '0');
    }
  }
  if (int_digits == 0 && dec_digits == 0) return std::nullopt;
  if (dec_digits == 1) decimals *= 10;
  return units * 100 + decimals;
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
