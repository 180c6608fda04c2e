// The one exception type of the AD audit readers: input that cannot be used. Its message
// is meant for the person who ran the audit (French, names the file and the problem).
#pragma once

#include <stdexcept>
#include <string>

namespace carepilot::adaudit {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace carepilot::adaudit
