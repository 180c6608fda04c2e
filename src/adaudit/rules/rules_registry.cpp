#include <algorithm>
#include <map>
#include <stdexcept>

#include "adaudit/rules/rule.hpp"
#include "common/data_file.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"

namespace carepilot::adaudit {

namespace data_files {
const std::map<std::string_view, std::string_view>& embedded_files();
}

const std::vector<AnssiMapping>& anssi_mapping() {
  static const std::vector<AnssiMapping> all = [] {
    constexpr const char* kFile = "data/adaudit/anssi_checkpoints.yaml";
    const auto root = load_data_map(
        std::string(data_files::embedded_files().at("anssi_checkpoints.yaml")), kFile);
    if (!root["rules"] || !root["rules"].IsMap())
      throw std::invalid_argument(std::string(kFile) + " : table « rules » absente");
    std::vector<AnssiMapping> out;
    for (const auto& kv : root["rules"]) {
      AnssiMapping m;
      m.rule = kv.first.as<std::string>();
      const auto& e = kv.second;
      const auto text = [&](const char* key) {
        return e[key] && !e[key].IsNull() ? e[key].as<std::string>() : std::string();
      };
      m.checkpoint = text("checkpoint");
      m.level = e["level"] && !e["level"].IsNull() ? e["level"].as<int>() : 0;
      m.basis = text("basis");
      m.note = text("note");
      m.reason = text("reason");
      out.push_back(std::move(m));
    }
    return out;
  }();
  return all;
}

const AnssiMapping* anssi_mapping_of(std::string_view rule_id) {
  for (const auto& m : anssi_mapping())
    if (m.rule == rule_id) return &m;
  return nullptr;
}

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
  return ad_category_label(to_string(c));
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

std::string counted(std::uint64_t n, std::string_view phrase) {
  const bool one = n <= 1;
  std::string out = french_integer(static_cast<std::int64_t>(n)) + " ";
  bool marked = false;
  for (std::size_t i = 0; i < phrase.size();) {
    if (phrase[i] != '{') {
      out += phrase[i++];
      continue;
    }
    const std::size_t end = phrase.find('}', i);
    if (end == std::string_view::npos)
      throw std::logic_error("counted: « { » sans « } » dans « " + std::string(phrase) + " »");
    const std::string_view mark = phrase.substr(i + 1, end - i - 1);
    const std::size_t bar = mark.find('|');
    if (bar != std::string_view::npos)
      out += one ? mark.substr(0, bar) : mark.substr(bar + 1);
    else if (!one)
      out += mark;
    marked = true;
    i = end + 1;
  }
  if (!marked)
    throw std::logic_error("counted: phrase sans accord « " + std::string(phrase) + " »");
  return out;
}

Outcome fail_if_any(std::vector<std::uint32_t> objects, const std::string& what) {
  Outcome o;
  std::sort(objects.begin(), objects.end());
  objects.erase(std::unique(objects.begin(), objects.end()), objects.end());
  o.status = objects.empty() ? Status::Pass : Status::Fail;
  o.detail = counted(objects.size(), what);
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
    // The ANSSI checkpoint and level are data (data/adaudit/anssi_checkpoints.yaml); a rule
    // without an entry has none (tests/adaudit/rules_test.cpp fails on it).
    for (auto& r : all)
      if (const auto* m = anssi_mapping_of(r.info.id)) {
        r.info.anssi_id = m->checkpoint;
        r.info.level = m->checkpoint.empty() ? 0 : m->level;
      }
    return all;
  }();
  return rules;
}

}  // namespace carepilot::adaudit
