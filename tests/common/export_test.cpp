// The common CSV writer (common/export.hpp): cases found by fuzz/common/fuzz_csv.cpp.
#include <gtest/gtest.h>

#include "common/export.hpp"

using namespace carepilot;

namespace {

// fuzz/common/regressions_csv/single-empty-cell: a row of one empty cell was a blank line,
// which CSV readers skip, so the document read back one row short.
TEST(ExportCsv, RowOfOneEmptyCellIsNotABlankLine) {
  exports::Csv csv({""});
  csv.row({""});
  csv.row({"x"});
  EXPECT_EQ(csv.str(), std::string(exports::kBom) + "\"\"\r\n\"\"\r\nx\r\n");
  // Rows of several cells, even all empty, already have their separators.
  exports::Csv two({"", ""});
  EXPECT_EQ(two.str(), std::string(exports::kBom) + ";\r\n");
}

}  // namespace
