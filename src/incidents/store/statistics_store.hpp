// The facts of the statistics of incidents over a caller's scope (a region, the nation; issue
// 19) — the SQL reads only the establishments of the scope — and their XLSX export, beside the
// national figures the CERT Santé publishes.
#pragma once

#include <string>
#include <vector>

#include "common/scope.hpp"
#include "incidents/rules/statistics.hpp"
#include "store/database.hpp"

namespace carepilot::incidents {

// Every incident of the establishments inside `scope`.
std::vector<IncidentFacts> gather_facts(store::Database& db, const Scope& scope);

// A workbook « Incidents par année »: one row per year (incidents, establishments, declaring
// establishments, malicious share, medians in hours, national figure), and « Types de menace »
// (per year and threat, by label).
std::string statistics_xlsx(const std::vector<YearStatistics>& stats);

}  // namespace carepilot::incidents
