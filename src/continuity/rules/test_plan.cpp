#include "continuity/rules/test_plan.hpp"

namespace carepilot::continuity {

std::vector<UntestedPlan> untested_plans(const Register& reg, const Date& today) {
  std::vector<UntestedPlan> out;
  for (const auto& p : reg.plans) {
    bool tested = false;
    std::optional<Date> planned;
    for (const auto& t : reg.tests) {
      if (t.plan_id != p.id) continue;
      if (t.held_on && *t.held_on >= p.validated_on) tested = true;
      if (!t.held_on && t.planned_on && (!planned || *t.planned_on < *planned))
        planned = t.planned_on;
    }
    if (tested) continue;
    out.push_back({&p, planned, planned && *planned < today});
  }
  return out;
}

}  // namespace carepilot::continuity
