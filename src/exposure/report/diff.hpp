// What changed since a previous run (its JSON result): exposures (address, protocol, port)
// opened and closed, product or version changes on ports open in both, findings new and
// resolved, and the score's change.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "exposure/analysis.hpp"

namespace carepilot::exposure {

struct ExposureRef {
  std::string address, protocol;
  int port = 0;
  std::string service, product, version;
};

struct VersionChange {
  std::string address, protocol;
  int port = 0;
  std::string before, after;  // "Apache httpd 2.4.41"
};

struct FindingRef {
  std::string address, rule, severity, protocol;
  int port = 0;
  std::string detail;
};

struct Diff {
  std::string previous_as_of;
  std::int64_t previous_score = 0, score = 0;
  std::vector<ExposureRef> opened, closed;
  std::vector<VersionChange> changed;
  std::vector<FindingRef> new_findings, resolved_findings;
};

// Throws InputError when `previous` is not a result of this schema.
Diff diff_results(const nlohmann::json& previous, const Result& current);
nlohmann::json to_json(const Diff& d);
std::string to_text(const Diff& d);  // French summary for the terminal

}  // namespace carepilot::exposure
