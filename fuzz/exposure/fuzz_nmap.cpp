// Any byte string fed to the XML scan reader (nmap or masscan -oX), whole and in small
// blocks, must be read or refused with an InputError, never crash; the hosts read go
// through the rules.
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
  limits.max_host_bytes = 1 << 16;
  limits.max_prolog_bytes = 1 << 14;
  for (std::size_t block : {size + 1, std::size_t{7}}) {
    Analyzer a(
        carepilot::Date{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{1}});
    ReadStats stats;
    try {
      auto r = make_xml_reader(
          "fuzz.xml", [&](Host&& h) { a.add(std::move(h)); }, stats, limits);
      for (std::size_t i = 0; i < size; i += block) r->feed(text.substr(i, block));
      r->finish();
    } catch (const InputError&) {
    }
    a.finish(std::move(stats));
  }
  return 0;
}
