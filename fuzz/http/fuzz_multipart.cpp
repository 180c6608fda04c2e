// The multipart/form-data parser of uploads: the first line of the input is the
// Content-Type header, the rest the body. Any input gives parts or a UserError (415, 400, or
// 422 request.invalid_utf8 for a text field that is not UTF-8), never another exception or a
// crash. Without the text check (the CSRF token's reading), the same input is never refused
// for its text: it gives parts or 415/400 only, and the same parts when the checked reading
// accepted it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "http/multipart.hpp"

namespace {
using carepilot::http::FormPart;
void check(bool ok) {
  if (!ok) __builtin_trap();
}
// Parts or nothing (refused with 400/415, or 422 when `checked` allows it).
bool read(const carepilot::http::Request& req, carepilot::http::TextCheck mode,
          std::vector<FormPart>& parts) {
  try {
    parts = carepilot::http::parse_multipart(req, mode);
    check(!parts.empty());
    std::size_t total = 0;
    for (const auto& p : parts) total += p.body.size();
    check(total <= req.body.size());  // a part is a slice of the body
    return true;
  } catch (const carepilot::UserError& e) {
    const bool text_refusal = e.status() == 422 && e.code() == "request.invalid_utf8";
    check(e.status() == 400 || e.status() == 415 ||
          (text_refusal && mode == carepilot::http::TextCheck::utf8));
    return false;
  }
}
}  // namespace

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
  std::vector<FormPart> checked, unchecked;
  const bool ok = read(req, carepilot::http::TextCheck::utf8, checked);
  const bool lenient_ok = read(req, carepilot::http::TextCheck::none, unchecked);
  check(!ok || lenient_ok);
  if (ok) {
    check(checked.size() == unchecked.size());
    for (std::size_t i = 0; i < checked.size(); ++i)
      check(checked[i].name == unchecked[i].name && checked[i].body == unchecked[i].body);
  }
  return 0;
}
