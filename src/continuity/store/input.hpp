// Reading the continuity register's writes from a form or a JSON body. Format refusals (a
// number that is not one, a date that is not a date, a member of the wrong JSON type) are
// collected as FieldError (field, stable code "continuity.*", French message starting with the
// field key) in the input's format_errors; the repository adds the refusals that need the
// stored register and throws them together as one UserError 422.
//
// Form and JSON name the same fields. Lists: in JSON an array (`resources`: ids, `services`:
// codes); in a form one checkbox per element, named "resource.ID" / "service.CODE". The BIA's
// matrix: in JSON `impacts: {category: {horizon: level}}`; in a form one field per cell,
// named "impact.CATEGORY.HORIZON" (the field key its refusals carry).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "continuity/store/repository.hpp"

namespace carepilot::continuity {

using FormFields = std::map<std::string, std::string>;

// name, resource_kind.
ResourceInput resource_from_form(const FormFields& form);
ResourceInput resource_from_json(const nlohmann::json& body);
// name, activity_kind, service, owner, share_percent (decimal, "," or "."), resources.
ActivityInput activity_from_form(const FormFields& form);
ActivityInput activity_from_json(const nlohmann::json& body);
// impacts, dmia_hours + dmia_justification, pdma_hours + pdma_justification (an override
// when the hours are given), degraded_mode, autonomy_hours, validated_by, validated_on.
BiaInput bia_from_form(const FormFields& form);
BiaInput bia_from_json(const nlohmann::json& body);
// plan_kind, title, scope, services, scenarios, covers_it_outage (boolean; a form's
// checkbox), plan_version, validated_by, validated_on, review_on.
PlanInput plan_from_form(const FormFields& form);
PlanInput plan_from_json(const nlohmann::json& body);
// held_on, planned_on, scenario, observed_hours, failures.
PlanTestInput plan_test_from_form(const FormFields& form);
PlanTestInput plan_test_from_json(const nlohmann::json& body);

// restored_on, restore_hours, data_loss_hours (decimal, "," or "."), checked_by, notes.
RestoreTestInput restore_test_from_form(const FormFields& form);
RestoreTestInput restore_test_from_json(const nlohmann::json& body);

}  // namespace carepilot::continuity
