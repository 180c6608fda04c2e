// What the engine says about an establishment as of a date: one result per obligation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"

namespace carepilot::engine {

enum class Status { met, due, overdue, not_applicable };
inline constexpr std::size_t kStatusCount = 4;
std::string_view status_name(Status s);

// An unmet criterion: stable id (e.g. "declared-on-platform", "bia:urgences") and French text.
struct MissingCriterion {
  std::string id;
  std::string text;
};

// A measured share (0..1); nullopt when it cannot be computed (no record, zero total).
struct MeasureValue {
  std::string id;
  std::optional<double> value;
};

struct ObligationResult {
  std::string id;
  std::string title;
  Status status = Status::due;
  std::string period;            // "2026", "2026-Q4", "2025-11-23/2026-11-23"; empty = none
  std::optional<Date> deadline;  // the deadline the status refers to
  bool late = false;             // met, but after the deadline
  std::optional<int> days_left;  // set when due with a deadline
  std::optional<int> days_late;  // set when overdue: days since the deadline
  std::string explanation;       // French
  std::vector<int> evidence;     // indexes of the establishment's records used
  std::vector<MissingCriterion> missing;
  std::vector<MeasureValue> measures;
};

struct EstablishmentReport {
  std::string finess;
  std::string name;
  std::string category;
  std::vector<ObligationResult> obligations;  // in referential order
};

struct Report {
  Date as_of{};
  std::vector<EstablishmentReport> establishments;
};

}  // namespace carepilot::engine
