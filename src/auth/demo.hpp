// Demo accounts (`carepilot serve --demo`, `carepilot demo`): one per kind of user, all with
// kDemoPassword, on the demo territory. Regional, national and security roles enrol their
// second factor at first sign-in, as real ones do.
#pragma once

#include "auth/password.hpp"
#include "auth/store.hpp"
#include "registry/repository.hpp"

namespace carepilot::auth {

inline constexpr const char* kDemoPassword = "Demonstration-carepilot-2026";

// Creates the accounts that do not exist yet; returns how many were created. Creates none
// unless the demo establishment is marked demo and the database holds no real establishment.
int seed_demo_accounts(AuthStore& store, registry::Repository& registry, HashCost cost);

}  // namespace carepilot::auth
