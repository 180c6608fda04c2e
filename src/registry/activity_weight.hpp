// The activity weight of an establishment within its GHT or legal entity (issue 15, CaRE
// domain 2, D2.O1.C/D): the number the combined-activity coverage of a GHT is weighed by.
// Kept in the registry, beside the establishment; the measure it is given in (e.g. the yearly
// operating budget) is data of the continuity module (data/continuity/ght_coverage.yaml),
// recorded with the number. Read within the caller's scope; changed by who may edit the
// establishment (the route requires edit_registry, the scope is the registry's).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/actor.hpp"
#include "common/scope.hpp"
#include "registry/repository.hpp"

namespace carepilot::registry {

struct ActivityWeight {
  std::int64_t establishment_id = 0;
  double weight = 0;    // >= 0, in `measure`
  std::string measure;  // the data's measure id (e.g. "operating_budget")
  std::string updated_at, updated_by;
};

// The field every message names (label « Poids d'activité » in data/labels/labels.yaml).
inline constexpr const char* kActivityWeightField = "activity_weight";

// A weight as typed on a form: digits with spaces grouping thousands and a decimal comma or
// point ("125 000 000", "1,5"). Throws UserError 422 (field activity_weight,
// registry.activity_weight_invalid or registry.activity_weight_negative) otherwise.
double parse_activity_weight(std::string_view text);
// Throws the same UserError when `weight` is not finite or negative.
void check_activity_weight(double weight);

// The declared weights of the establishments `ids` (those without one are absent). One query.
std::map<std::int64_t, ActivityWeight> activity_weights(store::Database& db,
                                                        const std::vector<std::int64_t>& ids);

// Sets (replaces) the weight of the establishment `finess` visible in `scope` (404
// otherwise), with its audit entry, in one transaction; the cached pages of its scopes are
// invalidated. Throws UserError 422 on a negative or non-finite weight.
ActivityWeight set_activity_weight(store::Database& db, Repository& registry, const Scope& scope,
                                   const std::string& finess, double weight,
                                   const std::string& measure, const Actor& actor);

}  // namespace carepilot::registry
