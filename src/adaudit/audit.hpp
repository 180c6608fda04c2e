// Runs every rule and the control-path analysis on a directory and condenses the result:
// ANSSI level, score per category, findings with their affected objects, paths to Tier 0
// and choke points. The result is plain data, ready for the JSON and HTML writers.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "adaudit/model.hpp"
#include "adaudit/rules/rule.hpp"
#include "common/date.hpp"

namespace carepilot::adaudit {

struct AffectedObject {
  std::string id;
  std::string name;
  std::string type;
};

struct Finding {
  const RuleInfo* rule = nullptr;
  Status status = Status::Pass;
  std::string detail;
  std::size_t count = 0;                // affected objects + items, before truncation
  std::vector<AffectedObject> objects;  // at most AuditOptions::max_affected
  std::vector<std::string> items;
};

struct PathStep {
  AffectedObject node;
  std::string edge;  // edge leaving this node towards Tier 0; empty for the last node
  // Where the edge comes from when the edge alone does not say it, in French: an AdminTo
  // granted by the GPOs linked to an OU or domain reads "GPO liées à ESC1.LOCAL". Empty else.
  std::string via;
};

struct ChokePointReport {
  AffectedObject from, to;
  std::string edge;
  std::uint64_t paths = 0;
};

struct ControlSummary {
  std::uint64_t nodes = 0, edges = 0, tier0 = 0, reached = 0;
  std::uint64_t exposed_users = 0, exposed_computers = 0;
  std::vector<std::vector<PathStep>> sample_paths;  // shortest paths of exposed principals
  std::vector<ChokePointReport> choke_points;
};

struct AuditOptions {
  std::size_t max_affected = 1000;  // per finding
  std::size_t max_paths = 20;
};

struct AuditResult {
  Date as_of;
  int level = 5;  // ANSSI level 1-5: the lowest level among failing checkpoints
  // True when a checkpoint of a lower level than `level` could not be evaluated: the
  // directory is then "au plus" at `level`, and `level_floor` is the lowest level it may
  // really have (the lowest level among failing and non-evaluated checkpoints).
  bool level_bounded = false;
  int level_floor = 5;
  // Collection parts some rule needed and did not find ("users" ...), and the reasons the
  // collection is known to be partial (LDIF cut by the server ...).
  std::vector<std::string> missing_parts;
  std::vector<std::string> incomplete;
  bool complete() const { return missing_parts.empty() && incomplete.empty() && !level_bounded; }
  std::array<int, 4> scores{};    // by Category, 0-100, lower is better
  int global_score = 0;           // max of the category scores
  std::vector<Finding> findings;  // every rule, in all_rules() order
  ControlSummary control;
  // Input summary.
  std::string format;
  int schema_version = 0;
  std::vector<std::string> sources;
  std::array<std::uint64_t, kObjectTypes> objects_by_type{};  // by ObjectType
  std::uint64_t aces_read = 0;   // access-control entries read from the input
  std::uint64_t well_known = 0;  // well-known principals listed (not counted as accounts)
  std::uint64_t warnings_total = 0;
  std::vector<std::pair<std::string, std::uint64_t>> warnings_by_kind;
  std::vector<std::string> warning_samples;
  std::vector<std::string> domains;
  double analysis_seconds = 0;
};

AuditResult run_audit(const Directory& dir, Date as_of, const AuditOptions& options = {});

// Level from findings: the lowest ANSSI level among failing checkpoints, 5 when none.
int level_of(const std::vector<Finding>& findings);
// The lowest ANSSI level among failing and non-evaluated checkpoints, 5 when none.
int level_floor_of(const std::vector<Finding>& findings);
// The level carepilot retains, the same on every page, report, JSON result, evidence and the
// command line: `level` for a complete audit; for an incomplete one `level_floor`, the lowest
// level its non-evaluated checkpoints leave possible, so that a partial collection never
// reads better than the complete one would (issue 14: removing a file never improves the
// level; trial: a collection without users.json read « au plus 3 — les vulnérabilités
// majeures sont traitées » where the complete one is level 1).
inline int retained_level(const AuditResult& r) {
  return r.complete() ? r.level : r.level_floor;
}
// "3/5"; "1/5 (audit incomplet : le niveau réel est entre 1 et 3)"; "2/5 (audit incomplet)".
std::string level_text(const AuditResult& r);

}  // namespace carepilot::adaudit
