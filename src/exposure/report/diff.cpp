#include "exposure/report/diff.hpp"

#include <map>
#include <tuple>

#include "common/french.hpp"
#include "exposure/readers/input_error.hpp"
#include "exposure/report/result_json.hpp"

namespace carepilot::exposure {

using nlohmann::json;

namespace {

using Key = std::tuple<std::string, std::string, int>;  // address, protocol, port

std::string product_text(const std::string& product, const std::string& version) {
  if (product.empty()) return version;
  return version.empty() ? product : product + " " + version;
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int num(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

}  // namespace

Diff diff_results(const json& prev, const Result& cur) {
  if (!prev.is_object() || str(prev, "schema") != kResultSchema || !prev.contains("hosts") ||
      !prev["hosts"].is_array())
    throw InputError(std::string("--previous : pas un résultat d'analyse d'exposition (schéma ") +
                     kResultSchema + " attendu)");
  Diff d;
  d.previous_as_of = str(prev, "as_of");
  if (prev.contains("summary") && prev["summary"].is_object() &&
      prev["summary"].contains("score") && prev["summary"]["score"].is_number())
    d.previous_score = prev["summary"]["score"].get<std::int64_t>();
  d.score = static_cast<std::int64_t>(cur.score);

  std::map<Key, ExposureRef> before;
  std::map<std::tuple<std::string, std::string, std::string, int>, FindingRef> before_f;
  for (const auto& h : prev["hosts"]) {
    if (!h.is_object()) continue;
    const std::string addr = str(h, "address");
    if (h.contains("ports") && h["ports"].is_array())
      for (const auto& p : h["ports"]) {
        if (!p.is_object()) continue;
        ExposureRef e{addr,
                      str(p, "protocol"),
                      num(p, "port"),
                      str(p, "service"),
                      str(p, "product"),
                      str(p, "version")};
        before[{addr, e.protocol, e.port}] = e;
      }
    if (h.contains("findings") && h["findings"].is_array())
      for (const auto& f : h["findings"]) {
        if (!f.is_object()) continue;
        FindingRef r{addr,           str(f, "rule"),  str(f, "severity"), str(f, "protocol"),
                     num(f, "port"), str(f, "detail")};
        before_f[{addr, r.rule, r.protocol, r.port}] = r;
      }
  }
  for (const auto& h : cur.hosts) {
    for (const auto& p : h.ports) {
      Key k{h.address, p.protocol, p.number};
      auto it = before.find(k);
      if (it == before.end()) {
        d.opened.push_back({h.address, p.protocol, p.number, p.service, p.product, p.version});
        continue;
      }
      const std::string was = product_text(it->second.product, it->second.version);
      const std::string now = product_text(p.product, p.version);
      if (was != now) d.changed.push_back({h.address, p.protocol, p.number, was, now});
      before.erase(it);
    }
    for (const auto& f : h.findings) {
      auto it = before_f.find({h.address, f.rule->id, f.protocol, f.port});
      if (it == before_f.end()) {
        d.new_findings.push_back({h.address, f.rule->id, std::string(to_string(f.rule->severity)),
                                  f.protocol, f.port, f.detail});
      } else {
        before_f.erase(it);
      }
    }
  }
  for (auto& [k, e] : before) d.closed.push_back(std::move(e));
  for (auto& [k, f] : before_f) d.resolved_findings.push_back(std::move(f));
  return d;
}

json to_json(const Diff& d) {
  auto exposures = [](const std::vector<ExposureRef>& v) {
    json a = json::array();
    for (const auto& e : v)
      a.push_back({{"address", e.address},
                   {"protocol", e.protocol},
                   {"port", e.port},
                   {"service", e.service},
                   {"product", e.product},
                   {"version", e.version}});
    return a;
  };
  auto findings = [](const std::vector<FindingRef>& v) {
    json a = json::array();
    for (const auto& f : v)
      a.push_back({{"address", f.address},
                   {"rule", f.rule},
                   {"severity", f.severity},
                   {"protocol", f.protocol},
                   {"port", f.port},
                   {"detail", f.detail}});
    return a;
  };
  json changed = json::array();
  for (const auto& c : d.changed)
    changed.push_back({{"address", c.address},
                       {"protocol", c.protocol},
                       {"port", c.port},
                       {"before", c.before},
                       {"after", c.after}});
  return {{"previous_as_of", d.previous_as_of},
          {"previous_score", d.previous_score},
          {"score", d.score},
          {"opened", exposures(d.opened)},
          {"closed", exposures(d.closed)},
          {"changed_versions", std::move(changed)},
          {"new_findings", findings(d.new_findings)},
          {"resolved_findings", findings(d.resolved_findings)}};
}

std::string to_text(const Diff& d) {
  std::string s = "Comparaison avec l'analyse du " + french_date_text(d.previous_as_of) + "\n";
  s += "Score : " + std::to_string(d.previous_score) + " → " + std::to_string(d.score) + "\n";
  s += "Nouvelles expositions : " + std::to_string(d.opened.size()) + "\n";
  s += "Expositions fermées : " + std::to_string(d.closed.size()) + "\n";
  s += "Versions changées : " + std::to_string(d.changed.size()) + "\n";
  s += "Nouveaux constats : " + std::to_string(d.new_findings.size()) + "\n";
  s += "Constats résolus : " + std::to_string(d.resolved_findings.size()) + "\n";
  return s;
}

}  // namespace carepilot::exposure
