// A stage of an incident's declaration to the CERT Santé as a document to hand over (issue
// 19): JSON (the codes and the stored instants, for the portal or a script) and an A4 PDF in
// the form's sections (common/pdf.hpp), with the submission's instant in Paris time, the
// portal's reference and the SHA-256 digest that froze it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "incidents/store/declarations.hpp"

namespace carepilot::incidents {

// {"incident": {...}, "establishment": {"finess", "name"}, "stage", "status": draft|submitted,
// "submitted_at", "portal_reference", "digest", "sections": [{"id", "fields": {id: text}}]};
// for a stage after the first, "differences" (differences_json) from `previous`, the latest
// submitted stage before it (previous_stage).
nlohmann::json declaration_json(const Incident& inc, const std::string& establishment_name,
                                const Declaration& d, const Declaration* previous = nullptr);
// What changed in the official form's fields from `previous` to `d`: {"since_stage": stage or
// null, "since_submitted_at", "changes": [{"field", "label", "change": added|changed|removed,
// "change_label", "before", "after"}]} in the form's order (no change without `previous`).
nlohmann::json differences_json(const Declaration& d, const Declaration* previous);
// The stage as the official form reads, to paste into the CERT Santé's portal or attach to a
// message (issue 19 trial: the API's field names were no help there): an ordered object whose
// keys are the form's French labels — « Formulaire », « Étape », « État », the transmission
// (« Transmise le », « Référence du portail », « Empreinte SHA-256 ») when submitted, then one
// object per section of the form (« Structure et déclarant » opening with « Établissement » and
// « FINESS », « Description » with « Incident » and « Détection », « Impacts sur … », « Causes,
// si elles sont connues »), each field under its label (dates as 29/03/2026, an empty field
// ""), and for a later stage « Changements depuis la … » (a list of {« Rubrique »,
// « Changement », « Avant », « Après »}). Labels: data/labels/labels.yaml (fields,
// incident_section.*). The API's JSON (declaration_json) is unchanged.
nlohmann::ordered_json declaration_form_json(const Incident& inc,
                                             const std::string& establishment_name,
                                             const Declaration& d,
                                             const Declaration* previous = nullptr);
// The A4 PDF of a stage; a later stage with `previous` (previous_stage) carries the table
// « Changements depuis la … » (label, kind, before, after), or says nothing changed.
std::string declaration_pdf(const Incident& inc, const std::string& establishment_name,
                            const Declaration& d, const Declaration* previous = nullptr);

}  // namespace carepilot::incidents
