// A business impact analysis (BIA) of one activity (issue 15): its impact per horizon and per
// kind of damage on the scale's levels, and what follows from it — the maximum tolerable
// interruption (DMIA) and data loss (PDMA), read at the first horizon where the impact becomes
// unacceptable, optionally overridden with a justification. Pure: no I/O; the scale is
// data/continuity/bia.yaml (scale.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "continuity/rules/scale.hpp"

namespace carepilot::continuity {

// levels[category id][horizon id] = level (scale.min_level() .. scale.max_level()).
struct ImpactMatrix {
  std::map<std::string, std::map<std::string, int>> levels;
};

// A refusal naming the field: `field` is the form's key ("impact.patient_safety.24h",
// "dmia_hours", "dmia_justification"), `message` the French sentence shown beside it.
struct FieldError {
  std::string field;
  std::string message;
};

// Every cell of the matrix is present and on the scale; categories and horizons are the
// scale's; an impact never decreases as the interruption lasts longer (a longer stop cannot
// do less damage). Empty when the matrix is valid.
std::vector<FieldError> check_matrix(const Scale& scale, const ImpactMatrix& m);

// What the matrix implies, in hours. nullopt: no horizon of the scale reaches an
// unacceptable impact (the activity tolerates more than the longest horizon).
struct Tolerance {
  std::optional<int> dmia_hours;  // first horizon where an interruption impact is unacceptable
  std::optional<int> pdma_hours;  // first horizon where a data-loss impact is unacceptable
};

// Precondition: check_matrix(scale, m) is empty.
Tolerance derive(const Scale& scale, const ImpactMatrix& m);

// A value set by hand instead of the derived one, with why.
struct Override {
  int hours = 0;
  std::string justification;
};

// An override must be > 0 hours, carry a justification, and may not exceed what the BIA
// itself says is unacceptable (a DMIA of 72 h when the impact is already unacceptable at
// 24 h is refused; a stricter value is allowed). `field` prefix: "dmia" or "pdma".
std::vector<FieldError> check_override(const std::optional<int>& derived,
                                       const std::optional<Override>& value,
                                       const std::string& field);

// The value that counts: the override when there is one, else the derived value.
std::optional<int> effective(const std::optional<int>& derived,
                             const std::optional<Override>& value);

}  // namespace carepilot::continuity
