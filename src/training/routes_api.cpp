// JSON API of staff training: /api/v1/establishments/:finess/training…
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/withdrawal_page.hpp"
#include "training/routes.hpp"

namespace carepilot::training {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace detail {

int year_param(const Request& req) {
  auto y = parse_year(req.param("year"));
  if (!y) throw UserError::not_found("Année introuvable (quatre chiffres attendus).");
  return *y;
}

std::int64_t id_param(const Request& req) {
  std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found("Campagne introuvable.");
}

namespace {
json share_json(std::optional<std::int64_t> pm) {
  return pm ? json(static_cast<double>(*pm) / 1000.0) : json(nullptr);
}
json opt(const std::optional<int>& v) {
  return v ? json(*v) : json(nullptr);
}
}  // namespace

json coverage_json(const Coverage& c) {
  json cats = json::array();
  for (const auto& x : c.categories)
    cats.push_back({{"name", x.name},
                    {"headcount", x.headcount},
                    {"trained", x.trained},
                    {"trained_initial", x.trained_initial},
                    {"trained_continuing", x.trained_continuing},
                    {"share_trained", share_json(share_trained(x))}});
  return {{"year", c.year},
          {"stored", true},
          {"staff", c.staff()},
          {"trained", c.trained()},
          {"share_trained", share_json(share_trained(c))},
          {"recorded_on", format_date(c.recorded_on)},
          {"categories", cats},
          {"updated_at", c.updated_at},
          {"updated_by", c.updated_by}};
}

json campaign_json(const Campaign& c) {
  auto r = rates(c);
  json j{{"id", c.id},
         {"date", format_date(c.date)},
         {"title", c.title},
         {"kind", kind_name(c.kind)},
         {"audience", c.audience},
         {"targeted", opt(c.targeted)},
         {"participants", opt(c.participants)},
         {"emails_sent", opt(c.emails_sent)},
         {"clicks", opt(c.clicks)},
         {"credentials", opt(c.credentials)},
         {"reports", opt(c.reports)},
         {"rates",
          {{"participation", share_json(r.participation)},
           {"click", share_json(r.click)},
           {"credential", share_json(r.credential)},
           {"report", share_json(r.report)}}},
         {"created_at", c.created_at},
         {"created_by", c.created_by}};
  if (c.withdrawal.withdrawn()) {
    j["withdrawn_at"] = c.withdrawal.at;
    j["withdrawn_by"] = c.withdrawal.by;
    j["withdrawal_reason"] = c.withdrawal.reason;
  }
  return j;
}

}  // namespace detail

void add_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/establishments/:finess/training";
  routes.get(base, RouteKind::api, [&ctx](Request& req) {
    json years = json::array(), campaigns = json::array();
    for (const auto& c : ctx.repo.years(req.caller.scope, req.param("finess")))
      years.push_back(detail::coverage_json(c));
    for (const auto& c : ctx.repo.campaigns(req.caller.scope, req.param("finess")))
      campaigns.push_back(detail::campaign_json(c));
    return Response::json(http::dump({{"years", years}, {"campaigns", campaigns}}));
  });
  // Campaign routes first: "campaigns" would otherwise reach the :year routes.
  routes.get(base + "/campaigns", RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& c : ctx.repo.campaigns(req.caller.scope, req.param("finess")))
      items.push_back(detail::campaign_json(c));
    return http::list_response(req, std::move(items), {{"date", "title", "kind"}});
  });
  routes.post(
      base + "/campaigns", RouteKind::api,
      [&ctx](Request& req) {
        auto in = campaign_from_json(http::parse_json_body(req));
        auto c = ctx.repo.add_campaign(req.caller.scope, req.param("finess"), in, ctx.today(),
                                       req.actor());
        return Response::json(http::dump(detail::campaign_json(c)), 201);
      },
      ctx.max_json_bytes);
  // DELETE withdraws (a campaign is never destroyed): body {"reason": "…"}; answers the
  // withdrawn campaign. Checks: the body (415/400), the campaign (404), the second factor
  // (403), the reason (422 training.reason_required), already withdrawn (409).
  routes.add({"DELETE", base + "/campaigns/:id", RouteKind::api,
              [&ctx](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);
                auto c =
                    ctx.repo.campaign(req.caller.scope, req.param("finess"), detail::id_param(req));
                http::require_second_factor(req, "Le retrait d'une campagne de sensibilisation");
                auto w = ctx.repo.withdraw_campaign(req.caller.scope, req.param("finess"), c.id,
                                                    reason, req.actor());
                return Response::json(http::dump(detail::campaign_json(w)));
              },
              ctx.max_json_bytes});
  routes.get(base + "/:year", RouteKind::api, [&ctx](Request& req) {
    int year = detail::year_param(req);
    auto c = ctx.repo.year(req.caller.scope, req.param("finess"), year);
    if (c) return Response::json(http::dump(detail::coverage_json(*c)));
    // Not entered yet: 200 with "stored": false and the default categories (the form's state).
    json cats = json::array();
    for (const auto& n : default_categories()) cats.push_back({{"name", n}});
    return Response::json(http::dump({{"year", year}, {"stored", false}, {"categories", cats}}));
  });
  routes.add({"PUT", base + "/:year", RouteKind::api,
              [&ctx](Request& req) {
                int year = detail::year_param(req);
                auto in = coverage_from_json(year, http::parse_json_body(req));
                auto saved = ctx.repo.save(req.caller.scope, req.param("finess"), in, ctx.today(),
                                           req.actor());
                return Response::json(http::dump(detail::coverage_json(saved.coverage)),
                                      saved.created ? 201 : 200);
              },
              ctx.max_json_bytes});
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_page_routes(routes, ctx);
  add_api_routes(routes, ctx);
}

namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}

}  // namespace carepilot::training
