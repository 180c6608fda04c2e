// What changed since a previous run (its JSON result): exposures (address, protocol, port)
// opened and closed, product or version changes on ports open in both, findings new and
// resolved, and the score's change. Only a host present in both runs can have closed
// ports or resolved findings: the ports of a host the newer scan did not cover are « non
// couvert par ce scan », never « fermé », and the difference of scope is flagged.
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
  // Ports of hosts the previous run had and this one does not: not covered, not closed.
  std::vector<ExposureRef> not_covered;
  // Hosts of the previous run absent from this one, and hosts of this run the previous one
  // did not have; the scopes differ when either is not zero.
  std::uint64_t hosts_not_covered = 0, hosts_not_in_previous = 0;
  bool scope_differs() const { return hosts_not_covered || hosts_not_in_previous; }
  std::vector<VersionChange> changed;
  std::vector<FindingRef> new_findings, resolved_findings;
};

// Throws InputError when `previous` is not a result of this schema.
Diff diff_results(const nlohmann::json& previous, const Result& current);
// The same between two stored JSON results (the platform compares an audit with the
// previous one when it is shown, the previous one being known only then).
Diff diff_result_json(const nlohmann::json& previous, const nlohmann::json& current);
nlohmann::json to_json(const Diff& d);
std::string to_text(const Diff& d);
// « Attention : les deux analyses ne couvrent pas les mêmes adresses : … » (scope differs).
std::string scope_text(const Diff& d);  // French summary for the terminal

}  // namespace carepilot::exposure
