#include "test_db.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
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

// The test program's path and modification time: a seeded template made by an earlier build
// of the program (older seeding code) is never read.
std::string program_stamp() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "unknown";
  const auto when = fs::last_write_time(exe, ec);
  return exe.string() + "@" + std::to_string(ec ? 0 : when.time_since_epoch().count());
}

std::string seed_key(store::Backend backend, const Seed& seed) {
  return store::sha256_hex(migrations_key(backend) + "|" + seed.name + "|" + program_stamp())
      .substr(0, 16);
}

// Holds an exclusive lock on a file for its lifetime (flock: released if the process dies).
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_CREAT | O_RDWR, 0600)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw std::runtime_error("verrou " + path);
  }
  ~FileLock() {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

// The seeded templates this process has found or made, by backend and key.
std::mutex seeded_mutex;
std::map<std::string, std::string> seeded_made;

// A copy of the migrated SQLite template with `seed` written into it, published whole.
std::string sqlite_seeded(const Seed& seed) {
  const std::string key = seed_key(store::Backend::sqlite, seed);
  std::lock_guard<std::mutex> guard(seeded_mutex);
  if (auto it = seeded_made.find("sqlite:" + key); it != seeded_made.end()) return it->second;
  const fs::path dir = fs::temp_directory_path();
  const fs::path done = dir / ("carepilot-test-seed-" + key + ".db");
  if (!fs::exists(done)) {
    FileLock lock(done.string() + ".lock");  // one process fills it, the others wait
    if (!fs::exists(done)) {
      const fs::path tmp = dir / ("carepilot-test-seed-" + random_suffix() + ".tmp");
      fs::copy_file(sqlite_template(), tmp);
      seed.fill(*store::Database::open("sqlite:" + tmp.string(), 4));
      {  // one connection: the journal mode changes only when no other is open
        auto db = store::Database::open("sqlite:" + tmp.string(), 1);
        auto s = db->lease();
        *s << "PRAGMA wal_checkpoint(TRUNCATE)";
        *s << "PRAGMA journal_mode=DELETE";
      }
      fs::remove(tmp.string() + "-wal");
      fs::remove(tmp.string() + "-shm");
      fs::rename(tmp, done);
    }
  }
  return seeded_made["sqlite:" + key] = done.string();
}

// A copy of the migrated PostgreSQL template with `seed` written into it, renamed into place
// once filled (CREATE DATABASE … TEMPLATE needs a database nobody is connected to).
std::string pg_seeded(const Seed& seed) {
  const std::string key = seed_key(store::Backend::postgresql, seed);
  std::lock_guard<std::mutex> guard(seeded_mutex);
  if (auto it = seeded_made.find("pg:" + key); it != seeded_made.end()) return it->second;
  const std::string base = pg_base();
  const std::string done = "cp_seed_" + key;
  const std::string from = pg_template();
  auto admin = store::Database::open(base, 1);
  auto s = admin->lease();
  int found = 0;
  *s << "SELECT COUNT(*) FROM pg_database WHERE datname = :n", soci::use(done), soci::into(found);
  if (found == 0) {
    *s << "SELECT pg_advisory_lock(4242002)";
    *s << "SELECT COUNT(*) FROM pg_database WHERE datname = :n", soci::use(done), soci::into(found);
    if (found == 0) {
      const std::string tmp = "cp_seed_tmp_" + random_suffix();
      *s << ("CREATE DATABASE " + tmp + " TEMPLATE " + from);
      {
        auto db =
            store::Database::open(with_search_path(pg_url_with_database(base, tmp), kPgSchema), 4);
        seed.fill(*db);
      }
      *s << ("ALTER DATABASE " + tmp + " RENAME TO " + done);
    }
    *s << "SELECT pg_advisory_unlock(4242002)";
  }
  return seeded_made["pg:" + key] = done;
}

// The audit trail's key of every test process (store/audit_key.hpp): one fixed key, so that
// the entries of a seeded template, written by another process, verify in this one.
store::AuditKey test_audit_key() {
  std::array<unsigned char, 32> secret{};
  for (std::size_t i = 0; i < secret.size(); ++i) secret[i] = static_cast<unsigned char>(i * 7 + 3);
  return store::AuditKey::from_secret(secret);
}

}  // namespace

void use_test_audit_key() {
  if (!store::has_audit_key()) store::set_audit_key(test_audit_key());
}

TestDb::TestDb(const std::string& backend, std::size_t pool, const Seed* seed) : backend_(backend) {
  use_test_audit_key();
  if (backend == "sqlite") {
    file_ = (fs::temp_directory_path() / ("carepilot-test-" + random_suffix() + ".db")).string();
    fs::copy_file(seed ? sqlite_seeded(*seed) : sqlite_template(), file_);
    url_ = "sqlite:" + file_;
  } else {
    const std::string base = pg_base();
    database_ = "t_" + random_suffix();
    {
      auto admin = store::Database::open(base, 1);
      auto s = admin->lease();
      *s << ("CREATE DATABASE " + database_ + " TEMPLATE " +
             (seed ? pg_seeded(*seed) : pg_template()));
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
