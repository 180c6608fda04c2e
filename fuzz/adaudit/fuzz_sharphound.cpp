// Any byte string fed to the SharpHound reader must give objects or an InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "adaudit/readers/input_error.hpp"
#include "adaudit/readers/sharphound_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  carepilot::adaudit::Directory dir;
  try {
    carepilot::adaudit::read_sharphound_json("fuzz_users.json", text, dir);
  } catch (const carepilot::adaudit::InputError&) {
  }
  dir.finalize();
  return 0;
}
