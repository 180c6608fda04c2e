// The bounds of a restore test's measures (issue 15), as data: data/continuity/restore_tests.yaml
// with its rationale. A restore duration or a data loss is accepted from 0 to `max_hours`
// inclusive, in hours (decimals allowed).
#pragma once

#include <string>

namespace carepilot::continuity {

struct RestoreLimits {
  std::string source;
  double max_hours = 0;  // > 0
};

// Parses and validates the file. Throws std::invalid_argument "FILE:LINE: reason" (French
// reason) on a missing source or max_hours, or a max_hours that is not a number above 0.
RestoreLimits parse_restore_limits(const std::string& yaml_text, const std::string& file);

// data/continuity/restore_tests.yaml as built into the program (validated on first use).
const RestoreLimits& default_restore_limits();

}  // namespace carepilot::continuity
