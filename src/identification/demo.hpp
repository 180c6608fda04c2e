// Demo identification inventories for the demo establishments (registry/demo.hpp), by the
// profiles of evidence/demo.cpp (position among the demo establishments modulo 5): 0 nearly
// all compliant, 1 compliant with one step planned, 2 local passwords being replaced, 3 late
// (passwords on remote access), 4 nothing entered. Written through the repository (so its
// evidence is emitted as by a user); planned dates are relative to `today`, homologations
// dated before it. Idempotent: skips establishments that already have a population.
#pragma once

#include "identification/declarations.hpp"
#include "identification/repository.hpp"
#include "identification/steps.hpp"

namespace carepilot::identification {

// Returns the number of establishments given an inventory.
int seed_demo(Repository& repo, registry::Repository& registry, const Date& today);

// Trajectory steps of the same profiles (0 to 3; 4 has none): one done, the others due after
// `today`, one of them sent to the PAQ. Idempotent: skips establishments that have a step.
int seed_demo_steps(Steps& steps, registry::Repository& registry, const Date& today);

// HospiConnect objectives declared reached, with a demonstration PDF as proof: profile 0 the
// framing note and the maturity questionnaire, profile 1 the framing note; the others none
// (their objectives read « À déclarer »). Idempotent: skips establishments that have one.
int seed_demo_declarations(Declarations& declarations, registry::Repository& registry,
                           const Date& today);

}  // namespace carepilot::identification
