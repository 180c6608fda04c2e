#include "common/french.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <cstdio>
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
  return buf;
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

std::string iso_utc(std::int64_t unix_s) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", sys_seconds{seconds{unix_s}});
}

}  // namespace carepilot
