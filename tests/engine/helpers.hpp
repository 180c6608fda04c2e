// Shared helpers of the engine tests: the referential from data/, and one-establishment
// bundles built from JSON evidence lists.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/date.hpp"
#include "engine/bundle.hpp"
#include "engine/evaluate.hpp"
#include "referential/loader.hpp"

namespace carepilot::engine::testing {

inline const referential::Referential& ref() {
  static const referential::Referential r = referential::load_referential_dir(CAREPILOT_DATA_DIR);
  return r;
}

inline const nlohmann::json& all_services() {
  static const nlohmann::json s = {"urgences",    "chirurgie", "pharmacie",     "imagerie",
                                   "laboratoire", "medecine",  "administration"};
  return s;
}

inline Date D(const char* text) {
  return *parse_date(text);
}

inline nlohmann::json establishment(const nlohmann::json& evidence,
                                    const nlohmann::json& services = all_services(),
                                    const std::string& category = "sanitaire") {
  return {{"finess", "750712184"},
          {"name", "CH test"},
          {"category", category},
          {"services", services},
          {"evidence", evidence}};
}

inline ObligationResult run(const std::string& obligation, const char* as_of,
                            const nlohmann::json& evidence,
                            const nlohmann::json& services = all_services(),
                            const std::string& category = "sanitaire") {
  nlohmann::json doc = {{"establishments", {establishment(evidence, services, category)}}};
  auto bundle = parse_bundle(doc, ref());
  const auto* o = ref().find_obligation(obligation);
  if (o == nullptr) throw std::runtime_error("no obligation " + obligation);
  const auto& e = bundle.establishments.at(0);
  return evaluate_obligation(ref(), *o, e.establishment, e.evidence, D(as_of));
}

}  // namespace carepilot::engine::testing
