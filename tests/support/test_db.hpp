// Test databases: a fresh, migrated database per test on SQLite (a temporary file) or on the
// PostgreSQL server named by CAREPILOT_TEST_PG (a new database whose schema is t_tpl, dropped
// afterwards). Each is a copy of a template migrated once per build (test_db.cpp says why).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/database.hpp"

namespace carepilot::testing {

// Content that many tests start from (the demo territory, the tenancy walk's records): written
// once per build and test program into a template of its own, then copied for each test like
// the migrated schema (CI time: loading the demo territory took 10 to 20 s per test under
// the sanitizers).
// - `name`: what the content is, with every input it depends on (e.g. the date:
//   "demo-2026-11-23"); the template's name also holds the migrations' digest and the test
//   program's modification time, so a rebuilt program never reads an older template.
// - `fill`: writes the content into a freshly migrated database; it runs once, in whichever
//   test process comes first (the others wait for it), and must not keep a connection open.
struct Seed {
  std::string name;
  std::function<void(store::Database&)> fill;
};

class TestDb {
 public:
  // backend: "sqlite" or "postgresql". Fails the test (throws) when CAREPILOT_TEST_PG is
  // not set for PostgreSQL: scripts/test.sh starts a server and sets it. `seed`: start from a
  // copy of that content instead of an empty schema.
  explicit TestDb(const std::string& backend, std::size_t pool = 4, const Seed* seed = nullptr);
  ~TestDb();
  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }

 private:
  std::string backend_, url_, database_, file_;
  std::unique_ptr<store::Database> db_;
};

// Sets the audit trail's key of the tests (one fixed key for every test process, so that a
// seeded template's entries verify in the process that copies it) unless the process has a
// key already. TestDb calls it.
void use_test_audit_key();

// The two backends, for INSTANTIATE_TEST_SUITE_P.
inline const char* const kBackends[] = {"sqlite", "postgresql"};

}  // namespace carepilot::testing
