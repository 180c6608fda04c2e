// Import of the FINESS open data, in either published format (docs/registry.md, "FINESS
// import"):
// - the etalab extract (cs1100502: ';'-separated, CSV quoting, ISO-8859-15 or UTF-8, a first
//   metadata line "finess;etalab;…"; "structureet" lines are establishments,
//   "geolocalisation" lines are skipped);
// - the "Structures" flux in JSON (schema-structures-v1 of data.gouv.fr: "pmej", the legal
//   entities, each with "ege", its geographic entities; an active entité géographique is an
//   establishment, a closed one is skipped and counted; "gco"/"gcc" groupings are not read).
// The format is told by the content (a JSON document starts with '{'), else by the file
// name's extension. Establishments outside
// carepilot's perimeter (data/catalog/establishments.yaml, finess_perimeter: pharmacies and
// other non-health categories) are skipped and counted. All or nothing: every row is checked first;
// one bad row and nothing is written, the report lists every rejected row (line, field, reason).
// Existing establishments (same FINESS ET) are updated; their GHT and services are kept, since
// FINESS does not carry them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/actor.hpp"

#include "registry/repository.hpp"

namespace carepilot::registry {

struct ImportError {
  int line = 0;  // CSV: line number; JSON: 0 (see `where`)
  std::string field;
  std::string reason;  // French
  std::string where;   // JSON: the entity's path, "pmej[3].ege[0]"; empty for CSV
  // "ligne 12" or "pmej[3].ege[0]", for messages.
  std::string location() const { return where.empty() ? "ligne " + std::to_string(line) : where; }
};

enum class FinessFormat { csv_extract, json_structures };

struct ImportReport {
  FinessFormat format = FinessFormat::csv_extract;
  int lines = 0;           // lines read (JSON: entités géographiques read)
  int establishments = 0;  // structureet rows accepted
  int inserted = 0;
  int updated = 0;
  int skipped = 0;           // metadata and geolocalisation lines
  int out_of_perimeter = 0;  // structureet lines outside carepilot's perimeter, skipped
  int closed = 0;            // JSON: entités géographiques not active (etatObjet ≠ "A")
  int legal_entities = 0;    // JSON: entités juridiques (pmej) read
  // "620 — Pharmacie d'Officine" -> count, for the report.
  std::map<std::string, int> out_of_perimeter_by_category;
  bool applied = false;
  std::vector<ImportError> errors;
  // Why the file was refused, a stable code for the API: finess.not_text,
  // finess.malformed_json, finess.not_structures_flux, finess.empty, finess.invalid_rows,
  // finess.out_of_scope. Empty when applied.
  std::string error_code;
};

// The format of an uploaded file: content first (after an optional UTF-8 byte-order mark and
// blanks, '{' or '[' is JSON), then the name's extension (".json"), else the CSV extract.
FinessFormat detect_finess_format(std::string_view bytes, std::string_view filename = {});

// Parses and checks the CSV extract; fills `rows` with validated inputs. No database access.
ImportReport check_finess_extract(std::string_view bytes, const Catalog& catalog,
                                  std::vector<std::pair<int, EstablishmentInput>>& rows);
// The same for the JSON Structures flux (the int of each row is its entity ordinal).
ImportReport check_finess_structures_json(std::string_view bytes, const Catalog& catalog,
                                          std::vector<std::pair<int, EstablishmentInput>>& rows);
// Either, by detect_finess_format.
ImportReport check_finess_file(std::string_view bytes, const Catalog& catalog,
                               std::vector<std::pair<int, EstablishmentInput>>& rows,
                               std::string_view filename = {});

// Checks, then writes every row in one transaction (nothing when any row is rejected).
// Rows outside `scope` are rejected too: a row whose département lies outside a regional
// caller's region, and a row whose FINESS ET belongs to an establishment of another region
// (moving an establishment between regions is a national act). A national import that moves
// an establishment to another region takes it out of its GHT (a GHT lies in one region) and
// writes a "move" entry to the audit trail of both regions.
// Either format (detect_finess_format with `filename`). `written` (optional) is called in the
// transaction with the ids of every establishment inserted or updated.
ImportReport import_finess_extract(store::Database& db, const Catalog& catalog, const Scope& scope,
                                   std::string_view bytes, const Actor& actor = {},
                                   std::string_view filename = {},
                                   const EstablishmentsWritten& written = {});

}  // namespace carepilot::registry
