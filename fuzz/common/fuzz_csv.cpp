// The CSV writer of every export (common/export.hpp) with fuzzed cells: the document must
// always parse back with an RFC 4180 parser (libcsv, strict, spaces kept) into the same rows
// and cells — each cell as valid UTF-8, with a leading apostrophe on formula-like texts.
#include <csv.h>
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/export.hpp"

namespace {

using namespace carepilot;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

using Rows = std::vector<std::vector<std::string>>;

// Outside quoted cells, every line ends with CRLF and nothing else.
void check_line_ends(std::string_view text) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (quoted) continue;
    if (text[i] == '\r') check(i + 1 < text.size() && text[i + 1] == '\n');
    if (text[i] == '\n') check(i > 0 && text[i - 1] == '\r');
  }
  check(!quoted);
}

Rows parse_back(std::string_view text) {
  struct csv_parser p;
  check(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0);
  csv_set_delim(&p, ';');
  csv_set_quote(&p, '"');
  csv_set_space_func(&p, [](unsigned char) { return 0; });  // RFC 4180: spaces are data
  struct State {
    Rows rows;
    std::vector<std::string> row;
  } state;
  auto on_field = [](void* s, std::size_t len, void* data) {
    auto* st = static_cast<State*>(data);
    st->row.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
  };
  auto on_row = [](int, void* data) {
    auto* st = static_cast<State*>(data);
    st->rows.push_back(std::move(st->row));
    st->row.clear();
  };
  check(csv_parse(&p, text.data(), text.size(), on_field, on_row, &state) == text.size());
  check(csv_fini(&p, on_field, on_row, &state) == 0);
  csv_free(&p);
  return state.rows;
}

// What a cell must read as: valid UTF-8; an apostrophe before a text that a spreadsheet
// would take for a formula (= + - @ tab CR first), unless it is a number like "-12,5".
std::string expected_cell(std::string_view raw) {
  std::string v = exports::valid_text(raw);
  if (v.empty()) return v;
  bool number = false;
  {
    std::size_t i = v[0] == '-' ? 1 : 0, digits = 0, commas = 0;
    bool ok = i < v.size();
    for (; ok && i < v.size(); ++i) {
      if (v[i] >= '0' && v[i] <= '9')
        ++digits;
      else if (v[i] == ',' && digits > 0 && commas == 0)
        ++commas;
      else
        ok = false;
    }
    number = ok && digits > 0 && v.back() != ',';
  }
  if (!number &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::size_t columns = in.ConsumeIntegralInRange<std::size_t>(1, 6);
  std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, 6);
  Rows written;
  for (std::size_t r = 0; r <= count; ++r) {
    std::vector<std::string> row;
    for (std::size_t c = 0; c < columns; ++c) row.push_back(in.ConsumeRandomLengthString(100));
    written.push_back(row);
  }
  exports::Csv csv(written[0]);
  for (std::size_t r = 1; r < written.size(); ++r) csv.row(written[r]);
  const std::string& out = csv.str();
  check(out.substr(0, exports::kBom.size()) == exports::kBom);
  check(out.size() >= 2 && out.substr(out.size() - 2) == "\r\n");
  std::string_view body(out);
  body.remove_prefix(exports::kBom.size());
  check(exports::valid_text(body) == body);
  check_line_ends(body);
  Rows read = parse_back(body);
  check(read.size() == written.size());
  for (std::size_t r = 0; r < written.size(); ++r) {
    check(read[r].size() == columns);
    for (std::size_t c = 0; c < columns; ++c) check(read[r][c] == expected_cell(written[r][c]));
  }
  return 0;
}
