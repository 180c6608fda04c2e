// The database: one interface over SQLite (embedded, default) and PostgreSQL.
// Connections come from a fixed-size pool; a Lease returns its session on destruction.
// The backend is chosen at run time from the URL:
//   sqlite:PATH | sqlite://PATH | postgresql://… | postgres://… (libpq URI or key=value)
#pragma once

#include <soci/soci.h>
#include <memory>
#include <string>

namespace carepilot::store {

enum class Backend { sqlite, postgresql };

// Thrown for a URL that names no supported backend.
struct BadDatabaseUrl : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Database;

// A pooled session, returned to the pool when the Lease goes out of scope.
class Lease {
 public:
  Lease(Database& db, std::size_t slot);
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& operator*() { return *session_; }
  soci::session* operator->() { return session_; }

 private:
  Database& db_;
  std::size_t slot_;
  soci::session* session_;
};

class Database {
 public:
  // Opens `pool_size` connections (at least 1). Throws BadDatabaseUrl or soci::soci_error.
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size = 4);
  ~Database();

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }
  Lease lease();
  // True when a trivial query answers (readiness probe).
  bool ping();

 private:
  friend class Lease;
  Database(Backend backend, std::string url, std::size_t pool_size);
  Backend backend_;
  std::string url_;
  soci::connection_pool pool_;
};

// Picks the backend from a URL; returns the SOCI connect string through `connect`.
Backend parse_database_url(const std::string& url, std::string& connect);

}  // namespace carepilot::store
