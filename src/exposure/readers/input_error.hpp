// A scan the readers refuse (French message naming the file): the run stops, nothing is stored.
#pragma once

#include <stdexcept>
#include <string>

namespace carepilot::exposure {

struct InputError : std::runtime_error {
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace carepilot::exposure
