// The multipart/form-data parser of uploads: the first line of the input is the
// Content-Type header, the rest the body. Any input gives parts or a UserError (415 or 400),
// never another exception or a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/errors.hpp"
#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  carepilot::http::Request req;
  req.method = "POST";
  req.path = "/upload";
  auto nl = text.find('\n');
  if (nl == std::string::npos) {
    req.headers["content-type"] = text;
  } else {
    req.headers["content-type"] = text.substr(0, nl);
    req.body = text.substr(nl + 1);
  }
  try {
    auto parts = carepilot::http::parse_multipart(req);
    if (parts.empty()) __builtin_trap();
    std::size_t total = 0;
    for (const auto& p : parts) total += p.body.size();
    if (total > req.body.size()) __builtin_trap();  // a part is a slice of the body
  } catch (const carepilot::UserError& e) {
    if (e.status() != 400 && e.status() != 415) __builtin_trap();
  }
  return 0;
}
