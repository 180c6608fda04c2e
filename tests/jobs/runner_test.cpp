// The job queue and its runner on both databases: retries with back-off then failure with
// the error kept, a throwing handler never loses its job, an expired lease lets another
// runner take the job, unknown kinds stay pending, recurring occurrences are enqueued once,
// and two runners with their own connection pools never run one job twice.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "jobs/runner.hpp"
#include "test_db.hpp"

namespace carepilot::testing {
namespace {

using jobs::Job;
using jobs::Runner;
using jobs::State;
using nlohmann::json;

constexpr std::int64_t kT0 = 1'796'000'000;  // 2026-11-30T… UTC, a Monday in Paris

jobs::Settings settings(int max_attempts = 3) {
  jobs::Settings s;
  s.retry = {max_attempts, 60, 3600};
  s.lease_s = 300;
  s.poll_s = 1;
  return s;
}

class RunnerTest : public ::testing::TestWithParam<const char*> {
 protected:
  RunnerTest() : db_(GetParam()) {}
  // A runner whose clock reads `clock_`.
  std::unique_ptr<Runner> runner(jobs::Settings s = settings(), const std::string& name = "a") {
    auto r = std::make_unique<Runner>(db_.db(), std::move(s), name);
    r->now = [this] { return clock_.load(); };
    return r;
  }
  jobs::Queue queue() { return jobs::Queue(db_.db()); }
  TestDb db_;
  std::atomic<std::int64_t> clock_{kT0};
};

TEST_P(RunnerTest, RetriesWithBackoffThenFailsKeepingTheError) {
  auto r = runner(settings(3));
  int calls = 0;
  r->on("test.boom", [&](const json& p, jobs::JobContext& ctx) {
    ++calls;
    EXPECT_EQ(p["n"], 7);
    if (calls <= 3) {
      EXPECT_EQ(ctx.job.attempts, calls);
    }
    throw std::runtime_error("panne n° " + std::to_string(calls));
  });
  auto id = *queue().enqueue("test.boom", {{"n", 7}}, kT0, 3, "", kT0);

  ASSERT_TRUE(r->run_once());
  auto j = *queue().get(id);
  EXPECT_EQ(j.state, State::pending);
  EXPECT_EQ(j.attempts, 1);
  EXPECT_EQ(j.run_at, kT0 + 60);  // base delay
  EXPECT_EQ(j.last_error, "panne n° 1");
  EXPECT_FALSE(r->run_once()) << "not due before its back-off";
  clock_ = kT0 + 59;
  EXPECT_FALSE(r->run_once());
  clock_ = kT0 + 60;
  ASSERT_TRUE(r->run_once());
  j = *queue().get(id);
  EXPECT_EQ(j.state, State::pending);
  EXPECT_EQ(j.run_at, kT0 + 60 + 120);  // doubled
  clock_ = kT0 + 180;
  ASSERT_TRUE(r->run_once());
  j = *queue().get(id);
  EXPECT_EQ(j.state, State::failed);
  EXPECT_EQ(j.attempts, 3);
  EXPECT_EQ(j.last_error, "panne n° 3");
  EXPECT_EQ(j.finished_at, kT0 + 180);
  clock_ = kT0 + 100000;
  EXPECT_FALSE(r->run_once()) << "a failed job is not run again by itself";
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(queue().count(State::failed), 1);

  // Retried by an administrator: due at once, attempts counted afresh.
  ASSERT_TRUE(queue().retry(id, Actor{"admin@test.fr"}, clock_));
  EXPECT_FALSE(queue().retry(id, Actor{"admin@test.fr"}, clock_)) << "only a failed job";
  j = *queue().get(id);
  EXPECT_EQ(j.state, State::pending);
  EXPECT_EQ(j.attempts, 0);
  ASSERT_TRUE(r->run_once());
  EXPECT_EQ(calls, 4);
}

TEST_P(RunnerTest, BackoffIsCappedAndSucceedsLater) {
  jobs::RetryPolicy p{10, 60, 300};
  EXPECT_EQ(p.delay_after(1), 60);
  EXPECT_EQ(p.delay_after(2), 120);
  EXPECT_EQ(p.delay_after(3), 240);
  EXPECT_EQ(p.delay_after(4), 300);
  EXPECT_EQ(p.delay_after(40), 300);

  auto r = runner();
  int calls = 0;
  r->on("test.flaky", [&](const json&, jobs::JobContext&) {
    if (++calls == 1) throw std::runtime_error("première fois");
  });
  auto id = *queue().enqueue("test.flaky", json::object(), kT0, 3, "", kT0);
  ASSERT_TRUE(r->run_once());
  clock_ = kT0 + 60;
  ASSERT_TRUE(r->run_once());
  auto j = *queue().get(id);
  EXPECT_EQ(j.state, State::done);
  EXPECT_EQ(j.attempts, 2);
  EXPECT_EQ(j.last_error, "");
}

TEST_P(RunnerTest, AHandlerThrowingAnythingNeverLosesItsJob) {
  auto r = runner(settings(2));
  r->on("test.odd", [](const json&, jobs::JobContext&) { throw 42; });
  auto id = *queue().enqueue("test.odd", json::object(), kT0, 2, "", kT0);
  ASSERT_TRUE(r->run_once());
  auto j = queue().get(id);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->state, State::pending);
  EXPECT_EQ(j->last_error, "exception inconnue");
  clock_ = kT0 + 60;
  ASSERT_TRUE(r->run_once());
  j = queue().get(id);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->state, State::failed);
  EXPECT_EQ(j->last_error, "exception inconnue");
}

TEST_P(RunnerTest, AnExpiredLeaseLetsTheJobBeTakenAgain) {
  // A process claimed the job and died (simulated: the row as its claim left it).
  auto id = *queue().enqueue("test.resume", {{"date", "2026-11-30"}}, kT0, 3, "", kT0);
  {
    auto s = db_.db().lease();
    long long until = kT0 + 300, i = id;
    *s << "UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'dead', "
          "locked_until = :u, started_at = :s WHERE id = :i",
        soci::use(until), soci::use(until), soci::use(i);
  }
  auto r = runner();
  int calls = 0;
  r->on("test.resume", [&](const json& p, jobs::JobContext&) {
    ++calls;
    EXPECT_EQ(p["date"], "2026-11-30");
  });
  clock_ = kT0 + 299;
  EXPECT_FALSE(r->run_once()) << "the lease still holds";
  clock_ = kT0 + 301;
  ASSERT_TRUE(r->run_once()) << "the lease has expired: taken again";
  EXPECT_EQ(calls, 1);
  auto j = *queue().get(id);
  EXPECT_EQ(j.state, State::done);
  EXPECT_EQ(j.attempts, 2);

  // The dead process's late answer changes nothing: it no longer holds the job.
  // A job whose process died during its last allowed try is failed, not run a 4th time.
  auto id2 = *queue().enqueue("test.resume", json::object(), kT0, 3, "", kT0);
  {
    auto s = db_.db().lease();
    long long until = kT0 + 100, i = id2;
    *s << "UPDATE jobs SET state = 'running', attempts = 3, locked_by = 'dead', "
          "locked_until = :u WHERE id = :i",
        soci::use(until), soci::use(i);
  }
  EXPECT_FALSE(r->run_once());
  j = *queue().get(id2);
  EXPECT_EQ(j.state, State::failed);
  EXPECT_NE(j.last_error.find("s'est arrêté"), std::string::npos) << j.last_error;
  EXPECT_EQ(calls, 1);
}

TEST_P(RunnerTest, AKindWithoutHandlerStaysPendingAndIsNotClaimed) {
  auto r = runner();
  int calls = 0;
  r->on("test.known", [&](const json&, jobs::JobContext&) { ++calls; });
  auto other = *queue().enqueue("test.unknown", json::object(), kT0, 3, "", kT0);
  auto known = *queue().enqueue("test.known", json::object(), kT0 + 1, 3, "", kT0);
  clock_ = kT0 + 5;
  ASSERT_TRUE(r->run_once());
  EXPECT_FALSE(r->run_once());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(queue().get(known)->state, State::done);
  auto j = *queue().get(other);
  EXPECT_EQ(j.state, State::pending);
  EXPECT_EQ(j.attempts, 0);
  EXPECT_THROW(r->on("test.known", [](const json&, jobs::JobContext&) {}), std::invalid_argument);
  EXPECT_THROW(r->on("Bad Kind", [](const json&, jobs::JobContext&) {}), std::invalid_argument);
}

TEST_P(RunnerTest, AnInterruptedJobGoesBackToPendingWithoutCountingTheTry) {
  auto r = runner();
  r->on("test.long", [](const json&, jobs::JobContext&) { throw jobs::Interrupted(); });
  auto id = *queue().enqueue("test.long", json::object(), kT0, 3, "", kT0);
  ASSERT_TRUE(r->run_once());
  auto j = *queue().get(id);
  EXPECT_EQ(j.state, State::pending);
  EXPECT_EQ(j.attempts, 0);
  EXPECT_EQ(j.run_at, kT0);
}

TEST_P(RunnerTest, ADedupeKeyEnqueuesOnce) {
  auto q = queue();
  auto a = q.enqueue("test.once", json::object(), kT0, 3, "test.once:2026-11-30", kT0);
  auto b = q.enqueue("test.once", json::object(), kT0, 3, "test.once:2026-11-30", kT0);
  auto c = q.enqueue("test.once", json::object(), kT0, 3, "test.once:2026-12-01", kT0);
  EXPECT_TRUE(a);
  EXPECT_FALSE(b);
  EXPECT_TRUE(c);
  EXPECT_NE(*a, *c);
  EXPECT_EQ(q.count(State::pending), 2);
}

TEST_P(RunnerTest, RecurringJobsAreEnqueuedOncePerOccurrenceByManyInstances) {
  // Two instances (own connection pools) enqueue the schedule at the same moment, often.
  // Monday 16 November 2026, 13:00 in Paris.
  clock_ = 1'794'830'400;
  auto db2 = store::Database::open(db_.url(), 2);
  auto s = jobs::Settings::builtin();
  std::vector<std::unique_ptr<Runner>> runners;
  runners.push_back(runner(s, "a"));
  runners.push_back(std::make_unique<Runner>(*db2, s, "b"));
  runners.back()->now = [this] { return clock_.load(); };
  for (auto& r : runners)
    for (const char* k : {"compliance.recompute_all", "compliance.snapshot", "reminders.weekly"})
      r->on(k, [](const json&, jobs::JobContext&) {});
  std::atomic<int> added{0};
  std::vector<std::thread> threads;
  for (auto& r : runners)
    threads.emplace_back([&added, &r] {
      for (int i = 0; i < 20; ++i) added += r->enqueue_recurring();
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(added.load(), 3);
  EXPECT_EQ(queue().count(State::pending), 3);
  // The next day: one more daily occurrence, nothing else.
  clock_ = 1'794'830'400 + 86400;
  EXPECT_EQ(runners[0]->enqueue_recurring() + runners[1]->enqueue_recurring(), 1);
  auto pending = queue().list(State::pending, 10);
  std::map<std::string, int> kinds;
  for (const auto& j : pending) ++kinds[j.kind];
  EXPECT_EQ(kinds["compliance.recompute_all"], 2);
  EXPECT_EQ(kinds["compliance.snapshot"], 1);
  EXPECT_EQ(kinds["reminders.weekly"], 1);
  // Past its catch-up window (12 h after Monday 07:00), the digest is not enqueued.
  TestDb late(GetParam());
  Runner thursday(late.db(), s, "d");
  thursday.now = [] { return std::int64_t{1'794'830'400 + 3 * 86400}; };
  for (const char* k : {"compliance.recompute_all", "reminders.weekly"})
    thursday.on(k, [](const json&, jobs::JobContext&) {});
  EXPECT_EQ(thursday.enqueue_recurring(), 1);
  EXPECT_EQ(thursday.queue().list(State::pending, 5).at(0).kind, "compliance.recompute_all");
  // Kinds nobody handles are not enqueued.
  TestDb other(GetParam());
  Runner none(other.db(), s, "c");
  none.now = [this] { return clock_.load(); };
  EXPECT_EQ(none.enqueue_recurring(), 0);
}

TEST_P(RunnerTest, TwoRunnersWithTheirOwnPoolsNeverRunAJobTwice) {
  constexpr int kJobs = 150;
  for (int i = 0; i < kJobs; ++i)
    ASSERT_TRUE(queue().enqueue("test.count", {{"i", i}}, kT0, 3, "", kT0));
  auto db2 = store::Database::open(db_.url(), 3);
  std::mutex mu;
  std::map<std::int64_t, int> runs;
  std::map<std::string, int> by_runner;
  auto handler = [&](const std::string& who) {
    return [&, who](const json&, jobs::JobContext& ctx) {
      std::lock_guard lk(mu);
      ++runs[ctx.job.id];
      ++by_runner[who];
    };
  };
  auto a = runner(settings(), "a");
  Runner b(*db2, settings(), "b");
  b.now = [this] { return clock_.load(); };
  a->on("test.count", handler("a"));
  b.on("test.count", handler("b"));
  // Bounded in count (at most kJobs claims each) and in time (30 s).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  auto work = [&](Runner& r) {
    for (int n = 0; n < kJobs && std::chrono::steady_clock::now() < deadline; ++n)
      if (!r.run_once()) break;
  };
  std::thread ta([&] { work(*a); });
  std::thread tb([&] { work(b); });
  ta.join();
  tb.join();
  ASSERT_EQ(runs.size(), static_cast<std::size_t>(kJobs));
  for (const auto& [id, n] : runs) EXPECT_EQ(n, 1) << "job " << id << " ran " << n << " times";
  EXPECT_EQ(queue().count(State::done), kJobs);
  EXPECT_EQ(queue().count(State::pending), 0);
  EXPECT_EQ(queue().count(State::running), 0);
  std::cout << "runner a: " << by_runner["a"] << " jobs, runner b: " << by_runner["b"] << " jobs\n";
}

TEST_P(RunnerTest, StartedRunnerRunsDueJobsAndStopsCleanly) {
  auto r = runner();
  std::atomic<int> calls{0};
  r->on("test.bg", [&](const json&, jobs::JobContext&) { ++calls; });
  for (int i = 0; i < 3; ++i) queue().enqueue("test.bg", json::object(), kT0, 3, "", kT0);
  r->start();
  for (int i = 0; i < 200 && calls.load() < 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  r->stop();
  EXPECT_EQ(calls.load(), 3);
  EXPECT_EQ(queue().count(State::done), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, RunnerTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
