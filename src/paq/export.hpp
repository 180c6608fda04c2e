// Exports of an establishment's PAQ in the shape a quality department imports: CSV for
// French Excel (UTF-8 with BOM, ";" separator, RFC 4180 quoting, CRLF) and XLSX (header
// row bold and frozen, autofilter, dates as real Excel dates, column widths).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "paq/model.hpp"

namespace carepilot::paq {

// The header of both exports, in order.
const std::vector<std::string>& export_columns();

// One CSV cell: a text starting with = + - @ (or a tab / carriage return) gets a leading
// apostrophe so that a spreadsheet does not evaluate it as a formula; then RFC 4180 quoting
// when the cell holds ; " CR or LF.
std::string csv_cell(std::string_view text);

// DD/MM/YYYY.
std::string french_date(const Date& d);

// `actions` with their notes (Repository::list_with_notes); `today` decides "En retard".
std::string actions_csv(const std::vector<Action>& actions, const Date& today);
std::string actions_xlsx(const std::vector<Action>& actions, const Date& today);

}  // namespace carepilot::paq
