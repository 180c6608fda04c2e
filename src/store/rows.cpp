#include "store/rows.hpp"

namespace carepilot::store {

using soci::into;
using soci::use;

long long row_int(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<long long>(r.get<double>(i));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(i));
    default:
      return 0;
  }
}

std::int64_t insert_returning(soci::session& sql, const std::string& insert,
                              const std::function<void(soci::statement&)>& bind) {
  const bool pg = sql.get_backend_name() == "postgresql";
  long long id = 0;
  {
    soci::statement st(sql);
    bind(st);
    if (pg) st.exchange(into(id));
    st.alloc();
    st.prepare(pg ? insert + " RETURNING id" : insert);
    st.define_and_bind();
    st.execute(true);
  }
  if (!pg) sql << "SELECT last_insert_rowid()", into(id);
  return id;
}

void lock_establishment(soci::session& sql, std::int64_t establishment_id) {
  if (sql.get_backend_name() != "postgresql") return;  // SQLite: BEGIN IMMEDIATE serialises
  long long e = establishment_id, got = 0;
  sql << "SELECT id FROM establishments WHERE id = :e FOR UPDATE", use(e), into(got);
}

}  // namespace carepilot::store
