#include "registry/validation.hpp"

#include <algorithm>

#include "common/finess.hpp"
#include "common/text.hpp"

namespace carepilot::registry {

namespace {
void check_finess(std::vector<FieldError>& errs, const std::string& field, const std::string& v) {
  if (v.empty()) {
    errs.push_back({field, "validation.required", "Le numéro FINESS est obligatoire."});
    return;
  }
  if (auto code = finess_reason(v); !code.empty())
    errs.push_back({field, std::string(code), std::string(finess_reason_text(code))});
}
}  // namespace

std::vector<FieldError> validate_establishment(EstablishmentInput& in, const Catalog& catalog) {
  std::vector<FieldError> errs;
  in.finess_et = trim(in.finess_et);
  in.finess_ej = trim(in.finess_ej);
  in.name = trim(in.name);
  in.city = trim(in.city);
  in.department = trim(in.department);
  // "971" typed for Guadeloupe is stored as its FINESS code "9A".
  if (const auto* dep = catalog.department_by_code_or_number(in.department))
    in.department = dep->code;
  check_finess(errs, "finess_et", in.finess_et);
  check_finess(errs, "finess_ej", in.finess_ej);
  if (in.name.empty())
    errs.push_back({"name", "validation.required", "Le nom de l'établissement est obligatoire."});
  else if (in.name.size() > 300)
    errs.push_back({"name", "validation.too_long", "Le nom ne doit pas dépasser 300 caractères."});
  if (!valid_utf8(in.name) || !valid_utf8(in.city))
    errs.push_back({"name", "validation.encoding", "Le texte doit être encodé en UTF-8."});
  if (in.city.size() > 200)
    errs.push_back(
        {"city", "validation.too_long", "La commune ne doit pas dépasser 200 caractères."});
  if (in.type.empty())
    errs.push_back({"type", "validation.required", "Le type d'établissement est obligatoire."});
  else if (!catalog.type(in.type))
    errs.push_back(
        {"type", "validation.unknown_type", "Type d'établissement inconnu : " + in.type});
  if (in.department.empty())
    errs.push_back({"department", "validation.required", "Le département est obligatoire."});
  else if (!catalog.department(in.department))
    errs.push_back(
        {"department", "validation.unknown_department", "Département inconnu : " + in.department});
  std::sort(in.services.begin(), in.services.end());
  in.services.erase(std::unique(in.services.begin(), in.services.end()), in.services.end());
  for (const auto& s : in.services)
    if (!catalog.service(s))
      errs.push_back({"services", "validation.unknown_service", "Service inconnu : " + s});
  return errs;
}

}  // namespace carepilot::registry
