#include "adaudit/context.hpp"

#include <chrono>

#include "adaudit/sid.hpp"

namespace carepilot::adaudit {

bool Context::is_dc(std::uint32_t i) const {
  const Object& o = dir.at(i);
  if (o.type != ObjectType::Computer) return false;
  if (o.has(flag::kIsDc)) return true;
  return o.primary_group != kNone &&
         domain_rid(dir.at(o.primary_group).id) == rid::kDomainControllers;
}

std::vector<std::uint32_t> Context::members_of(std::uint32_t group) const {
  std::vector<std::uint32_t> out;
  std::vector<std::uint8_t> seen(dir.size(), 0);
  std::vector<std::uint32_t> stack{group};
  seen[group] = 1;
  while (!stack.empty()) {
    const auto g = stack.back();
    stack.pop_back();
    auto visit = [&](std::uint32_t m) {
      if (seen[m]) return;
      seen[m] = 1;
      out.push_back(m);
      if (dir.at(m).type == ObjectType::Group || !dir.at(m).defined) stack.push_back(m);
    };
    for (const auto m : dir.at(g).members) visit(m);
    if (g < primary_members.size())
      for (const auto m : primary_members[g]) visit(m);
  }
  return out;
}

std::vector<std::uint32_t> Context::groups_with_rid(std::uint32_t r) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < dir.size(); ++i) {
    const Object& o = dir.at(i);
    if ((o.type == ObjectType::Group || !o.defined) && domain_rid(o.id) == r) out.push_back(i);
  }
  return out;
}

std::vector<std::uint32_t> Context::builtin_groups(std::uint32_t r) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < dir.size(); ++i)
    if (is_builtin(dir.at(i).id, r)) out.push_back(i);
  return out;
}

Context make_context(const Directory& dir, Date as_of) {
  Context c{dir, as_of};
  c.now = std::chrono::sys_days(as_of).time_since_epoch().count() * 86400LL;
  const auto n = dir.size();
  c.tier0.assign(n, 0);
  c.privileged.assign(n, 0);
  c.protected_users.assign(n, 0);
  c.primary_members.resize(n);
  for (std::uint32_t i = 0; i < n; ++i)
    if (dir.at(i).primary_group != kNone) c.primary_members[dir.at(i).primary_group].push_back(i);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Object& o = dir.at(i);
    const auto r = domain_rid(o.id);
    const bool group = o.type == ObjectType::Group || !o.defined;
    const bool admin_group =
        group &&
        (r == rid::kDomainAdmins || r == rid::kEnterpriseAdmins || r == rid::kSchemaAdmins ||
         r == rid::kKeyAdmins || r == rid::kEnterpriseKeyAdmins ||
         is_builtin(o.id, rid::kBuiltinAdministrators) ||
         is_builtin(o.id, rid::kAccountOperators) || is_builtin(o.id, rid::kServerOperators) ||
         is_builtin(o.id, rid::kPrintOperators) || is_builtin(o.id, rid::kBackupOperators));
    if (admin_group) c.admin_groups.push_back(i);
    const bool root =
        admin_group || (group && r == rid::kDomainControllers) || o.type == ObjectType::Domain ||
        c.is_dc(i) ||
        (o.type == ObjectType::User && (r == rid::kKrbtgt || r == rid::kAdministrator)) ||
        sid_part(o.id) == kEnterpriseDcs;
    if (root) c.tier0[i] = c.privileged[i] = 1;
  }
  for (const auto g : c.admin_groups)
    for (const auto m : c.members_of(g)) c.privileged[m] = 1;
  for (const auto g : c.groups_with_rid(rid::kDomainControllers))
    for (const auto m : c.members_of(g)) c.privileged[m] = 1;
  for (const auto g : c.groups_with_rid(rid::kProtectedUsers))
    for (const auto m : c.members_of(g)) c.protected_users[m] = 1;
  c.adcs = analyse_adcs(c);
  c.paths = compute_control_paths(dir, c.tier0, c.privileged, c.adcs.edges);
  return c;
}

}  // namespace carepilot::adaudit
