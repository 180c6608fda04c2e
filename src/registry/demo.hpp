// Demo data: a synthetic but plausible territory in Pays de la Loire (region 52) with three
// GHTs and 28 fictional establishments of varied types, every one flagged is_demo and named
// with a "(démo)" suffix. Idempotent: running it twice changes nothing.
#pragma once

#include "registry/repository.hpp"

namespace carepilot::registry {

struct DemoSummary {
  int ghts = 0;
  int establishments = 0;
  bool already_loaded = false;
};

DemoSummary load_demo(Repository& repo);

// Appends the Luhn check digit to an 8-digit body (used to make valid fictional FINESS).
std::string with_luhn_key(const std::string& body8);

}  // namespace carepilot::registry
