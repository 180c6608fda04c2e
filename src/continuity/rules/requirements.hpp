// From the BIAs to the IT resources (issue 15): each resource must be restored within the
// strictest DMIA (its required RTO) and lose no more than the strictest PDMA (its required
// RPO) among the activities that depend on it; the recovery measured by restore tests is set
// against them and the gap flagged. Pure: no I/O. Units: hours.
#pragma once

#include <map>
#include <optional>
#include <vector>

namespace carepilot::continuity {

// One activity with the tolerance of its latest validated BIA and the resources it uses.
struct ActivityNeed {
  long long activity_id = 0;
  std::optional<int> dmia_hours;  // none: no validated BIA, or tolerant beyond the horizons
  std::optional<int> pdma_hours;
  std::vector<long long> resource_ids;
};

struct Requirement {
  std::optional<int> rto_hours;       // strictest DMIA among the dependent activities
  std::optional<int> rpo_hours;       // strictest PDMA among them
  std::vector<long long> rto_set_by;  // the activities whose DMIA is the RTO (ascending ids)
  std::vector<long long> rpo_set_by;
};

// resource id -> requirement, for every resource some activity depends on.
std::map<long long, Requirement> required_rto_rpo(const std::vector<ActivityNeed>& needs);

// The last restore test of a resource: how long the restore took and how much data was lost.
struct Measured {
  double restore_hours = 0;
  double data_loss_hours = 0;
};

enum class GapKind { ok, untested, rto_exceeded, rpo_exceeded, both_exceeded, no_requirement };

// How much the measure exceeds the requirement, in hours (0 when within, nullopt when either
// is unknown).
std::optional<double> rto_excess(const Requirement& required, const std::optional<Measured>& m);
std::optional<double> rpo_excess(const Requirement& required, const std::optional<Measured>& m);

// untested: a requirement but no restore test; ok: measured within both (equal is within).
GapKind gap(const Requirement& required, const std::optional<Measured>& measured);

}  // namespace carepilot::continuity
