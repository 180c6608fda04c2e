#include "common/role.hpp"

namespace carepilot {

namespace {
struct RoleInfo {
  Role role;
  std::string_view name;
  std::string_view label;
  Scope::Level level;
  int rank;  // within a level, higher grants more
};

constexpr std::array<RoleInfo, kRoleCount> kRoles{{
    {Role::establishment_reader, "establishment_reader", "Lecteur (établissement)",
     Scope::Level::establishment, 0},
    {Role::establishment_editor, "establishment_editor", "Contributeur (établissement)",
     Scope::Level::establishment, 1},
    {Role::establishment_security_officer, "establishment_security_officer",
     "Responsable sécurité (établissement)", Scope::Level::establishment, 2},
    {Role::ght_reader, "ght_reader", "Lecteur (GHT)", Scope::Level::ght, 0},
    {Role::regional_reader, "regional_reader", "Lecteur (région)", Scope::Level::region, 0},
    {Role::regional_manager, "regional_manager", "Gestionnaire régional", Scope::Level::region, 1},
    {Role::national_reader, "national_reader", "Lecteur (national)", Scope::Level::nation, 0},
    {Role::national_admin, "national_admin", "Administrateur national", Scope::Level::nation, 1},
}};

const RoleInfo& info(Role r) {
  return kRoles[static_cast<std::size_t>(r)];
}

}  // namespace

std::string_view role_name(Role r) {
  return info(r).name;
}
std::string_view role_label(Role r) {
  return info(r).label;
}
Scope::Level role_level(Role r) {
  return info(r).level;
}

std::optional<Role> parse_role(std::string_view s) {
  for (const auto& i : kRoles)
    if (i.name == s) return i.role;
  return std::nullopt;
}

const std::array<Role, kRoleCount>& all_roles() {
  static const std::array<Role, kRoleCount> roles = [] {
    std::array<Role, kRoleCount> a{};
    for (std::size_t i = 0; i < kRoleCount; ++i) a[i] = kRoles[i].role;
    return a;
  }();
  return roles;
}

bool role_allows(Role r, Access a) {
  switch (a) {
    case Access::open:
    case Access::signed_in:
    case Access::read:
      return true;
    case Access::edit_records:
      return r == Role::establishment_editor || r == Role::establishment_security_officer ||
             r == Role::national_admin;
    case Access::edit_registry:
      return r == Role::regional_manager || r == Role::national_admin;
    case Access::manage_users:
    case Access::view_audit:
      return r == Role::establishment_security_officer || r == Role::regional_manager ||
             r == Role::national_admin;
    case Access::operate_platform:
      return r == Role::national_admin;
  }
  return false;
}

bool role_within(Role r, Role owner) {
  if (level_rank(role_level(r)) > level_rank(role_level(owner))) return false;
  for (Access a : {Access::edit_records, Access::edit_registry, Access::manage_users,
                   Access::view_audit, Access::operate_platform})
    if (role_allows(r, a) && !role_allows(owner, a)) return false;
  return true;
}

bool role_can_grant(Role granter, Role r) {
  switch (granter) {
    case Role::national_admin:
      return true;
    case Role::regional_manager:
      return role_level(r) != Scope::Level::nation;
    case Role::establishment_security_officer:
      return role_level(r) == Scope::Level::establishment;
    default:
      return false;
  }
}

bool role_requires_second_factor(Role r) {
  // Every role whose scope is above one establishment (GHT, region, nation), and the
  // establishment's security officer, who manages its users (issue 10).
  return r == Role::establishment_security_officer || role_level(r) != Scope::Level::establishment;
}

}  // namespace carepilot
