#include "auth/accounts.hpp"

#include <algorithm>

#include "common/errors.hpp"
#include "common/finess.hpp"
#include "common/text.hpp"

namespace carepilot::auth {

bool valid_email(const std::string& email) {
  if (email.size() > 254 || email.size() < 5) return false;
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return false;
  auto dot = email.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= email.size()) return false;
  return std::none_of(email.begin(), email.end(), [](unsigned char c) {
    return c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == ',' || c == ';' ||
           c == 0x7f;
  });
}

std::string normalize_email(const std::string& email) {
  std::string e = trim(email);
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

namespace {
[[noreturn]] void unknown_scope() {
  throw UserError::invalid(
      {{"scope", "auth.scope_unknown", "scope : périmètre inconnu ou hors de votre périmètre."}});
}
}  // namespace

Scope parse_scope_spec(registry::Repository& registry, const std::string& raw,
                       const Scope& within) {
  std::string spec = trim(raw);
  if (spec.empty()) return within;
  std::string kind, value = spec;
  if (auto colon = spec.find(':'); colon != std::string::npos) {
    kind = spec.substr(0, colon);
    value = trim(spec.substr(colon + 1));
  }
  if (kind.empty() && spec == "nation") kind = "nation";
  if (kind == "nation") {
    if (within.level != Scope::Level::nation) unknown_scope();
    return Scope::nation();
  }
  if (kind == "establishment" || (kind.empty() && value.size() == 9)) {
    auto e = registry.find(within, value);
    if (!e) unknown_scope();
    return Scope::establishment(e->id);
  }
  if (kind == "ght" || kind.empty()) {
    for (const auto& g : registry.ghts(within))
      if (g.code == value || std::to_string(g.id) == value) return Scope::ght(g.id);
    if (kind == "ght") unknown_scope();
  }
  if (kind == "region" || kind.empty()) {
    auto r = registry.region(within, value);
    if (!r) unknown_scope();
    return Scope::region(r->code);
  }
  unknown_scope();
}

std::string scope_label(registry::Repository& registry, const Scope& s) {
  switch (s.level) {
    case Scope::Level::nation:
      return "National";
    case Scope::Level::region: {
      auto r = registry.region(Scope::nation(), s.region_code);
      return "Région " + (r ? r->name : s.region_code);
    }
    case Scope::Level::ght: {
      auto g = registry.ght(Scope::nation(), s.ght_id);
      return g ? "GHT " + g->name : "GHT n° " + std::to_string(s.ght_id);
    }
    case Scope::Level::establishment: {
      auto e = registry.find_by_id(Scope::nation(), s.establishment_id);
      return e ? e->name + " (FINESS " + e->finess_et + ")"
               : "Établissement n° " + std::to_string(s.establishment_id);
    }
  }
  return "";
}

User create_account(AuthStore& store, const std::string& email, const std::string& password,
                    Role role, const Scope& scope, HashCost cost, const Actor& actor,
                    const std::string& display_name) {
  std::vector<FieldError> errors;
  std::string e = normalize_email(email);
  if (!valid_email(e))
    errors.push_back({"email", "auth.email_invalid", "email : adresse électronique invalide."});
  if (role_level(role) != scope.level)
    errors.push_back({"role", "auth.role_scope_mismatch",
                      "role : ce rôle s'exerce sur un périmètre d'un autre niveau."});
  if (auto why = password_problem(password, e))
    errors.push_back({"password", "auth.password_weak", "password : " + *why});
  if (!errors.empty()) throw UserError::invalid(errors);
  User u;
  u.email = e;
  u.display_name = display_name;
  u.role = role;
  u.scope = scope;
  u.password_hash = hash_password(password, cost);
  return store.insert_user(u, actor);
}

bool invitation_alive(AuthStore& store, const Invitation& inv) {
  auto inviter = store.user_by_id(inv.invited_by);
  return inviter && !inviter->disabled && role_allows(inviter->role, Access::manage_users) &&
         role_can_grant(inviter->role, inv.role) && store.scope_within(inv.scope, inviter->scope);
}

}  // namespace carepilot::auth
