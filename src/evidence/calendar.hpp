// Dates and files derived from compliance reports: today's date in Europe/Paris, the
// iCalendar (RFC 5545) of coming deadlines, and the dashboard exports (CSV, XLSX).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "engine/aggregate.hpp"
#include "engine/report.hpp"
#include "referential/model.hpp"

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

// One event of a personal calendar subscription.
struct FeedEvent {
  std::string finess;
  std::string establishment;
  std::string obligation_id;
  std::string title;
  Date deadline{};       // the coming deadline, or the missed one when overdue
  bool overdue = false;  // then the event stands on `today`, the day the feed is read
  // A key date of the programme (issue 20, data/knowledge/dates.yaml) rather than an
  // establishment's deadline: `obligation_id` is the date's id, `title` and `description`
  // its words, `link` its page (under public_url), `last_day` the end of a period.
  bool programme = false;
  std::string description;
  std::string link;
  std::optional<Date> last_day;
  // The obligations a programme date is about (its entry's `obligations`): an establishment's
  // deadline of one of them on that day is the same event, shown once (issue 20 trial).
  std::vector<std::string> obligations;
};

// iCalendar text: one all-day VEVENT per deadline; CRLF line endings, lines folded at 75
// octets (never inside a UTF-8 sequence), TEXT values escaped. `stamp` is the DTSTAMP
// (UTC, "YYYYMMDDTHHMMSSZ"). `programme`: the programme's key dates (FeedEvent with
// `programme` set; others are ignored), each an all-day event over its period linking to its
// page under `public_url`, after the establishment's deadlines.
std::string to_icalendar(const std::string& finess, const std::string& establishment_name,
                         const std::vector<Deadline>& deadlines, const std::string& stamp,
                         const std::vector<FeedEvent>& programme = {},
                         const std::string& public_url = "");

// The reminders of the subscription, as data (data/calendar/reminders.yaml).
struct ReminderPolicy {
  std::vector<int> days_before;  // a reminder this many days before each coming deadline
  int overdue_hour = 0;          // the hour of the reminder of an overdue obligation
  // Parses and checks the YAML (days 1–365, each once; hour 0–23). Throws
  // std::invalid_argument with a French message naming the key.
  static ReminderPolicy parse(const std::string& yaml);
  // The policy embedded in the binary.
  static const ReminderPolicy& builtin();
};

// The iCalendar of a subscription (same text rules as to_icalendar): a coming deadline is an
// all-day event on its day with one reminder (VALARM, DISPLAY) per `days_before` of the
// policy; an overdue obligation is an all-day event on `today` ("En retard : …", the missed
// deadline and the days since in its description) with a reminder at the policy's
// `overdue_hour` that day. Each event links (URL) to the establishment's compliance page
// under `public_url`.
std::string to_icalendar_feed(const std::string& calendar_name,
                              const std::vector<FeedEvent>& events, const std::string& public_url,
                              const Date& today, const ReminderPolicy& reminders,
                              const std::string& stamp);

// The coming deadlines of one establishment's report (no event for an obligation met once
// for all, continuous, or whose fixed deadline has passed).
std::vector<Deadline> coming_deadlines(const referential::Referential& ref,
                                       const engine::EstablishmentReport& report,
                                       const Date& today);
// Now, as a DTSTAMP ("YYYYMMDDTHHMMSSZ").
std::string utc_stamp();

// Folds one content line (without its CRLF) as RFC 5545 §3.1 asks.
std::string fold_line(std::string_view line);

// CSV of the dashboard in the common export format (common/export.hpp): one row per
// obligation, shares in percent with a decimal comma, late establishments as FINESS — name.
std::string dashboard_csv(const engine::Aggregate& aggregate);
// XLSX workbook of the dashboard (sheets "Obligations" and "En retard"), as bytes.
std::string dashboard_xlsx(const engine::Aggregate& aggregate);

}  // namespace carepilot::evidence
