// Sign-in (password, then TOTP or a recovery code), second-factor enrolment, sign-out and
// the acceptance of invitations.
#include <ctemplate/template.h>
#include <sodium.h>

#include "auth/accounts.hpp"
#include "auth/routes.hpp"
#include "auth/totp.hpp"
#include "common/errors.hpp"
#include "common/french.hpp"
#include "http/templates.hpp"

namespace carepilot::auth {

using ctemplate::TemplateDictionary;
using http::field;
using http::Request;
using http::Response;
using http::RouteKind;

namespace {

constexpr int kFreeAccountFailures = 5;
constexpr int kFreeAddressFailures = 20;
constexpr const char* kBadCredentials = "Adresse électronique ou mot de passe incorrect.";
constexpr const char* kBadCode = "Code incorrect ou déjà utilisé.";

// Only a local path: never an open redirect to another site.
std::string safe_next(const std::string& s) {
  if (s.empty() || s[0] != '/' || (s.size() > 1 && (s[1] == '/' || s[1] == '\\')) ||
      s.find_first_of("\r\n") != std::string::npos)
    return "/";
  return s;
}

Response page(const std::string& tpl, TemplateDictionary& d, const std::string& title, int status,
              const std::string& flash = {}) {
  http::PageMeta meta{title, "", {}, flash, {}};
  return Response::html(http::render_page(tpl, d, meta), status);
}

Response login_page(const Request& req, const std::string& email, const std::string& error,
                    int status, const std::string& next) {
  TemplateDictionary d("login");
  d.SetValue("EMAIL", email);
  d.SetValue("SUITE", next);
  if (!error.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
  std::string flash = req.q("invitation") == "1" ? "Votre compte est créé : connectez-vous."
                      : req.q("fin") == "1"      ? "Vous êtes déconnecté."
                                                 : "";
  return page("login.tpl", d, "Connexion", status, flash);
}

// A hash of a random password with the deployment's cost: checked when the address is
// unknown, so that an unknown address costs as much time as a wrong password.
const std::string& dummy_hash(HashCost cost) {
  static const std::string h = hash_password(random_token(16), cost);
  return h;
}

std::string base64(const std::string& s) {
  std::string out(sodium_base64_encoded_len(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()),
                    s.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// Ends the current (pending) session and opens a full one: a new id at each step of the
// sign-in, so that an id fixed beforehand is worth nothing.
Response signed_in(Context& ctx, const Request& req, const User& u, Response resp) {
  if (!req.caller.session_token.empty()) ctx.store.delete_session(req.caller.session_token);
  auto raw = ctx.store.create_session(u.id, true, req.remote, ctx.auth.now());
  ctx.store.record_sign_in(u, req.actor());
  security_log(req, "login.success", u.email);
  return resp.header("Set-Cookie", ctx.auth.session_cookie(raw));
}

Response code_page(const Request& req, const std::string& error, int status,
                   const std::string& next) {
  TemplateDictionary d("code");
  d.SetValue("EMAIL", req.caller.user);
  d.SetValue("SUITE", next);
  if (!error.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
  return page("code.tpl", d, "Second facteur", status);
}

// The enrolment page. The key drawn for this session stays the same until enrolment
// succeeds (a wrong code or a reload does not change the key the user has just scanned).
Response enrol_page(Context& ctx, const Request& req, const User& u, const std::string& error,
                    int status, const std::string& next) {
  std::string secret;
  if (auto session = ctx.store.session_by_hash(req.caller.session_token))
    secret = session->pending_secret;
  if (secret.empty()) {
    secret = new_totp_secret();
    ctx.store.set_pending_secret(req.caller.session_token, secret);
  }
  TemplateDictionary d("enrol");
  d.SetValue("EMAIL", u.email);
  d.SetValue("SUITE", next);
  d.SetValue("SECRET", secret);
  d.SetValue("QR_BASE64",
             base64(qr_svg(otpauth_uri("carepilot", u.email, secret), "QR code d'enrôlement")));
  if (ctx.auth.second_factor_required(u)) d.ShowSection("REQUIRED");
  if (!error.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
  return page("enrol.tpl", d, "Double authentification", status);
}

// Where to go after the second factor: the form's "suite" field, else the query's.
std::string next_of(const Request& req, const std::map<std::string, std::string>& f) {
  auto v = field(f, "suite");
  return safe_next(v.empty() ? req.q("suite") : v);
}

std::optional<User> pending_user(Context& ctx, const Request& req) {
  if (req.caller.user_id == 0) return std::nullopt;
  return ctx.store.user_by_id(req.caller.user_id);
}

Response invitation_invalid(int status) {
  throw UserError(status, status == 410 ? "auth.invitation_used" : "auth.invitation_invalid",
                  status == 410 ? "Ce lien d'invitation a déjà été utilisé."
                                : "Ce lien d'invitation n'est pas valable ou a expiré.");
}

}  // namespace

http::Response recovery_codes_page(const std::string& email, const std::vector<std::string>& codes,
                                   const std::string& next, const std::string& nav) {
  TemplateDictionary d("codes");
  std::string text =
      "Codes de secours carepilot de " + email + " (chacun utilisable une seule fois)\r\n";
  for (const auto& c : codes) {
    d.AddSectionDictionary("CODE")->SetValue("VALUE", c);
    text += c + "\r\n";
  }
  d.SetValue("TEXT_BASE64", base64(text));
  d.SetValue("NEXT", next);
  http::PageMeta meta{"Codes de secours", nav, {}, {}, {}};
  return Response::html(http::render_page("recovery_codes.tpl", d, meta));
}

void add_login_routes(http::RouteTable& routes, Context& ctx) {
  const auto open = Access::open;

  routes.get(
      "/connexion", RouteKind::page,
      [](Request& req) {
        if (req.caller.signed_in) return Response::redirect(safe_next(req.q("suite")));
        return login_page(req, "", "", 200, safe_next(req.q("suite")));
      },
      false, open);

  routes.post(
      "/connexion", RouteKind::page,
      [&ctx](Request& req) {
        auto f = http::form_fields(req);
        std::string email = normalize_email(field(f, "email")), password = field(f, "password"),
                    next = safe_next(field(f, "suite"));
        const auto now = ctx.auth.now();
        const std::string account_key = "account:" + email, address_key = "address:" + req.remote;
        auto wait = std::max(ctx.store.locked_for(account_key, now),
                             ctx.store.locked_for(address_key, now));
        if (wait > 0) {
          security_log(req, "login.throttled", email);
          return login_page(req, email,
                            "Trop de tentatives de connexion. Réessayez dans " +
                                plural(wait, "seconde", "secondes") + ".",
                            429, next)
              .header("Retry-After", std::to_string(wait));
        }
        auto u = ctx.store.user_by_email(email);
        bool ok = false;
        bool legacy_hash = false;
        if (u && !u->disabled && !password.empty()) {
          auto match = match_password(u->password_hash, password);
          ok = match != PasswordMatch::no;
          legacy_hash = match == PasswordMatch::legacy;
        } else
          verify_password(dummy_hash(ctx.hash_cost), password.empty() ? "-" : password);
        if (!ok) {
          ctx.store.record_failure(account_key, now, kFreeAccountFailures);
          ctx.store.record_failure(address_key, now, kFreeAddressFailures);
          ctx.store.record_failed_sign_in(email, u, req.actor());
          security_log(req, "login.failed", email);
          return login_page(req, email, kBadCredentials, 401, next);
        }
        ctx.store.clear_failures(account_key);
        // A hash made before passwords were normalised (NFKC), or with lower parameters.
        if (legacy_hash || needs_rehash(u->password_hash, ctx.hash_cost)) {
          User after = *u;
          after.password_hash = hash_password(password, ctx.hash_cost);
          ctx.store.update_user(*u, after, "Empreinte du mot de passe renforcée", req.actor());
        }
        if (!ctx.auth.second_factor_required(*u))
          return signed_in(ctx, req, *u, Response::redirect(next));
        // Password checked: a session that only opens the second-factor pages.
        if (!req.caller.session_token.empty()) ctx.store.delete_session(req.caller.session_token);
        auto raw = ctx.store.create_session(u->id, false, req.remote, now);
        std::string step = u->totp_enabled ? "/connexion/code" : "/connexion/enrolement";
        return Response::redirect(step + "?suite=" + http::url_encode(next))
            .header("Set-Cookie", ctx.auth.session_cookie(raw));
      },
      64 * 1024, open);

  routes.get(
      "/connexion/code", RouteKind::page,
      [&ctx](Request& req) {
        auto u = pending_user(ctx, req);
        if (!u || !req.caller.second_factor_pending) return Response::redirect("/connexion");
        if (!u->totp_enabled) return Response::redirect("/connexion/enrolement");
        return code_page(req, "", 200, safe_next(req.q("suite")));
      },
      false, open);

  routes.post(
      "/connexion/code", RouteKind::page,
      [&ctx](Request& req) {
        auto u = pending_user(ctx, req);
        if (!u || !req.caller.second_factor_pending || !u->totp_enabled)
          throw UserError(401, "auth.required",
                          "Votre session a expiré : reconnectez-vous avec votre mot de passe.");
        auto f = http::form_fields(req);
        const std::string next = next_of(req, f);
        const auto now = ctx.auth.now();
        const std::string key = "second-factor:" + std::to_string(u->id);
        if (auto wait = ctx.store.locked_for(key, now); wait > 0) {
          security_log(req, "totp.throttled", u->email);
          return code_page(
              req,
              "Trop de codes erronés. Réessayez dans " + plural(wait, "seconde", "secondes") + ".",
              429, next);
        }
        bool ok = false;
        if (auto recovery = field(f, "recovery"); !recovery.empty()) {
          ok = ctx.store.use_recovery_code(u->id, recovery, req.actor());
        } else if (auto step = totp_match(u->totp_secret, field(f, "code"), now)) {
          if (*step > u->totp_last_step) {
            User after = *u;
            after.totp_last_step = *step;
            ctx.store.update_user(*u, after, "", req.actor());
            ok = true;
          } else {
            security_log(req, "totp.replay", u->email);
          }
        }
        if (!ok) {
          ctx.store.record_failure(key, now, kFreeAccountFailures);
          security_log(req, "totp.failed", u->email);
          return code_page(req, kBadCode, 401, next);
        }
        ctx.store.clear_failures(key);
        return signed_in(ctx, req, *u, Response::redirect(next));
      },
      64 * 1024, open);

  routes.get(
      "/connexion/enrolement", RouteKind::page,
      [&ctx](Request& req) {
        auto u = pending_user(ctx, req);
        if (!u) return Response::redirect("/connexion");
        if (u->totp_enabled)
          return Response::redirect(req.caller.signed_in ? "/compte" : "/connexion/code");
        return enrol_page(ctx, req, *u, "", 200, safe_next(req.q("suite")));
      },
      false, open);

  routes.post(
      "/connexion/enrolement", RouteKind::page,
      [&ctx](Request& req) {
        auto u = pending_user(ctx, req);
        if (!u) throw UserError(401, "auth.required", "Connectez-vous pour continuer.");
        if (u->totp_enabled)
          throw UserError(409, "auth.totp_enabled", "La double authentification est déjà activée.");
        auto session = ctx.store.session_by_hash(req.caller.session_token);
        const auto now = ctx.auth.now();
        auto f = http::form_fields(req);
        const std::string next = next_of(req, f);
        std::optional<std::int64_t> step;
        if (session && !session->pending_secret.empty())
          step = totp_match(session->pending_secret, field(f, "code"), now);
        if (!step) {
          security_log(req, "totp.enrol_failed", u->email);
          return enrol_page(ctx, req, *u,
                            "Code incorrect : la clé reste la même ; saisissez le code à "
                            "6 chiffres que votre application affiche maintenant.",
                            422, next);
        }
        User after = *u;
        after.totp_secret = session->pending_secret;
        after.totp_enabled = true;
        after.totp_last_step = *step;
        ctx.store.update_user(*u, after, "Double authentification activée", req.actor());
        auto codes = new_recovery_codes();
        ctx.store.replace_recovery_codes(u->id, codes, req.actor());
        return signed_in(ctx, req, after, recovery_codes_page(u->email, codes, next, ""));
      },
      64 * 1024, open);

  routes.post(
      "/deconnexion", RouteKind::page,
      [&ctx](Request& req) {
        if (!req.caller.session_token.empty()) ctx.store.delete_session(req.caller.session_token);
        return Response::redirect("/connexion?fin=1").header("Set-Cookie", ctx.auth.clear_cookie());
      },
      64 * 1024, open);

  auto invitation = [&ctx](const Request& req) {
    auto inv = ctx.store.invitation_by_raw(req.param("token"));
    if (!inv || ctx.auth.now() > inv->expires_at_s || inv->revoked_at) invitation_invalid(404);
    if (inv->used_at) {
      security_log(req, "invitation.reuse", inv->email);
      invitation_invalid(410);
    }
    // An invitation dies with its inviter's rights (issue 10): the inviter must still be an
    // enabled manager who could grant this role on this scope today.
    if (!invitation_alive(ctx.store, *inv)) {
      security_log(req, "invitation.inviter_without_rights", inv->email);
      invitation_invalid(404);
    }
    return *inv;
  };
  auto invitation_page = [&ctx](const Request& req, const Invitation& inv, const std::string& error,
                                int status) {
    TemplateDictionary d("invitation");
    d.SetValue("EMAIL", inv.email);
    d.SetValue("ROLE", std::string(role_label(inv.role)));
    d.SetValue("SCOPE", scope_label(ctx.registry, inv.scope));
    d.SetValue("TOKEN", req.param("token"));
    if (!error.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
    return page("invitation.tpl", d, "Créer votre compte", status);
  };

  routes.get(
      "/invitation/:token([0-9a-f]{64})", RouteKind::page,
      [invitation, invitation_page](Request& req) {
        return invitation_page(req, invitation(req), "", 200);
      },
      false, open);

  routes.post(
      "/invitation/:token([0-9a-f]{64})", RouteKind::page,
      [&ctx, invitation, invitation_page](Request& req) {
        auto inv = invitation(req);
        auto f = http::form_fields(req);
        std::string password = field(f, "password");
        if (password != field(f, "confirm"))
          return invitation_page(req, inv, "Les deux mots de passe diffèrent.", 422);
        if (auto why = password_problem(password, inv.email))
          return invitation_page(req, inv, *why, 422);
        if (ctx.store.user_by_email(inv.email))
          return invitation_page(req, inv, "Un compte existe déjà pour cette adresse.", 409);
        if (!ctx.store.consume_invitation(inv.id, req.actor())) {
          security_log(req, "invitation.reuse", inv.email);
          invitation_invalid(410);
        }
        create_account(ctx.store, inv.email, password, inv.role, inv.scope, ctx.hash_cost,
                       req.actor());
        return Response::redirect("/connexion?invitation=1");
      },
      64 * 1024, open);
}

}  // namespace carepilot::auth
