#include "common/french.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <limits>
#include <sstream>

namespace carepilot {

using namespace std::chrono;

std::string paris_datetime(std::int64_t unix_s) {
  static const date::time_zone* paris = date::locate_zone("Europe/Paris");
  auto local = paris->to_local(sys_seconds{seconds{unix_s}});
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<seconds> t{local - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d à %02d h %02d", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()),
                static_cast<int>(t.hours().count()), static_cast<int>(t.minutes().count()));
  std::string out = buf;
  // The repeated hour: which of the two the wall clock showed.
  if (paris->get_info(date::floor<seconds>(local)).result == date::local_info::ambiguous)
    out += paris->get_info(sys_seconds{seconds{unix_s}}).save != minutes{0} ? " (heure d'été)"
                                                                            : " (heure d'hiver)";
  return out;
}

ParisLocalTime paris_local_time(std::string_view text) {
  static const date::time_zone* paris = date::locate_zone("Europe/Paris");
  ParisLocalTime out;
  std::string s(text);
  if (s.size() == 16) s += ":00";
  if (s.size() != 19 || s[10] != 'T') return out;
  std::istringstream in(s);
  date::local_seconds local;
  in >> date::parse("%Y-%m-%dT%H:%M:%S", local);
  if (in.fail()) return out;
  const auto info = paris->get_info(local);
  auto at = [&](const date::sys_info& i) { return (local.time_since_epoch() - i.offset).count(); };
  auto offset = [](const date::sys_info& i) {
    return static_cast<int>(duration_cast<minutes>(i.offset).count());
  };
  switch (info.result) {
    case date::local_info::unique:
      out.kind = ParisLocalTime::Kind::unique;
      out.summer = out.winter = at(info.first);
      out.summer_offset_minutes = out.winter_offset_minutes = offset(info.first);
      break;
    case date::local_info::nonexistent:
      out.kind = ParisLocalTime::Kind::nonexistent;
      break;
    case date::local_info::ambiguous:
      out.kind = ParisLocalTime::Kind::ambiguous;
      out.summer = at(info.first);
      out.winter = at(info.second);
      out.summer_offset_minutes = offset(info.first);
      out.winter_offset_minutes = offset(info.second);
      break;
  }
  return out;
}

std::optional<std::int64_t> parse_iso_utc(const std::string& iso) {
  std::istringstream in(iso.substr(0, 19));
  date::sys_seconds tp;
  in >> date::parse("%Y-%m-%dT%H:%M:%S", tp);
  if (in.fail() || iso.size() < 19) return std::nullopt;
  return tp.time_since_epoch().count();
}

std::string paris_datetime(const std::string& iso) {
  auto s = parse_iso_utc(iso);
  return s ? paris_datetime(*s) : iso;
}

std::optional<std::int64_t> paris_day_start(std::string_view ymd) {
  static const date::time_zone* paris = date::locate_zone("Europe/Paris");
  std::istringstream in{std::string(ymd)};
  date::local_days day;
  in >> date::parse("%Y-%m-%d", day);
  if (in.fail() || ymd.size() != 10) return std::nullopt;
  // Midnight exists on every day in Paris (the clocks change at 2 h and 3 h).
  auto utc = paris->to_sys(date::local_seconds{day.time_since_epoch()});
  return utc.time_since_epoch().count();
}

std::string iso_utc(std::int64_t unix_s) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", sys_seconds{seconds{unix_s}});
}

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return false;
  for (std::size_t i = at; i < at + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// Length of the ISO date or timestamp starting at `at` (0 when there is none):
// YYYY-MM-DD, then optionally THH:MM, :SS, fractional seconds, Z.
std::size_t iso_length(std::string_view s, std::size_t at) {
  if (!digits(s, at, 4) || at + 10 > s.size() || s[at + 4] != '-' || !digits(s, at + 5, 2) ||
      s[at + 7] != '-' || !digits(s, at + 8, 2))
    return 0;
  std::size_t n = 10;
  if (at + n < s.size() && s[at + n] == 'T' && digits(s, at + n + 1, 2) && at + n + 3 < s.size() &&
      s[at + n + 3] == ':' && digits(s, at + n + 4, 2)) {
    n += 6;
    if (at + n < s.size() && s[at + n] == ':' && digits(s, at + n + 1, 2)) n += 3;
    if (at + n < s.size() && s[at + n] == '.') {
      ++n;
      while (at + n < s.size() && std::isdigit(static_cast<unsigned char>(s[at + n]))) ++n;
    }
    if (at + n < s.size() && s[at + n] == 'Z') ++n;
  }
  return n;
}

}  // namespace

std::string french_date_text(std::string_view text) {
  if (text.empty() || iso_length(text, 0) != text.size()) return std::string(text);
  std::string out = std::string(text.substr(8, 2)) + "/" + std::string(text.substr(5, 2)) + "/" +
                    std::string(text.substr(0, 4));
  if (text.size() == 10) return out;
  if (text.back() == 'Z') return paris_datetime(std::string(text));
  return out + " à " + std::string(text.substr(11, 2)) + " h " + std::string(text.substr(14, 2));
}

std::string french_dates_in(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
    std::size_t n = word_start ? iso_length(text, i) : 0;
    if (n == 0) {
      out += text[i++];
      continue;
    }
    out += french_date_text(text.substr(i, n));
    i += n;
    // "2025-12-01/2026-12-01": a period.
    if (i < text.size() && text[i] == '/' && iso_length(text, i + 1) > 0) {
      out += " – ";
      ++i;
    }
  }
  return out;
}

std::string french_integer(std::int64_t n) {
  bool negative = n < 0;
  std::string digits = std::to_string(n);
  if (negative) digits.erase(0, 1);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string french_file_size(std::int64_t bytes) {
  if (bytes < 1024) return plural(bytes, "octet", "octets");
  std::int64_t tenths = (bytes * 10 + 512) / 1024;  // Kio, rounded to the tenth
  const char* unit = "Kio";
  if (tenths >= 10240) {
    tenths = (bytes * 10 + (1 << 19)) / (1 << 20);
    unit = "Mio";
  }
  std::string out = french_integer(tenths / 10);
  if (tenths % 10 != 0) out += "," + std::to_string(tenths % 10);
  return out + "\u00a0" + unit;
}

std::string_view agree(std::int64_t n, std::string_view one, std::string_view many) {
  return (n >= -1 && n <= 1) ? one : many;
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return french_integer(n) + " " + std::string(agree(n, one, many));
}

std::string french_choices(const std::vector<std::string_view>& labels) {
  std::string out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += i + 1 == labels.size() ? " ou " : ", ";
    out += "« " + std::string(labels[i]) + " »";
  }
  return out;
}

std::optional<std::int64_t> parse_euro_cents(std::string_view text) {
  std::int64_t units = 0, decimals = 0;
  int int_digits = 0, dec_digits = 0;
  bool seen_sep = false, seen_currency = false;
  auto is = [&](std::size_t i, std::string_view what) {
    return text.substr(i, what.size()) == what;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t') continue;
    if (is(i, "\u00a0") || is(i, "\u2009")) {  // no-break space, thin space
      i += is(i, "\u00a0") ? 1 : 2;
      continue;
    }
    if (is(i, "\u202f")) {  // narrow no-break space
      i += 2;
      continue;
    }
    if (is(i, "€") || is(i, "EUR")) {
      // Only once, and only after the number.
      if (seen_currency || (int_digits == 0 && dec_digits == 0)) return std::nullopt;
      seen_currency = true;
      i += 2;  // both are three bytes
      continue;
    }
    if (seen_currency) return std::nullopt;
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
      if (++int_digits > 15) return std::numeric_limits<std::int64_t>::max();
      units = units * 10 + (c - '0');
    }
  }
  if (int_digits == 0 && dec_digits == 0) return std::nullopt;
  if (dec_digits == 1) decimals *= 10;
  return units * 100 + decimals;
}

}  // namespace carepilot
