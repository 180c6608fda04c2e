#include "store/scope_generation.hpp"

namespace carepilot::store {

namespace {
struct ReadScopeGeneration : Prepared {
  std::string key;
  long long value = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st;
  ReadScopeGeneration(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, soci::into(value, ind), soci::use(key))) {}
};
}  // namespace

std::vector<std::string> establishment_scope_keys(std::int64_t establishment_id,
                                                  const std::string& region_code,
                                                  std::optional<std::int64_t> ght_id) {
  std::vector<std::string> keys{"establishment:" + std::to_string(establishment_id)};
  if (ght_id) keys.push_back("ght:" + std::to_string(*ght_id));
  if (!region_code.empty()) keys.push_back("region:" + region_code);
  keys.push_back("nation");
  return keys;
}

void bump_scope_generations(soci::session& sql, const std::vector<std::string>& keys) {
  std::string key;
  soci::statement st = (sql.prepare << "INSERT INTO scope_generation (scope, value) VALUES (:k, 1) "
                                       "ON CONFLICT (scope) DO UPDATE SET value = "
                                       "scope_generation.value + 1",
                        soci::use(key));
  for (const auto& k : keys) {
    key = k;
    st.execute(true);
  }
}

std::int64_t scope_generation(Database& db, const std::string& key) {
  auto s = db.lease();
  return s.run<ReadScopeGeneration>(
      "SELECT value FROM scope_generation WHERE scope = :k", [&key](ReadScopeGeneration& q) {
        q.key = key;
        q.value = 0;
        q.ind = soci::i_null;
        q.st.execute(true);
        return q.ind == soci::i_ok ? static_cast<std::int64_t>(q.value) : std::int64_t{0};
      });
}

}  // namespace carepilot::store
