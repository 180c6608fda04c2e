// Any byte string fed to the LDIF reader must be read (with warnings) or refused with an
// InputError (a file that is not UTF-8 is refused at the line of its first bad byte), never
// crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adaudit/readers/input_error.hpp"
#include "adaudit/readers/ldif_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  carepilot::adaudit::Directory dir;
  try {
    carepilot::adaudit::read_ldif("fuzz.ldif",
                                  std::string_view(reinterpret_cast<const char*>(data), size), dir);
  } catch (const carepilot::adaudit::InputError&) {
  }
  dir.finalize();
  return 0;
}
