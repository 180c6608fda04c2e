// A scan the readers refuse (French message naming the file): the run stops, nothing is stored.
#pragma once

#include <stdexcept>
#include <string>

namespace carepilot::exposure {

struct InputError : std::runtime_error {
  // Why, for callers that answer with a stable code (the platform's upload): a file that
  // ends before its end (truncated), a DOCTYPE or ENTITY declaration (entity expansion
  // refused), files of one audit whose scans started too far apart (exposure/campaign.hpp),
  // text that is not in its encoding (UTF-8, or the one an XML declaration or a byte-order
  // mark names; `line` of the first bad byte), anything else.
  enum class Kind { unreadable, truncated, declaration, campaign_span, encoding };
  explicit InputError(const std::string& what, Kind k = Kind::unreadable, std::size_t at_line = 0)
      : std::runtime_error(what), kind(k), line(at_line) {}
  Kind kind;
  std::size_t line;
};

}  // namespace carepilot::exposure
