#include "common/date.hpp"

#include <cstdio>

namespace carepilot {

namespace {
bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}
int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

std::optional<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto ys = t.substr(0, 4), ms = t.substr(5, 2), ds = t.substr(8, 2);
  if (!all_digits(ys) || !all_digits(ms) || !all_digits(ds)) return std::nullopt;
  int y = to_int(ys);
  if (y < 1900) return std::nullopt;
  Date d{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(to_int(ms))},
         std::chrono::day{static_cast<unsigned>(to_int(ds))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

int days_between(const Date& a, const Date& b) {
  return static_cast<int>((std::chrono::sys_days{b} - std::chrono::sys_days{a}).count());
}

Date add_days(const Date& d, int days) {
  return Date{std::chrono::sys_days{d} + std::chrono::days{days}};
}

int quarter_of(const Date& d) {
  return (static_cast<int>(static_cast<unsigned>(d.month())) - 1) / 3 + 1;
}

Date end_of_quarter(const Date& d) {
  unsigned last_month = static_cast<unsigned>(quarter_of(d)) * 3;
  return Date{d.year() / std::chrono::month{last_month} / std::chrono::last};
}

Date end_of_year(const Date& d) {
  return Date{d.year() / std::chrono::December / 31};
}

}  // namespace carepilot
