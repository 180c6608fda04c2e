// The staged declaration of an incident to the CERT Santé (issue 19): a stage (initial,
// complementary, final) is a draft following the official form (rules/declaration_form.hpp)
// until it is marked submitted — with the instant of the submission, the portal's reference and
// the SHA-256 of its content — after which it never changes. A later stage starts from the
// content of the latest submitted one. Submitting the initial stage records the timeline's
// « déclaration transmise » event (the regulatory clock stops there) in the same transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/scope.hpp"
#include "incidents/rules/declaration_form.hpp"
#include "incidents/store/repository.hpp"

namespace carepilot::incidents {

struct Declaration {
  std::int64_t id = 0;
  std::int64_t incident_id = 0;
  std::string stage;
  DeclarationContent content;
  std::string submitted_at;  // UTC ISO; "" for a draft
  std::string portal_reference, digest, submitted_by;
  std::string created_at, created_by, updated_at;
  bool submitted() const { return !submitted_at.empty(); }
};

class Declarations {
 public:
  Declarations(store::Database& db, registry::Repository& registry)
      : db_(db), registry_(registry) {}

  // Now, Unix seconds: a transmission dated later (plus the catalog's clock skew) is refused.
  std::function<std::int64_t()> now = store::now_unix;

  // Saves the draft of `stage` (the fields given replace the stored ones). 422
  // `declaration_stage` incident.stage_unknown, incident.stage_order (a later stage before the
  // initial one is submitted); the errors of check_content; 409 `declaration_stage`
  // incident.stage_submitted (a submitted stage cannot be changed).
  Declaration save(const Scope& scope, const std::string& finess, std::int64_t incident_id,
                   const std::string& stage, const DeclarationContent& content, const Actor& actor);
  // Marks `stage` submitted: 404 when it has no draft; 409 incident.stage_submitted; 422 one
  // error per empty required field (missing_for), `submitted_at` incident.instant_invalid or
  // incident.before_detection, incident.in_future (later than now),
  // incident.before_previous_stage (before an earlier stage's transmission),
  // incident.after_next_stage (after a later stage's), `portal_reference`
  // incident.reference_required.
  Declaration submit(const Scope& scope, const std::string& finess, std::int64_t incident_id,
                     const std::string& stage, const std::string& submitted_at,
                     const std::string& portal_reference, const Actor& actor);

  // The incident's stages in the form's order (404 when the incident is not the
  // establishment's).
  std::vector<Declaration> list(const Scope& scope, const std::string& finess,
                                std::int64_t incident_id);

 private:
  store::Database& db_;
  registry::Repository& registry_;
};

// What a later stage is compared with (its differences, issue 19): the latest submitted stage
// before `stage` in the form's order, among `all` (one incident's stages); nullptr for the
// first stage, an unknown one, or when none before it is submitted.
const Declaration* previous_stage(const std::vector<Declaration>& all, const std::string& stage);

}  // namespace carepilot::incidents
