// JSON forms of the registry's records, as the API returns and accepts them.
#pragma once

#include <nlohmann/json.hpp>

#include "registry/catalog.hpp"
#include "registry/model.hpp"

namespace carepilot::registry {

nlohmann::json to_json(const Establishment& e, const Catalog& catalog);
nlohmann::json to_json(const Region& r);
nlohmann::json to_json(const Ght& g);

// Reads an establishment body; `base` supplies absent fields (PATCH). Throws UserError 422
// naming each field of the wrong JSON type.
EstablishmentInput establishment_from_json(const nlohmann::json& body,
                                           const EstablishmentInput& base = {});

}  // namespace carepilot::registry
