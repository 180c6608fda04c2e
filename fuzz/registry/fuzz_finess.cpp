// Any byte string fed to the FINESS extract checker must give a report (rows accepted or
// rejected with a reason), never an exception: the import page would answer 500.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

#include "registry/catalog.hpp"
#include "registry/finess_import.hpp"
#include "registry/validation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace carepilot::registry;
  const Catalog& catalog = Catalog::builtin();
  std::vector<std::pair<int, EstablishmentInput>> rows;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ImportReport report = check_finess_extract(bytes, catalog, rows);
  // A refusal names its line (0: the whole file) and a reason; accepted rows are valid
  // establishments.
  for (const auto& e : report.errors) {
    if (e.line < 0 || e.line > report.lines || e.reason.empty()) __builtin_trap();
    if (e.line == 0 && e.field != "fichier") __builtin_trap();
  }
  if (report.errors.empty() && static_cast<int>(rows.size()) != report.establishments)
    __builtin_trap();
  for (auto& [line, in] : rows) {
    if (line <= 0 || line > report.lines) __builtin_trap();
    EstablishmentInput copy = in;
    if (!validate_establishment(copy, catalog).empty()) __builtin_trap();
  }
  return 0;
}
