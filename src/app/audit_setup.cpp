#include "app/audit_setup.hpp"

#include <chrono>
#include <iostream>

#include "store/audit_log.hpp"

namespace carepilot::app {

namespace {
std::mutex& last_mutex() {
  static std::mutex m;
  return m;
}
std::string& last_head() {
  static std::string h = "\x01";  // nothing written yet
  return h;
}
}  // namespace

void use_audit_key(const Config& c) {
  store::set_audit_key(store::load_or_create_audit_key(c.audit_key_file));
}

void write_audit_checkpoint(store::Database& db, const Config& c) {
  try {
    store::AuditCheckpoint cp;
    {
      auto s = db.lease();
      cp = store::make_checkpoint(*s, store::audit_key());
    }
    std::lock_guard lock(last_mutex());
    std::string key = std::to_string(cp.seq) + ":" + cp.head;
    if (key == last_head()) return;
    // false when another instance sharing the file wrote this head already.
    bool written = store::append_checkpoint_file(c.audit_checkpoint_file, cp);
    last_head() = key;
    if (written) std::cerr << "carepilot: journal " << cp.line() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "carepilot: point de contrôle du journal non écrit : " << e.what() << "\n";
  }
}

CheckpointTimer::CheckpointTimer(store::Database& db, const Config& c) : db_(db), config_(c) {
  write_audit_checkpoint(db_, config_);
  thread_ = std::thread([this] {
    std::unique_lock lock(m_);
    const auto period =
        std::chrono::minutes(std::max<std::size_t>(1, config_.audit_checkpoint_minutes));
    while (!cv_.wait_for(lock, period, [this] { return stop_; })) {
      lock.unlock();
      write_audit_checkpoint(db_, config_);
      lock.lock();
    }
  });
}

CheckpointTimer::~CheckpointTimer() {
  {
    std::lock_guard lock(m_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  write_audit_checkpoint(db_, config_);
}

}  // namespace carepilot::app
