#include <nlohmann/json.hpp>

#include "common/french.hpp"
#include "common/text.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "registry/finess_import.hpp"
#include "registry/json.hpp"
#include "registry/region_param.hpp"
#include "registry/routes.hpp"

namespace carepilot::registry {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

std::int64_t id_param(const Request& req, const char* key) {
  std::string v = req.param(key);
  try {
    std::size_t used = 0;
    long long n = std::stoll(v, &used);
    if (used == v.size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  throw UserError::not_found();
}

}  // namespace

EstablishmentFilter filter_from_query(const Request& req) {
  EstablishmentFilter f;
  f.query = req.q("q");
  f.region_code = req.q("region");
  f.type = req.q("type");
  if (auto g = req.q("ght"); !g.empty()) {
    try {
      f.ght_id = std::stoll(g);
    } catch (const std::exception&) {
      throw UserError(400, "request.bad_parameter", "Paramètre ght invalide.",
                      {{"ght", "request.bad_parameter", "Identifiant de GHT attendu."}});
    }
  }
  f.page = http::int_query(req, "page", 1, 1, 1000000);
  f.per_page = http::int_query(req, "per_page", 25, 1, 200);
  f.sort = http::sort_query(req, {"name", "finess_et", "updated_at"});
  return f;
}

void add_api_routes(http::RouteTable& routes, WebContext& ctx) {
  const std::size_t first_route = routes.routes().size();
  routes.get(
      "/api/v1/establishments", RouteKind::api,
      [&ctx](Request& req) {
        auto filter = filter_from_query(req);
        filter.region_code = api_region_param(req, ctx.repo);  // 400 for an unknown code
        auto page = ctx.repo.list(req.caller.scope, filter);
        json items = json::array();
        for (const auto& e : page.items) {
          auto j = to_json(e, ctx.catalog);
          j.erase("services");  // not loaded for lists; read one establishment to get them
          items.push_back(std::move(j));
        }
        return Response::json(http::dump({{"items", items},
                                          {"total", page.total},
                                          {"page", page.page},
                                          {"per_page", page.per_page},
                                          {"page_count", page.page_count()}}));
      },
      true);
  routes.get("/api/v1/establishments/:finess", RouteKind::api, [&ctx](Request& req) {
    auto e = ctx.repo.find(req.caller.scope, req.param("finess"));
    if (!e) throw UserError::not_found("Établissement introuvable.");
    return Response::json(http::dump(to_json(*e, ctx.catalog)));
  });
  routes.add({"POST", "/api/v1/establishments", RouteKind::api,
              [&ctx](Request& req) {
                auto in = establishment_from_json(http::parse_json_body(req));
                auto e = ctx.repo.create(req.caller.scope, in, req.actor());
                return Response::json(http::dump(to_json(e, ctx.catalog)), 201)
                    .header("Location", "/api/v1/establishments/" + e.finess_et);
              },
              ctx.max_json_bytes});
  auto update = [&ctx](Request& req, bool partial) {
    auto body = http::parse_json_body(req);
    auto current = ctx.repo.find(req.caller.scope, req.param("finess"));
    if (!current) throw UserError::not_found("Établissement introuvable.");
    EstablishmentInput base;
    if (partial)
      base = input_of(*current);
    else
      base.is_demo = current->is_demo;
    auto in = establishment_from_json(body, base);
    in.is_demo = current->is_demo;
    auto e = ctx.repo.update(req.caller.scope, current->finess_et, in, req.actor());
    return Response::json(http::dump(to_json(e, ctx.catalog)));
  };
  routes.add({"PUT", "/api/v1/establishments/:finess", RouteKind::api,
              [update](Request& req) { return update(req, false); }, ctx.max_json_bytes});
  routes.add({"PATCH", "/api/v1/establishments/:finess", RouteKind::api,
              [update](Request& req) { return update(req, true); }, ctx.max_json_bytes});

  routes.get("/api/v1/regions", RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& r : ctx.repo.regions(req.caller.scope)) items.push_back(to_json(r));
    return http::list_response(req, std::move(items), {{"code", "name"}});
  });
  routes.get("/api/v1/regions/:code", RouteKind::api, [&ctx](Request& req) {
    auto r = ctx.repo.region(req.caller.scope, req.param("code"));
    if (!r) throw UserError::not_found("Région introuvable.");
    return Response::json(http::dump(to_json(*r)));
  });
  routes.add({"POST", "/api/v1/regions", RouteKind::api,
              [&ctx](Request& req) {
                auto b = http::parse_json_body(req);
                if (!b.is_object() || !b.contains("code") || !b["code"].is_string() ||
                    !b.contains("name") || !b["name"].is_string())
                  throw UserError::invalid({{"code", "validation.required",
                                             "code et name (chaînes) sont obligatoires."}});
                auto r = ctx.repo.create_region(req.caller.scope, b["code"].get<std::string>(),
                                                b["name"].get<std::string>(), req.actor());
                return Response::json(http::dump(to_json(r)), 201)
                    .header("Location", "/api/v1/regions/" + r.code);
              },
              ctx.max_json_bytes});
  routes.add({"PUT", "/api/v1/regions/:code", RouteKind::api,
              [&ctx](Request& req) {
                auto b = http::parse_json_body(req);
                if (!b.is_object() || !b.contains("name") || !b["name"].is_string())
                  throw UserError::invalid(
                      {{"name", "validation.required", "name (chaîne) est obligatoire."}});
                auto r = ctx.repo.rename_region(req.caller.scope, req.param("code"),
                                                b["name"].get<std::string>(), req.actor());
                return Response::json(http::dump(to_json(r)));
              },
              ctx.max_json_bytes});

  routes.get("/api/v1/ghts", RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& g : ctx.repo.ghts(req.caller.scope, api_region_param(req, ctx.repo)))
      items.push_back(to_json(g));
    return http::list_response(req, std::move(items), {{"code", "name", "region_code"}});
  });
  routes.get("/api/v1/ghts/:id", RouteKind::api, [&ctx](Request& req) {
    auto g = ctx.repo.ght(req.caller.scope, id_param(req, "id"));
    if (!g) throw UserError::not_found("GHT introuvable.");
    return Response::json(http::dump(to_json(*g)));
  });
  auto ght_from = [](const json& b, Ght g) {
    if (!b.is_object()) throw UserError(400, "request.malformed_json", "Objet JSON attendu.");
    std::vector<FieldError> errs;
    for (const char* k : {"code", "name", "region_code"}) {
      if (!b.contains(k)) continue;
      if (!b[k].is_string()) {
        errs.push_back({k, "validation.type", std::string(k) + " doit être une chaîne."});
        continue;
      }
      std::string v = b[k].get<std::string>();
      if (std::string(k) == "code")
        g.code = v;
      else if (std::string(k) == "name")
        g.name = v;
      else
        g.region_code = v;
    }
    if (!errs.empty()) throw UserError::invalid(std::move(errs));
    return g;
  };
  routes.add({"POST", "/api/v1/ghts", RouteKind::api,
              [&ctx, ght_from](Request& req) {
                auto g = ctx.repo.create_ght(
                    req.caller.scope, ght_from(http::parse_json_body(req), Ght{}), req.actor());
                return Response::json(http::dump(to_json(g)), 201)
                    .header("Location", "/api/v1/ghts/" + std::to_string(g.id));
              },
              ctx.max_json_bytes});
  routes.add({"PUT", "/api/v1/ghts/:id", RouteKind::api,
              [&ctx, ght_from](Request& req) {
                auto id = id_param(req, "id");
                auto current = ctx.repo.ght(req.caller.scope, id);
                if (!current) throw UserError::not_found("GHT introuvable.");
                auto g = ctx.repo.update_ght(req.caller.scope, id,
                                             ght_from(http::parse_json_body(req), *current),
                                             req.actor());
                return Response::json(http::dump(to_json(g)));
              },
              ctx.max_json_bytes});
  // The FINESS import (either published format), all or nothing, as the page /import.
  // 415 unless text/csv or application/json; 400 when empty or not JSON; 422 when refused,
  // with the report's stable code (finess.*) and one field entry per refused line or entity.
  routes.add({"POST", "/api/v1/finess-imports", RouteKind::api,
              [&ctx](Request& req) {
                const std::string ct = req.header("content-type");
                const bool json_type = ct.rfind("application/json", 0) == 0;
                if (!json_type && ct.rfind("text/csv", 0) != 0)
                  throw UserError(415, "request.unsupported_media_type",
                                  "Le corps doit être l'extrait FINESS (text/csv) ou le flux "
                                  "Structures FINESS (application/json).");
                if (req.body.empty())
                  throw UserError(400, "request.empty_body",
                                  "Le corps de la requête est vide : joignez le fichier FINESS.");
                auto rep = import_finess_extract(ctx.db, ctx.catalog, req.caller.scope, req.body,
                                                 req.actor(), json_type ? "flux.json" : "",
                                                 ctx.repo.on_written);
                const char* format =
                    rep.format == FinessFormat::json_structures ? "json_structures" : "csv_extract";
                if (!rep.applied) {
                  std::vector<FieldError> fields;
                  constexpr std::size_t kShown = 500;
                  for (std::size_t i = 0; i < rep.errors.size() && i < kShown; ++i) {
                    const auto& e = rep.errors[i];
                    fields.push_back({e.location() + " : " + e.field, rep.error_code, e.reason});
                  }
                  std::string msg =
                      "Import FINESS refusé, rien n'a été enregistré : " +
                      plural(static_cast<std::int64_t>(rep.errors.size()), "erreur", "erreurs") +
                      ".";
                  if (!rep.errors.empty()) msg += " " + rep.errors.front().reason;
                  // An unreadable JSON body is a malformed request, as for every operation.
                  throw UserError(rep.error_code == "finess.malformed_json" ? 400 : 422,
                                  rep.error_code, msg, std::move(fields));
                }
                json by_category = json::object();
                for (const auto& [category, n] : rep.out_of_perimeter_by_category)
                  by_category[category] = n;
                return Response::json(http::dump({{"format", format},
                                                  {"establishments", rep.establishments},
                                                  {"inserted", rep.inserted},
                                                  {"updated", rep.updated},
                                                  {"out_of_perimeter", rep.out_of_perimeter},
                                                  {"out_of_perimeter_by_category", by_category},
                                                  {"closed", rep.closed},
                                                  {"legal_entities", rep.legal_entities},
                                                  {"skipped", rep.skipped}}));
              },
              ctx.max_upload_bytes});
  routes.writes_require(first_route, Access::edit_registry);
}

}  // namespace carepilot::registry
