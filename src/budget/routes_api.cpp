// JSON API of the budget declarations: /api/v1/establishments/:finess/budget[/:year].
#include <nlohmann/json.hpp>

#include "budget/routes.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/withdrawal_page.hpp"

namespace carepilot::budget {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

int year_param(const Request& req) {
  auto y = parse_year(req.param("year"));
  if (!y) throw UserError::not_found("Année introuvable (quatre chiffres attendus).");
  return *y;
}

namespace {

double euros(std::int64_t cents) {
  return static_cast<double>(cents) / 100.0;
}

json declaration_json(const Declaration& d) {
  auto s = shares(d);
  return {
      {"year", d.year},
      {"stored", true},
      {"total_eur", euros(d.total_cents)},
      {"digital_eur", euros(d.digital_cents)},
      {"cyber_eur", euros(d.cyber_cents)},
      {"declared_on", format_date(d.declared_on)},
      {"shares",
       {{"digital", static_cast<double>(s.digital_permille) / 1000.0},
        {"cyber", static_cast<double>(s.cyber_permille) / 1000.0},
        {"digital_and_cyber", static_cast<double>(s.combined_permille) / 1000.0},
        {"digital_and_cyber_exact", combined_ratio(d)}}},
      {"threshold_met", meets_threshold(d)},
      {"withdrawn_at", d.withdrawal.withdrawn() ? json(d.withdrawal.at) : json(nullptr)},
      {"withdrawal_reason", d.withdrawal.withdrawn() ? json(d.withdrawal.reason) : json(nullptr)},
      {"updated_at", d.updated_at},
      {"updated_by", d.updated_by}};
}

}  // namespace

constexpr const char* kDeclareAct = "La déclaration du budget";

void add_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/establishments/:finess/budget";
  routes.get(base, RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& d : ctx.repo.list(req.caller.scope, req.param("finess")))
      items.push_back(declaration_json(d));
    return http::list_response(req, std::move(items), {{"year", "declared_on", "updated_at"}},
                               {{"threshold", 0.02}});
  });
  routes.get(base + "/:year", RouteKind::api, [&ctx](Request& req) {
    int year = year_param(req);
    auto d = ctx.repo.get(req.caller.scope, req.param("finess"), year);
    // A year not declared yet answers 200 with "stored": false (the form's empty state).
    if (!d) return Response::json(http::dump({{"year", year}, {"stored", false}}));
    return Response::json(http::dump(declaration_json(*d)));
  });
  routes.add({"PUT", base + "/:year", RouteKind::api,
              [&ctx](Request& req) {
                int year = year_param(req);
                auto in = input_from_json(year, http::parse_json_body(req));
                ctx.repo.get(req.caller.scope, req.param("finess"), year);  // 404 first
                http::require_second_factor(req, kDeclareAct);
                auto saved = ctx.repo.save(req.caller.scope, req.param("finess"), in, ctx.today(),
                                           req.actor());
                return Response::json(http::dump(declaration_json(saved.declaration)),
                                      saved.created ? 201 : 200);
              },
              ctx.max_json_bytes});
  // DELETE withdraws (a declaration is never destroyed): body {"reason": "…"}; answers the
  // withdrawn declaration. Checks: the body (415/400), the declaration (404), the second
  // factor (403), the reason (422 budget.reason_required).
  routes.add({"DELETE", base + "/:year", RouteKind::api,
              [&ctx](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);
                int year = year_param(req);
                if (!ctx.repo.get(req.caller.scope, req.param("finess"), year))
                  throw UserError::not_found("Aucune déclaration de budget pour cette année.");
                http::require_second_factor(req, "Le retrait d'une déclaration de budget");
                auto w = ctx.repo.withdraw(req.caller.scope, req.param("finess"), year, reason,
                                           ctx.today(), req.actor());
                return Response::json(http::dump(declaration_json(w)));
              },
              ctx.max_json_bytes});
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_page_routes(routes, ctx);
  add_api_routes(routes, ctx);
}

}  // namespace carepilot::budget

namespace carepilot::budget {
namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}
}  // namespace carepilot::budget
