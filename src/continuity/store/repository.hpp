// The continuity register of an establishment (issue 15): resources, activities, BIA
// versions, plans and their tests, on SQLite and PostgreSQL (migration 0031). Every
// operation first resolves the establishment with registry::Repository::visible(scope,
// finess) (404 outside the caller's scope) and every query filters on it, so a record of
// another establishment is unknown here (404 for the one a route names, 422 naming the field
// for one a body names). Each write validates everything first (one UserError 422 with every
// refusal, stable codes "continuity.*", French messages starting with the field key), then
// writes in one store::Transaction with its audit entry and the evidence it stands for:
// the latest validated BIA of an activity linked to a service is `bia` evidence of that
// service (source "continuity_bia:ACTIVITY"), a plan is `continuity_plan` evidence with its
// kind and scope (source "continuity_plan:PLAN"). Nothing is deleted: withdraw() keeps the
// row with who, when and why, and withdraws the evidence it stood for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/errors.hpp"
#include "common/scope.hpp"
#include "common/withdrawal.hpp"
#include "continuity/model.hpp"
#include "continuity/rules/requirements.hpp"
#include "continuity/rules/scale.hpp"
#include "evidence/documents.hpp"
#include "evidence/repository.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::continuity {

// Format refusals found while reading a form or a JSON body (a number that is not one, a
// date that is not a date) travel in `format_errors` and are thrown with the others.
struct ResourceInput {
  std::string name, kind;
  std::vector<carepilot::FieldError> format_errors;
};
struct ActivityInput {
  std::string name, kind, service, owner;
  std::optional<double> share_percent;
  std::vector<std::int64_t> resource_ids;
  std::vector<carepilot::FieldError> format_errors;
};
struct BiaInput {
  ImpactMatrix impacts;
  std::optional<Override> dmia_override, pdma_override;
  std::string degraded_mode;
  std::optional<int> autonomy_hours;
  std::string validated_by;
  std::optional<Date> validated_on;
  std::vector<carepilot::FieldError> format_errors;
};
struct PlanInput {
  std::string kind, title, scope;
  std::vector<std::string> services;
  std::string scenarios;
  bool covers_it_outage = false;
  std::string version, validated_by;
  std::optional<Date> validated_on, review_on;
  std::vector<carepilot::FieldError> format_errors;
};
// A service involved in a test: an activity of the register and the interruption observed for
// it, in hours (decimals allowed; stored in minutes).
struct TestServiceInput {
  std::int64_t activity_id = 0;
  std::optional<double> observed_hours;
};
struct PlanTestInput {
  std::optional<Date> held_on, planned_on;
  std::string scenario;
  std::optional<int> observed_hours;
  std::string failures;
  std::vector<TestServiceInput> services;
  std::vector<carepilot::FieldError> format_errors;
};

// Hours may carry a decimal part (1,5 h); stored in minutes.
struct RestoreTestInput {
  std::optional<Date> held_on;
  std::optional<double> restore_hours, data_loss_hours;
  std::string checked_by, notes;
  std::vector<carepilot::FieldError> format_errors;
};

// What withdraw() acts on.
enum class Record { resource, activity, bia, plan, plan_test, restore_test };

inline constexpr std::size_t kMaxName = 200, kMaxText = 4000;

// The codes of a resource's and an activity's kind, in the forms' order, and the French label
// of a code (data/labels/labels.yaml, codes; capitalised as an option): what the page's
// options show and what a refusal lists, never the codes themselves.
const std::vector<std::string>& resource_kinds();
const std::vector<std::string>& activity_kinds();
std::string choice_label(std::string_view code);

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, evidence::Repository& evidence,
             const Scale& scale = default_scale())
      : db_(db), registry_(registry), evidence_(evidence), scale_(scale) {}

  const Scale& scale() const { return scale_; }
  store::Database& database() { return db_; }

  // The establishment's register (withdrawn rows left out). 404 when not visible.
  Register load(const Scope& scope, const std::string& finess);

  // A resource: name required (at most kMaxName, unique among the establishment's current
  // resources), kind "application" or "infrastructure".
  Resource add_resource(const Scope& scope, const std::string& finess, const ResourceInput& in,
                        const Actor& actor);
  // An activity: name (unique, as above), kind, owner required; service empty or one the
  // establishment runs; share in [0, 100] and the current activities' shares together at most
  // 100 %; resources the establishment's current ones.
  Activity add_activity(const Scope& scope, const std::string& finess, const ActivityInput& in,
                        const Actor& actor);
  // The next version of the BIA of activity `activity_id` (404 when it is not a current
  // activity of the establishment): the matrix checked on the scale (check_matrix), the DMIA
  // and PDMA derived and the overrides checked (check_override), autonomy >= 0, validation
  // both who and when or neither, never after `today`. Re-emits the activity's `bia`
  // evidence.
  Bia save_bia(const Scope& scope, const std::string& finess, std::int64_t activity_id,
               const BiaInput& in, const Date& today, const Actor& actor);
  // A plan: kind among pca/pra/pcra/pcri, title and version required, scope global or
  // service (then at least one service, each one the establishment runs), validated by whom
  // and when (never after `today`), review date not before the validation. Emits its
  // `continuity_plan` evidence dated on the validation.
  Plan add_plan(const Scope& scope, const std::string& finess, const PlanInput& in,
                const Date& today, const Actor& actor);
  // A test of plan `plan_id` (404 when not a current plan of the establishment): held on a
  // date not after `today`, or planned (a date after `today`); observed hours >= 0; the
  // services involved current activities of the establishment, each once, with the
  // interruption observed for it (a test held only; 0 to the restore-test bound of
  // data/continuity/restore_tests.yaml), field `test_services` (« Services impliqués »).
  PlanTest add_plan_test(const Scope& scope, const std::string& finess, std::int64_t plan_id,
                         const PlanTestInput& in, const Date& today, const Actor& actor);
  // A restore test of resource `resource_id` (404 when it is not a current resource of the
  // establishment): held on a date not after `today`, the restore's duration and the data
  // lost in hours (required, 0 to the bound of data/continuity/restore_tests.yaml, 8 760),
  // the referent who checked the functions (required).
  RestoreTest add_restore_test(const Scope& scope, const std::string& finess,
                               std::int64_t resource_id, const RestoreTestInput& in,
                               const Date& today, const Actor& actor);
  // Attaches the plan's document (the next version) to the `continuity_plan` evidence of plan
  // `plan_id`: 404 when it is not a current plan of the establishment, then the file checked
  // as every attachment (common/attachment.hpp, field `plan_document`, codes
  // `continuity.attachment_*`: 422; the routes answer 413 for `attachment_too_large` and 415
  // for `attachment_type`). One transaction with its journal entry.
  evidence::Document attach_plan_document(const Scope& scope, const std::string& finess,
                                          std::int64_t plan_id, const std::string& file_name,
                                          const std::string& bytes, const Actor& actor);
  // The latest version of the document of plan `plan_id` (withdrawn plans included: their
  // document stays readable); 404 when the plan is not the establishment's or has none.
  evidence::DocumentFile plan_document(const Scope& scope, const std::string& finess,
                                       std::int64_t plan_id);

  // Withdraws a record with a reason (checked_withdrawal_reason: 422 `continuity.reason_*`);
  // 404 when it is not a record of the establishment, 409 `continuity.already_withdrawn`
  // when it was. An activity or BIA version withdrawn re-emits the activity's `bia` evidence
  // (from the latest validated version left, or withdrawn); a plan withdraws its evidence. A
  // restore test withdrawn no longer counts for its resource's measured recovery and gap.
  Withdrawal withdraw(const Scope& scope, const std::string& finess, Record what, std::int64_t id,
                      const std::string& reason, const Date& today, const Actor& actor);

  // RTO/RPO required of each resource by the counting BIAs of the activities using it.
  static std::map<long long, Requirement> requirements(const Register& r);
  // The latest restore test of each resource as measured against its requirement.
  static std::optional<Measured> measured(const Register& r, std::int64_t resource_id);
  // The coverage of the establishment's services by validated BIAs: the services it runs
  // with no activity whose BIA counts.
  static std::vector<std::string> services_without_bia(const Register& r,
                                                       const std::vector<std::string>& services);

 private:
  void emit_bia(soci::session& sql, const registry::Establishment& est, const Register& reg,
                std::int64_t activity_id, const Date& today, const Actor& actor);

  store::Database& db_;
  registry::Repository& registry_;
  evidence::Repository& evidence_;
  const Scale& scale_;
};

}  // namespace carepilot::continuity
