// Reading PAQ actions from a form or a JSON body: every refusal is collected (a field name,
// a stable code "paq.*", a French message starting with the field) and thrown together as
// one UserError 422, before anything is written.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "paq/model.hpp"

namespace carepilot::paq {

using FormFields = std::map<std::string, std::string>;

// Form fields: title, description, source, source_ref, owner, due (YYYY-MM-DD or empty),
// priority, cyber ("on" when checked).
ActionInput input_from_form(const FormFields& form);
// Form fields of the edit form: title, description, owner, due, priority, status, progress,
// cyber.
ActionChange change_from_form(const FormFields& form);

// JSON body of POST: title (required), description, source (default manual), source_ref,
// owner, due (string or null), priority (default medium), cyber (default true).
ActionInput input_from_json(const nlohmann::json& body);
// JSON body of PUT: the fields present replace those of `current`; the others are kept.
ActionChange change_from_json(const nlohmann::json& body, const Action& current);

}  // namespace carepilot::paq
