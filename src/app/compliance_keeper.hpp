// Keeps the stored compliance (evidence/stored.hpp) computed for today in `carepilot serve`:
// on start and then every minute, when the date (Europe/Paris) changed since the last
// complete run, recomputes the nation for today on a thread of its own (resumable: what is
// already computed for today is skipped, so a server killed midway resumes at its next
// start). Meant to be replaced by the daily job "compliance.recompute_all" of the job
// runner (issue 13), which calls the same evidence::recompute_all.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "common/date.hpp"
#include "evidence/repository.hpp"
#include "store/database.hpp"

namespace carepilot::app {

class ComplianceKeeper {
 public:
  ComplianceKeeper(store::Database& db, evidence::Repository& repo, std::function<Date()> today);
  ~ComplianceKeeper();
  ComplianceKeeper(const ComplianceKeeper&) = delete;
  ComplianceKeeper& operator=(const ComplianceKeeper&) = delete;

 private:
  void run();
  store::Database& db_;
  evidence::Repository& repo_;
  std::function<Date()> today_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace carepilot::app
