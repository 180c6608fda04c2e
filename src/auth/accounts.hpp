// Account rules shared by the pages, the API and the command line: e-mail addresses, scope
// specifications ("establishment:FINESS" …), their labels, and account creation.
#pragma once

#include <string>

#include "auth/password.hpp"
#include "auth/store.hpp"
#include "common/actor.hpp"
#include "registry/repository.hpp"

namespace carepilot::auth {

// A plausible address: one '@', a dot in the domain, no space or control, ≤ 254 bytes.
bool valid_email(const std::string& email);
std::string normalize_email(const std::string& email);  // trimmed, lower case

// Parses a scope as typed by an operator or a manager, within `within` (the caller's):
// "nation" | "region:<code>" | "ght:<code>" | "establishment:<FINESS>" | a bare FINESS | a
// bare region or GHT code | "" (the caller's own scope). Throws UserError 422 on field
// `scope` when it is unknown or outside `within` (the same message: nothing is revealed).
Scope parse_scope_spec(registry::Repository& registry, const std::string& spec,
                       const Scope& within);
// "Centre hospitalier … (FINESS 490000000)", "GHT …", "Région …", "National".
std::string scope_label(registry::Repository& registry, const Scope& s);

// Validates and creates an account: address, role held on a scope of its level, password
// rules. Throws UserError 422 naming the field (email, role, scope, password) or 409.
User create_account(AuthStore& store, const std::string& email, const std::string& password,
                    Role role, const Scope& scope, HashCost cost, const Actor& actor,
                    const std::string& display_name = {});

// Whether an invitation still holds (issue 10): its inviter's account exists, is enabled,
// manages users, and could still grant that role on that scope today. An invitation dies
// with its inviter's rights.
bool invitation_alive(AuthStore& store, const Invitation& inv);

}  // namespace carepilot::auth
