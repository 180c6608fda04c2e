#include "exposure/report/result_json.hpp"

#include "common/french.hpp"

namespace carepilot::exposure {

using nlohmann::json;

nlohmann::json host_json(const HostResult& h) {
  json ports = json::array();
  for (const auto& p : h.ports) {
    json j{{"protocol", p.protocol}, {"port", p.number},     {"service", p.service},
           {"product", p.product},   {"version", p.version}, {"tls", p.tls}};
    if (!p.http_title.empty()) j["http_title"] = p.http_title;
    if (!p.cert_not_after.empty()) j["certificate_not_after"] = p.cert_not_after;
    ports.push_back(std::move(j));
  }
  json findings = json::array();
  for (const auto& f : h.findings)
    findings.push_back({{"rule", f.rule->id},
                        {"severity", to_string(f.rule->severity)},
                        {"protocol", f.protocol},
                        {"port", f.port},
                        {"detail", f.detail}});
  return {{"address", h.address}, {"hostnames", h.hostnames},  {"private", h.is_private},
          {"score", h.score},     {"ports", std::move(ports)}, {"findings", std::move(findings)}};
}

nlohmann::json head_json(const Result& r, const Diff* diff) {
  json by_sev = json::object();
  for (std::size_t i = 0; i < kSeverities; ++i)
    by_sev[std::string(to_string(static_cast<Severity>(i)))] = r.by_severity[i];
  json rules = json::array();
  for (const auto& [info, count] : r.rule_counts)
    rules.push_back({{"id", info->id},
                     {"title", info->title},
                     {"severity", to_string(info->severity)},
                     {"rationale", info->rationale},
                     {"remediation", info->remediation},
                     {"references", info->references},
                     {"count", count}});
  json warnings{{"total", r.input.warnings.total()},
                {"by_kind", r.input.warnings.by_kind},
                {"samples", r.input.warnings.samples}};
  json j{{"schema", kResultSchema},
         {"evidence_type", "exposure_audit"},
         {"as_of", format_date(r.as_of)},
         {"internet_audit", r.internet_audit()},
         {"input",
          {{"sources", r.input.sources},
           {"scanners", r.input.scanners},
           {"bytes", r.input.bytes},
           {"hosts_read", r.input.hosts_read},
           {"hosts_up", r.input.hosts_up},
           {"hosts_down", r.input.hosts_down},
           {"ports_open", r.input.ports_open}}},
         {"summary",
          {{"score", r.score},
           {"hosts", r.hosts.size()},
           {"hosts_exposed", r.hosts_exposed},
           {"hosts_private", r.hosts_private},
           {"hosts_private_ignored", r.hosts_private_ignored},
           {"open_ports", r.open_ports},
           {"findings", r.findings},
           {"by_severity", std::move(by_sev)},
           {"no_host_up", r.no_host_up},
           {"private_only", r.private_only}}},
         {"warnings", std::move(warnings)},
         {"rules", std::move(rules)}};
  // When the scan ran, as its files say (UTC); absent when they give no time.
  if (r.input.scan_from) j["input"]["scan_from"] = iso_utc(*r.input.scan_from);
  if (r.input.scan_to) j["input"]["scan_to"] = iso_utc(*r.input.scan_to);
  if (diff) j["diff"] = to_json(*diff);
  return j;
}

void write_json(std::ostream& out, const Result& r, const Diff* diff) {
  // The head's members, then "hosts" written one host at a time.
  std::string head = head_json(r, diff).dump(1);
  head.pop_back();  // the closing brace
  while (!head.empty() && (head.back() == '\n' || head.back() == ' ')) head.pop_back();
  out << head << ",\n \"hosts\": [";
  for (std::size_t i = 0; i < r.hosts.size(); ++i)
    out << (i ? ",\n  " : "\n  ") << host_json(r.hosts[i]).dump();
  out << (r.hosts.empty() ? "]\n}\n" : "\n ]\n}\n");
}

nlohmann::json evidence_record(const Result& r, const std::string& source) {
  auto count = [&](Severity s) { return r.by_severity[static_cast<std::size_t>(s)]; };
  return {{"type", "exposure_audit"},
          {"date", format_date(r.as_of)},
          {"source", source},
          {"score", r.score},
          {"findings_critical", count(Severity::critical)},
          {"findings_high", count(Severity::high)},
          {"findings_medium", count(Severity::medium)},
          {"findings_low", count(Severity::low)}};
}

}  // namespace carepilot::exposure
