// The signed-in user's own account: password, recovery codes, personal API tokens.
#include <ctemplate/template.h>
#include <date/tz.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "auth/accounts.hpp"
#include "auth/routes.hpp"
#include "auth/totp.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/templates.hpp"

namespace carepilot::auth {

using ctemplate::TemplateDictionary;
using http::field;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

User me(Context& ctx, const Request& req) {
  auto u = ctx.store.user_by_id(req.caller.user_id);
  if (!u) throw UserError(401, "auth.required", "Connectez-vous pour continuer.");
  return *u;
}

struct PageState {
  std::string password_error;
  std::string token_error;
  std::string new_token;
  std::string new_feed_url;
  std::string flash;
};

// "2026-11-23T10:00:00Z" -> "23/11/2026 à 11 h 00" (Europe/Paris).
std::string paris_time(const std::string& iso) {
  std::istringstream in(iso);
  date::sys_seconds t;
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
  if (in.fail()) return iso;
  static const date::time_zone* paris = date::locate_zone("Europe/Paris");
  return date::format("%d/%m/%Y à %H h %M", paris->to_local(t));
}

Response account_page(Context& ctx, const Request& req, const PageState& st, int status) {
  auto u = me(ctx, req);
  TemplateDictionary d("account");
  d.SetValue("EMAIL", u.email);
  d.SetValue("ROLE", std::string(role_label(u.role)));
  d.SetValue("SCOPE", scope_label(ctx.registry, u.scope));
  d.ShowSection(ctx.store.weekly_digest(u.id) ? "DIGEST_ON" : "DIGEST_OFF");
  if (u.totp_enabled) {
    d.ShowSection("TOTP_ON");
    d.SetIntValue("CODES_LEFT", ctx.store.recovery_codes_left(u.id));
  } else {
    d.ShowSection("TOTP_OFF");
  }
  if (!st.password_error.empty())
    d.AddSectionDictionary("PW_ERROR")->SetValue("MESSAGE", st.password_error);
  if (!st.token_error.empty())
    d.AddSectionDictionary("TOKEN_ERROR")->SetValue("MESSAGE", st.token_error);
  if (!st.new_token.empty()) d.AddSectionDictionary("NEW_TOKEN")->SetValue("VALUE", st.new_token);
  if (!st.new_feed_url.empty())
    d.AddSectionDictionary("NEW_FEED")->SetValue("URL", st.new_feed_url);
  if (auto feed = ctx.store.calendar_feed_of(u.id)) {
    auto* f = d.AddSectionDictionary("FEED");
    f->SetValue("PREFIX", feed->prefix);
    f->SetValue("CREATED", paris_time(feed->created_at));
    f->SetValue("USED", feed->last_used_at ? paris_time(*feed->last_used_at) : "jamais");
  } else {
    d.ShowSection("NO_FEED");
  }
  auto tokens = ctx.store.tokens_of(u.id);
  for (const auto& t : tokens) {
    auto* row = d.AddSectionDictionary("TOKEN");
    row->SetValue("NAME", t.name);
    row->SetValue("PREFIX", t.prefix);
    row->SetValue("ROLE", std::string(role_label(t.role)));
    row->SetValue("EXPIRES", french_date_text(t.expires_on));
    row->SetValue("USED", t.last_used_at ? french_date_text(*t.last_used_at) : "jamais");
    row->SetValue("STATE", t.revoked_at ? "révoqué" : "actif");
    row->SetIntValue("ID", t.id);
    if (!t.revoked_at) row->ShowSection("ACTIVE");
  }
  if (tokens.empty()) d.ShowSection("NO_TOKEN");
  d.ShowSection("CAN_TOKEN");
  for (Role r : all_roles())
    if (role_level(r) == u.scope.level && role_within(r, u.role)) {
      auto* o = d.AddSectionDictionary("ROLE_OPT");
      o->SetValue("VALUE", std::string(role_name(r)));
      o->SetValue("LABEL", std::string(role_label(r)));
    }
  http::PageMeta meta{"Mon compte", "compte", {{"Accueil", "/"}, {"Mon compte", ""}}, st.flash, {}};
  return Response::html(http::render_page("account.tpl", d, meta), status);
}

std::string today_plus(const Context& ctx, int days) {
  auto day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{ctx.auth.now()}});
  return format_date(Date{day + std::chrono::days{days}});
}

// Creates a token for the caller. Throws UserError 422 naming name, role, days or scope.
std::pair<ApiToken, std::string> create_token(Context& ctx, const Request& req,
                                              const std::string& name, const std::string& role,
                                              long days, const std::string& scope_spec) {
  if (req.caller.via_api_token)
    throw UserError(403, "auth.forbidden", "Un jeton d'API ne peut pas créer d'autre jeton.");
  auto u = me(ctx, req);
  std::vector<FieldError> errors;
  if (name.empty() || name.size() > 100)
    errors.push_back({"name", "token.name_invalid", "name : un nom de 1 à 100 caractères."});
  auto r = parse_role(role);
  if (role.empty())
    errors.push_back({"role", "token.role_required", "role : le rôle du jeton est obligatoire."});
  else if (!r)
    errors.push_back({"role", "token.role_invalid", "role : ce rôle n'existe pas."});
  else if (!role_within(*r, u.role))
    errors.push_back(
        {"role", "token.role_above_owner", "role : le rôle d'un jeton ne peut dépasser le vôtre."});
  if (days < 1 || days > 365)
    errors.push_back({"days", "token.days_invalid", "days : entre 1 et 365 jours."});
  if (!errors.empty()) throw UserError::invalid(errors);
  Scope scope = parse_scope_spec(ctx.registry, scope_spec, u.scope);
  if (role_level(*r) != scope.level)
    throw UserError::invalid({{"role", "auth.role_scope_mismatch",
                               "role : ce rôle s'exerce sur un périmètre d'un autre niveau."}});
  ApiToken t;
  t.user_id = u.id;
  t.name = name;
  t.role = *r;
  t.scope = scope;
  t.expires_on = today_plus(ctx, static_cast<int>(days));
  auto raw = ctx.store.insert_token(t, req.actor());
  return {t, raw};
}

json token_json(const ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"role", role_name(t.role)},
          {"scope_level", scope_level_name(t.scope.level)},
          {"created_at", t.created_at},
          {"expires_on", t.expires_on},
          {"revoked", t.revoked_at.has_value()},
          {"last_used_at", t.last_used_at ? json(*t.last_used_at) : json(nullptr)}};
}

std::int64_t id_param(const Request& req) {
  try {
    std::size_t used = 0;
    long long n = std::stoll(req.param("id"), &used);
    if (used == req.param("id").size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  throw UserError::not_found("Jeton introuvable.");
}

}  // namespace

void add_account_routes(http::RouteTable& routes, Context& ctx) {
  const auto any = Access::signed_in;
  routes.get(
      "/compte", RouteKind::page,
      [&ctx](Request& req) {
        PageState st;
        if (req.q("mot-de-passe") == "1") st.flash = "Mot de passe changé.";
        if (req.q("revoque") == "1") st.flash = "Jeton révoqué.";
        return account_page(ctx, req, st, 200);
      },
      false, any);

  routes.post(
      "/compte/mot-de-passe", RouteKind::page,
      [&ctx](Request& req) {
        auto u = me(ctx, req);
        auto f = http::form_fields(req);
        PageState st;
        if (!verify_password(u.password_hash, field(f, "current")))
          st.password_error = "Le mot de passe actuel est incorrect.";
        else if (normalize_password(field(f, "password")) !=
                 normalize_password(field(f, "confirm")))
          st.password_error = "Les deux nouveaux mots de passe diffèrent.";
        else if (auto why = password_problem(field(f, "password"), u.email))
          st.password_error = *why;
        if (!st.password_error.empty()) return account_page(ctx, req, st, 422);
        User after = u;
        after.password_hash = hash_password(field(f, "password"), ctx.hash_cost);
        ctx.store.update_user(u, after, "Mot de passe changé", req.actor());
        // Every other session ends; this one is renewed.
        ctx.store.delete_sessions_of(u.id);
        auto raw = ctx.store.create_session(u.id, true, req.remote, ctx.auth.now());
        return Response::redirect("/compte?mot-de-passe=1")
            .header("Set-Cookie", ctx.auth.session_cookie(raw));
      },
      64 * 1024, any);

  routes.post(
      "/compte/codes-de-secours", RouteKind::page,
      [&ctx](Request& req) {
        auto u = me(ctx, req);
        if (!u.totp_enabled)
          throw UserError(409, "auth.totp_disabled", "Activez d'abord la double authentification.");
        auto codes = new_recovery_codes();
        ctx.store.replace_recovery_codes(u.id, codes, req.actor());
        return recovery_codes_page(u.email, codes, "/compte", "compte");
      },
      64 * 1024, any);

  routes.post(
      "/compte/jetons", RouteKind::page,
      [&ctx](Request& req) {
        auto f = http::form_fields(req);
        PageState st;
        long days = 0;
        try {
          days = std::stol(field(f, "days"));
        } catch (const std::exception&) {
        }
        try {
          st.new_token =
              create_token(ctx, req, field(f, "name"), field(f, "role"), days, "").second;
        } catch (const UserError& e) {
          if (e.status() != 422) throw;
          st.token_error = e.fields().empty() ? e.what() : page_message(e.fields().front());
          return account_page(ctx, req, st, 422);
        }
        return account_page(ctx, req, st, 201);
      },
      64 * 1024, any);

  routes.post(
      "/compte/calendrier", RouteKind::page,
      [&ctx](Request& req) {
        auto u = me(ctx, req);
        PageState st;
        st.new_feed_url = ctx.auth.options().public_url + "/calendrier/" +
                          ctx.store.create_calendar_feed(u.id, req.actor()) + "/echeances.ics";
        return account_page(ctx, req, st, 201);
      },
      64 * 1024, any);

  // The weekly reminder digest (docs/jobs.md): weekly_digest=1 to receive it, 0 to stop.
  routes.post(
      "/compte/recapitulatif", RouteKind::page,
      [&ctx](Request& req) {
        auto f = http::form_fields(req);
        auto v = field(f, "weekly_digest");
        if (v != "0" && v != "1")
          throw UserError::invalid(
              {{"weekly_digest", "auth.weekly_digest_invalid",
                "Récapitulatif hebdomadaire : choisissez de le recevoir ou non."}});
        auto u = me(ctx, req);
        if (!ctx.store.set_weekly_digest(u.id, v == "1", req.actor()))
          throw UserError::not_found("Compte introuvable.");
        return Response::redirect("/compte?recapitulatif=" + v);
      },
      64 * 1024, any);

  routes.post(
      "/compte/calendrier/revoquer", RouteKind::page,
      [&ctx](Request& req) {
        auto u = me(ctx, req);
        if (!ctx.store.revoke_calendar_feed(u.id, req.actor()))
          throw UserError::not_found("Aucun abonnement au calendrier à révoquer.");
        return Response::redirect("/compte?abonnement-revoque=1");
      },
      64 * 1024, any);

  routes.post(
      "/compte/jetons/:id/revoquer", RouteKind::page,
      [&ctx](Request& req) {
        if (!ctx.store.revoke_token(req.caller.user_id, id_param(req), req.actor()))
          throw UserError::not_found("Jeton introuvable.");
        return Response::redirect("/compte?revoque=1");
      },
      64 * 1024, any);

  // ---- API
  routes.get(
      "/api/v1/me", RouteKind::api,
      [&ctx](Request& req) {
        auto u = me(ctx, req);
        return Response::json(json{
            {"email", u.email},
            {"role", role_name(req.caller.role)},
            {"scope", scope_label(ctx.registry, req.caller.scope)},
            {"scope_level", scope_level_name(req.caller.scope.level)},
            {"via_api_token", req.caller.via_api_token},
            {"second_factor",
             u.totp_enabled}}.dump());
      },
      false, any);

  routes.get(
      "/api/v1/tokens", RouteKind::api,
      [&ctx](Request& req) {
        json items = json::array();
        for (const auto& t : ctx.store.tokens_of(req.caller.user_id))
          items.push_back(token_json(t));
        return http::list_response(req, std::move(items), {{"name", "created_at", "expires_on"}});
      },
      false, any);

  routes.post(
      "/api/v1/tokens", RouteKind::api,
      [&ctx](Request& req) {
        auto b = http::parse_json_body(req);
        if (!b.is_object())
          throw UserError::invalid({{"", "request.invalid", "Un objet JSON est attendu."}});
        auto str = [&](const char* k) {
          return b.contains(k) && b[k].is_string() ? b[k].get<std::string>() : std::string{};
        };
        long days = b.contains("days") && b["days"].is_number_integer() ? b["days"].get<long>() : 0;
        auto [t, raw] = create_token(ctx, req, str("name"), str("role"), days, str("scope"));
        auto j = token_json(t);
        j["token"] = raw;
        return Response::json(j.dump(), 201);
      },
      64 * 1024, any);

  routes.add({"DELETE", "/api/v1/tokens/:id", RouteKind::api,
              [&ctx](Request& req) {
                if (!ctx.store.revoke_token(req.caller.user_id, id_param(req), req.actor()))
                  throw UserError::not_found("Jeton introuvable.");
                return Response::text("", "text/plain", 204);
              },
              64 * 1024, false, any});
}

}  // namespace carepilot::auth
