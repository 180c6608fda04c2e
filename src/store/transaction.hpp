// A write transaction that takes the database's write lock when it begins.
//
// Why not soci::transaction: on SQLite it sends a plain (deferred) BEGIN, which takes a
// read snapshot first. In WAL mode a deferred transaction that reads and then writes gets
// SQLITE_BUSY at once — without waiting for busy_timeout — when another connection has
// committed since its read ("database is locked" under load: bench/load measured 11 % of
// uploads failing that way). BEGIN IMMEDIATE takes the write lock up front, so concurrent
// writers queue on busy_timeout instead of failing. On PostgreSQL it is a plain BEGIN
// (row locks and the isolation level already serialise writers).
//
// Use: Transaction tr(session); … tr.commit(); — rolled back when destroyed uncommitted.
// Errors: the database's, as soci::soci_error (e.g. busy_timeout elapsed).
#pragma once

#include <soci/soci.h>

namespace carepilot::store {

class Transaction {
 public:
  explicit Transaction(soci::session& s);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();
  void rollback();

 private:
  soci::session& s_;
  bool done_ = false;
};

}  // namespace carepilot::store
