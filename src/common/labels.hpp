// French labels of the machine strings that must never reach a page: field keys, codes of
// the referential and of stored records (statuses, services, plan kinds …), audit actions.
// One table for every module, in data/labels/labels.yaml; pages name a field by its label,
// the API keeps the keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/errors.hpp"

namespace carepilot {

// The tables are data/labels/labels.yaml, embedded in the binary and read once: call at
// start-up to fail fast on a broken file (every label function reads them on first use).
void load_labels();
// The codes a table of labels.yaml names ("fields", "evidence_types", "codes", "measures",
// "job_kinds", "job_families", "audit_actions", "severities", "severity_counts",
// "ad_categories", "paq_sources"), for the tests that check every code used
// has its label.
std::vector<std::string> labelled_codes(std::string_view table);

// The severity of a finding (table "severities"): « Critique » for "critical", « Élevée »
// for "high"; an unknown one reads the fallback.
std::string_view severity_label(std::string_view code);
// The word that follows a count of findings of that severity, agreed (table
// "severity_counts", "singular/plural"): "critique" after 0 or 1, "critiques" after 2.
std::string severity_count_label(std::string_view code, std::int64_t n);
// The category of an AD audit rule (table "ad_categories"): « Objets obsolètes » for
// "stale_objects".
std::string_view ad_category_label(std::string_view code);
// The origin of a PAQ action (table "paq_sources"): « Audit d'exposition » for
// "exposure_audit"; an unknown one reads the fallback « Autre origine ».
std::string_view paq_source_label(std::string_view code);
// "Budget total" for "total_eur", "Intitulé" for "title"; an unknown key reads « Champ ».
std::string_view field_label(std::string_view key);
// "Exercice de crise cyber" for the evidence type "crisis_exercise"; unknown: « Preuve ».
std::string_view evidence_type_label(std::string_view type);
// A stored code as a French word: "ouverte" for "open", "Club SSI" for "club-ssi",
// "PCRI" for "pcri"; an unknown code is written in words ("medico_technique" →
// "medico technique"), never with its underscores or hyphens.
std::string code_label(std::string_view code);
// A measure of the obligations referential: "Part du personnel formé" for
// "training_share"; an unknown one reads « Mesure ».
std::string_view measure_label(std::string_view id);
// A period of an obligation: "2026" stays, "2026-Q4" → "4e trimestre 2026",
// "2025-12-01/2026-12-01" → "du 01/12/2025 au 01/12/2026"; empty → "—".
std::string period_label(std::string_view period);
// A background job's kind: « Recalcul quotidien des statuts » for
// "compliance.recompute_all"; an unknown kind is named by its family (« Tâche de
// conformité (autre) » for "compliance.x"), never by its code.
std::string job_kind_label(std::string_view kind);
// The action of a journal entry: "création" for "create", "nouvelle tentative" for "retry".
std::string audit_action_label(std::string_view action);
// The kind of object of a journal entry: « preuve » for "evidence", « compte » for "user";
// an unknown kind reads « autre objet ».
std::string audit_entity_label(std::string_view entity);
// The kinds of object the journal can be filtered on, as (code, label), in label order.
const std::vector<std::pair<std::string_view, std::string_view>>& audit_entities();
// An error message for a page: the leading "key : " of an API message ("total_eur : le
// budget total est requis.") becomes the field's label ("Budget total : le budget …").
std::string page_message(std::string_view field, std::string_view message);
// The same for a refusal; a field refused for its encoding (request.invalid_utf8) reads
// « Le champ « <label> » contient des caractères qui ne sont pas en UTF-8 … », or « Un champ
// du formulaire … » when its key has no label (the key is never shown).
std::string page_message(const FieldError& e);
// A value of an evidence record as read on a page: dates in French, booleans oui/non,
// codes through code_label.
std::string field_value_label(std::string_view key, std::string_view value);

}  // namespace carepilot
