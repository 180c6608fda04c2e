// User management within a manager's scope: the list, invitations, disabling.
#include <ctemplate/template.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "auth/accounts.hpp"
#include "auth/routes.hpp"
#include "common/errors.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/text.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/pagination.hpp"
#include "http/templates.hpp"

namespace carepilot::auth {

using ctemplate::TemplateDictionary;
using http::field;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

// Validates and records an invitation, then sends its link. Throws UserError 422 naming
// email, role or scope, or 409 when the address already has an account.
Invitation invite(Context& ctx, const Request& req, const std::string& email_in,
                  const std::string& role_in, const std::string& scope_spec) {
  std::vector<FieldError> errors;
  std::string email = normalize_email(email_in);
  if (!valid_email(email))
    errors.push_back({"email", "auth.email_invalid", "email : adresse électronique invalide."});
  auto role = parse_role(role_in);
  if (!role || !role_can_grant(req.caller.role, *role))
    errors.push_back(
        {"role", "auth.role_not_grantable", "role : vous ne pouvez pas attribuer ce rôle."});
  if (!errors.empty()) throw UserError::invalid(errors);
  Scope scope = parse_scope_spec(ctx.registry, scope_spec, req.caller.scope);
  if (role_level(*role) != scope.level)
    throw UserError::invalid({{"scope", "auth.role_scope_mismatch",
                               "scope : ce rôle s'exerce sur un périmètre d'un autre niveau "
                               "(un établissement, un GHT, une région ou le national)."}});
  // An account inside the caller's scope is on their own list: say so. An account elsewhere
  // must not be revealed (issue 10): the answer is the same as for a new address, and only
  // the address's owner learns, by the message, that the link cannot create a second account.
  bool exists_elsewhere = false;
  if (auto existing = ctx.store.user_by_email(email)) {
    if (ctx.store.scope_within(existing->scope, req.caller.scope))
      throw UserError(409, "user.duplicate_email",
                      "Un compte existe déjà pour cette adresse électronique.",
                      {{"email", "user.duplicate_email", "email : adresse déjà utilisée."}});
    exists_elsewhere = true;
  }
  Invitation inv;
  inv.email = email;
  inv.role = *role;
  inv.scope = scope;
  inv.invited_by = req.caller.user_id;
  inv.expires_at_s = ctx.auth.now() + ctx.auth.options().invitation_ttl_s;
  auto raw = ctx.store.insert_invitation(inv, req.actor());
  std::string link = ctx.auth.options().public_url + "/invitation/" + raw;
  if (ctx.send_mail && exists_elsewhere)
    ctx.send_mail(email, "Invitation à carepilot",
                  "Bonjour,\n\n" + req.caller.user + " vous invite à rejoindre carepilot (" +
                      std::string(role_label(inv.role)) + ", " +
                      scope_label(ctx.registry, inv.scope) +
                      ").\n\nVous avez déjà un compte carepilot avec cette adresse : cette "
                      "invitation ne peut pas en créer un second. Si votre rôle doit changer, "
                      "répondez à la personne qui vous invite.\n");
  else if (ctx.send_mail)
    ctx.send_mail(email, "Invitation à carepilot",
                  "Bonjour,\n\n" + req.caller.user + " vous invite à rejoindre carepilot (" +
                      std::string(role_label(inv.role)) + ", " +
                      scope_label(ctx.registry, inv.scope) +
                      ").\n\nCréez votre compte avec ce lien, valable 7 jours et une seule "
                      "fois :\n" +
                      link + "\n");
  return inv;
}

// The user `id` if it lies inside the caller's scope (404 otherwise: it does not exist).
User managed_user(Context& ctx, const Request& req) {
  long long id = 0;
  try {
    id = std::stoll(req.param("id"));
  } catch (const std::exception&) {
  }
  if (auto u = ctx.store.user_in(req.caller.scope, id)) return *u;
  throw UserError::not_found("Utilisateur introuvable.");
}

// Pending invitations inside `scope` whose inviter still has the rights to send them (the
// others are dead: their link answers 404, so they are not "en attente" either).
std::vector<Invitation> live_invitations(Context& ctx, const Scope& scope) {
  std::vector<Invitation> out;
  for (auto& inv : ctx.store.pending_invitations_in(scope, ctx.auth.now()))
    if (invitation_alive(ctx.store, inv)) out.push_back(std::move(inv));
  return out;
}

// Whether the caller may lift a disable: only a manager of the level that disabled the
// account, or above (a security officer cannot undo a regional manager's disable).
bool may_reenable(const Request& req, const User& u) {
  return !u.disabled_by || level_rank(role_level(req.caller.role)) >= level_rank(*u.disabled_by);
}

std::string level_label(Scope::Level l) {
  switch (l) {
    case Scope::Level::nation:
      return "le niveau national";
    case Scope::Level::region:
      return "le niveau régional";
    case Scope::Level::ght:
      return "le GHT";
    case Scope::Level::establishment:
      return "l'établissement";
  }
  return "";
}

constexpr int kUsersPerPage = 50;
constexpr int kUncoveredPerPage = 20;

// The account states a search can ask for: (code, label). The codes are the API's `status`.
constexpr std::pair<const char*, const char*> kUserStates[] = {
    {"active", "Actif"},
    {"disabled", "Désactivé"},
    {"no_second_factor", "Sans double authentification"}};

// Applies a state code to `s`; false when the code is none of kUserStates.
bool apply_state(UserSearch& s, const std::string& code) {
  if (code == "active")
    s.disabled = false;
  else if (code == "disabled")
    s.disabled = true;
  else if (code == "no_second_factor")
    s.without_second_factor = true;
  else
    return false;
  return true;
}

// The establishment `finess` within the caller's scope only: one outside it matches nothing,
// like an unknown one (-1). Returns false when it is not found.
bool apply_establishment(Context& ctx, const Request& req, UserSearch& s,
                         const std::string& finess) {
  if (finess.empty()) return true;
  if (auto e = ctx.registry.find(req.caller.scope, finess)) {
    s.establishment_id = e->id;
    return true;
  }
  s.establishment_id = -1;
  return false;
}

// The users page's search, read from the query string (the links of its pages keep it).
struct UserFilters {
  std::string query, role, level, finess, state;
  std::string unknown;  // the filters given a value they do not know, said on the page
  bool unknown_establishment = false;
  UserSearch search;

  UserFilters(Context& ctx, const Request& req) {
    query = trim(req.q("q"));
    role = req.q("role");
    level = req.q("niveau");
    finess = trim(req.q("etablissement"));
    state = req.q("etat");
    search.query = query;
    search.role = parse_role(role);
    // A value the filter does not know is said on the page, never silently read as « all ».
    if (!search.role && !role.empty()) http::add_unknown_filter(unknown, "Rôle", role);
    if (!search.role) role.clear();
    search.level = parse_scope_level(level);
    if (!search.level && !level.empty()) http::add_unknown_filter(unknown, "Périmètre", level);
    if (!search.level) level.clear();
    if (!state.empty() && !apply_state(search, state)) {
      http::add_unknown_filter(unknown, "État", state);
      state.clear();
    }
    unknown_establishment = !apply_establishment(ctx, req, search, finess);
    search.page = http::page_number(req, "page");
    search.per_page = kUsersPerPage;
  }
};

// The roles the caller may give `u` instead of its own: roles they may grant, held on the
// level of u's scope (a role change never moves an account to another scope).
std::vector<Role> role_choices(const Request& req, const User& u) {
  std::vector<Role> out;
  if (u.id == req.caller.user_id || !role_can_grant(req.caller.role, u.role)) return out;
  for (Role r : all_roles())
    if (role_can_grant(req.caller.role, r) && role_level(r) == u.scope.level) out.push_back(r);
  return out;
}

Response users_page(Context& ctx, const Request& req, const std::vector<FieldError>& errors,
                    const std::map<std::string, std::string>& form, const std::string& invited,
                    int status) {
  TemplateDictionary d("users");
  UserFilters filters(ctx, req);
  auto found = ctx.store.search_users(req.caller.scope, filters.search);
  d.SetIntValue("COUNT", static_cast<long>(found.total));
  d.SetValue("F_Q", filters.query);
  d.SetValue("F_FINESS", filters.finess);
  if (filters.unknown_establishment) d.ShowSection("UNKNOWN_ESTABLISHMENT");
  for (Role r : all_roles()) {
    auto* o = d.AddSectionDictionary("FILTER_ROLE");
    o->SetValue("VALUE", std::string(role_name(r)));
    o->SetValue("LABEL", std::string(role_label(r)));
    if (filters.search.role == r) o->ShowSection("SELECTED");
  }
  for (auto [l, label] :
       {std::pair{Scope::Level::establishment, "Établissement"},
        std::pair{Scope::Level::ght, "GHT"}, std::pair{Scope::Level::region, "Région"},
        std::pair{Scope::Level::nation, "National"}}) {
    auto* o = d.AddSectionDictionary("FILTER_LEVEL");
    o->SetValue("VALUE", scope_level_name(l));
    o->SetValue("LABEL", label);
    if (filters.search.level == l) o->ShowSection("SELECTED");
  }
  for (const auto& [code, label] : kUserStates) {
    auto* o = d.AddSectionDictionary("FILTER_STATE");
    o->SetValue("VALUE", code);
    o->SetValue("LABEL", label);
    if (filters.state == code) o->ShowSection("SELECTED");
  }
  const int pages = http::page_count(found.total, kUsersPerPage);
  d.SetIntValue("PAGE", found.page);
  d.SetIntValue("PAGES", pages);
  d.SetValue("PAGINATION",
             http::render_pagination(
                 {found.page, pages,
                  [&req](int n) { return http::page_link(req, "/utilisateurs", "page", n); },
                  "Pages des comptes"}));
  for (const auto& u : found.users) {
    auto* row = d.AddSectionDictionary("USER");
    row->SetValue("EMAIL", u.email);
    row->SetValue("ROLE", std::string(role_label(u.role)));
    row->SetValue("SCOPE", scope_label(ctx.registry, u.scope));
    row->SetValue("TOTP", u.totp_enabled ? "activée" : "non activée");
    row->SetValue("STATE", u.disabled ? "désactivé" : "actif");
    row->SetValue("LAST_SIGN_IN",
                  u.last_sign_in_at ? paris_datetime(*u.last_sign_in_at) : "jamais connecté");
    row->SetIntValue("ID", u.id);
    if (u.id != req.caller.user_id && role_can_grant(req.caller.role, u.role) &&
        (!u.disabled || may_reenable(req, u))) {
      row->ShowSection("CAN_TOGGLE");
      row->SetValue("TOGGLE_ACTION", u.disabled ? "reactiver" : "desactiver");
      row->SetValue("TOGGLE_LABEL", u.disabled ? "Réactiver" : "Désactiver");
    }
    auto choices = role_choices(req, u);
    if (choices.size() > 1) {
      auto* f = row->AddSectionDictionary("CAN_ROLE");
      f->SetIntValue("ID", u.id);
      for (Role r : choices) {
        auto* o = f->AddSectionDictionary("ROLE_CHOICE");
        o->SetValue("VALUE", std::string(role_name(r)));
        o->SetValue("LABEL", std::string(role_label(r)));
        if (r == u.role) o->ShowSection("SELECTED");
      }
    }
    if (u.totp_enabled && u.id != req.caller.user_id && role_can_grant(req.caller.role, u.role))
      row->AddSectionDictionary("CAN_RESET")->SetIntValue("ID", u.id);
  }
  const int uncovered_page = http::page_number(req, "page_sans_rssi");
  auto uncovered = ctx.store.establishments_without_security_officer(
      req.caller.scope, uncovered_page, kUncoveredPerPage);
  d.SetValue("UNCOVERED_COUNT", plural(uncovered.total, "établissement sans compte RSSI actif",
                                       "établissements sans compte RSSI actif"));
  d.ShowSection(uncovered.items.empty() ? "NO_UNCOVERED" : "HAS_UNCOVERED");
  for (const auto& e : uncovered.items) {
    auto* row = d.AddSectionDictionary("UNCOVERED");
    row->SetValue("FINESS", e.finess_et);
    row->SetValue("NAME", e.name);
  }
  d.SetValue("UNCOVERED_PAGINATION",
             http::render_pagination(
                 {uncovered_page, http::page_count(uncovered.total, kUncoveredPerPage),
                  [&req](int n) {
                    return http::page_link(req, "/utilisateurs", "page_sans_rssi", n, "#sans-rssi");
                  },
                  "Pages des établissements sans responsable de la sécurité"}));
  if (!invited.empty()) d.AddSectionDictionary("INVITED")->SetValue("EMAIL", invited);
  auto pending = live_invitations(ctx, req.caller.scope);
  d.ShowSection(pending.empty() ? "NO_PENDING" : "HAS_PENDING");
  for (const auto& inv : pending) {
    auto* row = d.AddSectionDictionary("PENDING");
    row->SetValue("EMAIL", inv.email);
    row->SetValue("ROLE", std::string(role_label(inv.role)));
    row->SetValue("SCOPE", scope_label(ctx.registry, inv.scope));
    row->SetValue("EXPIRES", paris_datetime(inv.expires_at_s));
    row->SetIntValue("ID", inv.id);
  }
  d.SetValue("PENDING_COUNT", pending.size() == 1
                                  ? "1 invitation en attente"
                                  : std::to_string(pending.size()) + " invitations en attente");
  if (!errors.empty()) {
    d.ShowSection("HAS_ERRORS");
    for (const auto& e : errors)
      d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", page_message(e));
  }
  auto get = [&](const char* k) { return field(form, k); };
  d.SetValue("F_EMAIL", get("email"));
  d.SetValue("F_SCOPE", get("scope"));
  for (Role r : all_roles())
    if (role_can_grant(req.caller.role, r)) {
      auto* o = d.AddSectionDictionary("ROLE_OPT");
      o->SetValue("VALUE", std::string(role_name(r)));
      o->SetValue("LABEL", std::string(role_label(r)));
      if (get("role") == role_name(r)) o->ShowSection("SELECTED");
    }
  http::PageMeta meta{
      "Utilisateurs", "utilisateurs", {{"Accueil", "/"}, {"Utilisateurs", ""}}, {}, {}};
  meta.flash_error = filters.unknown;
  return Response::html(http::render_page("users.tpl", d, meta), status);
}

json user_json(Context& ctx, const User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"role", role_name(u.role)},
          {"scope", scope_label(ctx.registry, u.scope)},
          {"scope_level", scope_level_name(u.scope.level)},
          {"second_factor", u.totp_enabled},
          {"disabled", u.disabled}};
}

// The pending invitation `id` if its scope lies inside the caller's (404 otherwise).
Invitation managed_invitation(Context& ctx, const Request& req) {
  long long id = 0;
  try {
    id = std::stoll(req.param("id"));
  } catch (const std::exception&) {
  }
  for (auto& inv : live_invitations(ctx, req.caller.scope))
    if (inv.id == id) return inv;
  throw UserError::not_found("Invitation introuvable.");
}

json invitation_json(Context& ctx, const Invitation& inv) {
  return {{"id", inv.id},
          {"email", inv.email},
          {"role", role_name(inv.role)},
          {"scope", scope_label(ctx.registry, inv.scope)},
          {"scope_level", scope_level_name(inv.scope.level)},
          {"created_at", inv.created_at},
          {"expires_at", iso_utc(inv.expires_at_s)}};
}

void set_disabled(Context& ctx, const Request& req, bool disabled) {
  auto u = managed_user(ctx, req);
  if (u.id == req.caller.user_id || !role_can_grant(req.caller.role, u.role))
    throw UserError(403, "auth.forbidden", "Vous ne pouvez pas modifier ce compte.");
  // A disable by a higher level is lifted, or re-made, only at that level or above: a
  // second disable from below must not lower the level that may lift it.
  if (u.disabled && !may_reenable(req, u))
    throw UserError(403, "auth.disabled_above",
                    "Ce compte a été désactivé par " + level_label(*u.disabled_by) +
                        " : seul ce niveau, ou un niveau supérieur, peut le réactiver.");
  if (u.disabled == disabled) return;  // nothing to change
  User after = u;
  after.disabled = disabled;
  if (disabled)
    after.disabled_by = role_level(req.caller.role);
  else
    after.disabled_by.reset();
  ctx.store.update_user(u, after, disabled ? "Compte désactivé" : "Compte réactivé", req.actor());
  if (disabled) ctx.store.delete_sessions_of(u.id);
}

// Changes the role of a user of the caller's scope, within the rules: the caller may grant
// both the current and the new role, the new role is held on the same level of scope, and
// nobody changes their own role. 422 for a role outside those rules.
void change_role(Context& ctx, const Request& req, const std::string& role_in) {
  auto u = managed_user(ctx, req);
  if (u.id == req.caller.user_id || !role_can_grant(req.caller.role, u.role))
    throw UserError(403, "auth.forbidden", "Vous ne pouvez pas modifier ce compte.");
  auto role = parse_role(role_in);
  auto choices = role_choices(req, u);
  if (!role || std::find(choices.begin(), choices.end(), *role) == choices.end())
    throw UserError::invalid(
        {{"role", "auth.role_not_grantable", "role : vous ne pouvez pas attribuer ce rôle."}});
  if (*role == u.role) return;
  User after = u;
  after.role = *role;
  ctx.store.update_user(
      u, after,
      "Rôle changé : " + std::string(role_label(u.role)) + " → " + std::string(role_label(*role)),
      req.actor());
}

// Resets the second factor of a user of the caller's scope (a lost phone): the caller must
// have passed their own second factor; the user enrols again at the next sign-in.
void reset_second_factor(Context& ctx, const Request& req) {
  auto u = managed_user(ctx, req);
  if (u.id == req.caller.user_id || !role_can_grant(req.caller.role, u.role))
    throw UserError(403, "auth.forbidden", "Vous ne pouvez pas modifier ce compte.");
  require_second_factor(req, "La réinitialisation du second facteur d'un utilisateur");
  ctx.store.reset_second_factor(u, req.actor());
}

}  // namespace

void add_user_routes(http::RouteTable& routes, Context& ctx) {
  const auto manage = Access::manage_users;
  routes.get(
      "/utilisateurs", RouteKind::page,
      [&ctx](Request& req) { return users_page(ctx, req, {}, {}, req.q("invite"), 200); }, false,
      manage);

  routes.post(
      "/utilisateurs/invitations", RouteKind::page,
      [&ctx](Request& req) {
        auto f = http::form_fields(req);
        try {
          auto inv = invite(ctx, req, field(f, "email"), field(f, "role"), field(f, "scope"));
          return Response::redirect("/utilisateurs?invite=" + http::url_encode(inv.email));
        } catch (const UserError& e) {
          if (e.status() != 422 && e.status() != 409) throw;
          auto errors = e.fields();
          if (errors.empty()) errors.push_back({"", e.code(), e.what()});
          return users_page(ctx, req, errors, f, "", e.status());
        }
      },
      64 * 1024, manage);

  routes.post(
      "/utilisateurs/invitations/:id/revoquer", RouteKind::page,
      [&ctx](Request& req) {
        auto inv = managed_invitation(ctx, req);
        ctx.store.revoke_invitation(inv, req.actor());
        return Response::redirect("/utilisateurs");
      },
      64 * 1024, manage);

  routes.post(
      "/utilisateurs/:id/role", RouteKind::page,
      [&ctx](Request& req) {
        auto f = http::form_fields(req);
        change_role(ctx, req, field(f, "role"));
        return Response::redirect("/utilisateurs");
      },
      64 * 1024, manage);
  routes.post(
      "/utilisateurs/:id/second-facteur/reinitialiser", RouteKind::page,
      [&ctx](Request& req) {
        reset_second_factor(ctx, req);
        return Response::redirect("/utilisateurs");
      },
      64 * 1024, manage);

  routes.post(
      "/utilisateurs/:id/desactiver", RouteKind::page,
      [&ctx](Request& req) {
        set_disabled(ctx, req, true);
        return Response::redirect("/utilisateurs");
      },
      64 * 1024, manage);
  routes.post(
      "/utilisateurs/:id/reactiver", RouteKind::page,
      [&ctx](Request& req) {
        set_disabled(ctx, req, false);
        return Response::redirect("/utilisateurs");
      },
      64 * 1024, manage);

  routes.get(
      "/api/v1/users", RouteKind::api,
      [&ctx](Request& req) {
        auto list = http::list_query(req, {{"email", "role", "scope_level"}});
        UserSearch search;
        search.query = trim(req.q("q"));
        if (auto r = req.q("role"); !r.empty() && !(search.role = parse_role(r)))
          throw http::bad_parameter("role", "rôle inconnu");
        if (auto l = req.q("scope_level"); !l.empty() && !(search.level = parse_scope_level(l)))
          throw http::bad_parameter("scope_level",
                                    "niveau attendu : nation, region, ght ou establishment");
        if (auto s = req.q("status"); !s.empty() && !apply_state(search, s))
          throw http::bad_parameter("status",
                                    "état attendu : active, disabled ou no_second_factor");
        apply_establishment(ctx, req, search, trim(req.q("establishment")));
        search.sort = list.sort;
        search.page = list.page;
        search.per_page = list.per_page;
        auto found = ctx.store.search_users(req.caller.scope, search);
        json items = json::array();
        for (const auto& u : found.users) items.push_back(user_json(ctx, u));
        return http::paged_response(std::move(items), found.total, found.page, list.per_page);
      },
      false, manage);

  routes.get(
      "/api/v1/invitations", RouteKind::api,
      [&ctx](Request& req) {
        json items = json::array();
        for (const auto& inv : live_invitations(ctx, req.caller.scope))
          items.push_back(invitation_json(ctx, inv));
        return http::list_response(req, std::move(items), {{"email", "expires_at"}});
      },
      false, manage);

  routes.add({"DELETE", "/api/v1/invitations/:id", RouteKind::api,
              [&ctx](Request& req) {
                auto inv = managed_invitation(ctx, req);
                ctx.store.revoke_invitation(inv, req.actor());
                return Response::text("", "text/plain", 204);
              },
              64 * 1024, false, manage});

  routes.post(
      "/api/v1/invitations", RouteKind::api,
      [&ctx](Request& req) {
        auto b = http::parse_json_body(req);
        if (!b.is_object())
          throw UserError::invalid({{"", "request.invalid", "Un objet JSON est attendu."}});
        auto str = [&](const char* k) {
          return b.contains(k) && b[k].is_string() ? b[k].get<std::string>() : std::string{};
        };
        auto inv = invite(ctx, req, str("email"), str("role"), str("scope"));
        return Response::json(json{{"id", inv.id},
                                   {"email", inv.email},
                                   {"role", role_name(inv.role)},
                                   {"scope", scope_label(ctx.registry, inv.scope)}}
                                  .dump(),
                              201);
      },
      64 * 1024, manage);
}

}  // namespace carepilot::auth
