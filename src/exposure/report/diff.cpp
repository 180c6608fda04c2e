#include "exposure/report/diff.hpp"

#include <functional>
#include <map>
#include <set>
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

namespace {

// The previous run's exposures and findings, then the current run host by host.
class Comparer {
 public:
  explicit Comparer(const json& prev) {
    if (!prev.is_object() || str(prev, "schema") != kResultSchema || !prev.contains("hosts") ||
        !prev["hosts"].is_array())
      throw InputError(std::string("--previous : pas un résultat d'analyse d'exposition (schéma ") +
                       kResultSchema + " attendu)");
    d_.previous_as_of = str(prev, "as_of");
    if (prev.contains("summary") && prev["summary"].is_object() &&
        prev["summary"].contains("score") && prev["summary"]["score"].is_number())
      d_.previous_score = prev["summary"]["score"].get<std::int64_t>();
    for (const auto& h : prev["hosts"]) {
      if (!h.is_object()) continue;
      const std::string addr = str(h, "address");
      before_hosts_.insert(addr);
      for_each_port(h, [&](ExposureRef e) { before_[{addr, e.protocol, e.port}] = std::move(e); });
      for_each_finding(h, [&](FindingRef r) {
        before_f_[{addr, r.rule, r.protocol, r.port}] = std::move(r);
      });
    }
  }

  static void for_each_port(const json& h, const std::function<void(ExposureRef)>& f) {
    if (!h.contains("ports") || !h["ports"].is_array()) return;
    const std::string addr = str(h, "address");
    for (const auto& p : h["ports"])
      if (p.is_object())
        f({addr, str(p, "protocol"), num(p, "port"), str(p, "service"), str(p, "product"),
           str(p, "version")});
  }
  static void for_each_finding(const json& h, const std::function<void(FindingRef)>& f) {
    if (!h.contains("findings") || !h["findings"].is_array()) return;
    const std::string addr = str(h, "address");
    for (const auto& x : h["findings"])
      if (x.is_object())
        f({addr, str(x, "rule"), str(x, "severity"), str(x, "protocol"), num(x, "port"),
           str(x, "detail")});
  }

  void host(const std::string& address) {
    current_hosts_.insert(address);
    if (!before_hosts_.count(address)) ++d_.hosts_not_in_previous;
  }
  void port(ExposureRef p) {
    auto it = before_.find({p.address, p.protocol, p.port});
    if (it == before_.end()) {
      d_.opened.push_back(std::move(p));
      return;
    }
    const std::string was = product_text(it->second.product, it->second.version);
    const std::string now = product_text(p.product, p.version);
    if (was != now) d_.changed.push_back({p.address, p.protocol, p.port, was, now});
    before_.erase(it);
  }
  void finding(FindingRef f) {
    auto it = before_f_.find({f.address, f.rule, f.protocol, f.port});
    if (it == before_f_.end())
      d_.new_findings.push_back(std::move(f));
    else
      before_f_.erase(it);
  }
  Diff finish(std::int64_t score) {
    d_.score = score;
    for (const auto& a : before_hosts_) d_.hosts_not_covered += current_hosts_.count(a) ? 0 : 1;
    // Only a host present in both runs can have closed ports or resolved findings.
    for (auto& [k, e] : before_)
      (current_hosts_.count(e.address) ? d_.closed : d_.not_covered).push_back(std::move(e));
    for (auto& [k, f] : before_f_)
      if (current_hosts_.count(f.address)) d_.resolved_findings.push_back(std::move(f));
    return std::move(d_);
  }

 private:
  Diff d_;
  std::map<Key, ExposureRef> before_;
  std::map<std::tuple<std::string, std::string, std::string, int>, FindingRef> before_f_;
  std::set<std::string> before_hosts_, current_hosts_;
};

}  // namespace

Diff diff_results(const json& prev, const Result& cur) {
  Comparer c(prev);
  for (const auto& h : cur.hosts) {
    c.host(h.address);
    for (const auto& p : h.ports)
      c.port({h.address, p.protocol, p.number, p.service, p.product, p.version});
    for (const auto& f : h.findings)
      c.finding({h.address, f.rule->id, std::string(to_string(f.rule->severity)), f.protocol,
                 f.port, f.detail});
  }
  return c.finish(static_cast<std::int64_t>(cur.score));
}

Diff diff_result_json(const json& prev, const json& cur) {
  Comparer c(prev);
  if (!cur.is_object() || str(cur, "schema") != kResultSchema || !cur.contains("hosts") ||
      !cur["hosts"].is_array())
    throw InputError(std::string("pas un résultat d'analyse d'exposition (schéma ") +
                     kResultSchema + " attendu)");
  for (const auto& h : cur["hosts"]) {
    if (!h.is_object()) continue;
    c.host(str(h, "address"));
    Comparer::for_each_port(h, [&](ExposureRef e) { c.port(std::move(e)); });
    Comparer::for_each_finding(h, [&](FindingRef f) { c.finding(std::move(f)); });
  }
  std::int64_t score = 0;
  if (cur.contains("summary") && cur["summary"].is_object() && cur["summary"].contains("score") &&
      cur["summary"]["score"].is_number())
    score = cur["summary"]["score"].get<std::int64_t>();
  return c.finish(score);
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
          {"scope_differs", d.scope_differs()},
          {"hosts_not_covered", d.hosts_not_covered},
          {"hosts_not_in_previous", d.hosts_not_in_previous},
          {"not_covered", exposures(d.not_covered)},
          {"changed_versions", std::move(changed)},
          {"new_findings", findings(d.new_findings)},
          {"resolved_findings", findings(d.resolved_findings)}};
}

std::string scope_text(const Diff& d) {
  std::string s = "Attention : les deux analyses ne couvrent pas les mêmes adresses";
  std::vector<std::string> parts;
  if (d.hosts_not_covered)
    parts.push_back(plural(static_cast<std::int64_t>(d.hosts_not_covered),
                           "hôte de l'analyse précédente non couvert par ce scan",
                           "hôtes de l'analyse précédente non couverts par ce scan") +
                    " (" +
                    plural(static_cast<std::int64_t>(d.not_covered.size()),
                           "port non compté comme fermé", "ports non comptés comme fermés") +
                    ")");
  if (d.hosts_not_in_previous)
    parts.push_back(plural(static_cast<std::int64_t>(d.hosts_not_in_previous),
                           "hôte absent de l'analyse précédente",
                           "hôtes absents de l'analyse précédente"));
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? " ; " : " : ") + parts[i];
  return s + ".";
}

std::string to_text(const Diff& d) {
  std::string s = "Comparaison avec l'analyse du " + french_date_text(d.previous_as_of) + "\n";
  s += "Score : " + std::to_string(d.previous_score) + " → " + std::to_string(d.score) + "\n";
  s += "Nouvelles expositions : " + std::to_string(d.opened.size()) + "\n";
  s += "Expositions fermées : " + std::to_string(d.closed.size()) + "\n";
  if (d.scope_differs()) s += scope_text(d) + "\n";
  s += "Versions changées : " + std::to_string(d.changed.size()) + "\n";
  s += "Nouveaux constats : " + std::to_string(d.new_findings.size()) + "\n";
  s += "Constats résolus : " + std::to_string(d.resolved_findings.size()) + "\n";
  return s;
}

}  // namespace carepilot::exposure
