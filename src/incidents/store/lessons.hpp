// The lessons of an incident become a PAQ action in one click (issue 19), as an exercise's
// RETEX and the continuity tests' failures do: origin "incident", reference "incident:ID"; a
// second send answers the action already made, never a second one
// (paq::Repository::create_once).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/date.hpp"
#include "common/scope.hpp"
#include "incidents/store/repository.hpp"
#include "paq/repository.hpp"

namespace carepilot::incidents {

std::string incident_ref(std::int64_t incident_id);

class Lessons {
 public:
  Lessons(registry::Repository& registry, Repository& repo, paq::Repository& paq)
      : registry_(registry), repo_(repo), paq_(paq) {}

  // The PAQ action carrying `lessons` (what the incident taught: the measure to take). 404 when
  // the incident is not the establishment's; 422 field `lessons` incident.lessons_required
  // (empty) or incident.lessons_too_long (over 4 000 characters).
  paq::Action send(const Scope& scope, const std::string& finess, std::int64_t incident_id,
                   const std::string& lessons, const Date& today, const Actor& actor,
                   bool* created = nullptr);
  // The PAQ actions made from the incident's lessons (withdrawn ones included, marked so);
  // 404 when the incident is not the establishment's.
  std::vector<paq::Action> actions(const Scope& scope, const std::string& finess,
                                   std::int64_t incident_id);

 private:
  registry::Repository& registry_;
  Repository& repo_;
  paq::Repository& paq_;
};

}  // namespace carepilot::incidents
