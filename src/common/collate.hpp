// French alphabetical order (ICU's collation for « fr »): accents and case count only after the
// letters, so « Île-de-France » sorts among the I, not after « Occitanie » as a byte order puts
// it (issue 19 trial: the region menu put it last).
#pragma once

#include <string_view>

namespace carepilot {

// Whether `a` comes before `b` in French alphabetical order (UTF-8 text).
bool french_less(std::string_view a, std::string_view b);

}  // namespace carepilot
