// Binary security descriptors come straight from LDIF base64 values: bounds must hold.
#include <cstddef>
#include <cstdint>
#include <span>

#include "adaudit/paths/security_descriptor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)carepilot::adaudit::parse_security_descriptor(std::span<const std::uint8_t>(data, size));
  return 0;
}
