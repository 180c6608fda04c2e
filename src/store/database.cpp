#include "store/database.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <soci/postgresql/soci-postgresql.h>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "store/sqlite_backend.hpp"

namespace carepilot::store {

namespace {
bool starts_with(const std::string& s, std::string_view p) {
  return s.rfind(p, 0) == 0;
}

void configure_sqlite(soci::session& s) {
  s << "PRAGMA journal_mode=WAL";
  s << "PRAGMA foreign_keys=ON";
  s << "PRAGMA busy_timeout=10000";
  s << "PRAGMA synchronous=NORMAL";
}
// libpq parses the URL (URI or key=value); SOCI gets the key=value form, which it passes
// through unchanged (it mangles URIs that carry a query string).
std::string pg_keywords(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string why = err ? err : "URL PostgreSQL illisible";
    if (err) PQfreemem(err);
    throw BadDatabaseUrl("URL PostgreSQL invalide : " + why);
  }
  std::string out;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string v;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') v.push_back('\\');
      v.push_back(*c);
    }
    if (!out.empty()) out.push_back(' ');
    out += std::string(o->keyword) + "='" + v + "'";
  }
  PQconninfoFree(opts);
  return out;
}

// Counts every statement SOCI prepares on a session (SOCI logs each query it prepares).
class PrepareCounter : public soci::logger_impl {
 public:
  explicit PrepareCounter(std::atomic<std::uint64_t>& n) : n_(n) {}
  void start_query(const std::string& query) override {
    n_.fetch_add(1, std::memory_order_relaxed);
    last_ = query;
  }
  std::string get_last_query() const override { return last_; }

 private:
  logger_impl* do_clone() const override { return new PrepareCounter(n_); }
  std::atomic<std::uint64_t>& n_;
  std::string last_;
};

}  // namespace

Backend parse_database_url(const std::string& url, std::string& connect) {
  if (starts_with(url, "sqlite://") || starts_with(url, "sqlite:")) {
    std::string path = url.substr(starts_with(url, "sqlite://") ? 9 : 7);
    if (path.empty()) throw BadDatabaseUrl("chemin SQLite vide dans l'URL de base de données");
    if (path.find(' ') != std::string::npos)
      throw BadDatabaseUrl("le chemin SQLite ne doit pas contenir d'espace");
    connect = "db=" + path + " timeout=10";
    return Backend::sqlite;
  }
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://") ||
      url.find("dbname=") != std::string::npos) {
    connect = pg_keywords(url);
    return Backend::postgresql;
  }
  throw BadDatabaseUrl("URL de base de données non reconnue (sqlite:CHEMIN ou postgresql://…): " +
                       url);
}

Database::Database(Backend backend, std::string url, std::string connect, std::size_t pool_size)
    : backend_(backend),
      url_(std::move(url)),
      connect_(std::move(connect)),
      pool_(pool_size),
      kept_(pool_size) {}

Database::~Database() = default;

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size) {
  std::string connect;
  Backend backend = parse_database_url(url, connect);
  if (pool_size == 0) pool_size = 1;
  if (backend == Backend::sqlite) {
    auto path = std::filesystem::path(connect.substr(3, connect.find(' ') - 3));
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  }
  std::unique_ptr<Database> db(new Database(backend, url, connect, pool_size));
  for (std::size_t i = 0; i < pool_size; ++i) db->connect_slot(i);
  return db;
}

void Database::connect_slot(std::size_t slot) {
  soci::session& s = pool_.at(slot);
  // Kept statements belong to the old connection: dropped before it is closed.
  kept_[slot].clear();
  if (s.get_backend()) s.close();
  if (backend_ == Backend::sqlite) {
    s.open(sqlite_backend(), connect_);
    configure_sqlite(s);
  } else {
    s.open(soci::postgresql, connect_);
    s << "SET client_min_messages TO WARNING";
  }
  s.set_logger(soci::logger(new PrepareCounter(prepares_)));
}

namespace {
PGconn* pg_conn(soci::session& s) {
  // The PostgreSQL backend's type is complete in its header, but its RTTI is not exported.
  auto* b = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  return b ? b->conn_ : nullptr;
}
thread_local std::uint64_t t_connections_lost = 0;
}  // namespace

std::uint64_t connections_lost_in_this_thread() {
  return t_connections_lost;
}

bool is_connection_failure(const std::exception& e) {
  if (const auto* se = dynamic_cast<const soci::soci_error*>(&e);
      se && se->get_error_category() == soci::soci_error::connection_error)
    return true;
  const std::string_view what = e.what();
  for (std::string_view m :
       {"terminating connection", "server closed the connection", "no connection to the server",
        "could not receive data from server", "could not send data to server",
        "the database system is shutting down", "the database system is starting up",
        "the database system is in recovery mode", "connection to server",
        "Cannot establish connection"})
    if (what.find(m) != std::string_view::npos) return true;
  return false;
}

bool is_busy(const std::exception& e) {
  if (!dynamic_cast<const soci::soci_error*>(&e)) return false;
  const std::string_view what = e.what();
  return what.find("database is locked") != std::string_view::npos ||
         what.find("database is busy") != std::string_view::npos;
}

bool Database::healthy(std::size_t slot) {
  PGconn* c = pg_conn(pool_.at(slot));
  if (!c || PQstatus(c) != CONNECTION_OK || PQtransactionStatus(c) != PQTRANS_IDLE) return false;
  // Idle, so nothing is expected from the server: anything it sent is the end of the
  // connection. One that is terminated sends its FATAL message first and closes the socket a
  // little later (PostgreSQL closes it among its last exit steps, after the backend left
  // pg_stat_activity), so a readable socket is enough: the message alone, without the end of
  // the stream yet, means the connection is going (CI failure of stop 42, where the message
  // was read and the close not yet seen). Normally one poll() that finds nothing.
  pollfd p{PQsocket(c), POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;
}

namespace {
// Leases each thread holds, per database: a thread that already holds every connection of
// a pool and asks for one more would wait for itself forever.
thread_local std::unordered_map<const Database*, std::size_t> t_held;
}  // namespace

Lease Database::lease() {
  if (auto it = t_held.find(this); it != t_held.end() && it->second >= kept_.size())
    throw std::logic_error(
        "nested database lease: this thread already holds every connection of the pool (" +
        std::to_string(kept_.size()) +
        "); release the first lease before calling code that leases");
  std::size_t slot = pool_.lease();
  if (backend_ == Backend::postgresql && !healthy(slot)) {
    try {
      connect_slot(slot);
      reconnects_.fetch_add(1, std::memory_order_relaxed);
    } catch (const std::exception& e) {
      pool_.give_back(slot);
      throw DatabaseUnavailable(std::string("connexion à PostgreSQL impossible : ") + e.what());
    }
  }
  return Lease(*this, slot);
}

bool Database::ping() {
  try {
    auto l = lease();
    int one = 0;
    *l << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception&) {
    return false;
  }
}

Lease::Lease(Database& db, std::size_t slot) : db_(db), slot_(slot), session_(&db.pool_.at(slot)) {
  ++t_held[&db];
}
Prepared* Lease::find_prepared(const std::string& sql) {
  auto& kept = db_.kept_[slot_];
  auto it = kept.find(sql);
  return it == kept.end() ? nullptr : it->second.get();
}

void Lease::keep_prepared(const std::string& sql, std::unique_ptr<Prepared> p) {
  db_.kept_[slot_][sql] = std::move(p);
}

void Lease::finish(soci::statement& st) noexcept {
  if (db_.backend() != Backend::sqlite || !st.get_backend()) return;
  if (auto* stmt = sqlite_statement(st)) sqlite_api::sqlite3_reset(stmt);
}

void Lease::forget(const std::string& sql) {
  db_.kept_[slot_].erase(sql);
}

Lease::~Lease() {
  if (db_.backend() == Backend::postgresql) {
    PGconn* c = pg_conn(*session_);
    if (!c || PQstatus(c) != CONNECTION_OK) ++t_connections_lost;  // re-opened at next lease
  }
  if (auto it = t_held.find(&db_); it != t_held.end() && --it->second == 0) t_held.erase(it);
  db_.pool_.give_back(slot_);
}

}  // namespace carepilot::store
