#include "knowledge/known.hpp"

#include "funding/data.hpp"
#include "knowledge/text.hpp"
#include "referential/loader.hpp"
#include "registry/catalog.hpp"

namespace carepilot::knowledge {

KnownCodes builtin_known_codes() {
  KnownCodes k;
  for (const auto& r : registry::Catalog::builtin().regions()) k.regions.insert(r.code);
  for (const auto& o : referential::load_default_referential().obligations)
    k.obligations.insert(o.id);
  for (const auto& c : funding::embedded_data().calls) {
    for (const auto& p : c.prerequisites)
      if (auto n = normalise_objective(p.id)) {
        k.objectives.insert(*n);
        k.objective_labels[*n] = p.label;
      }
    for (const auto& o : c.objectives)
      if (auto n = normalise_objective(o.id)) {
        k.objectives.insert(*n);
        k.objective_labels[*n] = o.label;
      }
  }
  return k;
}

std::optional<std::string> known_objective(const KnownCodes& known, std::string_view id) {
  auto n = normalise_objective(id);
  if (!n || !known.objectives.count(*n)) return std::nullopt;
  return n;
}

std::optional<std::string> objective_title(const KnownCodes& known, const std::string& id) {
  auto it = known.objective_labels.find(id);
  if (it == known.objective_labels.end()) return std::nullopt;
  return id + " — " + it->second;
}

}  // namespace carepilot::knowledge
