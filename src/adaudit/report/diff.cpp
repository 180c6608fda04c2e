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

}  // namespace

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
    if (!after.count(id)) d.resolved.push_back({id, s.title, s.count, 0, {}, {}});
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
          {"old", {{"date", d.old_date}, {"level", d.old_level}, {"score", d.old_score}}},
          {"new", {{"date", d.new_date}, {"level", d.new_level}, {"score", d.new_score}}},
          {"new_findings", list(d.added)},
          {"resolved_findings", list(d.resolved)},
          {"unchanged_findings", list(d.unchanged)}};
}

std::string to_text(const AuditDiff& d) {
  std::string s = "Évolution " + d.old_date + " → " + d.new_date + "\n";
  s += "Niveau ANSSI : " + std::to_string(d.old_level) + " → " + std::to_string(d.new_level) + "\n";
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
  section("Constats inchangés", d.unchanged);
  return s;
}

}  // namespace carepilot::adaudit
