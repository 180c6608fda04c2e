// One item of the proof of a funding objective as a reviewer reads it (issue 18 trial: the ARS
// saw identical lines « Preuve du … »): what it is, whose, of what day, what tells it apart from
// the other records of its kind, and where its record is. Proofs::propose and
// Proofs::describe_evidence build it from the modules' records; Repository::declare freezes it
// in the dossier; the pages, the dossier PDF and the API read it back. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace carepilot::funding {

struct EvidenceItem {
  // An evidence type (ad_audit, exposure_audit, continuity_plan, bia …); a module record that
  // has no record of the evidence table (restore_test, backup_declaration); or "file", a file
  // joined to the declaration.
  std::string kind;
  std::optional<std::int64_t> evidence_id;  // the evidence record, as declare() takes it
  std::int64_t record_id = 0;               // the module's record (audit, plan, activity, file …)
  std::string source;                       // the evidence's source ("ad_audit:12"), "" if none
  std::int64_t establishment_id = 0;        // 0: the candidate's (a joined file)
  std::string finess, establishment;        // its FINESS ET and name
  std::string date;                         // an ISO day, or a UTC instant (a joined file)
  std::string detail;                       // French: what tells it apart, "" when nothing does
  std::string link;                         // the record's page, "" when it has none
};

// The kind in French: « Audit de sécurité Active Directory », « Test de restauration »,
// « Fichier joint »; an evidence type funding does not name reads its evidence_type_label.
std::string evidence_kind_label(std::string_view kind);

// The item in one French line: « Audit de sécurité Active Directory du 01/05/2024 — CH Alpha —
// rapport ADS, niveau 3 »; the date in Paris time, French format (an instant with its hour).
std::string describe(const EvidenceItem& item);

// The item as the API answers it and the dossier freezes it: id (the evidence record, or
// null), kind, kind_label, record_id, source, establishment_id, finess, establishment, date,
// detail, description (describe()) and link (null when none).
nlohmann::json evidence_json(const EvidenceItem& item);
// Back from evidence_json, or from a dossier frozen before the items were described (id,
// establishment_id, type, date): the establishment named from `establishments` (the
// candidature's), the kind from the type.
EvidenceItem evidence_from_json(const nlohmann::json& j, const nlohmann::json& establishments);

// The items of one objective (or prerequisite) of a frozen dossier: its evidence records, then
// its joined file (of the declaration filed at `filed_at`, by `candidate`).
std::vector<EvidenceItem> declared_evidence(const nlohmann::json& objective,
                                            const nlohmann::json& establishments,
                                            const std::string& filed_at,
                                            const std::string& candidate);

}  // namespace carepilot::funding
