#include "continuity/demo/weights_demo.hpp"

#include <map>

#include "continuity/rules/ght_coverage.hpp"
#include "registry/activity_weight.hpp"

namespace carepilot::continuity {

int seed_demo_weights(Repository& repo, registry::Repository& registry) {
  const Actor demo{"demo", "", ""};
  const Scope all = Scope::nation();
  // Yearly operating budget by kind of establishment (orders of magnitude of public
  // establishments' financial accounts), per service run for a general hospital.
  const std::map<std::string, double> by_type{
      {"chu", 950'000'000}, {"chs", 72'000'000}, {"espic", 85'000'000}, {"smr", 18'500'000}};
  registry::EstablishmentFilter f;
  f.per_page = 200;
  auto page = registry.list(all, f);
  std::vector<std::int64_t> ids;
  for (const auto& e : page.items) ids.push_back(e.id);
  const auto existing = registry::activity_weights(repo.database(), ids);
  // Legal entities with several sites (registry/demo.cpp) are weighed as GHTs are.
  std::map<std::string, int> sites;
  for (const auto& item : page.items) ++sites[item.finess_ej];
  int set = 0;
  for (const auto& item : page.items) {
    if (!item.is_demo || existing.count(item.id)) continue;
    if (!item.ght_id && sites[item.finess_ej] < 2) continue;
    if (item.type == "had") continue;  // left without a weight (see the header)
    double weight = 0;
    if (auto it = by_type.find(item.type); it != by_type.end()) {
      weight = it->second;
    } else {
      auto e = registry.find(all, item.finess_et);
      weight = 21'000'000.0 * static_cast<double>(e ? e->services.size() : 1);
    }
    registry::set_activity_weight(repo.database(), registry, all, item.finess_et, weight,
                                  weight_measure().id, demo);
    ++set;
  }
  return set;
}

}  // namespace carepilot::continuity
