#include "adaudit/paths/control_paths.hpp"

#include <algorithm>

namespace carepilot::adaudit {

std::string_view edge_name(std::uint8_t kind) {
  switch (kind) {
    case edge::kMemberOf:
      return "MemberOf";
    case edge::kAdminTo:
      return "AdminTo";
    case edge::kHasSession:
      return "HasSession";
    case edge::kAllowedToDelegate:
      return "AllowedToDelegate";
    case edge::kAllowedToAct:
      return "AllowedToAct";
    case edge::kGpLink:
      return "GPLink";
    case edge::kContains:
      return "Contains";
    case edge::kHasSidHistory:
      return "HasSIDHistory";
    case edge::kCoerceToTgt:
      return "CoerceToTGT";
    case edge::kEsc1:
      return "ADCSESC1";
    case edge::kEsc3:
      return "ADCSESC3";
    case edge::kEsc4:
      return "ADCSESC4";
    case edge::kEsc6:
      return "ADCSESC6";
    case edge::kEsc7:
      return "ADCSESC7";
    case edge::kEsc13:
      return "ADCSESC13";
    default:
      return to_string(static_cast<Right>(kind));
  }
}

const std::vector<UnmodelledEdge>& unmodelled_edges() {
  static const std::vector<UnmodelledEdge> v{
      {"CanRDP", "connexion interactive sans droit d'administration"},
      {"CanPSRemote", "session distante sans droit d'administration"},
      {"ExecuteDCOM", "exécution distante sans droit d'administration"},
      {"SQLAdmin", "administration d'une instance SQL, pas du système"},
      {"RemoteInteractiveLogonRight", "droit de connexion, pas de contrôle"},
      {"SameForestTrust / CrossForestTrust", "une seule forêt analysée à la fois"},
      {"SpoofSIDHistory / AbuseTGTDelegation", "chemins entre forêts, hors du domaine audité"},
      {"ClaimSpecialIdentity",
       "identités spéciales (Tout le monde …) : rattachement implicite "
       "non modélisé"},
      {"MemberOfLocalGroup / LocalToComputer", "modélisés sous la forme AdminTo"},
      {"OwnsRaw / WriteOwnerRaw", "formes brutes de Owns / WriteOwner, déjà modélisées"},
      {"GetChanges / GetChangesAll / GetChangesInFilteredSet",
       "ne donnent le contrôle qu'ensemble : modélisés par DCSync"},
      {"DCFor", "implicite : les contrôleurs de domaine sont au Tier 0"},
  };
  return v;
}

namespace {

// Calls f(from, to, kind) for every control edge.
template <typename F>
void for_each_edge(const Directory& dir, const std::vector<std::uint32_t>& unconstrained,
                   const std::vector<ExtraEdge>& extra, F&& f) {
  for (const auto& e : extra) f(e.from, e.to, e.kind);
  const auto n = static_cast<std::uint32_t>(dir.size());
  for (std::uint32_t v = 0; v < n; ++v) {
    const Object& o = dir.at(v);
    for (const auto m : o.members) f(m, v, edge::kMemberOf);
    if (o.primary_group != kNone) f(v, o.primary_group, edge::kMemberOf);
    for (const auto& a : o.aces)
      if (is_control_right(a.right)) f(a.principal, v, static_cast<std::uint8_t>(a.right));
    for (const auto a : o.local_admins) f(a, v, edge::kAdminTo);
    for (const auto u : o.sessions) f(v, u, edge::kHasSession);
    for (const auto t : o.delegate_to) f(v, t, edge::kAllowedToDelegate);
    for (const auto p : o.allowed_to_act) f(p, v, edge::kAllowedToAct);
    for (const auto& l : o.links) f(l.gpo, v, edge::kGpLink);
    if (o.type == ObjectType::Ou || o.type == ObjectType::Domain || o.type == ObjectType::Container)
      for (const auto c : o.children) f(v, c, edge::kContains);
    for (const auto h : o.sid_history) f(v, h, edge::kHasSidHistory);
    if (o.type == ObjectType::Domain && o.defined)
      for (const auto u : unconstrained) f(u, v, edge::kCoerceToTgt);
  }
}

}  // namespace

std::vector<std::uint32_t> ControlPaths::path(std::uint32_t from) const {
  std::vector<std::uint32_t> out;
  if (from >= dist.size() || dist[from] == kNone) return out;
  for (std::uint32_t v = from; v != kNone && out.size() <= dist[from]; v = next[v])
    out.push_back(v);
  return out;
}

ControlPaths compute_control_paths(const Directory& dir, const std::vector<std::uint8_t>& tier0,
                                   const std::vector<std::uint8_t>& privileged,
                                   const std::vector<ExtraEdge>& extra,
                                   std::size_t max_choke_points) {
  const auto n = static_cast<std::uint32_t>(dir.size());
  ControlPaths r;
  // Holders of unconstrained delegation that are not domain controllers (the DCs hold it
  // by design and are Tier 0 already).
  std::vector<std::uint32_t> unconstrained;
  for (std::uint32_t i = 0; i < n; ++i) {
    const Object& o = dir.at(i);
    if (o.defined && o.has(flag::kUnconstrained) && !o.has(flag::kIsDc) && !tier0[i] &&
        !o.has(flag::kDeleted) && (o.type == ObjectType::User || o.type == ObjectType::Computer))
      unconstrained.push_back(i);
  }
  // Reverse adjacency in compressed form: the sources of the edges entering each node.
  std::vector<std::uint32_t> start(n + 1, 0);
  for_each_edge(dir, unconstrained, extra, [&](std::uint32_t from, std::uint32_t to, std::uint8_t) {
    if (from != to && from < n && to < n) ++start[to + 1];
  });
  for (std::uint32_t i = 0; i < n; ++i) start[i + 1] += start[i];
  r.edges = start[n];
  std::vector<std::uint32_t> src(r.edges);
  std::vector<std::uint8_t> kind(r.edges);
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for_each_edge(dir, unconstrained, extra,
                  [&](std::uint32_t from, std::uint32_t to, std::uint8_t k) {
                    if (from == to || from >= n || to >= n) return;
                    src[fill[to]] = from;
                    kind[fill[to]++] = k;
                  });
  }
  r.next.assign(n, kNone);
  r.next_kind.assign(n, 0);
  r.dist.assign(n, kNone);
  std::vector<std::uint32_t> queue;
  queue.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i)
    if (tier0[i]) {
      r.dist[i] = 0;
      queue.push_back(i);
    }
  r.tier0 = queue.size();
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t v = queue[head];
    for (std::uint32_t e = start[v]; e < start[v + 1]; ++e) {
      const std::uint32_t u = src[e];
      if (r.dist[u] != kNone) continue;
      r.dist[u] = r.dist[v] + 1;
      r.next[u] = v;
      r.next_kind[u] = kind[e];
      queue.push_back(u);
    }
  }
  r.reached = queue.size() - r.tier0;
  // Exposed principals and the weight of each shortest-path-tree edge.
  std::vector<std::uint64_t> weight(n, 0);
  for (const auto u : queue) {
    if (r.dist[u] == 0 || privileged[u]) continue;
    const Object& o = dir.at(u);
    if (!o.defined || !o.enabled()) continue;
    if (o.type == ObjectType::User) {
      ++r.exposed_users;
    } else if (o.type == ObjectType::Computer) {
      ++r.exposed_computers;
    } else {
      continue;
    }
    r.exposed.push_back(u);
    weight[u] = 1;
  }
  std::vector<ChokePoint> edges;
  for (auto it = queue.rbegin(); it != queue.rend(); ++it) {
    const std::uint32_t u = *it;
    if (r.dist[u] == 0 || weight[u] == 0) continue;
    weight[r.next[u]] += weight[u];
    // Edges leaving a privileged object are Tier 0 by design, not choke points to cut.
    if (!privileged[u]) edges.push_back({u, r.next[u], r.next_kind[u], weight[u]});
  }
  const std::size_t k = std::min(max_choke_points, edges.size());
  std::partial_sort(edges.begin(), edges.begin() + static_cast<std::ptrdiff_t>(k), edges.end(),
                    [](const ChokePoint& a, const ChokePoint& b) {
                      return a.paths != b.paths ? a.paths > b.paths : a.from < b.from;
                    });
  edges.resize(k);
  r.choke_points = std::move(edges);
  return r;
}

}  // namespace carepilot::adaudit
