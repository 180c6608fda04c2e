#include <algorithm>

#include "adaudit/rules/rule.hpp"

namespace carepilot::adaudit {

std::string_view to_string(Category c) {
  switch (c) {
    case Category::StaleObjects:
      return "stale_objects";
    case Category::PrivilegedAccounts:
      return "privileged_accounts";
    case Category::Trusts:
      return "trusts";
    case Category::Anomalies:
      return "anomalies";
  }
  return "anomalies";
}

std::string_view french_name(Category c) {
  switch (c) {
    case Category::StaleObjects:
      return "Objets obsolètes";
    case Category::PrivilegedAccounts:
      return "Comptes à privilèges";
    case Category::Trusts:
      return "Relations d'approbation";
    case Category::Anomalies:
      return "Anomalies";
  }
  return "Anomalies";
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::Pass:
      return "pass";
    case Status::Fail:
      return "fail";
    case Status::NotEvaluated:
      return "not_evaluated";
  }
  return "not_evaluated";
}

Outcome fail_if_any(std::vector<std::uint32_t> objects, const std::string& what) {
  Outcome o;
  std::sort(objects.begin(), objects.end());
  objects.erase(std::unique(objects.begin(), objects.end()), objects.end());
  o.status = objects.empty() ? Status::Pass : Status::Fail;
  o.detail = std::to_string(objects.size()) + " " + what;
  o.objects = std::move(objects);
  return o;
}

Outcome not_evaluated(const std::string& why) {
  Outcome o;
  o.status = Status::NotEvaluated;
  o.detail = why;
  return o;
}

bool is_enabled_user(const Object& o) {
  return o.defined && o.type == ObjectType::User && o.enabled() && !o.has(flag::kDeleted) &&
         !o.has(flag::kWellKnown);
}
bool is_enabled_computer(const Object& o) {
  return o.defined && o.type == ObjectType::Computer && o.enabled() && !o.has(flag::kDeleted);
}

const std::vector<Rule>& all_rules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> all;
    for (auto family :
         {stale_object_rules, privileged_account_rules, trust_rules, anomaly_rules, adcs_rules}) {
      auto part = family();
      all.insert(all.end(), part.begin(), part.end());
    }
    return all;
  }();
  return rules;
}

}  // namespace carepilot::adaudit
