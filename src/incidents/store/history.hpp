// The incidents in an establishment's history (issue 19, « the incident appears in the
// establishment's history »): its dated events — each incident's detection, each stage of its
// declaration submitted to the CERT Santé, its closure — and the PAQ actions made from an
// incident's lessons, newest first. Read for the establishment's page, inside the caller's scope
// (the establishment, its GHT, its region, the nation: who may see the incidents' details).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/scope.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::incidents {

struct HistoryEntry {
  std::int64_t at = 0;  // Unix seconds
  std::string kind;     // detection | declaration | closure | paq_action
  std::int64_t incident_id = 0;
  std::string incident_title;
  std::string stage;               // declaration: the stage submitted
  std::string portal_reference;    // declaration: the portal's reference
  std::int64_t paq_action_id = 0;  // paq_action
  std::string paq_title;           // paq_action
  bool withdrawn = false;          // paq_action: withdrawn since
};

// The kinds in the order of an incident's life: the order of entries at the same instant.
const std::vector<std::string>& history_kinds();

// Newest first; at the same instant, the later kind of an incident's life first, then the
// higher incident id (stable and deterministic).
void sort_newest_first(std::vector<HistoryEntry>& entries);

// The history of establishment `finess` (404 outside the caller's scope), newest first.
std::vector<HistoryEntry> establishment_history(store::Database& db, registry::Repository& registry,
                                                const Scope& scope, const std::string& finess);

}  // namespace carepilot::incidents
