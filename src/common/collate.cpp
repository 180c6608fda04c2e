#include "common/collate.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>

#include <memory>

namespace carepilot {

bool french_less(std::string_view a, std::string_view b) {
  // One collator per thread: its compare is cheap once built.
  thread_local const std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(
        icu::Collator::createInstance(icu::Locale::getFrench(), status));
    return U_FAILURE(status) ? nullptr : std::move(c);
  }();
  if (!collator) return a < b;
  UErrorCode status = U_ZERO_ERROR;
  const auto r =
      collator->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                            icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) return a < b;
  return r == UCOL_LESS;
}

}  // namespace carepilot
