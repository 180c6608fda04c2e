// A plan test's services set against their DMIA (issue 15 trial): for each service (activity
// of the register) involved in a field exercise, the interruption observed for it and the DMIA
// of the activity's BIA that counts (latest validated version, overrides included), flagged
// when the observed interruption is longer (equal is within). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "continuity/model.hpp"

namespace carepilot::continuity {

struct ServiceDuration {
  std::int64_t activity_id = 0;
  std::optional<int> observed_minutes;  // none: not measured
  bool has_bia = false;                 // a validated BIA counts for the activity
  std::optional<int> dmia_hours;        // none with has_bia: beyond the scale's last horizon
  bool exceeded = false;                // observed longer than the DMIA
  int excess_minutes = 0;               // by how much, when exceeded
};

// The test's services, in the test's order.
std::vector<ServiceDuration> service_durations(const Register& reg, const PlanTest& t);

}  // namespace carepilot::continuity
