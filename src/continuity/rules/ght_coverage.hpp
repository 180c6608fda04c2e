// The 66 % rule at GHT level, or for a legal entity (EJ) with several sites (issue 15; CaRE
// domain 2, D2.O1.C and D2.O1.D): per establishment, whether its activity is covered by BIA-based
// plans and by tested plans (plan_coverage, from its continuity register), and the share of the
// combined activity of the GHT's (or a legal entity's) establishments they represent, weighed by
// each establishment's activity weight (registry/activity_weight.hpp; measure in
// data/continuity/ght_coverage.yaml), against the threshold of data/continuity/bia.yaml.
// The definitions are in docs/continuity.md, « GHT coverage ». Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "continuity/model.hpp"

namespace carepilot::continuity {

// The measure activity weights are given in (data/continuity/ght_coverage.yaml).
struct WeightMeasure {
  std::string id, label, unit, hint, source;
  double max = 0;  // the largest weight accepted, in `unit`
};
const WeightMeasure& weight_measure();

// UserError 422 on the field activity_weight (« Poids d'activité »), code
// registry.activity_weight_too_large, for a weight above the measure's `max`.
void check_weight_bound(double weight);

// What an establishment's register covers.
struct PlanCoverage {
  // Plans that count for D2.O1.C: PCA, PRA or PCRA (never a PCRI, FAQ D2.01.C), validated on
  // or before today, covering the mandatory « indisponibilité informatique » scenario, whose
  // scope holds at least one activity with a counting (validated) BIA.
  std::vector<std::int64_t> plan_ids;
  // PCA, PRA or PCRA validated on or before today that would count but do not cover the
  // mandatory scenario (issue 15 trial): never counted, named as the reason.
  std::vector<std::int64_t> without_it_outage;
  // The activity kinds (care_service, admin_process, technical_platform) that no activity with
  // a counting BIA within those plans' scope represents, in that order.
  std::vector<std::string> missing_kinds;
  bool bia_based = false;     // D2.O1.C: plans found and no kind missing
  bool field_tested = false;  // a PCA or PCRA among them has a test held on or before today
  // Counting plans with neither a test held nor a test planned (the test plan of D2.O1.D).
  std::vector<std::int64_t> untested_unplanned;
  bool tested = false;  // D2.O1.D: bia_based, field_tested and untested_unplanned empty
};
PlanCoverage plan_coverage(const Register& reg, const Date& today);

struct Member {
  std::string finess, name;
  std::optional<double> weight;  // none: never declared (or declared in another measure)
  PlanCoverage plans;
};

enum class ShareState { met, not_met, incomplete, no_activity };
// "met", "not_met", "incomplete" (an establishment without weight, or establishments of the
// group outside the reader's scope: the share cannot be established), "no_activity" (no weight
// above zero).
const char* share_state_code(ShareState s);

struct Share {
  double covered_weight = 0, total_weight = 0;
  double percent = 0;  // of the declared weights; 0 when their total is 0
  ShareState state = ShareState::no_activity;
};

struct GroupCoverage {
  double threshold_percent = 0;
  Share bia_plans, tested_plans;
  std::vector<std::string> without_weight;  // FINESS, in the members' order
  // Establishments of the group the reader does not see (an establishment's user reading its
  // GHT): their activity is unknown here, so no share is a verdict on the whole group.
  long outside_scope = 0;
};

// Throws std::invalid_argument on a negative or non-finite weight. An establishment without
// weight is left out of both totals and listed; the state is then `incomplete`, unless no
// weight it could be given changes the verdict: all those without weight uncovered (for that
// share) and the share below the threshold (`not_met`), or all covered and the share reached
// (`met`). `outside_scope` establishments of the group, not among the members: `incomplete`.
// The comparison with the threshold is exact to 1e-9 %.
GroupCoverage group_coverage(const std::vector<Member>& members, double threshold_percent,
                             long outside_scope = 0);

}  // namespace carepilot::continuity
