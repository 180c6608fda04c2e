// The establishment registry's records: regions (ARS), GHTs and establishments.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace carepilot::registry {

struct Region {
  std::string code;
  std::string name;
};

struct Ght {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string region_code;
  bool is_demo = false;
};

struct Establishment {
  std::int64_t id = 0;
  std::string finess_et;  // géographique
  std::string finess_ej;  // juridique
  std::string name;
  std::string category;  // sanitaire | medico_social
  std::string type;      // a code of data/catalog/establishments.yaml
  std::string region_code;
  std::string department;
  std::string city;
  std::optional<std::int64_t> ght_id;
  std::vector<std::string> services;  // service codes, sorted
  bool is_demo = false;
  std::string created_at;
  std::string updated_at;
};

// What a form or an API body provides to create or update an establishment.
// The region is derived from the department; the category from the type.
// A hook called with the ids of establishments just written, on the session of the write's
// transaction (registry::Repository::on_written).
using EstablishmentsWritten =
    std::function<void(soci::session& sql, const std::vector<std::int64_t>& ids)>;

struct EstablishmentInput {
  std::string finess_et;
  std::string finess_ej;
  std::string name;
  std::string type;
  std::string department;
  std::string city;
  std::optional<std::int64_t> ght_id;
  std::vector<std::string> services;
  bool is_demo = false;
};

// The input that rewrites `e` as it is: the base of an edit form, a PATCH or a test's change.
inline EstablishmentInput input_of(const Establishment& e) {
  EstablishmentInput in;
  in.finess_et = e.finess_et;
  in.finess_ej = e.finess_ej;
  in.name = e.name;
  in.type = e.type;
  in.department = e.department;
  in.city = e.city;
  in.ght_id = e.ght_id;
  in.services = e.services;
  in.is_demo = e.is_demo;
  return in;
}

struct EstablishmentFilter {
  std::string query;  // part of the name, or a FINESS (ET or EJ) prefix
  std::string region_code;
  std::optional<std::int64_t> ght_id;
  std::string finess_ej;  // exactly this legal entity's establishments; "" for any
  std::string type;
  int page = 1;       // 1-based
  int per_page = 25;  // 1..200
  std::string sort;   // "" (name), or name, finess_et, updated_at; '-' first: descending
  // Only establishments with an overdue obligation in the stored compliance
  // (compliance_summary, docs/evidence.md "Stored compliance").
  bool late_only = false;
};

// An establishment's stored compliance summary, as the list shows it.
struct LateSummary {
  int overdue = 0;        // obligations overdue
  int max_days_late = 0;  // the largest number of days late among them
};

template <typename T>
struct Page {
  std::vector<T> items;
  long long total = 0;
  int page = 1;
  int per_page = 25;
  int page_count() const {
    return total == 0 ? 1 : static_cast<int>((total + per_page - 1) / per_page);
  }
};

}  // namespace carepilot::registry
