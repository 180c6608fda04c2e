// Roles and what they allow. A user holds one role on one scope (common/scope.hpp); the
// role fixes the scope's level and the kinds of access (Access) a route may require. The
// server checks a route's Access against the caller's role in one place (web/server.cpp);
// the store's tenancy filter (store/scope_filter.hpp) then confines every query to the
// caller's scope.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "common/scope.hpp"

namespace carepilot {

enum class Role {
  establishment_reader,
  establishment_editor,
  establishment_security_officer,  // also manages the establishment's users
  ght_reader,
  regional_reader,
  regional_manager,  // edits the region's registry and manages its users
  national_reader,
  national_admin,
};
inline constexpr std::size_t kRoleCount = 8;

// What a route requires of its caller.
enum class Access {
  open,              // anyone, signed in or not (login page, health, static files)
  signed_in,         // any signed-in user, whatever the role (own account, logout)
  read,              // read data of the caller's scope
  edit_records,      // change an establishment's records (evidence, exercises, PAQ …)
  edit_registry,     // change the registry (establishments, GHTs, regions, FINESS import)
  manage_users,      // invite, change and disable users of the scope
  view_audit,        // read the audit trail of the scope
  operate_platform,  // run the platform itself: the job queue (national administrators)
};

std::string_view role_name(Role r);                // "establishment_editor"
std::string_view role_label(Role r);               // French label
std::optional<Role> parse_role(std::string_view);  // from role_name
const std::array<Role, kRoleCount>& all_roles();

// The level of scope a role is held on (an establishment editor on an establishment …).
Scope::Level role_level(Role r);
bool role_allows(Role r, Access a);
// True when `r` grants nothing `owner` lacks on the same scope level or below: what a
// manager may hand out through an invitation and what an API token may carry.
bool role_within(Role r, Role owner);
// Whether a user manager holding `granter` may give role `r` (on a scope inside their own):
// a national administrator any role, a regional manager any role below the nation, an
// establishment security officer the establishment roles.
bool role_can_grant(Role granter, Role r);
// Every role held on a scope above one establishment (GHT, region, nation) and the
// establishment's security officer must use a second factor.
bool role_requires_second_factor(Role r);

}  // namespace carepilot
