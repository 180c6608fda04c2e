// Establishments and their evidence, as the engine evaluates them. Evidence records are
// typed by referential::EvidenceType; their field values are stored by field index of the
// evidence schema (see referential/evidence_schema.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "referential/evidence_schema.hpp"

namespace carepilot::engine {

using referential::EvidenceType;

// One fact recorded about an establishment: an exercise held, a BIA written, ...
struct Evidence {
  EvidenceType type{};
  Date date{};               // the day the fact happened (or was last updated)
  std::uint8_t present = 0;  // bit i set: field i has a value
  // Field i's value: numbers and integers as such, booleans as 0/1, dates as days since
  // 1970-01-01. Text fields live in `text` at their spec's text_slot.
  std::array<double, referential::kMaxFields> value{};
  std::array<std::string, referential::kMaxTextFields> text{};

  bool has(int field) const { return (present >> field) & 1U; }
  void set_number(int field, double v) {
    value[static_cast<std::size_t>(field)] = v;
    present = static_cast<std::uint8_t>(present | (1U << field));
  }
  void set_date(int field, const Date& d);
  void set_text(int field, std::string v);
  double number(int field) const { return value[static_cast<std::size_t>(field)]; }
  Date date_of(int field) const;
  const std::string& text_of(int field) const;
};

// An establishment as evaluated: FINESS number, name, category (normalised, e.g.
// "sanitaire", "medico-social") and the services it runs (catalogue ids when known).
struct Establishment {
  std::string finess;
  std::string name;
  std::string category;
  std::vector<std::string> services;
};

}  // namespace carepilot::engine
