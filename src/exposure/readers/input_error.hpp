// A scan the readers refuse (French message naming the file): the run stops, nothing is stored.
#pragma once

#include <stdexcept>
#include <string>

namespace carepilot::exposure {

struct InputError : std::runtime_error {
  // Why, for callers that answer with a stable code (the platform's upload): a file that
  // ends before its end (truncated), a DOCTYPE or ENTITY declaration (entity expansion
  // refused), files of one audit whose scans started too far apart (exposure/campaign.hpp),
  // anything else.
  enum class Kind { unreadable, truncated, declaration, campaign_span };
  explicit InputError(const std::string& what, Kind k = Kind::unreadable)
      : std::runtime_error(what), kind(k) {}
  Kind kind;
};

}  // namespace carepilot::exposure
