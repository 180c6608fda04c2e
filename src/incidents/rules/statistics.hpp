// Statistics of the incidents of a territory (issue 19): aggregates only, per year of
// detection (Paris time) — count, establishments concerned and declaring, threat types,
// malicious share, impact on functioning, patient endangerment, median durations — set beside
// the national figures the CERT Santé publishes (data/incidents/national_figures.yaml). Pure:
// the store gathers the facts over the caller's scope.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "incidents/rules/catalog.hpp"
#include "incidents/rules/timeline.hpp"

namespace carepilot::incidents {

// One incident as the statistics read it.
struct IncidentFacts {
  std::string establishment;  // FINESS
  Qualification qualification;
  std::vector<Event> events;
  bool declared = false;  // its initial declaration is submitted
};

struct YearStatistics {
  int year = 0;
  int incidents = 0;
  int establishments = 0;                   // with at least one incident
  int declaring_establishments = 0;         // with at least one declared incident
  int declared = 0;                         // incidents declared
  std::map<std::string, int> threats;       // "to_qualify" for an incident not qualified on it
  std::map<std::string, int> functioning;   // idem
  std::map<std::string, int> endangerment;  // idem
  int malicious = 0;                        // qualified malicious "yes"
  int malicious_qualified = 0;              // qualified "yes" or "no"
  std::optional<double> malicious_share() const;
  std::optional<std::int64_t> median_to_detect, median_to_declare, median_degraded,
      median_to_restore;        // seconds, over the incidents where the duration is known
  std::optional<int> national;  // the CERT Santé's published count for the year
};

// The Paris calendar year of the detection; nullopt without a detection.
std::optional<int> detection_year(const std::vector<Event>& timeline);
// The median of `values` (the mean of the two middle ones for an even count); nullopt when
// empty.
std::optional<std::int64_t> median(std::vector<std::int64_t> values);
// By ascending year, every year from the first to the current one (Paris year of `now`) with
// no gap: the years of the national figures, those between and up to now appear even without
// incidents (at 0).
std::vector<YearStatistics> statistics(const std::vector<IncidentFacts>& incidents,
                                       const NationalFigures& national, std::int64_t now);

}  // namespace carepilot::incidents
