#include "continuity/rules/test_durations.hpp"

namespace carepilot::continuity {

std::vector<ServiceDuration> service_durations(const Register& reg, const PlanTest& t) {
  std::vector<ServiceDuration> out;
  for (const auto& s : t.services) {
    ServiceDuration d;
    d.activity_id = s.activity_id;
    d.observed_minutes = s.observed_minutes;
    if (const Bia* b = reg.counting_bia(s.activity_id)) {
      d.has_bia = true;
      d.dmia_hours = b->dmia();
    }
    if (d.observed_minutes && d.dmia_hours && *d.observed_minutes > *d.dmia_hours * 60) {
      d.exceeded = true;
      d.excess_minutes = *d.observed_minutes - *d.dmia_hours * 60;
    }
    out.push_back(d);
  }
  return out;
}

}  // namespace carepilot::continuity
