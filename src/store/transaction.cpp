#include "store/transaction.hpp"

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

}  // namespace carepilot::store
