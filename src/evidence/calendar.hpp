// Dates and files derived from compliance reports: today's date in Europe/Paris, the
// iCalendar (RFC 5545) of coming deadlines, and the dashboard exports (CSV, XLSX).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "engine/aggregate.hpp"
#include "engine/report.hpp"

namespace carepilot::evidence {

// The calendar date in Europe/Paris at `now` (time-zone rules from the system's tzdata).
Date paris_date(std::chrono::system_clock::time_point now);
inline Date paris_today() {
  return paris_date(std::chrono::system_clock::now());
}

// A coming deadline of an establishment's obligation.
struct Deadline {
  std::string obligation_id;
  std::string title;
  std::string status;  // status_name of the obligation when the deadline was computed
  Date date{};
};

// iCalendar text: one all-day VEVENT per deadline; CRLF line endings, lines folded at 75
// octets (never inside a UTF-8 sequence), TEXT values escaped. `stamp` is the DTSTAMP
// (UTC, "YYYYMMDDTHHMMSSZ").
std::string to_icalendar(const std::string& finess, const std::string& establishment_name,
                         const std::vector<Deadline>& deadlines, const std::string& stamp);

// Folds one content line (without its CRLF) as RFC 5545 §3.1 asks.
std::string fold_line(std::string_view line);

// CSV (RFC 4180, comma-separated, CRLF) of the dashboard: one row per obligation.
std::string dashboard_csv(const engine::Aggregate& aggregate);
// XLSX workbook of the dashboard (sheets "Obligations" and "En retard"), as bytes.
std::string dashboard_xlsx(const engine::Aggregate& aggregate);

}  // namespace carepilot::evidence
