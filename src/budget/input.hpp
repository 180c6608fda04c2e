// Reading a budget declaration from a form or a JSON body and validating it: every refusal
// is collected (field, stable code "budget.*", French message starting with the field) and
// thrown together as one UserError 422 before anything is written.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "budget/model.hpp"
#include "common/errors.hpp"

namespace carepilot::budget {

using FormFields = std::map<std::string, std::string>;

// What the user gives; amounts already in cents, or the refusal of their format.
struct Input {
  int year = 0;
  std::optional<std::int64_t> total_cents, digital_cents, cyber_cents;
  std::optional<Date> declared_on;  // default: the day of the save
  std::vector<FieldError> format_errors;
};

// Form fields: total_eur, digital_eur, cyber_eur (decimal euros, '.' or ','), declared_on
// (YYYY-MM-DD or empty).
Input input_from_form(int year, const FormFields& form);
// JSON body: total_eur, digital_eur, cyber_eur (numbers or strings of decimal euros),
// declared_on (optional string).
Input input_from_json(int year, const nlohmann::json& body);

// The refusals `in` deserves as of `today` (empty when valid): year outside 2000 … next
// year (`year`), missing / malformed / negative / too large amounts, a total of 0
// (`total_eur`), digital over the total (`digital_eur`), digital + cyber over the total
// (`cyber_eur`), declaration date in the future or before 2000 (`declared_on`).
std::vector<FieldError> check(const Input& in, const Date& today);

}  // namespace carepilot::budget
