#include "engine/aggregate.hpp"

#include <unordered_map>

namespace carepilot::engine {

Aggregate aggregate(const referential::Referential& ref,
                    std::span<const EstablishmentReport> reports) {
  Aggregate out;
  out.establishments = static_cast<int>(reports.size());
  std::unordered_map<std::string_view, std::size_t> slot;
  for (const auto& o : ref.obligations) {
    slot.emplace(o.id, out.obligations.size());
    ObligationAggregate a;
    a.id = o.id;
    a.title = o.title;
    if (o.target) a.target = o.target->share_met;
    out.obligations.push_back(std::move(a));
  }
  for (const auto& report : reports) {
    LateEstablishment late{report.finess, report.name, {}};
    for (std::size_t i = 0; i < report.obligations.size(); ++i) {
      const auto& r = report.obligations[i];
      // Reports from evaluate() follow referential order: try the same position first.
      std::size_t k = i < out.obligations.size() && out.obligations[i].id == r.id ? i : SIZE_MAX;
      if (k == SIZE_MAX) {
        auto it = slot.find(r.id);
        if (it == slot.end()) continue;
        k = it->second;
      }
      auto& a = out.obligations[k];
      ++a.count[static_cast<std::size_t>(r.status)];
      if (r.status == Status::overdue) {
        a.overdue.push_back(report.finess);
        late.overdue.push_back(r.id);
      }
    }
    if (!late.overdue.empty()) out.late.push_back(std::move(late));
  }
  for (auto& a : out.obligations) {
    a.applicable = out.establishments - a.count[static_cast<std::size_t>(Status::not_applicable)];
    for (std::size_t s = 0; s < kStatusCount; ++s)
      if (a.applicable > 0 && s != static_cast<std::size_t>(Status::not_applicable))
        a.share_of_applicable[s] = static_cast<double>(a.count[s]) / a.applicable;
    if (a.target && a.applicable > 0)
      a.target_reached =
          a.share_of_applicable[static_cast<std::size_t>(Status::met)] + 1e-12 >= *a.target;
  }
  return out;
}

nlohmann::ordered_json to_json(const Aggregate& agg) {
  using json = nlohmann::ordered_json;
  json obligations = json::array();
  for (const auto& a : agg.obligations) {
    json counts = json::object(), shares = json::object();
    for (std::size_t s = 0; s < kStatusCount; ++s) {
      auto name = std::string(status_name(static_cast<Status>(s)));
      counts[name] = a.count[s];
      if (static_cast<Status>(s) != Status::not_applicable) shares[name] = a.share_of_applicable[s];
    }
    obligations.push_back(
        {{"id", a.id},
         {"title", a.title},
         {"counts", counts},
         {"applicable", a.applicable},
         {"shares", shares},
         {"target", a.target ? json(*a.target) : json(nullptr)},
         {"target_reached", a.target_reached ? json(*a.target_reached) : json(nullptr)},
         {"overdue", a.overdue}});
  }
  json late = json::array();
  for (const auto& l : agg.late)
    late.push_back({{"finess", l.finess}, {"name", l.name}, {"overdue", l.overdue}});
  return json{{"establishments", agg.establishments},
              {"obligations", std::move(obligations)},
              {"late", std::move(late)}};
}

}  // namespace carepilot::engine
