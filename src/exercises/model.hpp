// Crisis exercises: a scenario (from a list that can grow), a format, objectives and
// participants by function; run with a main courante (time-stamped log) and a timeline of
// injects; closed by a RETEX whose items become PAQ actions; declared on the national
// platform. States: planned -> running -> closed.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/withdrawal.hpp"
#include "paq/model.hpp"

namespace carepilot::exercises {

enum class Format { table_top, live };
enum class Status { planned, running, closed };

std::string_view format_name(Format f);   // "table_top", as stored
std::string_view format_label(Format f);  // "Sur table"
std::optional<Format> parse_format(std::string_view s);
std::string_view status_name(Status s);
std::string_view status_label(Status s);  // "Planifié"
std::optional<Status> parse_status(std::string_view s);

// The functions participants are counted by, in display order.
inline constexpr std::array<std::string_view, 6> kFunctions{
    "direction", "medical", "care", "it", "communication", "logistics"};
std::string_view function_label(std::string_view function);  // "Direction", "Soins" …

struct Scenario {
  std::string code;
  std::string label;
  std::string region_code;  // "" for the national list; else offered in that region only
};

struct Participants {
  std::string function;  // one of kFunctions
  int count = 0;
  std::string names;  // free text, comma separated
};

struct LogEntry {
  std::int64_t id = 0;
  std::string at;  // "YYYY-MM-DDTHH:MM" (local time of the exercise) or full ISO 8601
  std::string author;
  std::string text;
  std::string created_at;
};

struct Inject {
  std::int64_t id = 0;
  int offset_minutes = 0;  // planned time, minutes after the start
  std::string title;
  std::string description;
  std::string played_at;  // UTC timestamp, empty while not played
};

struct RetexItem {
  std::int64_t id = 0;
  int n = 0;  // 1, 2 … within the exercise; the PAQ source_ref is "exercise:ID:item:N"
  std::string text;
  paq::Priority priority = paq::Priority::medium;
  std::optional<std::int64_t> action_id;  // the PAQ action it became, if any
};

struct Exercise {
  std::int64_t id = 0;
  std::int64_t establishment_id = 0;
  std::string title;
  Date date{};
  std::string scenario;        // code
  std::string scenario_label;  // French
  Format format = Format::table_top;
  std::string objectives;
  std::vector<Participants> participants;  // one per kFunctions entry, in that order
  Status status = Status::planned;
  std::string started_at;
  std::optional<Date> retex_date;
  std::string retex_worked, retex_failed, retex_decisions;
  std::optional<Date> declared_on;
  std::string created_at, created_by, updated_at;
  // Set when the exercise was withdrawn (issue 12): listed under "retirés", counts for
  // nothing, no longer changed.
  Withdrawal withdrawal;
  // Closed and declared to the national platform: locked, only a withdrawal remains.
  bool locked() const { return status == Status::closed && declared_on.has_value(); }
  // Filled by Repository::get only.
  std::vector<LogEntry> log;
  std::vector<Inject> injects;
  std::vector<RetexItem> items;

  bool retex_in_paq() const;
};

// What a form or an API body provides; dates as text so that a malformed one is refused by
// name.
struct ExerciseInput {
  std::string title;
  std::string date;
  std::string scenario;
  std::string format;
  std::string objectives;
  std::vector<Participants> participants;  // functions absent are counted 0
};

struct LogInput {
  std::string at;  // "HH:MM" (on the exercise day), full ISO, or empty for now
  std::string author;
  std::string text;
};

struct InjectInput {
  std::string offset_minutes;  // text: refused by name when not a number
  std::string title;
  std::string description;
};

struct RetexInput {
  std::string retex_date;
  std::string worked, failed, decisions;
};

struct ItemInput {
  std::string text;
  std::string priority;  // low | medium | high | critical; empty = medium
};

// Owner and due date of the PAQ actions created from RETEX items (optional).
struct PaqOptions {
  std::string owner;
  std::string due;
};

}  // namespace carepilot::exercises
