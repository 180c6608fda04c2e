// The queue's settings and its recurring jobs, as data (data/jobs/schedule.yaml, embedded):
// retries with exponential back-off, the lease of a claimed job, the polling period, and
// when each recurring job falls due in Europe/Paris (docs/jobs.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace carepilot::jobs {

struct RetryPolicy {
  int max_attempts = 5;
  std::int64_t base_delay_s = 60;
  std::int64_t max_delay_s = 3600;
  // Seconds to wait after the `attempt`-th failed try (1-based): base × 2^(attempt−1),
  // at most max_delay_s.
  std::int64_t delay_after(int attempt) const;
};

struct Recurring {
  enum class Every { day, week, month };
  enum class Payload { date, previous_month, week };
  std::string kind;
  Every every = Every::day;
  unsigned weekday = 1;  // ISO: 1 = Monday … 7 = Sunday (every: week)
  int hour = 0, minute = 0;
  Payload payload = Payload::date;
  // An occurrence older than this (seconds after its time) is not enqueued any more: a
  // server started on Thursday does not send Monday's digest. 0: always caught up.
  std::int64_t catch_up_s = 0;
};

// The latest occurrence of a recurring job at or before `now` (Unix seconds).
struct Occurrence {
  std::int64_t run_at = 0;  // Unix seconds of the occurrence (its Paris local time)
  std::string period;       // "2026-11-30", "2026-W49", "2026-11" (the month it runs in)
  nlohmann::json payload;   // {"date": …} / {"week": …} / {"month": <the month that ended>}
  std::string dedupe_key;   // "KIND:PERIOD"
};
Occurrence latest_occurrence(const Recurring& r, std::int64_t now);

struct Settings {
  RetryPolicy retry;
  std::int64_t lease_s = 300;
  std::int64_t poll_s = 5;
  std::int64_t keep_done_days = 30;
  int digest_horizon_days = 30;  // the weekly digest lists the deadlines of these next days
  std::vector<Recurring> recurring;
  // Parses and checks the YAML. Throws std::invalid_argument with a French message naming
  // the key.
  static Settings parse(const std::string& yaml);
  // data/jobs/schedule.yaml as embedded in the binary.
  static const Settings& builtin();
};

// The Paris calendar date ("YYYY-MM-DD") and ISO week ("YYYY-Www") at `unix_s`.
std::string paris_date_text(std::int64_t unix_s);
std::string iso_week_text(std::int64_t unix_s);

}  // namespace carepilot::jobs
