// Demo activity weights (registry/activity_weight.hpp) of the demo GHTs' establishments and of
// the sites of a demo legal entity with several sites (the two clinics of registry/demo.cpp), in
// the measure of data/continuity/ght_coverage.yaml (yearly operating budget, in euros, of the
// order of the establishment's kind), so that the GHT and legal-entity continuity pages show the 66
// % rule weighed. The HAD of the Sarthe GHT is left without a weight: that GHT's share reads as not
// established until it is declared. Idempotent: an establishment with a weight keeps it.
#pragma once

#include "continuity/store/repository.hpp"
#include "registry/repository.hpp"

namespace carepilot::continuity {

// Returns the number of weights set.
int seed_demo_weights(Repository& repo, registry::Repository& registry);

}  // namespace carepilot::continuity
