// Request metrics in the Prometheus text format: per route and status class, a request
// counter and a latency histogram. Lock-free: one slot per route, fixed at start-up.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace carepilot::web {

class Metrics {
 public:
  // Bucket bounds in seconds; +Inf is implicit.
  static constexpr std::array<double, 12> kBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                  0.05,   0.1,   0.25,   0.5,   1.0,  5.0};
  // `labels[i]` names slot i (method and route pattern); one more slot is "unmatched".
  explicit Metrics(std::vector<std::pair<std::string, std::string>> labels);
  void observe(std::size_t slot, int status, double seconds);
  std::size_t unmatched_slot() const { return slots_.size() - 1; }
  std::string exposition() const;
  std::int64_t in_flight() const { return in_flight_.load(); }
  void enter() { in_flight_.fetch_add(1); }
  void leave() { in_flight_.fetch_sub(1); }

 private:
  struct Slot {
    std::string method, route;
    std::array<std::atomic<std::uint64_t>, 5> by_class{};  // 1xx..5xx
    std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets{};
    std::atomic<std::uint64_t> micros_sum{0};
  };
  std::vector<std::unique_ptr<Slot>> slots_;
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace carepilot::web
