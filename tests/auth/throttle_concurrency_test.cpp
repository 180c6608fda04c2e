// Failed sign-ins on one account from several connections at once are all counted
// (issue 23): the throttle's count must be exact, whatever the interleaving.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "auth/store.hpp"
#include "test_db.hpp"

namespace carepilot::testing {
namespace {

class ThrottleConcurrencyTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ThrottleConcurrencyTest, ConcurrentFailuresAreAllCounted) {
  TestDb t(GetParam(), 4);
  auth::AuthStore store(t.db());
  constexpr int kThreads = 4, kEach = 3, kFree = 5;
  const std::int64_t now = 1'790'000'000;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w)
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        try {
          store.record_failure("account:cible@exemple.fr", now, kFree);
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  auto s = t.db().lease();
  int failures = 0;
  *s << "SELECT failures FROM login_throttle WHERE key = 'account:cible@exemple.fr'",
      soci::into(failures);
  EXPECT_EQ(failures, kThreads * kEach);
  // 12 failures with 5 free: the lock is 2^(12-5) = 128 s from the last one.
  EXPECT_EQ(store.locked_for("account:cible@exemple.fr", now), 128);
  // Below the free failures nothing is locked; at the fifth, 1 s.
  for (int i = 0; i < kFree - 1; ++i) store.record_failure("account:autre@exemple.fr", now, kFree);
  EXPECT_EQ(store.locked_for("account:autre@exemple.fr", now), 0);
  store.record_failure("account:autre@exemple.fr", now, kFree);
  EXPECT_EQ(store.locked_for("account:autre@exemple.fr", now), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ThrottleConcurrencyTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
