// The lessons of a continuity test go to the PAQ in one click (issue 15), as an exercise's
// RETEX items and the audits' findings do: what failed in a plan's test held, and a restore
// test whose measure exceeded the RTO or RPO the BIAs require of its resource. The action's
// origin is "continuity" with the reference "continuity_test:ID:YYYY-MM-DD" or
// "restore_test:ID:YYYY-MM-DD" (read in words by paq/source_ref.hpp, linked back to the test's
// row of the continuity page); a second send answers the action already made, never a second
// one (paq::Repository::create_once).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "common/actor.hpp"
#include "common/date.hpp"
#include "common/scope.hpp"
#include "continuity/store/repository.hpp"
#include "paq/repository.hpp"

namespace carepilot::continuity {

std::string plan_test_ref(const PlanTest& t);
std::string restore_test_ref(const RestoreTest& t);

class Lessons {
 public:
  Lessons(store::Database& db, registry::Repository& registry, Repository& repo,
          paq::Repository& paq)
      : db_(db), registry_(registry), repo_(repo), paq_(paq) {}

  // The PAQ action of plan test `test_id`'s failures: 404 when it is not a current test of the
  // establishment; 422 field `test`: `continuity.test_not_held` (a planned test has no lesson
  // yet), `continuity.test_without_failures` (nothing failed: nothing to act on).
  paq::Action send_plan_test(const Scope& scope, const std::string& finess, std::int64_t test_id,
                             const Date& today, const Actor& actor, bool* created = nullptr);
  // The PAQ action of restore test `test_id`, whose measure exceeds its resource's required RTO
  // or RPO: 404 when not a current restore test of the establishment; 422 field `restore_test`
  // `continuity.restore_within_requirement` when it is within both (or nothing is required).
  paq::Action send_restore_test(const Scope& scope, const std::string& finess, std::int64_t test_id,
                                const Date& today, const Actor& actor, bool* created = nullptr);

  // The current PAQ actions made from the establishment's tests: reference → action id.
  std::map<std::string, std::int64_t> sent(const Scope& scope, const std::string& finess);

 private:
  store::Database& db_;
  registry::Repository& registry_;
  Repository& repo_;
  paq::Repository& paq_;
};

}  // namespace carepilot::continuity
