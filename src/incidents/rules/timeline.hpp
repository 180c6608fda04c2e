// The pure engine of an incident's timeline (issue 19): instants typed with their offset, the
// checks an event must pass against the timeline it joins, the durations the statistics use
// (time to detect, to contain, to declare, to restore, in degraded mode) and the regulatory
// clocks of data/incidents/register.yaml (what is due, by when, time left or lateness). No
// I/O, no clock: `now` is an argument. Every instant is Unix seconds (UTC); an instant is
// shown in Europe/Paris (common/french.hpp), so durations hold across the changes of time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/errors.hpp"
#include "common/withdrawal.hpp"
#include "incidents/rules/catalog.hpp"

namespace carepilot::incidents {

// An instant as typed: "2026-03-29T01:30:00+01:00", "2026-03-29T01:30+01:00" or "…Z". The
// offset must be explicit (a local time without one is ambiguous twice a year).
struct TypedInstant {
  std::int64_t unix = 0;   // UTC
  int offset_minutes = 0;  // as typed (+60 for +01:00)
};
// nullopt when not of those forms, the day or time impossible, or the offset missing or
// beyond ±14:00.
std::optional<TypedInstant> parse_instant(std::string_view text);
// "2026-03-29T00:30:00Z", the stored UTC form.
std::string utc_text(std::int64_t unix);

struct Event {
  std::int64_t id = 0;
  std::string kind;  // an event type of the catalog
  std::int64_t at = 0;
  int offset_minutes = 0;
  std::string service;  // for per_service events, else ""
  std::string note;
  // Withdrawn (typed wrong; migration 0056): kept and shown « Retiré », out of every
  // computation (Incident::withdrawn_events, never Incident::events).
  Withdrawal withdrawal;
};

// The observatory's qualification: dimension → chosen values (one for a single dimension, the
// cells "category.criterion" for a matrix one). A dimension absent is not yet qualified.
using Qualification = std::map<std::string, std::vector<std::string>>;

// The errors of a qualification: field "qualification.DIM" `incident.dimension_unknown`,
// `incident.value_unknown` (the choices named by their labels), `incident.single_value` (two
// values for a single dimension).
std::vector<FieldError> check_qualification(const Catalog& c, const Qualification& q);

// The errors of `e` joining `timeline` (sorted or not; holds the detection once the incident
// exists) of an establishment whose services are `services`: field "event_kind"
// `incident.event_unknown`, `incident.event_unique` (a second detection, a second
// occurrence); field "event_at" `incident.before_detection` (dated before the detection and not an
// occurrence), `incident.end_before_start` (end of degraded mode before its start); field
// "service" `incident.service_required`, `incident.service_unknown` (not a service of the
// establishment), `incident.no_open_period` (an end with no period open for that service),
// `incident.period_open` (a start while one is open for it).
std::vector<FieldError> check_event(const Catalog& c, const std::vector<Event>& timeline,
                                    const Event& e, const std::vector<std::string>& services);

// The error of an instant typed for `field` ("detected_at", "event_at", "submitted_at") later
// than `now` plus the catalog's clock skew: `incident.in_future`, the field named by its label;
// nullopt otherwise.
std::optional<FieldError> check_not_future(const Catalog& c, const char* field, std::int64_t at,
                                           std::int64_t now);

// A period of degraded mode of a service: `end` absent while it lasts.
struct DegradedPeriod {
  std::string service;
  std::int64_t start = 0;
  std::optional<std::int64_t> end;
};

struct Durations {                         // seconds; absent when an end is not recorded
  std::optional<std::int64_t> to_detect;   // occurred → detection
  std::optional<std::int64_t> to_contain;  // detection → first containment
  std::optional<std::int64_t> to_declare;  // detection → first declaration submitted
  std::optional<std::int64_t> to_restore;  // detection → services restored
  // Time when at least one service was in degraded mode (periods merged), open periods
  // counted up to `now`; `degraded_ongoing` when one is open.
  std::int64_t degraded = 0;
  bool degraded_ongoing = false;
  std::vector<DegradedPeriod> periods;  // by start
  std::map<std::string, std::int64_t> degraded_by_service;
};

Durations durations(const std::vector<Event>& timeline, std::int64_t now);

enum class ClockState {
  not_applicable,       // the qualification says it does not apply
  to_qualify,           // depends on a dimension not yet qualified
  running,              // due at `due`, `seconds` left
  overdue,              // due at `due`, `seconds` late
  as_soon_as_possible,  // without delay, not done: `seconds` since the detection
  done_on_time,         // done at `done_at`, `seconds` before the due time
  done_late,            // done at `done_at`, `seconds` after the due time
  done,                 // without delay, done at `done_at`, `seconds` after the detection
};

struct Clock {
  const Deadline* deadline = nullptr;
  ClockState state = ClockState::not_applicable;
  std::optional<std::int64_t> due;  // within_hours deadlines that apply
  std::optional<std::int64_t> done_at;
  std::int64_t seconds = 0;
};

// The clocks of every deadline of `c`, from the detection (none when the timeline has none).
std::vector<Clock> clocks(const Catalog& c, const std::vector<Event>& timeline,
                          const Qualification& q, std::int64_t now);

// The code of a clock state ("running", "overdue" …), as stored in exports and the API.
std::string_view clock_state_code(ClockState s);

// A duration in French words: « 2 jours 3 heures », « 1 heure 5 minutes », « 45 minutes »,
// « moins d'une minute »; beyond a day the minutes stay (« 1 jour 15 heures 30 minutes »).
std::string duration_text(std::int64_t seconds);

// The time left on a clock, the participle agreeing with it (issue 19 trial: « 2 jours
// 13 heures restant »): « 1 jour restant », « 2 jours 13 heures restants », « 1 heure
// restante », « 2 heures restantes », « 3 heures 5 minutes restantes », « 1 minute restante ».
std::string remaining_text(std::int64_t seconds);
// What the incident page says of a clock's time: the time left while it runs, « … de retard »
// when overdue or done late, « … d'avance » done on time, « … depuis la détection » for a
// declaration without delay not yet made, « fait … après la détection » once made; « — »
// otherwise.
std::string clock_delay_text(const Clock& c);

}  // namespace carepilot::incidents
