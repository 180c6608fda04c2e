// The job queue: rows of the `jobs` table (migration 0017), enqueued by any instance and
// claimed by one at a time (docs/jobs.md). Times are Unix seconds (UTC).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "store/database.hpp"

namespace carepilot::jobs {

enum class State { pending, running, done, failed };
std::string_view state_name(State s);  // "pending" …
std::optional<State> parse_state(std::string_view s);

struct Job {
  std::int64_t id = 0;
  std::string kind;
  nlohmann::json payload;
  std::string dedupe_key;  // "" when none
  State state = State::pending;
  std::int64_t run_at = 0;
  int attempts = 0;  // tries started so far (the claim counts one)
  int max_attempts = 0;
  std::string locked_by;
  std::int64_t locked_until = 0;
  std::string last_error;
  std::int64_t created_at = 0;
  std::int64_t started_at = 0;   // 0: never started
  std::int64_t finished_at = 0;  // 0: not finished
};

// A job kind: lower-case words separated by dots or underscores ("reminders.weekly").
bool valid_kind(std::string_view kind);

class Queue {
 public:
  explicit Queue(store::Database& db) : db_(db) {}
  store::Database& db() { return db_; }

  // Adds a pending job due at `run_at`. With a dedupe key, a second enqueue of the same key
  // (from this or any other instance, at any time) adds nothing and returns nullopt.
  // Throws std::invalid_argument for an invalid kind or max_attempts < 1.
  std::optional<std::int64_t> enqueue(const std::string& kind, const nlohmann::json& payload,
                                      std::int64_t run_at, int max_attempts,
                                      const std::string& dedupe_key, std::int64_t now);

  std::optional<Job> get(std::int64_t id);
  // Jobs in `state`, most recent first (by run_at for pending, else by the last change).
  std::vector<Job> list(State state, int limit);
  // Jobs finished (done) since `since`, most recent first.
  std::vector<Job> done_since(std::int64_t since, int limit);
  int count(State state);

  // Puts a failed job back in the queue, due now, with a fresh count of attempts; audited
  // ("retry" on entity "job"). Returns false when the job does not exist or is not failed.
  bool retry(std::int64_t id, const Actor& actor, std::int64_t now);

  // Deletes the jobs done before `before`; returns how many.
  int purge_done(std::int64_t before);

 private:
  store::Database& db_;
};

}  // namespace carepilot::jobs
