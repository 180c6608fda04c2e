#include "continuity/rules/requirements.hpp"

#include <algorithm>

namespace carepilot::continuity {

namespace {

// Keeps the strictest (smallest) value and the activities that set it.
void stricter(std::optional<int>& current, std::vector<long long>& set_by,
              const std::optional<int>& value, long long activity) {
  if (!value) return;
  if (!current || *value < *current) {
    current = value;
    set_by = {activity};
  } else if (*value == *current &&
             std::find(set_by.begin(), set_by.end(), activity) == set_by.end()) {
    set_by.push_back(activity);
  }
}

}  // namespace

std::map<long long, Requirement> required_rto_rpo(const std::vector<ActivityNeed>& needs) {
  std::map<long long, Requirement> out;
  for (const auto& a : needs) {
    for (long long r : a.resource_ids) {
      auto& req = out[r];
      stricter(req.rto_hours, req.rto_set_by, a.dmia_hours, a.activity_id);
      stricter(req.rpo_hours, req.rpo_set_by, a.pdma_hours, a.activity_id);
    }
  }
  for (auto& [id, req] : out) {
    (void)id;
    std::sort(req.rto_set_by.begin(), req.rto_set_by.end());
    std::sort(req.rpo_set_by.begin(), req.rpo_set_by.end());
  }
  return out;
}

std::optional<double> rto_excess(const Requirement& required, const std::optional<Measured>& m) {
  if (!required.rto_hours || !m) return std::nullopt;
  return std::max(0.0, m->restore_hours - *required.rto_hours);
}
std::optional<double> rpo_excess(const Requirement& required, const std::optional<Measured>& m) {
  if (!required.rpo_hours || !m) return std::nullopt;
  return std::max(0.0, m->data_loss_hours - *required.rpo_hours);
}

GapKind gap(const Requirement& required, const std::optional<Measured>& measured) {
  if (!required.rto_hours && !required.rpo_hours) return GapKind::no_requirement;
  if (!measured) return GapKind::untested;
  const bool rto = required.rto_hours && measured->restore_hours > *required.rto_hours;
  const bool rpo = required.rpo_hours && measured->data_loss_hours > *required.rpo_hours;
  if (rto && rpo) return GapKind::both_exceeded;
  if (rto) return GapKind::rto_exceeded;
  if (rpo) return GapKind::rpo_exceeded;
  return GapKind::ok;
}

}  // namespace carepilot::continuity
