#include "store/transaction.hpp"

#include "store/establishment_lock.hpp"

namespace carepilot::store {

Transaction::Transaction(soci::session& s) : s_(s) {
  s_ << (s_.get_backend_name() == "sqlite3" ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (!done_) try {
      s_ << "ROLLBACK";
    } catch (...) {  // the connection is gone: the database rolled back itself
    }
}

void Transaction::commit() {
  s_ << "COMMIT";
  done_ = true;
}

void Transaction::rollback() {
  done_ = true;
  s_ << "ROLLBACK";
}

void lock_establishment(soci::session& sql, long long establishment_id) {
  if (sql.get_backend_name() != "postgresql") return;
  long long got = 0;
  sql << "SELECT id FROM establishments WHERE id = :e FOR UPDATE", soci::use(establishment_id),
      soci::into(got);
}

}  // namespace carepilot::store
