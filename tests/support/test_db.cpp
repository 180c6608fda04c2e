#include "test_db.hpp"

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "pg_url.hpp"
#include "store/audit_key.hpp"
#include "store/audit_log.hpp"
#include "store/migrations.hpp"

namespace carepilot::testing {

namespace {

namespace fs = std::filesystem;

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

std::string with_search_path(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

// The first 16 hex digits of the SHA-256 of every migration of `backend`: the name of the
// migrated template of this build's schema (a changed migration gets a new template).
std::string migrations_key(store::Backend backend) {
  std::string all;
  for (const auto& m : store::migrations_for(backend)) {
    all += std::to_string(m.version) + m.name + "\n";
    for (const auto& s : m.statements) all += s + "\n";
  }
  return store::sha256_hex(all).substr(0, 16);
}

// CI time: migrating a fresh database for each test cost about half a second on SQLite and
// a second on PostgreSQL. The schema is migrated once per build into a template, and each
// test starts on a copy of it: a file copy on SQLite, CREATE DATABASE … TEMPLATE on
// PostgreSQL. Both are made under a name that holds the migrations' digest, by one process
// (the others wait or find it), and published whole (a rename).
const std::string& sqlite_template() {
  static const std::string path = [] {
    const fs::path dir = fs::temp_directory_path();
    const fs::path done =
        dir / ("carepilot-test-template-" + migrations_key(store::Backend::sqlite) + ".db");
    if (!fs::exists(done)) {
      const fs::path tmp = dir / ("carepilot-test-template-" + random_suffix() + ".tmp");
      {
        auto db = store::Database::open("sqlite:" + tmp.string(), 1);
        store::migrate(*db);
        auto s = db->lease();
        *s << "PRAGMA wal_checkpoint(TRUNCATE)";
        *s << "PRAGMA journal_mode=DELETE";
      }
      fs::remove(tmp.string() + "-wal");
      fs::remove(tmp.string() + "-shm");
      fs::rename(tmp, done);  // atomic; another process may have published the same file
    }
    return done.string();
  }();
  return path;
}

// The schema every PostgreSQL test database holds (the template's, copied with it).
constexpr const char* kPgSchema = "t_tpl";

const std::string& pg_template() {
  static const std::string name = [] {
    const std::string base = pg_base();
    const std::string done = "cp_tpl_" + migrations_key(store::Backend::postgresql);
    auto admin = store::Database::open(base, 1);
    auto s = admin->lease();
    int found = 0;
    *s << "SELECT COUNT(*) FROM pg_database WHERE datname = :n", soci::use(done), soci::into(found);
    if (found > 0) return done;
    // One process makes it; the others wait on the lock, then find it.
    *s << "SELECT pg_advisory_lock(4242001)";
    *s << "SELECT COUNT(*) FROM pg_database WHERE datname = :n", soci::use(done), soci::into(found);
    if (found == 0) {
      const std::string tmp = "cp_tpl_tmp_" + random_suffix();
      *s << ("CREATE DATABASE " + tmp);
      {
        const std::string url = pg_url_with_database(base, tmp);
        {
          auto db = store::Database::open(url, 1);
          auto t = db->lease();
          *t << (std::string("CREATE SCHEMA ") + kPgSchema);
        }
        auto db = store::Database::open(with_search_path(url, kPgSchema), 1);
        store::migrate(*db);
      }
      *s << ("ALTER DATABASE " + tmp + " RENAME TO " + done);
    }
    *s << "SELECT pg_advisory_unlock(4242001)";
    return done;
  }();
  return name;
}

}  // namespace

TestDb::TestDb(const std::string& backend, std::size_t pool) : backend_(backend) {
  // The audit trail is keyed (store/audit_key.hpp): tests use a random key per process.
  if (!store::has_audit_key()) store::set_audit_key(store::AuditKey::random());
  if (backend == "sqlite") {
    file_ = (fs::temp_directory_path() / ("carepilot-test-" + random_suffix() + ".db")).string();
    fs::copy_file(sqlite_template(), file_);
    url_ = "sqlite:" + file_;
  } else {
    const std::string base = pg_base();
    database_ = "t_" + random_suffix();
    {
      auto admin = store::Database::open(base, 1);
      auto s = admin->lease();
      *s << ("CREATE DATABASE " + database_ + " TEMPLATE " + pg_template());
    }
    url_ = with_search_path(pg_url_with_database(base, database_), kPgSchema);
  }
  db_ = store::Database::open(url_, pool);
  // Nothing to apply on a copy of the template; a migration added since would be applied.
  store::migrate(*db_);
}

TestDb::~TestDb() {
  db_.reset();
  try {
    if (!database_.empty()) {
      auto admin = store::Database::open(pg_base(), 1);
      auto s = admin->lease();
      *s << ("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    }
    if (!file_.empty()) {
      fs::remove(file_);
      fs::remove(file_ + "-wal");
      fs::remove(file_ + "-shm");
    }
  } catch (...) {
  }
}

}  // namespace carepilot::testing
