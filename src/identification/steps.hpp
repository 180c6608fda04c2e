// The trajectory of an establishment's identification inventory (issue 16): planned steps
// with their title, owner, due date and the day each was done. A step not done may not be
// due before today (422 naming the field « Échéance »); a step cannot be done after today.
// A step is sent to the PAQ in one call (paq::Repository::create_once, the path the AD and
// exposure audits use for their findings): origin "identification", source_ref
// "identification:STEP_ID", never two current actions for one step. Every operation first
// resolves the establishment with registry::Repository::visible (404 outside the scope) and
// a step of another establishment is unknown (404).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/errors.hpp"
#include "common/scope.hpp"
#include "identification/input.hpp"
#include "paq/repository.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::identification {

struct Step {
  std::int64_t id = 0;
  std::string title, owner;
  Date due{};
  std::optional<Date> done_on;
  std::optional<std::int64_t> paq_action_id;  // the current PAQ action sent from it
  std::string updated_at, updated_by;
};

// Fields: title, owner, due, done_on (empty: not done).
struct StepInput {
  std::string title, owner;
  std::optional<Date> due, done_on;
  std::vector<FieldError> format_errors;
};
StepInput step_from_form(const FormFields& form);
StepInput step_from_json(const nlohmann::json& body);

class Steps {
 public:
  Steps(store::Database& db, registry::Repository& registry, paq::Repository& paq)
      : db_(db), registry_(registry), paq_(paq) {}

  // The establishment's steps by due date then id, each with its PAQ action if any.
  std::vector<Step> list(const Scope& scope, const std::string& finess);
  // Adds a step (422 with every refusal, nothing stored).
  Step add(const Scope& scope, const std::string& finess, const StepInput& in, const Date& today,
           const Actor& actor);
  // Replaces the step's fields (marking it done); 404 for a step not the establishment's.
  Step update(const Scope& scope, const std::string& finess, std::int64_t id, const StepInput& in,
              const Date& today, const Actor& actor);
  // Creates the PAQ action of the step, or returns the current one (`*created` tells which).
  paq::Action send_to_paq(const Scope& scope, const std::string& finess, std::int64_t id,
                          const Date& today, const Actor& actor, bool* created = nullptr);

 private:
  std::vector<Step> load(soci::session& sql, std::int64_t est_id);
  void validate(const StepInput& in, const Date& today);

  store::Database& db_;
  registry::Repository& registry_;
  paq::Repository& paq_;
};

}  // namespace carepilot::identification
