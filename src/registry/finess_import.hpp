// Import of the FINESS open-data extract as published (etalab layout: ';'-separated, CSV
// quoting, ISO-8859-15 or UTF-8, a first metadata line "finess;etalab;…"; "structureet"
// lines are establishments, "geolocalisation" lines are skipped). Establishments outside
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
  int line = 0;
  std::string field;
  std::string reason;  // French
};

struct ImportReport {
  int lines = 0;           // lines read
  int establishments = 0;  // structureet rows accepted
  int inserted = 0;
  int updated = 0;
  int skipped = 0;           // metadata and geolocalisation lines
  int out_of_perimeter = 0;  // structureet lines outside carepilot's perimeter, skipped
  // "620 — Pharmacie d'Officine" -> count, for the report.
  std::map<std::string, int> out_of_perimeter_by_category;
  bool applied = false;
  std::vector<ImportError> errors;
};

// Parses and checks the extract; fills `rows` with validated inputs. No database access.
ImportReport check_finess_extract(std::string_view bytes, const Catalog& catalog,
                                  std::vector<std::pair<int, EstablishmentInput>>& rows);

// Checks, then writes every row in one transaction (nothing when any row is rejected).
// Rows outside `scope` are rejected too: a row whose département lies outside a regional
// caller's region, and a row whose FINESS ET belongs to an establishment of another region
// (moving an establishment between regions is a national act). A national import that moves
// an establishment to another region takes it out of its GHT (a GHT lies in one region) and
// writes a "move" entry to the audit trail of both regions.
ImportReport import_finess_extract(store::Database& db, const Catalog& catalog, const Scope& scope,
                                   std::string_view bytes, const Actor& actor = {});

}  // namespace carepilot::registry
