// The demo territory with every module's records (`carepilot serve --demo`, `carepilot
// demo`, and the tests that need a populated platform): one place that knows every
// module's seeding.
#pragma once

#include "common/date.hpp"
#include "web/app_routes.hpp"

namespace carepilot::web {

struct DemoCounts {
  int establishments = 0;
  int evidence = 0;
  bool already_loaded = false;
};

// Loads the demo establishments (registry), then the records of every module for each
// demo establishment (is_demo) that has none yet. Idempotent.
DemoCounts load_demo(WebApp& app, const Date& today);
// Seeds the module records only (for establishments added after the registry demo).
int load_demo_records(WebApp& app, const Date& today);

}  // namespace carepilot::web
