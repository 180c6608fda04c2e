#include "store/generation.hpp"

namespace carepilot::store {

std::int64_t current_generation(Database& db) {
  auto s = db.lease();
  long long v = 0;
  *s << "SELECT value FROM data_generation WHERE id = 1", soci::into(v);
  return v;
}

void bump_generation(Database& db) {
  auto s = db.lease();
  *s << "UPDATE data_generation SET value = value + 1 WHERE id = 1";
}

}  // namespace carepilot::store
