#include "adaudit/audit.hpp"

#include <algorithm>
#include <chrono>

#include "adaudit/context.hpp"
#include "common/ad_labels.hpp"

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

int level_floor_of(const std::vector<Finding>& findings) {
  int level = 5;
  for (const auto& f : findings)
    if (f.status != Status::Pass && f.rule->level > 0) level = std::min(level, f.rule->level);
  return level;
}

std::string level_text(const AuditResult& r) {
  const int retained = retained_level(r);
  std::string s = std::to_string(retained) + "/5";
  if (r.complete()) return s;
  if (retained < r.level)
    return s + " (audit incomplet : le niveau réel est entre " + std::to_string(retained) + " et " +
           std::to_string(r.level) + ")";
  return s + " (audit incomplet)";
}

namespace {

// The parts or fields of the collection by their French names (data/labels/labels.yaml):
// « système d'exploitation (ordinateurs) », never "computers.operatingsystem".
std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + ad_collection_label(s);
  return out;
}

// Applies what the rule needs to its outcome. Missing data can hide a failure (an absent
// ACL, an absent user) but only the groups' memberships can create a false one (a member
// of Domain Admins taken for an ordinary account): so a pass with anything missing becomes
// "non évaluée", and a failure is kept, marked partial, unless the memberships are
// incomplete.
void apply_coverage(const Directory& dir, const Rule& rule, Outcome& out,
                    std::vector<std::string>& missing_parts) {
  if (out.status == Status::NotEvaluated) return;
  const Needs* needs = needs_of(rule.info.id);
  const Coverage cov = needs ? coverage(dir, *needs) : Coverage{};
  for (const auto& p : cov.missing_parts)
    if (std::find(missing_parts.begin(), missing_parts.end(), p) == missing_parts.end())
      missing_parts.push_back(p);
  std::vector<std::string> why;
  if (!cov.missing_parts.empty())
    why.push_back("parties absentes de la collecte : " + join(cov.missing_parts));
  if (!cov.missing_fields.empty())
    why.push_back("champs absents de la collecte : " + join(cov.missing_fields));
  if (!cov.partial_fields.empty())
    why.push_back("champs absents d'une partie des objets : " + join(cov.partial_fields));
  if (!dir.incomplete.empty()) why.push_back("collecte tronquée");
  if (why.empty()) return;
  auto listed = [](const std::vector<std::string>& v, std::string_view x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  // A collection cut short (an LDIF export stopped by the server's size limit) leaves the
  // groups it did not reach unknown: only a rule that reads memberships can then take a
  // privileged account for an ordinary one. The failures of the other rules, found on the
  // objects read, stand (issue 14 trial: a cut export scored 0/100, « au plus 5 », while the
  // same export uncut is level 1).
  bool reads_memberships = needs && (needs->parts & part_bit(Part::Groups)) != 0;
  if (needs)
    for (const auto& fn : needs->fields)
      if (fn.type == ObjectType::Group && (fn.fields & field::kMembers)) reads_memberships = true;
  const bool memberships_unknown = listed(cov.missing_parts, "groups") ||
                                   listed(cov.missing_fields, "groups.Members") ||
                                   listed(cov.partial_fields, "groups.Members") ||
                                   (!dir.incomplete.empty() && reads_memberships);
  std::string text;
  for (const auto& w : why) text += (text.empty() ? "" : " ; ") + w;
  if (out.status == Status::Fail && !memberships_unknown) {
    out.detail += " (évaluation partielle : " + text + ")";
  } else {
    out = not_evaluated(text);
  }
}

}  // namespace

AuditResult run_audit(const Directory& dir, Date as_of, const AuditOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  AuditResult r;
  r.as_of = as_of;
  const Context ctx = make_context(dir, as_of);
  for (const auto& rule : all_rules()) {
    Outcome out = rule.check(ctx);
    apply_coverage(dir, rule, out, r.missing_parts);
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
  // SharpHound writes the CA chain (rootcas.json, aiacas.json) beside the other AD CS files:
  // a collection with AD CS files but without those is partial, listed so, even though no
  // rule reads the chain (the rules read NTAuth, which they declare; LDIF and ORADAD have no
  // such files).
  const std::uint32_t adcs_files = part_bit(Part::CertTemplates) | part_bit(Part::EnterpriseCas) |
                                   part_bit(Part::NtAuthStores) | part_bit(Part::IssuancePolicies);
  if (dir.format == "sharphound" && (dir.parts & adcs_files) != 0)
    for (const Part p : {Part::RootCas, Part::AiaCas}) {
      const std::string name(to_string(p));
      if ((dir.parts & part_bit(p)) == 0 &&
          std::find(r.missing_parts.begin(), r.missing_parts.end(), name) == r.missing_parts.end())
        r.missing_parts.push_back(name);
    }
  r.level = level_of(r.findings);
  r.level_floor = level_floor_of(r.findings);
  r.level_bounded = r.level_floor < r.level;
  r.incomplete = dir.incomplete;
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
    for (std::size_t s = 0; s < nodes.size(); ++s) {
      PathStep step{describe(dir, nodes[s]), "", ""};
      if (s + 1 < nodes.size()) {
        step.edge = edge_name(p.next_kind[nodes[s]]);
        if (p.next_kind[nodes[s]] == edge::kAdminTo)
          for (const auto& [admin, where] : dir.at(nodes[s + 1]).gpo_admin_grants)
            if (admin == nodes[s]) {
              step.via = "GPO liées à " + describe(dir, where).name;
              break;
            }
      }
      steps.push_back(std::move(step));
    }
    r.control.sample_paths.push_back(std::move(steps));
  }
  for (const auto& c : p.choke_points)
    r.control.choke_points.push_back(
        {describe(dir, c.from), describe(dir, c.to), std::string(edge_name(c.kind)), c.paths});

  r.format = dir.format;
  r.schema_version = dir.schema_version;
  r.sources = dir.sources;
  for (const auto& o : dir.objects()) {
    if (!o.defined) continue;
    if (o.has(flag::kWellKnown)) {
      ++r.well_known;
    } else {
      ++r.objects_by_type[static_cast<std::size_t>(o.type)];
    }
  }
  r.aces_read = dir.aces_read;
  r.warnings_total = dir.warnings.total();
  for (const auto& [k, v] : dir.warnings.by_kind) r.warnings_by_kind.emplace_back(k, v);
  r.warning_samples = dir.warnings.samples;
  for (const auto& d : dir.domains) r.domains.push_back(d.name);
  r.analysis_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace carepilot::adaudit
