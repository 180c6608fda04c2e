#include "store/generation.hpp"

namespace carepilot::store {

namespace {
struct ReadGeneration : Prepared {
  long long value = 0;
  soci::statement st;
  ReadGeneration(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, soci::into(value))) {}
};
struct BumpGeneration : Prepared {
  soci::statement st;
  BumpGeneration(soci::session& s, const std::string& sql) : st((s.prepare << sql)) {}
};
}  // namespace

std::int64_t current_generation(Database& db) {
  auto s = db.lease();
  return s.run<ReadGeneration>("SELECT value FROM data_generation WHERE id = 1",
                               [](ReadGeneration& q) {
                                 q.value = 0;
                                 q.st.execute(true);
                                 return static_cast<std::int64_t>(q.value);
                               });
}

void bump_generation(Database& db) {
  auto s = db.lease();
  s.run<BumpGeneration>("UPDATE data_generation SET value = value + 1 WHERE id = 1",
                        [](BumpGeneration& q) { q.st.execute(true); });
}

}  // namespace carepilot::store
