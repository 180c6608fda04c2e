#include "test_db.hpp"

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "store/audit_key.hpp"
#include "store/migrations.hpp"

namespace carepilot::testing {

namespace {
std::string random_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}
std::string pg_base() {
  const char* v = std::getenv("CAREPILOT_TEST_PG");
  if (!v || !*v)
    throw std::runtime_error(
        "CAREPILOT_TEST_PG is not set: run scripts/test.sh, or export the URL printed by "
        "scripts/pg-test.sh start");
  return v;
}
}  // namespace

TestDb::TestDb(const std::string& backend, std::size_t pool) : backend_(backend) {
  // The audit trail is keyed (store/audit_key.hpp): tests use a random key per process.
  if (!store::has_audit_key()) store::set_audit_key(store::AuditKey::random());
  if (backend == "sqlite") {
    file_ = (std::filesystem::temp_directory_path() / ("carepilot-test-" + random_suffix() + ".db"))
                .string();
    url_ = "sqlite:" + file_;
  } else {
    std::string base = pg_base();
    schema_ = "t_" + random_suffix();
    {
      auto admin = store::Database::open(base, 1);
      auto s = admin->lease();
      *s << ("CREATE SCHEMA " + schema_);
    }
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           schema_;
  }
  db_ = store::Database::open(url_, pool);
  store::migrate(*db_);
}

TestDb::~TestDb() {
  db_.reset();
  try {
    if (!schema_.empty()) {
      auto admin = store::Database::open(pg_base(), 1);
      auto s = admin->lease();
      *s << ("DROP SCHEMA " + schema_ + " CASCADE");
    }
    if (!file_.empty()) {
      std::filesystem::remove(file_);
      std::filesystem::remove(file_ + "-wal");
      std::filesystem::remove(file_ + "-shm");
    }
  } catch (...) {
  }
}

}  // namespace carepilot::testing
