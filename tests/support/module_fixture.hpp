// Shared set-up of the module tests (training, budget): an establishment, dates, and look-ups of
// the evidence a module emitted and of its audit entries.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <string>

#include "common/date.hpp"
#include "common/errors.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::testing {

inline registry::EstablishmentInput module_establishment(const std::string& finess,
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

// The evidence emitted under `source` (payload, null when none) and how many records.
struct Emitted {
  int count = 0;
  nlohmann::json payload;
  std::string date;
};
inline Emitted emitted(store::Database& db, const std::string& source) {
  auto s = db.lease();
  Emitted e;
  // Only the evidence that counts: a withdrawn record stays but no longer counts.
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

inline int audit_count(store::Database& db, const std::string& entity, const std::string& key,
                       const std::string& action) {
  auto s = db.lease();
  int n = 0;
  *s << "SELECT COUNT(*) FROM audit_log WHERE entity = :e AND entity_key = :k AND action = :a",
      soci::use(entity), soci::use(key), soci::use(action), soci::into(n);
  return n;
}

inline int count_rows(store::Database& db, const std::string& table) {
  auto s = db.lease();
  int n = 0;
  *s << "SELECT COUNT(*) FROM " + table, soci::into(n);
  return n;
}

}  // namespace carepilot::testing
