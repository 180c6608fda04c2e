// Demonstration data of the exposure audit (`carepilot serve --demo`): one finished audit of
// a small nmap scan for the first demo establishment (CHU de Nantes-Estuaire, 449900018),
// analysed by the job's own code.
#pragma once

#include "common/date.hpp"
#include "exposureplatform/repository.hpp"

namespace carepilot::exposureplatform {

// Uploads the demo scan for FINESS 449900018 and runs its job at once (idempotent: nothing
// when the establishment already has an exposure audit or does not exist).
void seed_demo(Repository& repo, const Date& today);

}  // namespace carepilot::exposureplatform
