// Reading the inventory's writes from a form or a JSON body. Format refusals (a count that is
// not an integer, a date that is not a date) are collected here as FieldError (field, stable
// code "identification.*", French message starting with the field key); the repository adds
// the refusals that need the data and the stored inventory, and throws them together as one
// UserError 422 before anything is written.
#pragma once

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/errors.hpp"
#include "identification/model.hpp"

namespace carepilot::identification {

using FormFields = std::map<std::string, std::string>;

// Fields: population (a kind of data/identification), headcount.
struct PopulationInput {
  std::string kind;
  std::optional<int> headcount;
  std::vector<FieldError> format_errors;
};
// Fields: name, access_kind, location.
struct AccessPointInput {
  std::string name, kind, location;
  std::vector<FieldError> format_errors;
};
// Fields: population (its kind), access_point (its name), means, covered, planned_means,
// planned_date, homologation_date, homologation_decision, homologation_reserves,
// homologation_means (the means homologated; empty: the means in use) (empty: none).
// The API also takes population_id and access_point_id (the ids GET returns) instead of, or
// with, the code and the name.
struct CellInput {
  std::string population, access_point;
  std::optional<std::int64_t> population_id, access_point_id;
  std::string means;
  std::optional<int> covered;
  std::string planned_means;
  std::optional<Date> planned_date;
  std::optional<Date> homologation_date;
  std::string homologation_decision, homologation_reserves, homologation_means;
  std::vector<FieldError> format_errors;
};

PopulationInput population_from_form(const FormFields& form);
PopulationInput population_from_json(const nlohmann::json& body);
AccessPointInput access_point_from_form(const FormFields& form);
AccessPointInput access_point_from_json(const nlohmann::json& body);
CellInput cell_from_form(const FormFields& form);
CellInput cell_from_json(const nlohmann::json& body);

// A HospiConnect objective declared reached (identification/declarations.hpp). Fields:
// reached_on, justification; the proving document comes as `file_name` and `bytes` (the
// multipart part "proof_document", or "file_name" and "content_base64" in JSON).
struct DeclarationInput {
  std::optional<Date> reached_on;
  std::string justification;
  std::string file_name, bytes;
  std::vector<FieldError> format_errors;
};
// The form's fields (the file is set by the caller); JSON: reached_on, justification,
// file_name, content_base64 (malformed base64: identification.proof_document_invalid).
DeclarationInput declaration_from_form(const FormFields& form);
DeclarationInput declaration_from_json(const nlohmann::json& body);

inline constexpr std::size_t kMaxName = 200, kMaxReserves = 2000;
inline constexpr std::int64_t kMaxHeadcount = 10'000'000;

// The length of a text in characters (Unicode code points of its UTF-8), as a form's
// maxlength counts: « é » is one. Every length limit of the module counts with it.
std::size_t characters(std::string_view utf8);

// The label of a field of the module's forms: the form's own wording where it differs from
// the shared table (« Personnes couvertes par ce moyen » for covered), else field_label.
std::string label_of(std::string_view field);

// The 422 of a refused write: each message names its field by its label (never the key:
// the key is in fields[].field), in the order of the form's fields (`order`; fields not
// listed keep their place after those listed).
UserError refused(std::vector<FieldError> errors, std::initializer_list<std::string_view> order);

// The cell's body as GET returns it, writable members only: 400 request.unknown_field naming
// the first member that is neither writable (population, population_id, access_point,
// access_point_id, means, covered, planned_means, planned_date, homologation — or the flat
// homologation_date, homologation_decision, homologation_reserves) nor known; the verdict's
// members (status, reason, rules_failed, uncovered) are named as not writable.
void check_cell_members(const nlohmann::json& body);

}  // namespace carepilot::identification
