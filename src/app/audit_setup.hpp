// The audit trail's key and checkpoints for the commands that write to the database
// (issue 10, docs/auth.md "Journal"): load or create the key named by the configuration,
// and append signed checkpoints of the chain's head to the checkpoint file and the log.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/config.hpp"
#include "store/database.hpp"

namespace carepilot::app {

// Loads (or creates, mode 0600) the key file and makes it the process's audit key.
// Throws std::runtime_error (French) when the file is unusable.
void use_audit_key(const Config& c);

// Signs the current head and appends it to the checkpoint file and the log, unless the last
// checkpoint written by this process already covers the same head. Errors are logged, not
// thrown (a checkpoint that cannot be written must not stop the service).
void write_audit_checkpoint(store::Database& db, const Config& c);

// Writes a checkpoint every `audit_checkpoint_minutes` on a thread of its own, and a last one
// when destroyed.
class CheckpointTimer {
 public:
  CheckpointTimer(store::Database& db, const Config& c);
  ~CheckpointTimer();
  CheckpointTimer(const CheckpointTimer&) = delete;
  CheckpointTimer& operator=(const CheckpointTimer&) = delete;

 private:
  store::Database& db_;
  Config config_;
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace carepilot::app
