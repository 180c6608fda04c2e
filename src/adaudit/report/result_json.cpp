#include "adaudit/report/result_json.hpp"

#include "adaudit/paths/control_paths.hpp"

namespace carepilot::adaudit {

namespace {

nlohmann::json object_json(const AffectedObject& o) {
  return {{"id", o.id}, {"name", o.name}, {"type", o.type}};
}

}  // namespace

nlohmann::json to_json(const AuditResult& r) {
  using nlohmann::json;
  json j;
  j["schema"] = kResultSchema;
  j["evidence_type"] = "ad_audit";
  j["date"] = format_date(r.as_of);
  // The retained level (retained_level): for an incomplete audit the lowest its non-evaluated
  // checkpoints leave possible; `level_ceiling` the level of its failing checkpoints alone,
  // which the real level cannot exceed.
  j["level"] = retained_level(r);
  j["level_ceiling"] = r.level;
  j["level_bounded"] = r.level_bounded;
  j["level_floor"] = r.level_floor;
  j["complete"] = r.complete();
  j["missing_parts"] = r.missing_parts;
  j["incomplete"] = r.incomplete;
  json scores = json::object();
  for (std::size_t c = 0; c < r.scores.size(); ++c)
    scores[std::string(to_string(static_cast<Category>(c)))] = r.scores[c];
  scores["global"] = r.global_score;
  j["score"] = scores;
  j["domains"] = r.domains;
  json counts = json::object();
  for (std::size_t t = 0; t < r.objects_by_type.size(); ++t)
    if (r.objects_by_type[t])
      counts[std::string(to_string(static_cast<ObjectType>(t)))] = r.objects_by_type[t];
  json warnings = json::object();
  for (const auto& [k, v] : r.warnings_by_kind) warnings[k] = v;
  j["input"] = {
      {"format", r.format},
      {"schema_version", r.schema_version},
      {"files", r.sources},
      {"objects", counts},
      {"well_known_principals", r.well_known},
      {"aces", r.aces_read},
      {"warnings",
       {{"total", r.warnings_total}, {"by_kind", warnings}, {"samples", r.warning_samples}}}};
  std::size_t failed = 0, not_evaluated = 0;
  json findings = json::array();
  json skipped = json::array();
  for (const auto& f : r.findings) {
    if (f.status == Status::NotEvaluated) {
      ++not_evaluated;
      skipped.push_back({{"rule_id", f.rule->id}, {"reason", f.detail}});
      continue;
    }
    if (f.status != Status::Fail) continue;
    ++failed;
    json objs = json::array();
    for (const auto& o : f.objects) objs.push_back(object_json(o));
    json item;
    item["rule_id"] = f.rule->id;
    item["title"] = f.rule->title;
    item["category"] = to_string(f.rule->category);
    item["anssi_id"] = f.rule->anssi_id.empty() ? json(nullptr) : json(f.rule->anssi_id);
    item["anssi_level"] = f.rule->level > 0 ? json(f.rule->level) : json(nullptr);
    item["points"] = f.rule->points;
    item["detail"] = f.detail;
    item["count"] = f.count;
    item["affected"] = objs;
    item["items"] = f.items;
    item["truncated"] = f.objects.size() + f.items.size() < f.count;
    item["rationale"] = f.rule->rationale;
    item["remediation"] = f.rule->remediation;
    item["references"] = f.rule->references;
    findings.push_back(std::move(item));
  }
  j["rules"] = {{"total", r.findings.size()},
                {"failed", failed},
                {"passed", r.findings.size() - failed - not_evaluated},
                {"not_evaluated", skipped}};
  j["findings"] = findings;
  json paths = json::array();
  for (const auto& p : r.control.sample_paths) {
    json steps = json::array();
    for (const auto& s : p) {
      json step = object_json(s.node);
      if (!s.edge.empty()) step["edge"] = s.edge;
      if (!s.via.empty()) step["via"] = s.via;
      steps.push_back(step);
    }
    paths.push_back(steps);
  }
  // BloodHound edge kinds deliberately left out, so that a comparison reads right.
  json unmodelled = json::array();
  for (const auto& u : unmodelled_edges())
    unmodelled.push_back({{"kind", u.kind}, {"reason", u.reason}});
  json chokes = json::array();
  for (const auto& c : r.control.choke_points)
    chokes.push_back({{"from", object_json(c.from)},
                      {"to", object_json(c.to)},
                      {"edge", c.edge},
                      {"paths", c.paths}});
  j["control_paths"] = {{"nodes", r.control.nodes},
                        {"edges", r.control.edges},
                        {"tier0", r.control.tier0},
                        {"principals_with_path", r.control.reached},
                        {"non_privileged_users", r.control.exposed_users},
                        {"non_privileged_computers", r.control.exposed_computers},
                        {"sample_paths", paths},
                        {"edges_not_modelled", unmodelled},
                        {"choke_points", chokes}};
  return j;
}

}  // namespace carepilot::adaudit
