// Small SQL helpers the modules share on both backends: an integer column whatever type the
// backend reports, an INSERT that returns the new id, and the per-establishment lock a
// transaction takes before it creates a row that must be unique per key.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <string>

namespace carepilot::store {

// An integer column read whole, up to 64 bits: INTEGER on SQLite (the store's SQLite backend
// describes it as 64-bit: store/sqlite_backend.hpp), INTEGER or BIGINT on PostgreSQL, NUMERIC
// (PostgreSQL's SUM of a BIGINT), or text (an expression or aggregate on SQLite).
long long row_int(const soci::row& r, std::size_t i);

// Runs `insert` (bound by `bind`) and returns the new row's id (RETURNING id on
// PostgreSQL, last_insert_rowid() on SQLite).
std::int64_t insert_returning(soci::session& sql, const std::string& insert,
                              const std::function<void(soci::statement&)>& bind);

// Serialises the transaction on the establishment's row (PostgreSQL: SELECT … FOR UPDATE;
// SQLite: BEGIN IMMEDIATE already does).
void lock_establishment(soci::session& sql, std::int64_t establishment_id);

}  // namespace carepilot::store
