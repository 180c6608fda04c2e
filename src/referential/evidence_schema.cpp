#include "referential/evidence_schema.hpp"

#include <array>

namespace carepilot::referential {

namespace {
using K = FieldKind;
constexpr std::array<std::string_view, 2> kRegistrationServices{"club-ssi", "silene"};
constexpr std::array<std::string_view, 4> kPlanKinds{"pca", "pra", "pcra", "pcri"};
constexpr std::array<std::string_view, 2> kPlanScopes{"global", "service"};
constexpr std::array<std::string_view, 3> kActionStatuses{"open", "closed", "cancelled"};

constexpr std::array<FieldSpec, 2> kCrisis{
    {{"declared_on", K::date}, {"retex_in_paq", K::boolean}}};
constexpr std::array<FieldSpec, 2> kMaturity{
    {{"score", K::number, false, -1, {}, {}, true}, {"declared_on", K::date}}};
constexpr std::array<FieldSpec, 1> kRegistration{
    {{"service", K::text, true, 0, kRegistrationServices}}};
constexpr std::array<FieldSpec, 2> kAdAudit{
    {{"source", K::text, false, 0}, {"level", K::integer, false, -1, {}, {}, true}}};
// covers_it_outage: the plan covers the mandatory « indisponibilité informatique » scenario
// (DNS/2025/12 action 4, FAQ D2.01.C); pca-pra asks for it (issue 15 trial).
constexpr std::array<FieldSpec, 3> kPlan{{{"kind", K::text, true, 0, kPlanKinds},
                                          {"scope", K::text, false, 1, kPlanScopes, "global"},
                                          {"covers_it_outage", K::boolean}}};
constexpr std::array<FieldSpec, 1> kBia{{{"service", K::text, true, 0}}};
constexpr std::array<FieldSpec, 3> kPaq{{{"cyber", K::boolean},
                                         {"status", K::text, false, 0, kActionStatuses},
                                         {"title", K::text, false, 1}}};
constexpr std::array<FieldSpec, 2> kTraining{{{"staff", K::integer, true, -1, {}, {}, true},
                                              {"trained", K::integer, true, -1, {}, {}, true}}};
constexpr std::array<FieldSpec, 2> kMfa{{{"accesses", K::integer, true, -1, {}, {}, true},
                                         {"covered", K::integer, true, -1, {}, {}, true}}};
constexpr std::array<FieldSpec, 1> kMfaTrajectory{{{"target_date", K::date}}};
constexpr std::array<FieldSpec, 4> kBudget{{{"year", K::integer, false, -1, {}, {}, true},
                                            {"total_eur", K::number, true, -1, {}, {}, true},
                                            {"digital_eur", K::number, true, -1, {}, {}, true},
                                            {"cyber_eur", K::number, false, -1, {}, {}, true}}};

// Issue 17: an internet exposure analysis (carepilot exposure run --store): its score and
// its findings by severity.
constexpr std::array<FieldSpec, 6> kExposureAudit{
    {{"source", K::text, false, 0},
     {"score", K::integer, false, -1, {}, {}, true},
     {"findings_critical", K::integer, false, -1, {}, {}, true},
     {"findings_high", K::integer, false, -1, {}, {}, true},
     {"findings_medium", K::integer, false, -1, {}, {}, true},
     {"findings_low", K::integer, false, -1, {}, {}, true}}};

const std::array<TypeSpec, kEvidenceTypeCount> kTypes{{
    {"crisis_exercise", kCrisis},
    {"maturity_assessment", kMaturity},
    {"registration", kRegistration},
    {"ad_audit", kAdAudit},
    {"continuity_plan", kPlan},
    {"bia", kBia},
    {"paq_action", kPaq},
    {"training_coverage", kTraining},
    {"mfa_coverage", kMfa},
    {"mfa_trajectory", kMfaTrajectory},
    {"budget_declaration", kBudget},
    {"exposure_audit", kExposureAudit},
}};
}  // namespace

const TypeSpec& evidence_spec(EvidenceType type) {
  return kTypes[static_cast<std::size_t>(type)];
}

std::string_view evidence_type_name(EvidenceType type) {
  return evidence_spec(type).name;
}

std::optional<EvidenceType> evidence_type_from(std::string_view name) {
  for (std::size_t i = 0; i < kTypes.size(); ++i)
    if (kTypes[i].name == name) return static_cast<EvidenceType>(i);
  return std::nullopt;
}

int field_index(EvidenceType type, std::string_view field) {
  const auto& fields = evidence_spec(type).fields;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == field) return static_cast<int>(i);
  return -1;
}

}  // namespace carepilot::referential
