#include "app/compliance_keeper.hpp"

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "evidence/stored.hpp"
#include "store/clock.hpp"

namespace carepilot::app {

ComplianceKeeper::ComplianceKeeper(store::Database& db, evidence::Repository& repo,
                                   std::function<Date()> today)
    : db_(db), repo_(repo), today_(std::move(today)), thread_([this] { run(); }) {}

ComplianceKeeper::~ComplianceKeeper() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void ComplianceKeeper::run() {
  std::optional<Date> done;
  for (;;) {
    Date today = today_();
    if (!done || *done != today) {
      try {
        auto start = std::chrono::steady_clock::now();
        auto stats = evidence::recompute_all(db_, repo_, today);
        done = today;
        if (stats.establishments > 0)
          std::cerr << nlohmann::json{{"ts", store::now_utc_iso()},
                                      {"level", "info"},
                                      {"event", "compliance.recomputed"},
                                      {"date", format_date(today)},
                                      {"establishments", stats.establishments},
                                      {"skipped", stats.skipped},
                                      {"seconds", std::chrono::duration<double>(
                                                      std::chrono::steady_clock::now() - start)
                                                      .count()}}
                           .dump()
                    << "\n";
      } catch (const std::exception& e) {
        std::cerr << nlohmann::json{{"ts", store::now_utc_iso()},
                                    {"level", "error"},
                                    {"event", "compliance.recompute_failed"},
                                    {"error", e.what()}}
                         .dump()
                  << "\n";
      }
    }
    std::unique_lock lock(mu_);
    if (cv_.wait_for(lock, std::chrono::minutes(1), [this] { return stop_; })) return;
  }
}

}  // namespace carepilot::app
