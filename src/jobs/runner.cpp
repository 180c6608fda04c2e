#include "jobs/runner.hpp"

#include <unistd.h>

#include <chrono>
#include <iostream>

#include "jobs/labels.hpp"
#include "store/clock.hpp"
#include "store/transaction.hpp"

namespace carepilot::jobs {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

std::string default_worker() {
  static std::atomic<int> counter{0};
  char host[128] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = 0;
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(++counter);
}

void log_line(const std::string& text) {
  std::cerr << "carepilot: " + text + "\n";
}

}  // namespace

Runner::Runner(store::Database& db, Settings settings, std::string worker)
    : now(store::now_unix),
      db_(db),
      settings_(std::move(settings)),
      worker_(worker.empty() ? default_worker() : std::move(worker)),
      queue_(db) {}

Runner::~Runner() {
  stop();
}

void Runner::on(const std::string& kind, Handler h) {
  if (!valid_kind(kind)) throw std::invalid_argument("jobs: invalid kind " + kind);
  if (!handlers_.emplace(kind, std::move(h)).second)
    throw std::invalid_argument("jobs: a handler is already registered for " + kind);
  kinds_sql_.clear();
  for (const auto& [k, _] : handlers_) kinds_sql_ += (kinds_sql_.empty() ? "'" : ",'") + k + "'";
}

std::optional<Job> Runner::claim() {
  if (handlers_.empty()) return std::nullopt;
  long long id = 0;
  bool found = false;
  {  // The session is given back before the job is read (a pool of one, as the CLI's).
    auto s = db_.lease();
    long long t = now(), until = t + settings_.lease_s;
    store::Transaction tr(*s);
    // A job left running by a dead process after its last allowed try: failed, not run again.
    const std::string dead =
        "Le processus qui exécutait la tâche s'est arrêté pendant la dernière tentative "
        "autorisée";
    *s << "UPDATE jobs SET state = 'failed', finished_at = :t, locked_by = NULL, "
          "locked_until = NULL, last_error = :e WHERE state = 'running' AND locked_until < :t2 "
          "AND attempts >= max_attempts",
        use(t), use(dead), use(t);
    const std::string due =
        "((state = 'pending' AND run_at <= :t1) OR (state = 'running' AND "
        "locked_until < :t2)) AND kind IN (" +
        kinds_sql_ + ")";
    soci::indicator ind = soci::i_null;
    if (db_.backend() == store::Backend::postgresql) {
      *s << "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = :w, "
            "locked_until = :u, started_at = :t WHERE id = (SELECT id FROM jobs WHERE " +
                due + " ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id",
          use(worker_), use(until), use(t), use(t), use(t), into(id, ind);
      found = s->got_data() && ind == soci::i_ok;
    } else {
      *s << "SELECT id FROM jobs WHERE " + due + " ORDER BY run_at, id LIMIT 1", use(t), use(t),
          into(id, ind);
      found = s->got_data() && ind == soci::i_ok;
      if (found)
        *s << "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = :w, "
              "locked_until = :u, started_at = :t WHERE id = :i",
            use(worker_), use(until), use(t), use(id);
    }
    tr.commit();
  }
  if (!found) return std::nullopt;
  return queue_.get(id);
}

void Runner::renew(std::int64_t id) {
  auto s = db_.lease();
  long long i = id, until = now() + settings_.lease_s;
  store::Transaction tr(*s);
  *s << "UPDATE jobs SET locked_until = :u WHERE id = :i AND locked_by = :w AND state = "
        "'running'",
      use(until), use(i), use(worker_);
  tr.commit();
}

void Runner::finish(const Job& job, const std::string& error, bool interrupted) {
  auto s = db_.lease();
  long long i = job.id, t = now();
  store::Transaction tr(*s);
  // Only while this runner still holds the job: had its lease lapsed and another instance
  // taken it, that instance's outcome counts.
  const std::string mine = " WHERE id = :i AND locked_by = :w AND state = 'running'";
  if (interrupted) {
    *s << "UPDATE jobs SET state = 'pending', attempts = attempts - 1, run_at = :t, "
          "locked_by = NULL, locked_until = NULL" +
              mine,
        use(t), use(i), use(worker_);
  } else if (error.empty()) {
    *s << "UPDATE jobs SET state = 'done', finished_at = :t, locked_by = NULL, "
          "locked_until = NULL, last_error = ''" +
              mine,
        use(t), use(i), use(worker_);
  } else if (job.attempts >= job.max_attempts) {
    *s << "UPDATE jobs SET state = 'failed', finished_at = :t, locked_by = NULL, "
          "locked_until = NULL, last_error = :e" +
              mine,
        use(t), use(error), use(i), use(worker_);
  } else {
    long long next = t + settings_.retry.delay_after(job.attempts);
    *s << "UPDATE jobs SET state = 'pending', run_at = :r, locked_by = NULL, "
          "locked_until = NULL, last_error = :e" +
              mine,
        use(next), use(error), use(i), use(worker_);
  }
  tr.commit();
}

bool Runner::run_once() {
  auto job = claim();
  if (!job) return false;
  std::string error;
  bool interrupted = false;
  // Heartbeat: renews the lease every lease_s / 3 while the handler runs.
  std::mutex hb_mu;
  std::condition_variable hb_cv;
  bool hb_done = false;
  std::thread heartbeat([&] {
    auto period = std::chrono::milliseconds(settings_.lease_s * 1000 / 3);
    std::unique_lock lk(hb_mu);
    while (!hb_cv.wait_for(lk, period, [&] { return hb_done; })) {
      try {
        renew(job->id);
      } catch (const std::exception& e) {
        log_line("renouvellement du bail de la tâche n° " + std::to_string(job->id) +
                 " impossible : " + e.what());
      }
    }
  });
  JobContext ctx{*job, now, [this] { return stopping_.load(); }, [&] { renew(job->id); }};
  try {
    handlers_.at(job->kind)(job->payload, ctx);
  } catch (const Interrupted&) {
    interrupted = true;
  } catch (const std::exception& e) {
    error = e.what();
    if (error.empty()) error = "erreur sans message";
  } catch (...) {
    error = "exception inconnue";
  }
  {
    std::lock_guard lk(hb_mu);
    hb_done = true;
  }
  hb_cv.notify_all();
  heartbeat.join();
  finish(*job, error, interrupted);
  if (!error.empty())
    log_line("tâche n° " + std::to_string(job->id) + " (" + kind_label(job->kind) +
             ") en échec, tentative " + std::to_string(job->attempts) + " sur " +
             std::to_string(job->max_attempts) + " : " + error);
  return true;
}

int Runner::enqueue_recurring() {
  int added = 0;
  auto t = now();
  for (const auto& r : settings_.recurring) {
    if (!handles(r.kind)) continue;
    auto o = latest_occurrence(r, t);
    if (r.catch_up_s > 0 && t - o.run_at > r.catch_up_s) continue;  // too late for this one
    if (queue_.enqueue(r.kind, o.payload, o.run_at, settings_.retry.max_attempts, o.dedupe_key, t))
      ++added;
  }
  return added;
}

void Runner::loop() {
  while (!stopping_.load()) {
    try {
      enqueue_recurring();
      // Bounded: at most 1000 jobs between two looks at the schedule.
      for (int n = 0; n < 1000 && !stopping_.load() && run_once(); ++n) {
      }
      auto t = now();
      if (t - last_purge_ >= 3600) {
        queue_.purge_done(t - settings_.keep_done_days * 86400);
        last_purge_ = t;
      }
    } catch (const std::exception& e) {
      log_line(std::string("file des tâches : ") + e.what());
    }
    std::unique_lock lk(mu_);
    cv_.wait_for(lk, std::chrono::seconds(settings_.poll_s), [this] { return stopping_.load(); });
  }
}

void Runner::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Runner::stop() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace carepilot::jobs
