// The runner started by every `carepilot serve` process (docs/jobs.md): it enqueues the
// recurring jobs that fall due, claims due jobs one at a time and runs their handler.
//
// Claiming: on PostgreSQL one UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED), so two
// instances never take the same row; on SQLite under the single writer (BEGIN IMMEDIATE).
// A claimed job carries a lease (locked_until) that a heartbeat renews while the handler
// runs; a job whose process died is claimed again once its lease has expired (at the next
// start, or by another instance). A handler that throws is retried with exponential
// back-off, then the job is marked failed with the error text (kept, never lost).
//
// A job whose kind has no handler on this instance is never claimed by it: it stays
// pending (visible on the job page) until an instance that knows the kind takes it. Nothing
// spins on it. Recurring jobs are enqueued only for the kinds this runner has a handler for.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>

#include "jobs/queue.hpp"
#include "jobs/schedule.hpp"
#include "store/database.hpp"

namespace carepilot::jobs {

// What a handler may ask of the runner while it works.
struct JobContext {
  const Job& job;                     // id, kind, attempts (this try included) …
  std::function<std::int64_t()> now;  // the runner's clock (Unix seconds)
  std::function<bool()> stopping;     // true once the runner is asked to stop
  std::function<void()> renew_lease;  // extends the lease now (also done by a heartbeat)
};

using Handler = std::function<void(const nlohmann::json& payload, JobContext& ctx)>;

// Thrown by a handler that gives up because the runner is stopping (ctx.stopping()): the job
// goes back to pending at once, this try not counted, to resume at the next start.
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

class Runner {
 public:
  // `worker` names this runner in locked_by ("" : host name, process id and a counter).
  Runner(store::Database& db, Settings settings = Settings::builtin(), std::string worker = "");
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Registers the handler of `kind` (before start()). Throws std::invalid_argument for an
  // invalid kind or a kind registered twice.
  void on(const std::string& kind, Handler h);
  bool handles(const std::string& kind) const { return handlers_.count(kind) > 0; }

  // The clock (Unix seconds); tests move time by replacing it before start().
  std::function<std::int64_t()> now;

  // Starts the background thread; stop() (or the destructor) ends it after the running
  // job's handler returns (a handler may watch ctx.stopping() and throw Interrupted).
  void start();
  void stop();

  // One step, also used by tests: claims one due job of a known kind and runs it.
  // Returns false when there was none.
  bool run_once();
  // Enqueues the latest occurrence of every recurring job this runner handles (once per
  // occurrence across all instances). Returns how many were added.
  int enqueue_recurring();

  const std::string& worker_id() const { return worker_; }
  const Settings& settings() const { return settings_; }
  Queue& queue() { return queue_; }

 private:
  std::optional<Job> claim();
  void finish(const Job& job, const std::string& error, bool interrupted);
  void renew(std::int64_t id);
  void loop();

  store::Database& db_;
  Settings settings_;
  std::string worker_;
  Queue queue_;
  std::map<std::string, Handler> handlers_;
  std::string kinds_sql_;  // "'a','b'" for the claim's IN list (kinds are validated)
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stopping_{false};
  std::int64_t last_purge_ = 0;
};

}  // namespace carepilot::jobs
