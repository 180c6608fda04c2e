// The HospiConnect objectives declared reached (identification/declarations.hpp): the page's
// form (multipart: objective, reached_on, justification, proof_document), the withdrawal's
// confirmation page, the proving document; and the API under
// /api/v1/establishments/:finess/identification/declarations.
#include <cctype>
#include <charconv>

#include "common/attachment.hpp"
#include "common/french.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/multipart.hpp"
#include "http/withdrawal_page.hpp"
#include "identification/routes.hpp"
#include "registry/page_meta.hpp"

namespace carepilot::identification {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

std::string page_base(const std::string& finess) {
  return "/etablissements/" + finess + "/identification";
}

std::int64_t declaration_id(const Request& req) {
  const auto t = req.param("id");
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), id);
  if (ec != std::errc() || p != t.data() + t.size() || id <= 0)
    throw UserError::not_found("Déclaration introuvable.");
  return id;
}

Response document_download(Context& ctx, Request& req) {
  auto f = ctx.declarations.document(req.caller.scope, req.param("finess"), declaration_id(req));
  return Response::text(std::move(f.bytes), f.info.content_type)
      .header("Content-Disposition", files::content_disposition(f.info.file_name))
      .header("X-Content-SHA256", f.info.sha256);
}

// The withdrawal's confirmation page (the second factor asked, as for every withdrawal).
Response withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                       const std::string& error) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  const auto id = declaration_id(req);
  std::optional<Declaration> found;
  for (auto& d : ctx.declarations.list(req.caller.scope, e.finess_et))
    if (d.id == id) found = d;
  if (!found) throw UserError::not_found("Déclaration introuvable.");
  const Objective* o = ctx.repo.data().find_objective(found->objective_id);
  const std::string base = page_base(e.finess_et);
  http::WithdrawalPage p;
  p.heading = "Retirer la déclaration d'un objectif HospiConnect";
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Objectif", o ? o->label : found->objective_id},
             {"Atteint le", french_date_text(format_date(found->reached_on))},
             {"Justification", found->justification},
             {"Document de preuve", found->file_name}};
  p.current = found->withdrawal;
  p.act = "Le retrait de la déclaration d'un objectif HospiConnect";
  p.consequence =
      "L'objectif redevient « À déclarer » ; la déclaration et son document restent conservés.";
  p.already_title = "Cette déclaration a déjà été retirée";
  p.action_url = base + "/declarations/" + std::to_string(id) + "/retirer";
  p.back_url = base + "#hospiconnect";
  p.back_label = "Retour à l'identification";
  p.reason = reason;
  p.error = error;
  return http::withdrawal_page(
      req, p, registry::page_meta(e, p.heading, {{"Identification", base}, {"Retirer", ""}}, ""),
      status);
}

// The body of a declaration: a multipart form (fields objective, reached_on, justification,
// file part proof_document) or a JSON object (objective, reached_on, justification, file_name,
// content_base64). 415/400 for any other body. `objective` is set to the objective named.
DeclarationInput declaration_from_request(Request& req, std::string& objective, FormFields* typed) {
  const auto type = http::media_type(req);
  if (type != "multipart/form-data" && type != "application/json")
    throw http::unsupported_media_type({"multipart/form-data", "application/json"});
  if (type == "multipart/form-data") {
    FormFields f;
    std::string file_name, bytes;
    bool has_file = false;
    for (auto& part : http::parse_multipart(req)) {
      if (part.name == "proof_document" && !part.filename.empty()) {
        file_name = part.filename;
        bytes = std::move(part.body);
        has_file = true;
      } else if (part.filename.empty()) {
        f[part.name] = part.body;
      }
    }
    auto in = declaration_from_form(f);
    if (has_file) {
      in.file_name = file_name;
      in.bytes = std::move(bytes);
    }
    objective = f["objective"];
    if (typed) *typed = f;
    return in;
  }
  auto body = http::parse_json_body(req);
  objective = body.is_object() && body.contains("objective") && body["objective"].is_string()
                  ? body["objective"].get<std::string>()
                  : std::string();
  return declaration_from_json(body);
}

}  // namespace

json declaration_json(const Declaration& d) {
  json j{{"id", d.id},
         {"objective", d.objective_id},
         {"reached_on", format_date(d.reached_on)},
         {"justification", d.justification},
         {"document",
          {{"file_name", d.file_name},
           {"content_type", d.content_type},
           {"size_bytes", d.size_bytes},
           {"sha256", d.sha256}}},
         {"declared_at", d.created_at},
         {"declared_by", d.created_by},
         {"withdrawn", d.withdrawal.withdrawn()}};
  if (d.withdrawal.withdrawn()) {
    j["withdrawn_at"] = d.withdrawal.at;
    j["withdrawn_by"] = d.withdrawal.by;
    j["withdrawal_reason"] = d.withdrawal.reason;
  }
  return j;
}

void add_declaration_routes(http::RouteTable& routes, Context& ctx) {
  // Pages.
  const std::string page = "/etablissements/:finess/identification/declarations";
  routes.post(
      page, RouteKind::page,
      [&ctx](Request& req) {
        std::string objective;
        FormFields typed;
        try {
          auto in = declaration_from_request(req, objective, &typed);   // 415 / 400
          ctx.registry.visible(req.caller.scope, req.param("finess"));  // 404
          ctx.declarations.declare(req.caller.scope, req.param("finess"), objective, in,
                                   ctx.today(), req.actor());
        } catch (const UserError& e) {
          // A stale form (the objective declared meanwhile, from another tab or by a
          // colleague): the form again with the message by « Objectif », not the error page.
          if (e.status() == 409 && e.code() == "identification.already_declared") {
            http::PostedForm p{"declaration",
                               typed,
                               {{"objective", e.code(), std::string("objective : ") + e.what()}}};
            return identification_page(ctx, req, 409, &p);
          }
          if (e.fields().empty() || (e.status() != 413 && e.status() != 415 && e.status() != 422))
            throw;
          http::PostedForm p{"declaration", typed, e.fields()};
          return identification_page(ctx, req, e.status(), &p);
        }
        return Response::redirect(page_base(req.param("finess")) +
                                  "?enregistre=declaration#hospiconnect");
      },
      files::kMaxAttachmentBytes + (1u << 20));
  // A body beyond even the route's limit: the form again, the field named, never read.
  routes.too_large([&ctx](Request& req) {
    http::PostedForm p{"declaration",
                       {},
                       {{"proof_document", "identification.attachment_too_large",
                         "proof_document : le fichier dépasse la taille maximale de 5 Mio."}}};
    return identification_page(ctx, req, 413, &p);
  });
  routes.get(page + "/:id/document", RouteKind::page,
             [&ctx](Request& req) { return document_download(ctx, req); });
  routes.get(
      page + "/:id/retirer", RouteKind::page,
      [&ctx](Request& req) { return withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(page + "/:id/retirer", RouteKind::page, [&ctx](Request& req) {
    const auto id = declaration_id(req);
    return http::post_withdrawal(
        req, {"Le retrait de la déclaration d'un objectif HospiConnect",
              [&] {
                bool current = false;
                for (const auto& d :
                     ctx.declarations.list(req.caller.scope, req.param("finess")))  // 404
                  if (d.id == id) current = !d.withdrawal.withdrawn();
                return current;  // false: 404 or already withdrawn (the page says which)
              },
              [&](const std::string& reason) {
                ctx.declarations.withdraw(req.caller.scope, req.param("finess"), id, reason,
                                          req.actor());
              },
              [&](int status, const std::string& reason, const std::string& error) {
                return withdraw_page(ctx, req, status, reason, error);
              },
              page_base(req.param("finess")) + "?retire=declaration#hospiconnect",
              {}});
  });

  // API.
  const std::string api = "/api/v1/establishments/:finess/identification/declarations";
  routes.get(api, RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& d : ctx.declarations.list(req.caller.scope, req.param("finess")))
      items.push_back(declaration_json(d));
    return http::list_response(req, std::move(items), {{"objective", "reached_on", "id"}});
  });
  routes.add({"POST", api, RouteKind::api,
              [&ctx](Request& req) {
                std::string objective;
                auto in = declaration_from_request(req, objective, nullptr);  // 415 / 400
                auto d = ctx.declarations.declare(req.caller.scope, req.param("finess"), objective,
                                                  in, ctx.today(), req.actor());
                return Response::json(http::dump(declaration_json(d)), 201);
              },
              files::kMaxAttachmentBytes * 2 + (1u << 20)});
  routes.get(api + "/:id/document", RouteKind::api,
             [&ctx](Request& req) { return document_download(ctx, req); });
  // DELETE withdraws (never destroys): body {"reason": "…"}. Checks: the body (415/400), the
  // declaration (404), the second factor (403), the reason (422), already withdrawn (409).
  routes.add({"DELETE", api + "/:id", RouteKind::api,
              [&ctx](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);
                const auto id = declaration_id(req);
                bool found = false;
                for (const auto& d : ctx.declarations.list(req.caller.scope, req.param("finess")))
                  found = found || d.id == id;
                if (!found) throw UserError::not_found("Déclaration introuvable.");
                http::require_second_factor(
                    req, "Le retrait de la déclaration d'un objectif HospiConnect");
                auto d = ctx.declarations.withdraw(req.caller.scope, req.param("finess"), id,
                                                   reason, req.actor());
                return Response::json(http::dump(declaration_json(d)));
              },
              ctx.max_json_bytes});
}

}  // namespace carepilot::identification
