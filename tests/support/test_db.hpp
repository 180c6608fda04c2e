// Test databases: a fresh, migrated database per test on SQLite (a temporary file) or on the
// PostgreSQL server named by CAREPILOT_TEST_PG (a new database whose schema is t_tpl, dropped
// afterwards). Each is a copy of a template migrated once per build (test_db.cpp says why).
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace carepilot::testing {

class TestDb {
 public:
  // backend: "sqlite" or "postgresql". Fails the test (throws) when CAREPILOT_TEST_PG is
  // not set for PostgreSQL: scripts/test.sh starts a server and sets it.
  explicit TestDb(const std::string& backend, std::size_t pool = 4);
  ~TestDb();
  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }

 private:
  std::string backend_, url_, database_, file_;
  std::unique_ptr<store::Database> db_;
};

// The two backends, for INSTANTIATE_TEST_SUITE_P.
inline const char* const kBackends[] = {"sqlite", "postgresql"};

}  // namespace carepilot::testing
