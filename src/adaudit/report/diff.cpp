#include "adaudit/report/diff.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "adaudit/readers/input_error.hpp"
#include "adaudit/report/result_json.hpp"

namespace carepilot::adaudit {

namespace {

struct Side {
  std::string title;
  std::uint64_t count = 0;
  std::set<std::string> ids;
};

std::map<std::string, Side> findings_of(const nlohmann::json& j, const char* which) {
  if (!j.is_object() || j.value("schema", "") != kResultSchema || !j.contains("findings") ||
      !j["findings"].is_array())
    throw InputError(std::string(which) +
                     " : ce n'est pas un résultat d'audit AD carepilot (schéma " + kResultSchema +
                     " attendu)");
  std::map<std::string, Side> out;
  for (const auto& f : j["findings"]) {
    if (!f.is_object() || !f.contains("rule_id") || !f["rule_id"].is_string())
      throw InputError(std::string(which) + " : constat sans rule_id");
    Side s;
    s.title = f.value("title", "");
    s.count = f.value("count", std::uint64_t{0});
    if (f.contains("affected") && f["affected"].is_array())
      for (const auto& o : f["affected"])
        if (o.is_object() && o.contains("id") && o["id"].is_string())
          s.ids.insert(o["id"].get<std::string>());
    if (f.contains("items") && f["items"].is_array())
      for (const auto& o : f["items"])
        if (o.is_string()) s.ids.insert(o.get<std::string>());
    out[f["rule_id"].get<std::string>()] = std::move(s);
  }
  return out;
}

int int_at(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<int>() : 0;
}

// The rules a result could not evaluate (rules.not_evaluated[].rule_id).
std::set<std::string> not_evaluated_of(const nlohmann::json& j) {
  std::set<std::string> out;
  if (!j.contains("rules") || !j["rules"].is_object()) return out;
  const auto& list = j["rules"].value("not_evaluated", nlohmann::json::array());
  if (!list.is_array()) return out;
  for (const auto& x : list)
    if (x.is_object() && x.contains("rule_id") && x["rule_id"].is_string())
      out.insert(x["rule_id"].get<std::string>());
  return out;
}

std::vector<std::string> domains_of(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (j.contains("domains") && j["domains"].is_array())
    for (const auto& x : j["domains"])
      if (x.is_string()) out.push_back(x.get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

bool complete_of(const nlohmann::json& j) {
  return !(j.contains("complete") && j["complete"].is_boolean()) || j["complete"].get<bool>();
}

}  // namespace

std::string domains_text(const std::vector<std::string>& domains) {
  std::string out;
  for (const auto& x : domains) out += (out.empty() ? "" : ", ") + x;
  return out;
}

bool AuditDiff::domains_differ() const {
  return !old_domains.empty() && !new_domains.empty() && old_domains != new_domains;
}

AuditDiff diff_results(const nlohmann::json& o, const nlohmann::json& n) {
  const auto before = findings_of(o, "ancien résultat");
  const auto after = findings_of(n, "nouveau résultat");
  AuditDiff d;
  d.old_date = o.value("date", "");
  d.new_date = n.value("date", "");
  d.old_level = int_at(o, "level");
  d.new_level = int_at(n, "level");
  if (o.contains("score") && o["score"].is_object()) d.old_score = int_at(o["score"], "global");
  if (n.contains("score") && n["score"].is_object()) d.new_score = int_at(n["score"], "global");
  d.old_complete = complete_of(o);
  d.new_complete = complete_of(n);
  d.old_domains = domains_of(o);
  d.new_domains = domains_of(n);
  const auto unchecked = not_evaluated_of(n);
  for (const auto& [id, s] : after) {
    DiffEntry e{id, s.title, 0, s.count, {}, {}};
    const auto it = before.find(id);
    if (it == before.end()) {
      d.added.push_back(std::move(e));
      continue;
    }
    e.old_count = it->second.count;
    std::set_difference(s.ids.begin(), s.ids.end(), it->second.ids.begin(), it->second.ids.end(),
                        std::back_inserter(e.added));
    std::set_difference(it->second.ids.begin(), it->second.ids.end(), s.ids.begin(), s.ids.end(),
                        std::back_inserter(e.removed));
    d.unchanged.push_back(std::move(e));
  }
  for (const auto& [id, s] : before)
    if (!after.count(id))
      (unchecked.count(id) ? d.not_evaluated : d.resolved)
          .push_back({id, s.title, s.count, 0, {}, {}});
  return d;
}

nlohmann::json to_json(const AuditDiff& d) {
  auto list = [](const std::vector<DiffEntry>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& e : v)
      a.push_back({{"rule_id", e.rule_id},
                   {"title", e.title},
                   {"old_count", e.old_count},
                   {"new_count", e.new_count},
                   {"added_objects", e.added},
                   {"removed_objects", e.removed}});
    return a;
  };
  return {{"schema", "carepilot.ad_audit_diff/1"},
          {"old",
           {{"date", d.old_date},
            {"level", d.old_level},
            {"score", d.old_score},
            {"complete", d.old_complete},
            {"domains", d.old_domains}}},
          {"new",
           {{"date", d.new_date},
            {"level", d.new_level},
            {"score", d.new_score},
            {"complete", d.new_complete},
            {"domains", d.new_domains}}},
          {"domains_differ", d.domains_differ()},
          {"new_findings", list(d.added)},
          {"resolved_findings", list(d.resolved)},
          {"not_evaluated_findings", list(d.not_evaluated)},
          {"unchanged_findings", list(d.unchanged)}};
}

std::string to_text(const AuditDiff& d) {
  auto level = [](int l, bool complete) {
    return std::to_string(l) + (complete ? "" : " (audit incomplet)");
  };
  std::string s = "Évolution " + d.old_date + " → " + d.new_date + "\n";
  if (d.domains_differ())
    s += "Attention : les deux audits portent sur des domaines différents (" +
         domains_text(d.old_domains) + " puis " + domains_text(d.new_domains) +
         ") ; la comparaison n'a pas de sens.\n";
  s += "Niveau ANSSI : " + level(d.old_level, d.old_complete) + " → " +
       level(d.new_level, d.new_complete) + "\n";
  s += "Score global : " + std::to_string(d.old_score) + " → " + std::to_string(d.new_score) + "\n";
  auto section = [&](const char* title, const std::vector<DiffEntry>& v) {
    s += std::string(title) + " (" + std::to_string(v.size()) + ")\n";
    for (const auto& e : v) {
      s += "  " + e.rule_id + " — " + e.title + " [" + std::to_string(e.old_count) + " → " +
           std::to_string(e.new_count) + "]";
      if (!e.added.empty() || !e.removed.empty())
        s += " +" + std::to_string(e.added.size()) + " / -" + std::to_string(e.removed.size()) +
             " objets";
      s += "\n";
    }
  };
  section("Nouveaux constats", d.added);
  section("Constats résolus", d.resolved);
  section("Constats non évalués par le nouvel audit (collecte incomplète)", d.not_evaluated);
  section("Constats inchangés", d.unchanged);
  return s;
}

}  // namespace carepilot::adaudit
