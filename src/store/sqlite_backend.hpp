// The SQLite backend the store opens: SOCI's own, except that an integer column reaches a
// soci::row as a 64-bit integer.
//
// SOCI 4.0's SQLite backend describes a column from its declared type: INTEGER, INT,
// MEDIUMINT, SMALLINT, TINYINT, BOOLEAN (anything naming "int" but "int8"/"bigint") become
// soci::dt_integer, and the row then reads the value with sqlite3_column_int — 4 500 000 000
// cents came back as 205 032 704. BIGINT and INT8 are dt_long_long; an expression without a
// declared type (SUM, COUNT, MAX, COALESCE, CASE, arithmetic, a literal) is dt_string;
// NUMERIC/REAL are dt_double; a scalar subquery or a view column keeps its column's declared
// type. SQLite itself stores every integer on up to 8 bytes whatever the declaration, so here
// every dt_integer column is described as dt_long_long: store::row_int (and r.get<long long>)
// read it whole. `into(variable)` is untouched: it reads as the variable's type.
#pragma once

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace carepilot::store {

// Open a SQLite session with it: `session.open(store::sqlite_backend(), "db=PATH")`.
const soci::backend_factory& sqlite_backend();

// The SQLite handles behind a session or statement opened with sqlite_backend() (nullptr
// when not open, or when the statement is not prepared).
sqlite_api::sqlite3* sqlite_connection(soci::session& s);
sqlite_api::sqlite3_stmt* sqlite_statement(soci::statement& st);

}  // namespace carepilot::store
