#include "knowledge/known.hpp"

#include "referential/loader.hpp"
#include "registry/catalog.hpp"

namespace carepilot::knowledge {

KnownCodes builtin_known_codes() {
  KnownCodes k;
  for (const auto& r : registry::Catalog::builtin().regions()) k.regions.insert(r.code);
  for (const auto& o : referential::load_default_referential().obligations)
    k.obligations.insert(o.id);
  return k;
}

}  // namespace carepilot::knowledge
