// Any byte string fed to the LDIF reader must be read (with warnings) without crashing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adaudit/readers/ldif_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  carepilot::adaudit::Directory dir;
  carepilot::adaudit::read_ldif("fuzz.ldif",
                                std::string_view(reinterpret_cast<const char*>(data), size), dir);
  dir.finalize();
  return 0;
}
