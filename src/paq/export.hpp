// Exports of an establishment's PAQ in the shape a quality department imports: CSV in the
// common export format (common/export.hpp: French Excel, UTF-8 with BOM, ";") and XLSX
// (header row bold and frozen, autofilter, dates as real Excel dates, column widths, text
// made XML-safe).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/export.hpp"
#include "paq/model.hpp"

namespace carepilot::paq {

// The header of both exports, in order.
const std::vector<std::string>& export_columns();

// One CSV cell, DD/MM/YYYY: the common export helpers.
using exports::csv_cell;
using exports::french_date;

// `actions` with their notes (Repository::list_with_notes); `today` decides "En retard".
std::string actions_csv(const std::vector<Action>& actions, const Date& today);
std::string actions_xlsx(const std::vector<Action>& actions, const Date& today);

}  // namespace carepilot::paq
