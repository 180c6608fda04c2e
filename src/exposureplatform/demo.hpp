// Demonstration data of the exposure audit (`carepilot serve --demo`): a series of five
// finished audits of a small nmap scan for the first demo establishment (CHU de
// Nantes-Estuaire, 449900018), dated in the past by their scans (214 to 14 days before
// `today`, 52, 55, 41 and 52 days apart: one pair too close for the 45–60-day rule), analysed
// by the job's own code.
#pragma once

#include "common/date.hpp"
#include "exposureplatform/repository.hpp"

namespace carepilot::exposureplatform {

// Uploads the demo scans for FINESS 449900018, oldest first, and runs their jobs at once
// (idempotent: nothing when the establishment already has an exposure audit or does not exist).
void seed_demo(Repository& repo, const Date& today);

}  // namespace carepilot::exposureplatform
