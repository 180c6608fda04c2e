// The lessons of an incident become PAQ actions in one click (issue 19), as an exercise's
// RETEX and the continuity tests' failures do: each lesson (one per line of the text) its own
// action, origin "incident", reference "incident:ID:DIGEST" (the lesson's SHA-256, 16 hex
// digits); a lesson sent again answers its action already made, never a second one. Actions made
// before several lessons were taken (reference "incident:ID") stay listed.
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
  Lessons(store::Database& db, registry::Repository& registry, Repository& repo,
          paq::Repository& paq)
      : db_(db), registry_(registry), repo_(repo), paq_(paq) {}

  struct Sent {
    paq::Action action;
    bool created = false;  // false: the lesson's action already made
  };
  // One PAQ action per lesson of `lessons` (what the incident taught, one measure per line;
  // a leading « - », « • » or « * » is dropped, blank lines ignored), in their order, all in
  // one transaction. 404 when the incident is not the establishment's; 409 incident.withdrawn;
  // 422 field `lessons` incident.lessons_required (none), incident.lessons_too_long (a lesson
  // over 4 000 characters), incident.lessons_too_many (over 20 lessons).
  std::vector<Sent> send(const Scope& scope, const std::string& finess, std::int64_t incident_id,
                         const std::string& lessons, const Date& today, const Actor& actor);
  // The PAQ actions made from the incident's lessons (withdrawn ones included, marked so);
  // 404 when the incident is not the establishment's.
  std::vector<paq::Action> actions(const Scope& scope, const std::string& finess,
                                   std::int64_t incident_id);

 private:
  store::Database& db_;
  registry::Repository& registry_;
  Repository& repo_;
  paq::Repository& paq_;
};

}  // namespace carepilot::incidents
