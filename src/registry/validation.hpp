// Checks an establishment input against the catalog; returns one FieldError per problem
// (empty when valid). Normalises the input in place (trimmed text, sorted unique services).
#pragma once

#include <vector>

#include "common/errors.hpp"
#include "registry/catalog.hpp"

namespace carepilot::registry {

std::vector<FieldError> validate_establishment(EstablishmentInput& in, const Catalog& catalog);

}  // namespace carepilot::registry
