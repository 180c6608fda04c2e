// The quality improvement plan (PAQ): actions with their source, owner, due date, priority,
// status and progress notes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/withdrawal.hpp"

namespace carepilot::paq {

enum class Source {
  exercise,
  assessment,
  ad_audit,
  exposure_audit,
  identification,
  continuity,
  incident,
  manual
};
enum class Priority { low, medium, high, critical };
enum class Status { open, in_progress, done, cancelled };

std::string_view source_name(Source s);   // "exercise" …, as stored
std::string_view source_label(Source s);  // French
std::optional<Source> parse_source(std::string_view s);
std::string_view priority_name(Priority p);
std::string_view priority_label(Priority p);
std::optional<Priority> parse_priority(std::string_view s);
// The priorities by their French labels, for a message: "« basse », … ou « critique »".
std::string priority_choices();
std::string_view status_name(Status s);
std::string_view status_label(Status s);
std::optional<Status> parse_status(std::string_view s);

// What a form, an API body or another module (an exercise's RETEX, an assessment's unmet
// requirement) provides to create an action.
struct ActionInput {
  std::string title;
  std::string description;
  Source source = Source::manual;
  std::string source_ref;  // e.g. "exercise:12", "assessment:3:GOV-2"
  std::string owner;       // a person or a function, free text
  std::optional<Date> due;
  Priority priority = Priority::medium;
  bool cyber = true;
};

// The editable fields of an existing action (a full replacement; the API merges a partial
// body over the current action first). Setting status to done sets progress to 100.
struct ActionChange {
  std::string title;
  std::string description;
  std::string owner;
  std::optional<Date> due;
  Priority priority = Priority::medium;
  Status status = Status::open;
  int progress = 0;  // 0 to 100
  bool cyber = true;
};

struct Note {
  std::int64_t id = 0;
  std::string note;
  std::string created_at;
  std::string created_by;
};

struct Action {
  std::int64_t id = 0;
  std::int64_t establishment_id = 0;
  std::string title;
  std::string description;
  Source source = Source::manual;
  std::string source_ref;
  std::string owner;
  std::optional<Date> due;
  Priority priority = Priority::medium;
  Status status = Status::open;
  int progress = 0;  // percent
  bool cyber = true;
  std::string created_at;
  std::string created_by;
  std::string updated_at;  // UTC timestamp
  Date updated_on{};       // Europe/Paris day of the last change (the evidence's date)
  std::vector<Note> notes;
  // Set when the action was withdrawn (issue 12): it then stays listed under "retirées",
  // counts for nothing and can no longer be changed.
  Withdrawal withdrawal;

  // Open or in progress with a due date before `today`.
  bool overdue(const Date& today) const;
  // The current values, as a starting point for an ActionChange.
  ActionChange change() const;
};

}  // namespace carepilot::paq
