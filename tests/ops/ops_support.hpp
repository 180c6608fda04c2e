// Helpers of the operations tests: a temporary folder, and an EMPTY database to restore into
// (SQLite: a file not yet created; PostgreSQL: a new database on the test server holding only
// an empty schema named like the source's, since a dump restores into the schema it names).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "pg_url.hpp"
#include "store/database.hpp"

namespace carepilot::testing {

inline std::string random_name(const std::string& prefix) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return prefix + buf;
}

class TempFolder {
 public:
  TempFolder() : path_(std::filesystem::temp_directory_path() / random_name("carepilot-ops-")) {
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string pg_test_base() {
  const char* v = std::getenv("CAREPILOT_TEST_PG");
  if (!v || !*v) throw std::runtime_error("CAREPILOT_TEST_PG is not set");
  return v;
}

class EmptyDb {
 public:
  // `source_url`: the TestDb the backup comes from (its schema name is reused).
  EmptyDb(const std::string& backend, const std::string& source_url,
          const std::filesystem::path& dir) {
    if (backend == "sqlite") {
      url_ = "sqlite:" + (dir / random_name("restored-")).string() + ".db";
      return;
    }
    auto at = source_url.find("search_path%3D");
    std::string schema = at == std::string::npos ? "public" : source_url.substr(at + 14);
    schema = schema.substr(0, schema.find('&'));
    database_ = random_name("r_");
    {
      auto admin = store::Database::open(pg_test_base(), 1);
      auto s = admin->lease();
      *s << ("CREATE DATABASE " + database_);
    }
    auto db_url = pg_url_with_database(pg_test_base(), database_);
    if (schema != "public") {
      auto db = store::Database::open(db_url, 1);
      auto s = db->lease();
      *s << ("CREATE SCHEMA " + schema);
    }
    url_ = db_url + (db_url.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema;
  }
  ~EmptyDb() {
    try {
      if (!database_.empty()) {
        auto admin = store::Database::open(pg_test_base(), 1);
        auto s = admin->lease();
        *s << ("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
      }
    } catch (...) {
    }
  }
  EmptyDb(const EmptyDb&) = delete;
  EmptyDb& operator=(const EmptyDb&) = delete;
  const std::string& url() const { return url_; }

 private:
  std::string url_, database_;
};

}  // namespace carepilot::testing
