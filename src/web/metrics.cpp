#include "web/metrics.hpp"

#include <cstdio>

namespace carepilot::web {

Metrics::Metrics(std::vector<std::pair<std::string, std::string>> labels) {
  labels.emplace_back("", "unmatched");
  for (auto& [m, r] : labels) {
    auto s = std::make_unique<Slot>();
    s->method = m;
    s->route = r;
    slots_.push_back(std::move(s));
  }
}

void Metrics::observe(std::size_t slot, int status, double seconds) {
  if (slot >= slots_.size()) slot = unmatched_slot();
  Slot& s = *slots_[slot];
  int cls = status / 100 - 1;
  if (cls < 0 || cls > 4) cls = 4;
  s.by_class[static_cast<std::size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  std::size_t b = 0;
  while (b < kBounds.size() && seconds > kBounds[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.micros_sum.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::exposition() const {
  std::string out;
  char line[512];
  out += "# HELP carepilot_http_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE carepilot_http_requests_total counter\n";
  static const char* classes[] = {"1xx", "2xx", "3xx", "4xx", "5xx"};
  for (const auto& s : slots_)
    for (std::size_t c = 0; c < 5; ++c) {
      auto v = s->by_class[c].load(std::memory_order_relaxed);
      if (v == 0) continue;
      std::snprintf(
          line, sizeof line,
          "carepilot_http_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} %llu\n",
          s->method.c_str(), s->route.c_str(), classes[c], static_cast<unsigned long long>(v));
      out += line;
    }
  out += "# HELP carepilot_http_errors_total HTTP responses with a 5xx status.\n";
  out += "# TYPE carepilot_http_errors_total counter\n";
  std::uint64_t errors = 0;
  for (const auto& s : slots_) errors += s->by_class[4].load(std::memory_order_relaxed);
  out += "carepilot_http_errors_total " + std::to_string(errors) + "\n";
  out += "# HELP carepilot_http_request_duration_seconds Request latency.\n";
  out += "# TYPE carepilot_http_request_duration_seconds histogram\n";
  for (const auto& s : slots_) {
    std::uint64_t cum = 0;
    for (std::size_t b = 0; b <= kBounds.size(); ++b)
      cum += s->buckets[b].load(std::memory_order_relaxed);
    if (cum == 0) continue;
    std::uint64_t running = 0;
    for (std::size_t b = 0; b <= kBounds.size(); ++b) {
      running += s->buckets[b].load(std::memory_order_relaxed);
      if (b < kBounds.size())
        std::snprintf(line, sizeof line,
                      "carepilot_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\","
                      "le=\"%g\"} %llu\n",
                      s->method.c_str(), s->route.c_str(), kBounds[b],
                      static_cast<unsigned long long>(running));
      else
        std::snprintf(line, sizeof line,
                      "carepilot_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\","
                      "le=\"+Inf\"} %llu\n",
                      s->method.c_str(), s->route.c_str(),
                      static_cast<unsigned long long>(running));
      out += line;
    }
    std::snprintf(
        line, sizeof line,
        "carepilot_http_request_duration_seconds_sum{method=\"%s\",route=\"%s\"} %.6f\n"
        "carepilot_http_request_duration_seconds_count{method=\"%s\",route=\"%s\"} %llu\n",
        s->method.c_str(), s->route.c_str(),
        static_cast<double>(s->micros_sum.load(std::memory_order_relaxed)) / 1e6, s->method.c_str(),
        s->route.c_str(), static_cast<unsigned long long>(cum));
    out += line;
  }
  out +=
      "# HELP carepilot_http_in_flight Requests being handled.\n# TYPE carepilot_http_in_flight "
      "gauge\n";
  out += "carepilot_http_in_flight " + std::to_string(in_flight_.load()) + "\n";
  return out;
}

}  // namespace carepilot::web
