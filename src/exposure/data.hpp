// The exposure analysis's data (data/exposure/*.yaml, embedded in the binary): the rules'
// metadata, severity weights, TLS thresholds, the address ranges that are not on the
// internet, the services that must not face it, the administration interfaces recognised
// from HTTP titles and the products past their end of life. Loaded and checked once.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"

namespace carepilot::exposure {

enum class Severity : std::uint8_t { critical, high, medium, low };
inline constexpr std::size_t kSeverities = 4;
std::string_view to_string(Severity s);    // "critical" …
std::string_view french_name(Severity s);  // « Critique » … (labels.yaml, severities)
std::optional<Severity> severity_from(std::string_view s);

// What runs on a port, as read on a page or in the report. `service_name_text`: nmap's service
// name, or « non identifié » when nmap recognised none (its "unknown", or no name).
// `service_text`: the product and its version when known, else service_name_text.
std::string service_name_text(std::string_view service);
std::string service_text(std::string_view service, std::string_view product,
                         std::string_view version);

struct RuleInfo {
  std::string id;     // stable: "exposed-remote-admin"
  std::string title;  // French
  Severity severity = Severity::medium;
  std::string rationale, remediation, references;  // French
};

struct PortRef {
  std::string protocol;
  std::uint16_t number = 0;
};

struct ServiceEntry {
  std::string id, label, rule;
  std::vector<PortRef> ports;
  std::vector<std::string> names;  // nmap service names
  bool unless_tls = false;
};

struct AdminTitle {
  std::string pattern;  // lower case
  std::string label;
};

struct EndOfLife {
  std::string product;  // lower case, matched as a prefix
  std::vector<int> from, before;
  std::string from_text, before_text;
  Date end_of_life;
  std::string label, source;
};

struct Network {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
  int prefix = 0;
};

struct Data {
  std::vector<RuleInfo> rules;
  std::array<int, kSeverities> weights{};
  int expiring_days = 30;
  std::vector<std::string> weak_protocols;
  std::vector<std::string> weak_grades;
  std::vector<Network> private_networks;
  std::vector<ServiceEntry> services;
  std::vector<AdminTitle> admin_titles;
  std::vector<EndOfLife> end_of_life;

  const RuleInfo* rule(std::string_view id) const;
  int weight(Severity s) const { return weights[static_cast<std::size_t>(s)]; }
};

// The embedded data; throws std::runtime_error (French) when a file is invalid.
const Data& builtin_data();
// Loads from file contents keyed by name ("rules.yaml" …); throws std::runtime_error.
Data load_data(const std::map<std::string_view, std::string_view>& files);

// Dotted version numbers: "2.4.41" -> {2, 4, 41}; "7.5" -> {7, 5}; stops at the first
// character that is neither a digit nor a dot ("9.2p1" -> {9, 2}). Empty when none.
std::vector<int> version_numbers(std::string_view text);
// -1, 0, 1 comparing dotted versions (missing parts count as 0).
int compare_versions(const std::vector<int>& a, const std::vector<int>& b);

// Parses an IPv4 or IPv6 address into 16 bytes (IPv4 in the first 4); nullopt otherwise.
std::optional<std::pair<bool, std::array<std::uint8_t, 16>>> parse_address(std::string_view a);
bool in_network(const std::pair<bool, std::array<std::uint8_t, 16>>& addr, const Network& n);

}  // namespace carepilot::exposure
