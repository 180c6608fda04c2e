#include "adaudit/audit.hpp"

#include <algorithm>
#include <chrono>

#include "adaudit/context.hpp"

namespace carepilot::adaudit {

namespace {

AffectedObject describe(const Directory& dir, std::uint32_t i) {
  const Object& o = dir.at(i);
  return {o.id, o.name.empty() ? o.id : o.name, std::string(to_string(o.type))};
}

}  // namespace

int level_of(const std::vector<Finding>& findings) {
  int level = 5;
  for (const auto& f : findings)
    if (f.status == Status::Fail && f.rule->level > 0) level = std::min(level, f.rule->level);
  return level;
}

AuditResult run_audit(const Directory& dir, Date as_of, const AuditOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  AuditResult r;
  r.as_of = as_of;
  const Context ctx = make_context(dir, as_of);
  for (const auto& rule : all_rules()) {
    Outcome out = rule.check(ctx);
    Finding f;
    f.rule = &rule.info;
    f.status = out.status;
    f.detail = std::move(out.detail);
    f.count = out.objects.size() + out.items.size();
    for (std::size_t k = 0; k < out.objects.size() && k < options.max_affected; ++k)
      f.objects.push_back(describe(dir, out.objects[k]));
    for (std::size_t k = 0; k < out.items.size() && k < options.max_affected; ++k)
      f.items.push_back(std::move(out.items[k]));
    if (f.status == Status::Fail) {
      auto& s = r.scores[static_cast<std::size_t>(rule.info.category)];
      s = std::min(100, s + rule.info.points);
    }
    r.findings.push_back(std::move(f));
  }
  r.level = level_of(r.findings);
  r.global_score = *std::max_element(r.scores.begin(), r.scores.end());

  const ControlPaths& p = ctx.paths;
  r.control.nodes = dir.size();
  r.control.edges = p.edges;
  r.control.tier0 = p.tier0;
  r.control.reached = p.reached;
  r.control.exposed_users = p.exposed_users;
  r.control.exposed_computers = p.exposed_computers;
  for (std::size_t k = 0; k < p.exposed.size() && k < options.max_paths; ++k) {
    std::vector<PathStep> steps;
    const auto nodes = p.path(p.exposed[k]);
    for (std::size_t s = 0; s < nodes.size(); ++s)
      steps.push_back({describe(dir, nodes[s]), s + 1 < nodes.size()
                                                    ? std::string(edge_name(p.next_kind[nodes[s]]))
                                                    : std::string()});
    r.control.sample_paths.push_back(std::move(steps));
  }
  for (const auto& c : p.choke_points)
    r.control.choke_points.push_back(
        {describe(dir, c.from), describe(dir, c.to), std::string(edge_name(c.kind)), c.paths});

  r.format = dir.format;
  r.schema_version = dir.schema_version;
  r.sources = dir.sources;
  for (const auto& o : dir.objects())
    if (o.defined) ++r.objects_by_type[static_cast<std::size_t>(o.type)];
  r.warnings_total = dir.warnings.total();
  for (const auto& [k, v] : dir.warnings.by_kind) r.warnings_by_kind.emplace_back(k, v);
  r.warning_samples = dir.warnings.samples;
  for (const auto& d : dir.domains) r.domains.push_back(d.name);
  r.analysis_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace carepilot::adaudit
