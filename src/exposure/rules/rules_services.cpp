// Services that must never face the internet, and cleartext protocols (services.yaml).
#include <algorithm>

#include "exposure/rules/rule.hpp"

namespace carepilot::exposure {

namespace {

bool matches(const ServiceEntry& e, const Port& p) {
  if (e.unless_tls && p.tls) return false;
  for (const auto& r : e.ports)
    if (r.number == p.number && r.protocol == p.protocol) return true;
  return !p.service.empty() &&
         std::find(e.names.begin(), e.names.end(), p.service) != e.names.end();
}

std::string describe(const Port& p) {
  std::string s = p.protocol + "/" + std::to_string(p.number);
  std::string what = p.product.empty() ? p.service : p.product;
  if (!what.empty()) {
    s += " (" + what;
    if (!p.product.empty() && !p.version.empty()) s += " " + p.version;
    s += ")";
  }
  return s;
}

void service_check(const Context& ctx, const RuleInfo& rule, const Host&, const Port& p,
                   std::vector<Finding>& out) {
  for (const auto& e : ctx.data.services) {
    if (e.rule != rule.id || !matches(e, p)) continue;
    out.push_back({&rule, p.protocol, p.number, 0, e.label + " ouvert sur le port " + describe(p)});
    return;  // one finding per port and rule
  }
}

}  // namespace

std::vector<Rule> service_rules() {
  return {
      {"exposed-remote-admin", service_check},
      {"exposed-file-sharing", service_check},
      {"exposed-database", service_check},
      {"exposed-directory", service_check},
      {"exposed-snmp", service_check},
      {"exposed-printer", service_check},
      {"exposed-remote-maintenance", service_check},
      {"cleartext-protocol", service_check},
  };
}

}  // namespace carepilot::exposure
