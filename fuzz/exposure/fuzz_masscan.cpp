// Any byte string fed to the masscan JSON reader must be read (garbage lines counted as
// warnings) or refused with an InputError, never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "exposure/analysis.hpp"
#include "exposure/readers/input_error.hpp"
#include "exposure/readers/scan_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace carepilot::exposure;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Limits limits;
  limits.max_host_bytes = 1 << 12;
  Analyzer a(carepilot::Date{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{1}});
  ReadStats stats;
  try {
    auto r = make_masscan_json_reader(
        "fuzz.json", [&](Host&& h) { a.add(std::move(h)); }, stats, limits);
    for (std::size_t i = 0; i < size; i += 5) r->feed(text.substr(i, 5));
    r->finish();
  } catch (const InputError&) {
  }
  a.finish(std::move(stats));
  return 0;
}
