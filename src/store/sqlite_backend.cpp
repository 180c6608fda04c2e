#include "store/sqlite_backend.hpp"

#include <memory>
#include <string>

namespace carepilot::store {

namespace {

using soci::data_type;
using soci::details::statement_backend;
using soci::details::statement_type;

// Forwards every call to SOCI's SQLite statement; only describe_column changes its answer.
// SOCI exports the SQLite backend's factory but not its classes' symbols: they are wrapped,
// not derived from, and called only through their (virtual) base interfaces.
class Statement final : public statement_backend {
 public:
  explicit Statement(statement_backend* inner) : inner_(inner) {}
  sqlite_api::sqlite3_stmt* stmt() {
    return static_cast<soci::sqlite3_statement_backend*>(inner_.get())->stmt_;
  }

  void alloc() override { inner_->alloc(); }
  void clean_up() override { inner_->clean_up(); }
  void prepare(const std::string& query, statement_type type) override {
    inner_->prepare(query, type);
  }
  exec_fetch_result execute(int number) override { return inner_->execute(number); }
  exec_fetch_result fetch(int number) override { return inner_->fetch(number); }
  long long get_affected_rows() override { return inner_->get_affected_rows(); }
  int get_number_of_rows() override { return inner_->get_number_of_rows(); }
  std::string get_parameter_name(int index) const override {
    return inner_->get_parameter_name(index);
  }
  std::string rewrite_for_procedure_call(const std::string& query) override {
    return inner_->rewrite_for_procedure_call(query);
  }
  int prepare_for_describe() override { return inner_->prepare_for_describe(); }
  void describe_column(int column, data_type& type, std::string& name) override {
    inner_->describe_column(column, type, name);
    if (type == soci::dt_integer) type = soci::dt_long_long;
  }
  soci::details::standard_into_type_backend* make_into_type_backend() override {
    return inner_->make_into_type_backend();
  }
  soci::details::standard_use_type_backend* make_use_type_backend() override {
    return inner_->make_use_type_backend();
  }
  soci::details::vector_into_type_backend* make_vector_into_type_backend() override {
    return inner_->make_vector_into_type_backend();
  }
  soci::details::vector_use_type_backend* make_vector_use_type_backend() override {
    return inner_->make_vector_use_type_backend();
  }

 private:
  std::unique_ptr<statement_backend> inner_;
};

class Session final : public soci::details::session_backend {
 public:
  explicit Session(soci::details::session_backend* inner) : inner_(inner) {}
  sqlite_api::sqlite3* conn() {
    return static_cast<soci::sqlite3_session_backend*>(inner_.get())->conn_;
  }

  bool is_connected() override { return inner_->is_connected(); }
  void begin() override { inner_->begin(); }
  void commit() override { inner_->commit(); }
  void rollback() override { inner_->rollback(); }
  bool get_next_sequence_value(soci::session& s, const std::string& seq, long long& v) override {
    return inner_->get_next_sequence_value(s, seq, v);
  }
  bool get_last_insert_id(soci::session& s, const std::string& table, long long& v) override {
    return inner_->get_last_insert_id(s, table, v);
  }
  std::string get_table_names_query() const override { return inner_->get_table_names_query(); }
  std::string get_column_descriptions_query() const override {
    return inner_->get_column_descriptions_query();
  }
  std::string create_table(const std::string& t) override { return inner_->create_table(t); }
  std::string drop_table(const std::string& t) override { return inner_->drop_table(t); }
  std::string truncate_table(const std::string& t) override { return inner_->truncate_table(t); }
  std::string create_column_type(data_type dt, int precision, int scale) override {
    return inner_->create_column_type(dt, precision, scale);
  }
  std::string add_column(const std::string& t, const std::string& c, data_type dt, int precision,
                         int scale) override {
    return inner_->add_column(t, c, dt, precision, scale);
  }
  std::string alter_column(const std::string& t, const std::string& c, data_type dt, int precision,
                           int scale) override {
    return inner_->alter_column(t, c, dt, precision, scale);
  }
  std::string drop_column(const std::string& t, const std::string& c) override {
    return inner_->drop_column(t, c);
  }
  std::string constraint_unique(const std::string& n, const std::string& c) override {
    return inner_->constraint_unique(n, c);
  }
  std::string constraint_primary_key(const std::string& n, const std::string& c) override {
    return inner_->constraint_primary_key(n, c);
  }
  std::string constraint_foreign_key(const std::string& n, const std::string& c,
                                     const std::string& rt, const std::string& rc) override {
    return inner_->constraint_foreign_key(n, c, rt, rc);
  }
  std::string empty_blob() override { return inner_->empty_blob(); }
  std::string nvl() override { return inner_->nvl(); }
  std::string get_dummy_from_table() const override { return inner_->get_dummy_from_table(); }
  std::string get_backend_name() const override { return inner_->get_backend_name(); }
  statement_backend* make_statement_backend() override {
    return new Statement(inner_->make_statement_backend());
  }
  soci::details::rowid_backend* make_rowid_backend() override {
    return inner_->make_rowid_backend();
  }
  soci::details::blob_backend* make_blob_backend() override { return inner_->make_blob_backend(); }

 private:
  std::unique_ptr<soci::details::session_backend> inner_;
};

struct Factory final : soci::backend_factory {
  soci::details::session_backend* make_session(
      const soci::connection_parameters& parameters) const override {
    const soci::backend_factory& sqlite = *soci::factory_sqlite3();
    return new Session(sqlite.make_session(parameters));
  }
};

}  // namespace

const soci::backend_factory& sqlite_backend() {
  static const Factory factory;
  return factory;
}

// The session and statement are known to come from sqlite_backend().
sqlite_api::sqlite3* sqlite_connection(soci::session& s) {
  auto* b = static_cast<Session*>(s.get_backend());
  return b ? b->conn() : nullptr;
}

sqlite_api::sqlite3_stmt* sqlite_statement(soci::statement& st) {
  auto* b = static_cast<Statement*>(st.get_backend());
  return b ? b->stmt() : nullptr;
}

}  // namespace carepilot::store
