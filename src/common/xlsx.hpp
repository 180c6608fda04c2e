// The one XLSX writer of carepilot's exports (PAQ, dashboards, registrations, identification
// matrix …): libxlsxwriter builds the workbook in a temporary file, which bytes() reads back
// and removes. Every text cell goes through exports::xml_text (a workbook holding a character
// XML 1.0 forbids does not open); dates are written as dates shown dd/mm/yyyy, shares as
// numbers shown 0.0 %, amounts in euros as numbers shown #,##0.00 €. The layout of the CSV twin
// (common/export.hpp) is the module's.
//
// Errors: std::runtime_error("xlsx: …") when the temporary file cannot be created or the
// workbook cannot be written.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"

namespace carepilot::exports {

class Workbook {
 public:
  // One worksheet. Rows and columns count from 0; row 0 holds the header.
  class Sheet {
   public:
    // The bold header row; `widths` (characters, optional per column) and `wrap` (columns
    // whose text wraps) set the columns.
    void header(const std::vector<std::string>& titles, const std::vector<double>& widths = {},
                const std::vector<int>& wrap = {});
    void text(std::uint32_t row, int col, std::string_view value);
    void number(std::uint32_t row, int col, double value);
    void date(std::uint32_t row, int col, const Date& value);
    void share(std::uint32_t row, int col, double value);  // 0.453 shown 45.3 %
    // An amount in euros, kept a number (sums and filters work) and shown with two decimals,
    // the thousands grouped and the € sign: 250000.5 shown « 250 000,50 € » by a French Excel.
    void euros(std::uint32_t row, int col, double value);
    // Freezes the header row; with `filter`, an autofilter over rows [0, last_row] and the
    // header's columns.
    void freeze_header(bool filter = false, std::uint32_t last_row = 0);

   private:
    friend class Workbook;
    Sheet(void* ws, Workbook* wb) : ws_(ws), wb_(wb) {}
    void* ws_;
    Workbook* wb_;
    int columns_ = 0;
  };

  Workbook();  // throws std::runtime_error
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // A new worksheet named `name` (at most 31 characters, no []:*?/\).
  Sheet sheet(std::string_view name);
  // Closes the workbook and returns the .xlsx file's bytes (once).
  std::string bytes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace carepilot::exports
