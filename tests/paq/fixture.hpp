// Shared set-up of the PAQ tests: establishments, dates, evidence and audit look-ups.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <string>

#include "common/date.hpp"
#include "common/errors.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"
#include "test_db.hpp"

namespace carepilot::testing {

inline registry::EstablishmentInput paq_establishment(const std::string& finess,
                                                      const std::string& name) {
  registry::EstablishmentInput in;
  in.finess_et = finess;
  in.finess_ej = finess;
  in.name = name;
  in.type = "ch";
  in.department = "75";
  in.services = {"urgences"};
  return in;
}

inline Date day(const char* text) {
  return *parse_date(text);
}

// The paq_action evidence emitted for `action_id` that counts (not withdrawn): payload JSON,
// null when none, and its count.
struct Emitted {
  int count = 0;
  nlohmann::json payload;
  std::string date;
};
inline Emitted emitted(store::Database& db, std::int64_t action_id) {
  auto s = db.lease();
  Emitted e;
  std::string source = "paq_action:" + std::to_string(action_id);
  *s << "SELECT COUNT(*) FROM evidence WHERE source = :s AND withdrawn_at IS NULL",
      soci::use(source), soci::into(e.count);
  if (e.count == 1) {
    std::string payload;
    *s << "SELECT payload, date FROM evidence WHERE source = :s AND withdrawn_at IS NULL",
        soci::use(source), soci::into(payload), soci::into(e.date);
    e.payload = nlohmann::json::parse(payload);
  }
  return e;
}

inline int audit_count(store::Database& db, std::int64_t action_id, const std::string& action) {
  auto s = db.lease();
  int n = 0;
  std::string key = std::to_string(action_id);
  *s << "SELECT COUNT(*) FROM audit_log WHERE entity = 'paq_action' AND entity_key = :k AND "
        "action = :a",
      soci::use(key), soci::use(action), soci::into(n);
  return n;
}

inline int count_rows(store::Database& db, const std::string& table) {
  auto s = db.lease();
  int n = 0;
  *s << "SELECT COUNT(*) FROM " + table, soci::into(n);
  return n;
}

// Runs `f`, expecting a UserError 422 whose first field is `field` and code `code`.
template <typename F>
std::string refused(F f, const std::string& field, const std::string& code) {
  try {
    f();
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 422) << e.what();
    EXPECT_FALSE(e.fields().empty());
    if (!e.fields().empty()) {
      EXPECT_EQ(e.fields()[0].field, field) << e.what();
    }
    EXPECT_EQ(e.code(), code) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "not refused: " << field;
  return {};
}

}  // namespace carepilot::testing
