// What every rule sees: the directory, the audit date and the facts derived once for all
// rules (privileged principals, Tier 0, Protected Users members, control paths).
#pragma once

#include <cstdint>
#include <vector>

#include "adaudit/model.hpp"
#include "adaudit/paths/control_paths.hpp"
#include "common/date.hpp"

namespace carepilot::adaudit {

struct Context {
  const Directory& dir;
  Date as_of;
  std::int64_t now = 0;                       // as_of at midnight UTC, Unix seconds
  std::vector<std::uint8_t> tier0;            // roots: admin groups, DCs, domains, krbtgt ...
  std::vector<std::uint8_t> privileged;       // tier0 and transitive members of admin groups
  std::vector<std::uint8_t> protected_users;  // transitive members of Protected Users
  std::vector<std::uint32_t> admin_groups;    // the privileged groups themselves
  AdcsAnalysis adcs;                          // AD CS escalations (their edges are in `paths`)
  ControlPaths paths;

  // Days from t to the audit date; a large value when t is unknown (0).
  std::int64_t age_days(std::int64_t t) const { return t <= 0 ? 1000000 : (now - t) / 86400; }
  bool is_dc(std::uint32_t i) const;
  bool is_priv(std::uint32_t i) const { return privileged[i] != 0; }
  // Transitive members (groups expanded, primary group included) of a group.
  std::vector<std::uint32_t> members_of(std::uint32_t group) const;
  // Groups of a given RID (domain groups) or builtin RID, one per domain.
  std::vector<std::uint32_t> groups_with_rid(std::uint32_t rid) const;
  std::vector<std::uint32_t> builtin_groups(std::uint32_t rid) const;

  std::vector<std::vector<std::uint32_t>> primary_members;  // by group index (sparse)
};

Context make_context(const Directory& dir, Date as_of);

}  // namespace carepilot::adaudit
