// The control graph and the paths to Tier 0. An edge u -> v means "whoever controls u can
// take control of v" (group membership, ACL rights, local admin, sessions, delegation,
// GPO links, containment, SID history). One breadth-first search over the reversed edges,
// started from every Tier 0 object at once, gives every principal's shortest path in
// O(V + E); counting the shortest-path-tree descendants of each edge gives the choke
// points (the edges whose removal cuts the most shortest paths).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "adaudit/model.hpp"
#include "adaudit/rules/adcs.hpp"

namespace carepilot::adaudit {

// Edge kinds: the ACL rights (values of Right) and the structural relations below.
namespace edge {
inline constexpr std::uint8_t kMemberOf = 100;
inline constexpr std::uint8_t kAdminTo = 101;
inline constexpr std::uint8_t kHasSession = 102;
inline constexpr std::uint8_t kAllowedToDelegate = 103;
inline constexpr std::uint8_t kAllowedToAct = 104;
inline constexpr std::uint8_t kGpLink = 105;
inline constexpr std::uint8_t kContains = 106;
inline constexpr std::uint8_t kHasSidHistory = 107;
// Unconstrained delegation: a domain controller's authentication, coerced towards the
// holder (printer bug, PetitPotam ...), leaves its TGT there: holder -> domain.
inline constexpr std::uint8_t kCoerceToTgt = 108;
// AD CS (adcs.hpp): account -> domain (ESC1, ESC3, ESC6, ESC7), template -> domain (ESC4,
// for whoever controls the template), account -> group linked to an issuance policy (ESC13).
inline constexpr std::uint8_t kEsc1 = 109;
inline constexpr std::uint8_t kEsc3 = 110;
inline constexpr std::uint8_t kEsc4 = 111;
inline constexpr std::uint8_t kEsc6 = 112;
inline constexpr std::uint8_t kEsc7 = 113;
inline constexpr std::uint8_t kEsc13 = 114;
}  // namespace edge
std::string_view edge_name(std::uint8_t kind);

// BloodHound edge kinds that the graph does not model, with the reason (French); the report
// lists them so that a comparison with BloodHound reads right.
struct UnmodelledEdge {
  std::string_view kind;
  std::string_view reason;
};
const std::vector<UnmodelledEdge>& unmodelled_edges();

struct ChokePoint {
  std::uint32_t from = kNone;
  std::uint32_t to = kNone;
  std::uint8_t kind = 0;
  std::uint64_t paths = 0;  // non-privileged users/computers whose shortest path uses it
};

struct ControlPaths {
  std::vector<std::uint32_t> next;  // next hop towards Tier 0; kNone for roots / unreached
  std::vector<std::uint8_t> next_kind;
  std::vector<std::uint32_t> dist;  // hops to Tier 0; kNone when unreachable
  std::uint64_t edges = 0;
  std::uint64_t tier0 = 0;               // roots of the search
  std::uint64_t reached = 0;             // objects with a path (roots excluded)
  std::uint64_t exposed_users = 0;       // enabled non-privileged users with a path
  std::uint64_t exposed_computers = 0;   // enabled non-privileged computers with a path
  std::vector<std::uint32_t> exposed;    // those users and computers, nearest first
  std::vector<ChokePoint> choke_points;  // heaviest first

  bool has_path(std::uint32_t i) const { return dist[i] != kNone && dist[i] > 0; }
  // Nodes from `from` to the Tier 0 object it reaches (both included).
  std::vector<std::uint32_t> path(std::uint32_t from) const;
};

// `tier0[i]` marks the roots, `privileged[i]` the objects that are not counted as exposed
// (members of the privileged groups, the roots themselves).
ControlPaths compute_control_paths(const Directory& dir, const std::vector<std::uint8_t>& tier0,
                                   const std::vector<std::uint8_t>& privileged,
                                   const std::vector<ExtraEdge>& extra = {},
                                   std::size_t max_choke_points = 10);

}  // namespace carepilot::adaudit
