// The vocabulary of evidence: the typed records modules produce and obligations speak of.
// Each type has a fixed list of fields (besides its `date`); values are stored by field
// index, so rules resolve field names once, when the referential is loaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace carepilot::referential {

enum class EvidenceType : std::uint8_t {
  crisis_exercise,
  maturity_assessment,
  registration,
  ad_audit,
  continuity_plan,
  bia,
  paq_action,
  training_coverage,
  mfa_coverage,
  mfa_trajectory,
  budget_declaration,
  exposure_audit,
};
inline constexpr std::size_t kEvidenceTypeCount = 12;

enum class FieldKind : std::uint8_t { date, boolean, integer, number, text };

// Most fields a type has (excluding `date`), and most text fields.
inline constexpr int kMaxFields = 6;
inline constexpr int kMaxTextFields = 2;

struct FieldSpec {
  std::string_view name;
  FieldKind kind;
  bool required = false;
  int text_slot = -1;                           // index among text fields, for kind text
  std::span<const std::string_view> allowed{};  // closed list of text values, empty = free
  std::string_view default_text{};              // value of an absent text field, empty = absent
  bool non_negative = false;                    // numbers: refuse negative values
};

struct TypeSpec {
  std::string_view name;
  std::span<const FieldSpec> fields;
};

const TypeSpec& evidence_spec(EvidenceType type);
std::string_view evidence_type_name(EvidenceType type);
std::optional<EvidenceType> evidence_type_from(std::string_view name);
// Index of a field of `type` in evidence_spec(type).fields, or -1.
int field_index(EvidenceType type, std::string_view field);

}  // namespace carepilot::referential
