#include "store/migrations.hpp"
#include "store/transaction.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include "store/clock.hpp"

namespace carepilot::store {
const std::map<std::string_view, std::string_view>& embedded_files();

namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
}

// Splits a script on semicolons that end a line, dropping comment-only lines.
std::vector<std::string> split_statements(std::string_view script) {
  std::vector<std::string> out;
  std::string current;
  std::size_t start = 0;
  while (start < script.size()) {
    std::size_t end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    std::string_view line = script.substr(start, end - start);
    start = end + 1;
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line.substr(first, 2) == "--") continue;
    current.append(line).push_back('\n');
    auto last = line.find_last_not_of(" \t\r");
    if (line[last] == ';') {
      current.erase(current.find_last_of(';'));
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

// A statement starting with "@SQLITE@" or "@POSTGRESQL@" belongs to that backend only
// (what one database can alter in place the other must rebuild); "" when it is the other's.
std::string for_backend(std::string sql, Backend b) {
  const auto first = sql.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return sql;
  for (auto [marker, backend] : {std::pair<std::string_view, Backend>{"@SQLITE@", Backend::sqlite},
                                 {"@POSTGRESQL@", Backend::postgresql}})
    if (std::string_view(sql).substr(first, marker.size()) == marker)
      return backend == b ? sql.substr(first + marker.size()) : std::string();
  return sql;
}

std::string translate(std::string sql, Backend b) {
  sql = for_backend(std::move(sql), b);
  replace_all(sql, "@PK@", b == Backend::sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY");
  replace_all(sql, "@BIGINT@", b == Backend::sqlite ? "INTEGER" : "BIGINT");
  return sql;
}

}  // namespace

std::vector<Migration> migrations_for(Backend backend) {
  std::vector<Migration> out;
  for (const auto& [name, text] : embedded_files()) {
    // "migrations/0001_registry.sql"
    auto base = name.substr(name.rfind('/') + 1);
    if (base.size() < 6 || !base.ends_with(".sql")) continue;
    Migration m;
    m.version = std::stoi(std::string(base.substr(0, 4)));
    m.name = std::string(base.substr(5, base.size() - 9));
    for (auto& st : split_statements(text))
      if (auto t = translate(st, backend); !t.empty()) m.statements.push_back(std::move(t));
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

int schema_version(Database& db) {
  auto s = db.lease();
  int v = 0;
  soci::indicator ind = soci::i_null;
  try {
    *s << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
  } catch (const soci::soci_error&) {
    return 0;
  }
  return ind == soci::i_ok ? v : 0;
}

int migrate(Database& db, int up_to) {
  auto s = db.lease();
  const bool pg = db.backend() == Backend::postgresql;
  if (pg) *s << "SELECT pg_advisory_lock(7243001)";
  int applied = 0;
  try {
    *s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at TEXT NOT NULL)";
    for (const auto& m : migrations_for(db.backend())) {
      if (m.version > up_to) break;
      // SQLite: BEGIN IMMEDIATE takes the write lock before the check, so two processes
      // migrating one empty file wait for each other instead of both seeing the migration
      // as missing (issue 23); PostgreSQL is serialised by the advisory lock above.
      Transaction tr(*s);
      int count = 0;
      *s << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version),
          soci::into(count);
      if (count > 0) {
        tr.commit();
        continue;
      }
      for (const auto& st : m.statements) *s << st;
      std::string now = now_utc_iso();
      *s << "INSERT INTO schema_migrations(version, name, applied_at) VALUES (:v, :n, :t)",
          soci::use(m.version), soci::use(m.name), soci::use(now);
      tr.commit();
      ++applied;
    }
  } catch (...) {
    if (pg) *s << "SELECT pg_advisory_unlock(7243001)";
    throw;
  }
  if (pg) *s << "SELECT pg_advisory_unlock(7243001)";
  return applied;
}

}  // namespace carepilot::store
