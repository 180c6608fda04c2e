// The CERT Santé declaration form as data (issue 19, data/incidents/declaration_form.yaml):
// its stages (initial, complementary, final), sections and fields, and from which stage each
// field is required; and the pure rules of a staged declaration — what a submission lacks, what
// changed between two stages, the digest that freezes a submitted stage.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.hpp"

namespace carepilot::incidents {

struct FormField {
  std::string id;          // "perimeter" (its label: labels.yaml fields)
  bool date = false;       // kind: date (YYYY-MM-DD)
  int required_from = -1;  // index of the first stage needing it; -1: never
};

struct FormSection {
  std::string id;  // "description" (label: codes "incident_section.ID")
  std::vector<FormField> fields;
};

struct DeclarationForm {
  std::string source;
  std::vector<std::string> stages;  // in order
  std::vector<FormSection> sections;
  int stage_index(const std::string& stage) const;  // -1 when unknown
  const FormField* field(const std::string& id) const;
};

// Throws std::invalid_argument "FILE:LINE: reason": stages missing or duplicated, a field
// without an id or duplicated, a required_from that is neither a stage nor `never`, a kind
// other than text or date.
DeclarationForm parse_declaration_form(const std::string& yaml_text, const std::string& file);
const DeclarationForm& default_declaration_form();

// A stage's content: field → text (an absent field is empty).
using DeclarationContent = std::map<std::string, std::string>;

// The errors of a draft: field FIELD `incident.form_field_unknown`, a date field not a date
// as the API takes it, AAAA-MM-JJ (`incident.date_invalid`; pages, with their date picker, say
// JJ/MM/AAAA), a text over 4 000 characters (`incident.text_too_long`).
std::vector<FieldError> check_content(const DeclarationForm& f, const DeclarationContent& c);
// A date field later than `today` (the Paris day, "YYYY-MM-DD"): `incident.in_future`, the
// field named by its label (issue 19 trial: a « Date de constatation » in the future was
// transmitted and frozen).
std::vector<FieldError> future_dates(const DeclarationForm& f, const DeclarationContent& c,
                                     const std::string& today);
// What submitting `stage` needs and lacks: one error per empty required field, named
// (`incident.field_required`).
std::vector<FieldError> missing_for(const DeclarationForm& f, const std::string& stage,
                                    const DeclarationContent& c);

// A field whose value differs between two stages: `kind` "added" (empty before), "removed"
// (empty after) or "changed" (labels: codes "incident_change.KIND"). Blank text counts as
// empty; values are compared as stored (trimmed when saved).
struct Difference {
  std::string field;
  std::string kind;
  std::string before, after;
};
// In the form's order; nothing when the two contents hold the same values.
std::vector<Difference> differences(const DeclarationForm& f, const DeclarationContent& before,
                                    const DeclarationContent& after);

// The canonical text a submitted stage's digest is computed on: JSON with sorted keys of the
// stage, its content, the submission's instant (UTC) and the portal's reference.
std::string canonical_text(const std::string& stage, const DeclarationContent& c,
                           const std::string& submitted_at_utc, const std::string& reference);

}  // namespace carepilot::incidents
