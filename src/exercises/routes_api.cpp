#include <nlohmann/json.hpp>

#include "exercises/routes.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/withdrawal_page.hpp"

namespace carepilot::exercises {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

// A text member of a JSON body: absent or null -> "", a string, anything else -> 422 naming it.
std::string str(const json& body, const char* key) {
  if (!body.is_object() || !body.contains(key) || body[key].is_null()) return {};
  if (body[key].is_string()) return body[key].get<std::string>();
  throw UserError::invalid(
      {{key, "exercises.invalid_type", std::string(key) + " : une chaîne est attendue."}});
}

json object_body(const Request& req) {
  auto body = http::parse_json_body(req);
  if (!body.is_object())
    throw UserError::invalid({{"", "exercises.invalid_body", "Un objet JSON est attendu."}});
  return body;
}

ExerciseInput exercise_input(const json& body) {
  ExerciseInput in{str(body, "title"),  str(body, "date"),       str(body, "scenario"),
                   str(body, "format"), str(body, "objectives"), {}};
  if (body.contains("participants") && !body["participants"].is_null()) {
    const auto& ps = body["participants"];
    if (!ps.is_object())
      throw UserError::invalid({{"participants", "exercises.invalid_type",
                                 "participants : un objet par fonction est attendu."}});
    for (const auto& [fn, v] : ps.items()) {
      Participants p{fn, 0, ""};
      std::string field = "participants." + fn;
      if (v.is_number_integer()) {
        p.count = v.get<int>();
      } else if (v.is_object()) {
        if (v.contains("count") && !v["count"].is_number_integer())
          throw UserError::invalid(
              {{field, "exercises.invalid_count", field + " : count doit être un entier."}});
        p.count = v.value("count", 0);
        p.names = str(v, "names");
      } else {
        throw UserError::invalid({{field, "exercises.invalid_type",
                                   field + " : un nombre ou {count, names} est attendu."}});
      }
      in.participants.push_back(p);
    }
  }
  return in;
}

json action_json(const paq::Action& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"source", paq::source_name(a.source)},
          {"source_ref", a.source_ref},
          {"priority", paq::priority_name(a.priority)},
          {"status", paq::status_name(a.status)},
          {"owner", a.owner},
          {"due", a.due ? json(format_date(*a.due)) : json(nullptr)}};
}

PaqOptions paq_options(const Request& req) {
  if (req.body.empty()) return {};
  auto body = object_body(req);
  return {str(body, "owner"), str(body, "due")};
}

Response ok(const json& j, int status = 200) {
  return Response::json(http::dump(j), status);
}

}  // namespace

void add_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/establishments/:finess/exercises";
  routes.get("/api/v1/exercise-scenarios", RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& s : ctx.repo.scenarios(req.caller.scope))
      items.push_back({{"code", s.code},
                       {"label", s.label},
                       {"region", s.region_code.empty() ? json(nullptr) : json(s.region_code)}});
    return http::list_response(req, std::move(items), {{"code", "label"}});
  });
  routes.post(
      "/api/v1/exercise-scenarios", RouteKind::api,
      [&ctx](Request& req) {
        auto body = object_body(req);
        auto s = ctx.repo.add_scenario(req.caller.scope,
                                       {str(body, "code"), str(body, "label"), ""}, req.actor());
        return ok({{"code", s.code},
                   {"label", s.label},
                   {"region", s.region_code.empty() ? json(nullptr) : json(s.region_code)}},
                  201);
      },
      64 * 1024, Access::edit_registry);

  routes.get(base, RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& x : ctx.repo.list(req.caller.scope, req.param("finess")))
      items.push_back(to_json(x, false));
    return http::list_response(req, std::move(items), {{"date", "title", "status"}});
  });
  routes.post(
      base, RouteKind::api,
      [&ctx](Request& req) {
        auto x = ctx.repo.create(req.caller.scope, req.param("finess"),
                                 exercise_input(object_body(req)), ctx.today(), req.actor());
        return ok(to_json(ctx.repo.get(req.caller.scope, req.param("finess"), x.id), true), 201);
      },
      ctx.max_json_bytes);
  routes.get(base + "/:id", RouteKind::api, [&ctx](Request& req) {
    return ok(
        to_json(ctx.repo.get(req.caller.scope, req.param("finess"), int_param(req, "id")), true));
  });
  routes.add({"PUT", base + "/:id", RouteKind::api,
              [&ctx](Request& req) {
                auto id = int_param(req, "id");
                auto body = object_body(req);  // 400/415: the request itself
                ctx.repo.get(req.caller.scope, req.param("finess"), id);  // 404 before 422
                ctx.repo.update(req.caller.scope, req.param("finess"), id, exercise_input(body),
                                ctx.today(), req.actor());
                return ok(to_json(ctx.repo.get(req.caller.scope, req.param("finess"), id), true));
              },
              ctx.max_json_bytes});
  // DELETE withdraws (never a deletion, also for a closed and declared exercise): body
  // {"reason": "…"}; answers the withdrawn exercise. Checks: the body (415/400), the
  // exercise (404), the second factor (403), the reason (422), already withdrawn (409).
  routes.add({"DELETE", base + "/:id", RouteKind::api,
              [&ctx](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);
                auto x = ctx.repo.get(req.caller.scope, req.param("finess"), int_param(req, "id"));
                http::require_second_factor(req, "Le retrait d'un exercice de crise");
                auto w = ctx.repo.withdraw(req.caller.scope, req.param("finess"), x.id, reason,
                                           ctx.today(), req.actor());
                return ok(to_json(w, false));
              },
              ctx.max_json_bytes});
  routes.post(base + "/:id/start", RouteKind::api, [&ctx](Request& req) {
    auto id = int_param(req, "id");
    ctx.repo.start(req.caller.scope, req.param("finess"), id, ctx.today(), req.actor());
    return ok(to_json(ctx.repo.get(req.caller.scope, req.param("finess"), id), true));
  });
  routes.post(
      base + "/:id/log", RouteKind::api,
      [&ctx](Request& req) {
        auto body = object_body(req);
        auto e = ctx.repo.add_log(req.caller.scope, req.param("finess"), int_param(req, "id"),
                                  {str(body, "at"), str(body, "author"), str(body, "text")},
                                  ctx.today(), req.actor());
        return ok({{"id", e.id}, {"at", e.at}, {"author", e.author}, {"text", e.text}}, 201);
      },
      ctx.max_json_bytes);
  routes.post(
      base + "/:id/injects", RouteKind::api,
      [&ctx](Request& req) {
        auto body = object_body(req);  // 400/415: the request itself
        ctx.repo.get(req.caller.scope, req.param("finess"), int_param(req, "id"));  // then 404
        std::string offset =
            body.contains("offset_minutes") && body["offset_minutes"].is_number_integer()
                ? std::to_string(body["offset_minutes"].get<long long>())
                : str(body, "offset_minutes");
        auto i = ctx.repo.add_inject(req.caller.scope, req.param("finess"), int_param(req, "id"),
                                     {offset, str(body, "title"), str(body, "description")},
                                     ctx.today(), req.actor());
        return ok({{"id", i.id},
                   {"offset_minutes", i.offset_minutes},
                   {"title", i.title},
                   {"description", i.description},
                   {"played_at", nullptr}},
                  201);
      },
      ctx.max_json_bytes);
  routes.post(base + "/:id/injects/:item/play", RouteKind::api, [&ctx](Request& req) {
    auto i = ctx.repo.play_inject(req.caller.scope, req.param("finess"), int_param(req, "id"),
                                  int_param(req, "item"), ctx.today(), req.actor());
    return ok({{"id", i.id},
               {"offset_minutes", i.offset_minutes},
               {"title", i.title},
               {"description", i.description},
               {"played_at", i.played_at}});
  });
  routes.add({"PUT", base + "/:id/retex", RouteKind::api,
              [&ctx](Request& req) {
                auto body = object_body(req);
                auto id = int_param(req, "id");
                ctx.repo.save_retex(req.caller.scope, req.param("finess"), id,
                                    {str(body, "retex_date"), str(body, "worked"),
                                     str(body, "failed"), str(body, "decisions")},
                                    ctx.today(), req.actor());
                return ok(to_json(ctx.repo.get(req.caller.scope, req.param("finess"), id), true));
              },
              ctx.max_json_bytes});
  routes.post(
      base + "/:id/retex/items", RouteKind::api,
      [&ctx](Request& req) {
        auto body = object_body(req);  // 400/415: the request itself
        ctx.repo.get(req.caller.scope, req.param("finess"), int_param(req, "id"));  // then 404
        auto i =
            ctx.repo.add_item(req.caller.scope, req.param("finess"), int_param(req, "id"),
                              {str(body, "text"), str(body, "priority")}, ctx.today(), req.actor());
        return ok({{"n", i.n},
                   {"text", i.text},
                   {"priority", paq::priority_name(i.priority)},
                   {"paq_action_id", nullptr}},
                  201);
      },
      ctx.max_json_bytes);
  routes.post(base + "/:id/retex/items/:item/paq", RouteKind::api, [&ctx](Request& req) {
    auto n = int_param(req, "item");
    if (n > 100000) throw UserError::not_found("Point de RETEX introuvable.");
    auto a = ctx.repo.item_to_paq(req.caller.scope, req.param("finess"), int_param(req, "id"),
                                  static_cast<int>(n), paq_options(req), ctx.today(), req.actor());
    return ok(action_json(a));
  });
  routes.post(base + "/:id/retex/paq", RouteKind::api, [&ctx](Request& req) {
    auto created =
        ctx.repo.all_items_to_paq(req.caller.scope, req.param("finess"), int_param(req, "id"),
                                  paq_options(req), ctx.today(), req.actor());
    json items = json::array();
    for (const auto& a : created) items.push_back(action_json(a));
    return ok({{"created", items}});
  });
  routes.add({"PUT", base + "/:id/declaration", RouteKind::api, [&ctx](Request& req) {
                auto body = object_body(req);
                auto id = int_param(req, "id");
                ctx.repo.get(req.caller.scope, req.param("finess"), id);  // 404 first
                http::require_second_factor(req, "La déclaration sur la plateforme nationale");
                ctx.repo.declare(req.caller.scope, req.param("finess"), id,
                                 str(body, "declared_on"), ctx.today(), req.actor());
                return ok(to_json(ctx.repo.get(req.caller.scope, req.param("finess"), id), true));
              }});
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_page_routes(routes, ctx);
  add_api_routes(routes, ctx);
}

std::int64_t int_param(const Request& req, const char* name) {
  std::string v = req.param(name);
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found("Exercice introuvable.");
}

}  // namespace carepilot::exercises
