// Crisis exercises of establishments. Every operation first finds the establishment through
// registry::Repository::find(scope, finess): outside the caller's scope it does not exist
// (404); an exercise of another establishment is a 404 too (every query carries
// `establishment_id`). Every change is validated before anything is written, then written
// in one transaction with its audit entry and the re-emission of the exercise's
// crisis_exercise evidence (source "crisis_exercise:ID"): a planned exercise emits nothing;
// a running or closed one emits {date, declared_on, retex_in_paq}.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/date.hpp"
#include "common/scope.hpp"
#include "evidence/repository.hpp"
#include "exercises/model.hpp"
#include "paq/repository.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::exercises {

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, evidence::Repository& evidence)
      : db_(db), registry_(registry), evidence_(evidence), paq_(db, registry, evidence) {}

  // The scenarios a scope is offered, in display order: the national list (seeded by the
  // migration, grown by national administrators) and the additions of the scope's region
  // (every region's for the nation). Issue 10: a region's additions stay in that region.
  std::vector<Scenario> scenarios(const Scope& scope);
  // The scenarios an establishment may plan: national ones and those of its region.
  std::vector<Scenario> scenarios_for(const registry::Establishment& e);
  // Adds a scenario: national when `scope` is the nation, regional for a region scope (403
  // otherwise); 422 naming code/label; 409 exercises.scenario_exists when taken.
  Scenario add_scenario(const Scope& scope, const Scenario& s, const Actor& actor);

  // The establishment's exercises (without log, injects, items), newest date first.
  std::vector<Exercise> list(const Scope& scope, const std::string& finess);
  // One exercise with its log, injects and RETEX items (and their PAQ actions).
  Exercise get(const Scope& scope, const std::string& finess, std::int64_t id);

  Exercise create(const Scope& scope, const std::string& finess, const ExerciseInput& in,
                  const Date& today, const Actor& actor);
  // Changes the plan. A held exercise (running, closed) cannot move after today nor after
  // its RETEX (422 naming `date`).
  Exercise update(const Scope& scope, const std::string& finess, std::int64_t id,
                  const ExerciseInput& in, const Date& today, const Actor& actor);
  // Never deleted (issue 12): withdraws the exercise with a reason (422
  // `exercises.reason_required` on "reason"), also a closed and declared one; 409
  // `exercises.withdrawn` when it already is. Its log, injects and RETEX stay; its evidence
  // is withdrawn with it; PAQ actions made from it stay. Audited `withdraw`.
  Exercise withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                    const std::string& reason, const Date& today, const Actor& actor);
  // The establishment's withdrawn exercises, the latest withdrawal first.
  std::vector<Exercise> withdrawn(const Scope& scope, const std::string& finess);
  // 409 `exercises.withdrawn` for a withdrawn exercise, `exercises.locked` for a closed and
  // declared one: every change but the withdrawal is refused.
  static void refuse_locked(const Exercise& x);
  // planned -> running; refused (422 `date`) while the exercise's date is to come.
  Exercise start(const Scope& scope, const std::string& finess, std::int64_t id, const Date& today,
                 const Actor& actor);
  LogEntry add_log(const Scope& scope, const std::string& finess, std::int64_t id,
                   const LogInput& in, const Date& today, const Actor& actor);
  Inject add_inject(const Scope& scope, const std::string& finess, std::int64_t id,
                    const InjectInput& in, const Date& today, const Actor& actor);
  // Records the time the facilitator played the inject (the first time only).
  Inject play_inject(const Scope& scope, const std::string& finess, std::int64_t id,
                     std::int64_t inject_id, const Date& today, const Actor& actor);
  // Writes the RETEX and closes the exercise (from planned or running; updates a closed one).
  Exercise save_retex(const Scope& scope, const std::string& finess, std::int64_t id,
                      const RetexInput& in, const Date& today, const Actor& actor);
  RetexItem add_item(const Scope& scope, const std::string& finess, std::int64_t id,
                     const ItemInput& in, const Date& today, const Actor& actor);
  // Makes RETEX item `n` a PAQ action (source exercise, source_ref "exercise:ID:item:N");
  // idempotent: an item already converted returns its action unchanged.
  paq::Action item_to_paq(const Scope& scope, const std::string& finess, std::int64_t id, int n,
                          const PaqOptions& opts, const Date& today, const Actor& actor);
  // Every item not yet converted; returns the actions created.
  std::vector<paq::Action> all_items_to_paq(const Scope& scope, const std::string& finess,
                                            std::int64_t id, const PaqOptions& opts,
                                            const Date& today, const Actor& actor);
  // The declaration on the national platform (not before the exercise, not after today).
  Exercise declare(const Scope& scope, const std::string& finess, std::int64_t id,
                   const std::string& declared_on, const Date& today, const Actor& actor);

  registry::Establishment visible(const Scope& scope, const std::string& finess);

 private:
  std::vector<Scenario> scenarios(soci::session& sql, const std::string& region);
  std::string scope_region(const Scope& scope);  // "*" for the nation
  // The exercise row of the establishment, or 404.
  Exercise load(soci::session& sql, std::int64_t est_id, std::int64_t id);
  void load_details(soci::session& sql, Exercise& ex);
  void write(soci::session& sql, const Exercise& ex);
  void emit(soci::session& sql, const registry::Establishment& est, const Exercise& ex,
            const Date& today, const Actor& actor);
  void audit(soci::session& sql, const registry::Establishment& est, const Actor& actor,
             const std::string& action, const Exercise& ex, const std::string& summary,
             const std::string& before, const std::string& after);
  paq::Action convert(soci::session& sql, const registry::Establishment& est, const Exercise& ex,
                      const RetexItem& item, const PaqOptions& opts, const Date& today,
                      const Actor& actor);

  store::Database& db_;
  registry::Repository& registry_;
  evidence::Repository& evidence_;
  paq::Repository paq_;
};

// The exercise as the API returns it (and as the audit trail stores it).
nlohmann::json to_json(const Exercise& ex, bool details);

}  // namespace carepilot::exercises
