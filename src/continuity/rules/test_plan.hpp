// The test plan of an establishment's continuity plans (issue 15): the current plans not yet
// tested — no test held since the plan's validation — each with its planned test date (the
// earliest planned test, none when no date is planned), late when that date has passed
// without a test held (before `today`; the day itself is not late). Pure: from the register.
#pragma once

#include <optional>
#include <vector>

#include "common/date.hpp"
#include "continuity/model.hpp"

namespace carepilot::continuity {

struct UntestedPlan {
  const Plan* plan = nullptr;
  std::optional<Date> planned_on;  // none: no test planned
  bool late = false;               // planned_on < today
};

// In the register's plan order (latest validation first).
std::vector<UntestedPlan> untested_plans(const Register& reg, const Date& today);

}  // namespace carepilot::continuity
