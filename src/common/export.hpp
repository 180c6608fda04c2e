// The one export format of carepilot's spreadsheets, used by every module.
//
// CSV for French Excel and for machines alike: UTF-8 with a byte-order mark, ";" between
// fields, CRLF line ends, RFC 4180 quoting (a cell holding ; " CR or LF is quoted, quotes
// doubled), a French header row, decimals with a comma ("45,3"), dates as JJ/MM/AAAA, an
// establishment as its FINESS number next to its name, and formula-like cells neutralised: a
// text starting with = + - @ (or a tab / carriage return) gets a leading apostrophe so that a
// spreadsheet does not evaluate it. Invalid UTF-8 becomes U+FFFD.
//
// XLSX cells go through xml_text: XML 1.0 forbids most control characters, U+FFFE, U+FFFF and
// surrogates, and a workbook holding one does not open; they become U+FFFD.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"

namespace carepilot::exports {

inline constexpr std::string_view kBom = "\xEF\xBB\xBF";
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// One CSV cell (neutralised, quoted when needed).
std::string csv_cell(std::string_view text);

// A CSV document: BOM, then the header row, then rows.
class Csv {
 public:
  explicit Csv(const std::vector<std::string>& header);
  void row(const std::vector<std::string>& cells);
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

// 12.345 -> "12,3" (digits after the comma); a share 0.4531 -> "45,3" with percent().
std::string decimal(double v, int digits = 1);
std::string percent(double share, int digits = 1);
// DD/MM/YYYY.
std::string french_date(const Date& d);
// "490000155 — Centre hospitalier de Cholet" (the FINESS alone when the name is unknown).
std::string finess_and_name(std::string_view finess, std::string_view name);

// Valid UTF-8 (invalid sequences, encoded surrogates and overlong forms -> U+FFFD).
std::string valid_text(std::string_view text);
// Text an XML 1.0 document may hold: valid_text, then every character outside XML 1.0's
// Char production (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) -> U+FFFD.
std::string xml_text(std::string_view text);

}  // namespace carepilot::exports
