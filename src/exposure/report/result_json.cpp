#include "exposure/report/result_json.hpp"

#include <algorithm>
#include <map>

#include "common/french.hpp"
#include "exposure/readers/input_error.hpp"

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
           {"hosts_exposed", r.hosts_with_findings},
           {"hosts_with_open_ports", r.hosts_open},
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

namespace {

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::uint64_t count_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<std::uint64_t>()
         : it != j.end() && it->is_number_integer()
             ? static_cast<std::uint64_t>(std::max<std::int64_t>(0, it->get<std::int64_t>()))
             : 0;
}

bool flag_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::vector<std::string> texts_of(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

std::unique_ptr<StoredResult> result_from_json(const json& j) {
  if (!j.is_object() || text_of(j, "schema") != kResultSchema || !j.contains("hosts") ||
      !j["hosts"].is_array())
    throw InputError(std::string("pas un résultat d'analyse d'exposition (schéma ") +
                     kResultSchema + " attendu)");
  auto out = std::make_unique<StoredResult>();
  Result& r = out->result;
  if (auto d = parse_date(text_of(j, "as_of"))) r.as_of = *d;
  // The rules as the result describes them (their titles and advice at analysis time).
  std::map<std::string, const RuleInfo*> rules;
  for (const auto& x : j.value("rules", json::array())) {
    if (!x.is_object()) continue;
    RuleInfo info;
    info.id = text_of(x, "id");
    info.title = text_of(x, "title");
    info.severity = severity_from(text_of(x, "severity")).value_or(Severity::low);
    info.rationale = text_of(x, "rationale");
    info.remediation = text_of(x, "remediation");
    info.references = text_of(x, "references");
    const RuleInfo* p = &out->rules.emplace_back(std::move(info));
    rules[p->id] = p;
    r.rule_counts.emplace_back(p, count_of(x, "count"));
  }
  auto rule = [&](const std::string& id, const std::string& severity) {
    if (auto it = rules.find(id); it != rules.end()) return it->second;
    RuleInfo info;  // a rule the result does not describe: its id as its title
    info.id = info.title = id;
    info.severity = severity_from(severity).value_or(Severity::low);
    const RuleInfo* p = &out->rules.emplace_back(std::move(info));
    rules[id] = p;
    return p;
  };
  for (const auto& h : j["hosts"]) {
    if (!h.is_object()) continue;
    HostResult hr;
    hr.address = text_of(h, "address");
    hr.hostnames = texts_of(h, "hostnames");
    hr.is_private = flag_of(h, "private");
    hr.score = static_cast<int>(count_of(h, "score"));
    for (const auto& p : h.value("ports", json::array())) {
      if (!p.is_object()) continue;
      PortSummary ps;
      ps.protocol = text_of(p, "protocol");
      ps.number = static_cast<std::uint16_t>(count_of(p, "port"));
      ps.service = text_of(p, "service");
      ps.product = text_of(p, "product");
      ps.version = text_of(p, "version");
      ps.tls = flag_of(p, "tls");
      ps.http_title = text_of(p, "http_title");
      ps.cert_not_after = text_of(p, "certificate_not_after");
      hr.ports.push_back(std::move(ps));
    }
    for (const auto& f : h.value("findings", json::array())) {
      if (!f.is_object()) continue;
      Finding fi;
      fi.rule = rule(text_of(f, "rule"), text_of(f, "severity"));
      fi.protocol = text_of(f, "protocol");
      fi.port = static_cast<std::uint16_t>(count_of(f, "port"));
      fi.detail = text_of(f, "detail");
      hr.findings.push_back(std::move(fi));
    }
    r.hosts.push_back(std::move(hr));
  }
  const json summary = j.value("summary", json::object());
  r.score = count_of(summary, "score");
  r.hosts_with_findings = count_of(summary, "hosts_exposed");
  // Recounted from the hosts (complete in the result): a result stored before the member
  // existed reads the same as a new one.
  r.hosts_open = static_cast<std::uint64_t>(std::count_if(
      r.hosts.begin(), r.hosts.end(), [](const HostResult& h) { return !h.ports.empty(); }));
  r.hosts_private = count_of(summary, "hosts_private");
  r.hosts_private_ignored = count_of(summary, "hosts_private_ignored");
  r.open_ports = count_of(summary, "open_ports");
  r.findings = count_of(summary, "findings");
  r.no_host_up = flag_of(summary, "no_host_up");
  r.private_only = flag_of(summary, "private_only");
  const json by_sev = summary.value("by_severity", json::object());
  for (std::size_t k = 0; k < kSeverities; ++k)
    r.by_severity[k] = count_of(by_sev, std::string(to_string(static_cast<Severity>(k))).c_str());
  const json input = j.value("input", json::object());
  r.input.sources = texts_of(input, "sources");
  r.input.scanners = texts_of(input, "scanners");
  r.input.bytes = count_of(input, "bytes");
  r.input.hosts_read = count_of(input, "hosts_read");
  r.input.hosts_up = count_of(input, "hosts_up");
  r.input.hosts_down = count_of(input, "hosts_down");
  r.input.ports_open = count_of(input, "ports_open");
  if (auto t = parse_iso_utc(text_of(input, "scan_from"))) r.input.scan_from = *t;
  if (auto t = parse_iso_utc(text_of(input, "scan_to"))) r.input.scan_to = *t;
  const json warnings = j.value("warnings", json::object());
  const json by_kind = warnings.value("by_kind", json::object());
  for (const auto& [kind, n] : by_kind.items())
    if (n.is_number_integer()) r.input.warnings.by_kind[kind] = n.get<std::uint64_t>();
  r.input.warnings.samples = texts_of(warnings, "samples");
  return out;
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
