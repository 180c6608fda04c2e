#include "adaudit/rules/os_support.hpp"

#include "adaudit/model.hpp"

namespace carepilot::adaudit {

namespace {
Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}
}  // namespace

bool is_server_os(std::string_view os) {
  return lower(os).find("server") != std::string::npos;
}

std::optional<Date> windows_end_of_support(std::string_view os_text) {
  const std::string os = lower(os_text);
  if (os.find("windows") == std::string::npos) return std::nullopt;
  auto has = [&](std::string_view s) { return os.find(s) != std::string::npos; };
  if (has("server")) {
    if (has("2000")) return ymd(2010, 7, 13);
    if (has("2003")) return ymd(2015, 7, 14);
    if (has("2008")) return ymd(2020, 1, 14);
    if (has("2012")) return ymd(2023, 10, 10);
    if (has("2016")) return ymd(2027, 1, 12);
    if (has("2019")) return ymd(2029, 1, 9);
    if (has("2022")) return ymd(2031, 10, 14);
    return std::nullopt;
  }
  if (has("2000")) return ymd(2010, 7, 13);
  if (has(" xp")) return ymd(2014, 4, 8);
  if (has("vista")) return ymd(2017, 4, 11);
  if (has("windows 7")) return ymd(2020, 1, 14);
  if (has("windows 8.1")) return ymd(2023, 1, 10);
  if (has("windows 8")) return ymd(2016, 1, 12);
  if (has("windows 10") && (has("ltsc") || has("ltsb"))) return std::nullopt;  // longer cycles
  if (has("windows 10")) return ymd(2025, 10, 14);
  if (has("windows nt")) return ymd(2004, 12, 31);
  return std::nullopt;
}

}  // namespace carepilot::adaudit
