// The exposure analysis of one establishment's scan: hosts arrive one by one from the
// readers (the same address may come several times: masscan writes one element per port,
// several files may cover the same host); each is reduced at once to its open ports'
// summary and its findings, so memory follows the exposures found, not the input size.
// finish() adds the scores (sum of the findings' severity weights, per host and for the
// establishment; 0 = nothing found) and the counts.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/date.hpp"
#include "exposure/data.hpp"
#include "exposure/model.hpp"
#include "exposure/readers/scan_reader.hpp"
#include "exposure/rules/rule.hpp"

namespace carepilot::exposure {

struct PortSummary {
  std::string protocol;
  std::uint16_t number = 0;
  std::uint32_t sighting = 0;  // readings of a host are numbered; the last one of a port wins
  std::string service, product, version;
  bool tls = false;
  std::string http_title;
  std::string cert_not_after;  // as nmap wrote it
};

struct HostResult {
  std::string address;
  std::vector<std::string> hostnames;
  bool is_private = false;
  std::vector<PortSummary> ports;  // by protocol and number
  std::vector<Finding> findings;   // by port, then rule order
  int score = 0;
  std::uint32_t sightings = 0;  // port readings so far (several files, masscan's elements)
};

struct Result {
  Date as_of;
  ReadStats input;
  std::vector<HostResult> hosts;  // by address (numeric order)
  std::array<std::uint64_t, kSeverities> by_severity{};
  std::vector<std::pair<const RuleInfo*, std::uint64_t>> rule_counts;  // every rule, data order
  std::uint64_t score = 0;
  // The hosts of a run, one count each and one French name each (CLI, page, report): `hosts`
  // are « hôtes lus dans le scan » (active, analysed); of them, those with at least one open
  // port are « exposés »; those with at least one finding « avec au moins un constat ».
  std::uint64_t hosts_open = 0;  // with at least one open port (JSON hosts_with_open_ports)
  std::uint64_t hosts_with_findings = 0;  // with at least one finding (JSON hosts_exposed)
  std::uint64_t hosts_private = 0;
  // Private hosts of a scan that also holds public ones: left out of `hosts`, the findings
  // and the score (they are not exposed on the internet), counted in a warning.
  std::uint64_t hosts_private_ignored = 0;
  std::uint64_t open_ports = 0;
  std::uint64_t findings = 0;
  bool no_host_up = false;
  bool private_only = false;  // every host up is on a private range: not an internet audit
  // False when the run is not an internet exposure audit (no host up, private only).
  bool internet_audit() const { return !no_host_up && !private_only; }
  double analysis_seconds = 0;
};

class Analyzer {
 public:
  explicit Analyzer(Date as_of, const Data& data = builtin_data());
  void add(Host&& host);
  // Condenses; `input` is what the readers counted (its warnings receive the analysis's).
  Result finish(ReadStats input);

 private:
  void shrink(std::size_t i);

  Context ctx_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<HostResult> hosts_;
  std::vector<std::uint32_t> shrunk_at_;             // ports of each host at its last shrink
  std::size_t last_ = static_cast<std::size_t>(-1);  // the host read last
};

// « 1 hôte à adresse non publique ignoré », « 2 hôtes à adresse non publique ignorés ».
std::string private_hosts_ignored_text(std::uint64_t n);
// A reading warning counted, in words, as the page and the report say it: « 1 ligne
// illisible ignorée », « 3 lignes trop longues ignorées » (kind "garbage_line", "long_line"
// …); an unknown kind reads « N autres avertissements ».
std::string warning_text(const std::string& kind, std::uint64_t n);
// A duration as the terminal says it, to the tenth of a second with a decimal comma:
// « 2,4 s », « 1 234,5 s »; « moins de 0,1 s » below 0,05 s.
std::string duration_text(double seconds);

// Reads the inputs and analyses them (throws InputError).
Result analyse_files(const std::vector<std::string>& paths, Date as_of, const Limits& limits,
                     const Data& data = builtin_data());

}  // namespace carepilot::exposure
