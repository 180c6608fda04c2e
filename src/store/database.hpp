// The database: one interface over SQLite (embedded, default) and PostgreSQL.
// Connections come from a fixed-size pool; a Lease returns its session on destruction.
// The backend is chosen at run time from the URL:
//   sqlite:PATH | sqlite://PATH | postgresql://… | postgres://… (libpq URI or key=value)
// Hot paths keep their statements prepared per connection (Lease::prepared); every
// statement SOCI prepares, kept or one-shot, is counted (Database::prepare_count).
#pragma once

#include <soci/soci.h>
#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <unordered_map>
#include <vector>

namespace carepilot::store {

enum class Backend { sqlite, postgresql };

// Thrown for a URL that names no supported backend.
struct BadDatabaseUrl : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Thrown by Database::lease when a PostgreSQL connection found broken (server restarted,
// failover, network cut) cannot be opened again right now. The HTTP layer answers 503.
struct DatabaseUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// How many leases this thread gave back holding a PostgreSQL connection that broke while
// leased (libpq status bad): a request whose count moved failed because the database went
// away, not because of the request (the HTTP layer answers 503 instead of 500).
std::uint64_t connections_lost_in_this_thread();
// True when `e` says the database connection failed rather than the statement: a SOCI error
// of the connection category (SQLSTATE class 08) or libpq's words for a server that went away
// (a crash or an immediate shutdown: « terminating connection », « server closed the
// connection unexpectedly », « no connection to the server » …), also when the connection
// still looked fine when its lease was given back.
// Whether `e` is SQLite's "database is locked" / "database is busy": another connection held
// the write lock for longer than the busy timeout (10 s). The request is refused as
// temporarily unavailable (503 server.database_busy), nothing of it written.
bool is_busy(const std::exception& e);
bool is_connection_failure(const std::exception& e);

class Database;

// A statement kept prepared on one connection together with the variables it is bound to.
// A derived type holds its variables and a `soci::statement st` prepared over them in its
// constructor `T(soci::session&, const std::string& sql)`; see Lease::prepared.
struct Prepared {
  virtual ~Prepared() = default;
};

// A pooled session, returned to the pool when the Lease goes out of scope.
class Lease {
 public:
  Lease(Database& db, std::size_t slot);
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& operator*() { return *session_; }
  soci::session* operator->() { return session_; }

  // The statement for `sql` on this connection, prepared on the first call and reused by
  // every later one (keyed by the SQL text; one type per text). Use it through run().
  template <class T>
  T& prepared(const std::string& sql) {
    if (Prepared* p = find_prepared(sql)) {
      if (auto* t = dynamic_cast<T*>(p)) return *t;
      throw std::logic_error("prepared statement reused with another type: " + sql);
    }
    auto made = std::make_unique<T>(*session_, sql);
    T& ref = *made;
    keep_prepared(sql, std::move(made));
    return ref;
  }
  // Runs `f(T&)` on the kept statement for `sql`, then finishes it (finish()); a
  // statement that threw is dropped, to be prepared afresh on its next use.
  template <class T, class F>
  decltype(auto) run(const std::string& sql, F&& f) {
    T& q = prepared<T>(sql);
    try {
      struct Finish {
        Lease& l;
        soci::statement& st;
        ~Finish() { l.finish(st); }
      } done{*this, q.st};
      return f(q);
    } catch (...) {
      forget(sql);
      throw;
    }
  }
  // Drops the kept statement for `sql` (if any).
  void forget(const std::string& sql);
  // Ends the use of a kept statement so that it holds no read snapshot or lock until its
  // next execution (SQLite keeps a statement that has not run to its end open).
  void finish(soci::statement& st) noexcept;

 private:
  Prepared* find_prepared(const std::string& sql);
  void keep_prepared(const std::string& sql, std::unique_ptr<Prepared> p);
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
  // PostgreSQL connections re-opened after they broke, since opening (SQLite: always 0).
  std::uint64_t reconnect_count() const { return reconnects_.load(std::memory_order_relaxed); }
  // Statements prepared on any connection since opening, kept or one-shot (SOCI's
  // `session << …` prepares anew each time): tests check that hot paths do not prepare.
  std::uint64_t prepare_count() const { return prepares_.load(std::memory_order_relaxed); }

 private:
  friend class Lease;
  Database(Backend backend, std::string url, std::string connect, std::size_t pool_size);
  // Opens (or re-opens) the connection of `slot` and sets it up.
  void connect_slot(std::size_t slot);
  // PostgreSQL: true when the idle connection of `slot` is still usable. Reads what the
  // server may have sent meanwhile without blocking, so that a connection the server closed
  // (restart, failover, administrator) is seen as broken before any query is sent on it.
  bool healthy(std::size_t slot);
  Backend backend_;
  std::string url_, connect_;
  std::atomic<std::uint64_t> prepares_{0}, reconnects_{0};
  soci::connection_pool pool_;
  // Kept statements, per connection slot (used only by the holder of that slot's lease);
  // declared after the pool so that they are destroyed before their connections.
  std::vector<std::unordered_map<std::string, std::unique_ptr<Prepared>>> kept_;
};

// Picks the backend from a URL; returns the SOCI connect string through `connect`.
Backend parse_database_url(const std::string& url, std::string& connect);

}  // namespace carepilot::store
