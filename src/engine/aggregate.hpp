// Dashboards: many establishment reports summarised per obligation (counts and shares of
// each status, against programme targets) and the list of late establishments.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/report.hpp"
#include "referential/model.hpp"

namespace carepilot::engine {

struct ObligationAggregate {
  std::string id;
  std::string title;
  std::array<int, kStatusCount> count{};  // indexed by Status
  int applicable = 0;                     // all but not_applicable
  // Shares among applicable establishments (0 when none is applicable).
  std::array<double, kStatusCount> share_of_applicable{};
  std::optional<double> target;  // programme target on the met share, if any
  std::optional<bool> target_reached;
  std::vector<std::string> overdue;  // FINESS of overdue establishments, in input order
};

struct LateEstablishment {
  std::string finess;
  std::string name;
  std::vector<std::string> overdue;  // obligation ids
};

struct Aggregate {
  int establishments = 0;
  std::vector<ObligationAggregate> obligations;  // in referential order
  std::vector<LateEstablishment> late;           // establishments with an overdue obligation
};

// Reports must come from `ref` (obligations matched by id; unknown ids are ignored).
Aggregate aggregate(const referential::Referential& ref,
                    std::span<const EstablishmentReport> reports);

nlohmann::ordered_json to_json(const Aggregate& aggregate);

}  // namespace carepilot::engine
