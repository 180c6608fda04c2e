// JSON API of the PAQ: /api/v1/establishments/:finess/paq/actions…
#include <nlohmann/json.hpp>

#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/withdrawal_page.hpp"
#include "paq/input.hpp"
#include "paq/routes.hpp"
#include "paq/routes_common.hpp"

namespace carepilot::paq {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

void add_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/establishments/:finess/paq/actions";
  routes.get(base, RouteKind::api, [&ctx](Request& req) {
    auto filter = detail::filter_param(req);
    Date today = ctx.today();
    json items = json::array();
    int overdue = 0;
    for (const auto& a : ctx.repo.list(req.caller.scope, req.param("finess"))) {
      if (!filter.keeps(a)) continue;
      overdue += a.overdue(today) ? 1 : 0;
      items.push_back(detail::action_json(a, today, false));
    }
    return http::list_response(
        req, std::move(items),
        {{"due", "priority", "status", "progress", "title", "created_at", "updated_at"}},
        {{"overdue", overdue}});
  });
  routes.post(
      base, RouteKind::api,
      [&ctx](Request& req) {
        auto in = input_from_json(http::parse_json_body(req));
        Date today = ctx.today();
        auto a = ctx.repo.create(req.caller.scope, req.param("finess"), in, today, req.actor());
        return Response::json(http::dump(detail::action_json(a, today, true)), 201)
            .header("Location", "/api/v1/establishments/" + req.param("finess") + "/paq/actions/" +
                                    std::to_string(a.id));
      },
      ctx.max_json_bytes);
  routes.get(base + "/:id", RouteKind::api, [&ctx](Request& req) {
    auto a = ctx.repo.get(req.caller.scope, req.param("finess"), detail::id_param(req));
    return Response::json(http::dump(detail::action_json(a, ctx.today(), true)));
  });
  routes.add({"PUT", base + "/:id", RouteKind::api,
              [&ctx](Request& req) {
                auto id = detail::id_param(req);
                auto body = http::parse_json_body(req);
                auto current = ctx.repo.get(req.caller.scope, req.param("finess"), id);
                auto change = change_from_json(body, current);
                Date today = ctx.today();
                auto a = ctx.repo.update(req.caller.scope, req.param("finess"), id, change, today,
                                         req.actor());
                a.notes = current.notes;
                return Response::json(http::dump(detail::action_json(a, today, true)));
              },
              ctx.max_json_bytes});
  // DELETE withdraws (an action is never destroyed): body {"reason": "…"}; answers the
  // withdrawn action. Checks: the body (415/400), the action (404), the second factor (403),
  // the reason (422 paq.reason_required), an action already withdrawn (409).
  routes.add({"DELETE", base + "/:id", RouteKind::api,
              [&ctx](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);
                auto a = ctx.repo.get(req.caller.scope, req.param("finess"), detail::id_param(req));
                http::require_second_factor(req, "Le retrait d'une action du PAQ");
                Date today = ctx.today();
                auto w = ctx.repo.withdraw(req.caller.scope, req.param("finess"), a.id, reason,
                                           today, req.actor());
                return Response::json(http::dump(detail::action_json(w, today, true)));
              },
              ctx.max_json_bytes});
  routes.post(
      base + "/:id/notes", RouteKind::api,
      [&ctx](Request& req) {
        auto id = detail::id_param(req);
        auto body = http::parse_json_body(req);                   // 400/415: the request
        ctx.repo.get(req.caller.scope, req.param("finess"), id);  // then 404, before 422
        if (!body.is_object() || !body.contains("note") || !body["note"].is_string())
          throw UserError::invalid(
              {{"note", "paq.note_required", "note : une chaîne de caractères est attendue."}});
        auto n = ctx.repo.add_note(req.caller.scope, req.param("finess"), id,
                                   body["note"].get<std::string>(), ctx.today(), req.actor());
        return Response::json(http::dump(detail::note_json(n)), 201);
      },
      ctx.max_json_bytes);
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_page_routes(routes, ctx);
  add_api_routes(routes, ctx);
}

}  // namespace carepilot::paq

namespace carepilot::paq {
namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}
}  // namespace carepilot::paq
