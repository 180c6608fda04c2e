// Checking an obligation's criteria over one evaluation window: which records count,
// which one is selected per subject, what is missing.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <vector>

#include "engine/evidence.hpp"
#include "engine/report.hpp"
#include "referential/model.hpp"

namespace carepilot::engine {

// The establishment's records dated on or before the evaluation date, by type, as
// (day number, record index), in input order.
struct Dated {
  int day;
  int index;
};
using TypeIndex = std::array<std::vector<Dated>, referential::kEvidenceTypeCount>;
TypeIndex index_by_type(std::span<const Evidence> evidence, const Date& as_of);

// Records count when their date lies in [start, end] (start unset = no lower bound) or,
// for subjects with a period_field, when that field equals `year` and the date is not
// after `cutoff`. Secondary dates (criterion `dated`) count when not after `cutoff`.
struct Window {
  std::optional<int> start;
  int end = 0;
  int cutoff = 0;
  int year = 0;
};

struct WindowResult {
  bool satisfied = false;
  bool no_service_in_scope = false;  // a services criterion found nothing to cover
  int completed_day = 0;             // latest date among the records used
  std::vector<int> evidence;         // sorted, unique
  std::vector<MissingCriterion> missing;
  std::vector<MeasureValue> measures;
};

WindowResult check_window(const referential::Referential& ref,
                          const referential::Obligation& obligation,
                          const Establishment& establishment, std::span<const Evidence> evidence,
                          const TypeIndex& by_type, const Window& window);

int day_number(const Date& d);
Date from_day_number(int day);

}  // namespace carepilot::engine
