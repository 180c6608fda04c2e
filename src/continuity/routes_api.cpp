// JSON API of the continuity register: /api/v1/establishments/:finess/continuity…
#include <nlohmann/json.hpp>

#include "continuity/input.hpp"
#include "continuity/routes.hpp"
#include "http/json_body.hpp"
#include "http/withdrawal_page.hpp"

namespace carepilot::continuity {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

json opt(const std::optional<int>& v) {
  return v ? json(*v) : json(nullptr);
}
json opt(const std::optional<Date>& d) {
  return d ? json(format_date(*d)) : json(nullptr);
}

std::int64_t id_param(const Request& req, const char* what) {
  std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found(what);
}

json activity_json(const Activity& a, const Register& reg) {
  const Bia* counting = reg.counting_bia(a.id);
  const Bia* latest = reg.latest_bia(a.id);
  return {{"id", a.id},
          {"name", a.name},
          {"activity_kind", a.kind},
          {"service", a.service.empty() ? json(nullptr) : json(a.service)},
          {"owner", a.owner},
          {"share_percent", a.share_hundredths / 100.0},
          {"resources", a.resource_ids},
          {"latest_version", latest ? json(latest->version) : json(nullptr)},
          {"bia", counting ? json{{"id", counting->id},
                                  {"version", counting->version},
                                  {"validated_on", opt(counting->validated_on)},
                                  {"dmia_hours", opt(counting->dmia())},
                                  {"pdma_hours", opt(counting->pdma())}}
                           : json(nullptr)}};
}

}  // namespace

json bia_json(const Bia& b) {
  json impacts = json::object();
  for (const auto& [cat, row] : b.impacts.levels)
    for (const auto& [h, level] : row) impacts[cat][h] = level;
  auto override_json = [](const std::optional<Override>& o) {
    return o ? json{{"hours", o->hours}, {"justification", o->justification}} : json(nullptr);
  };
  return {{"id", b.id},
          {"activity_id", b.activity_id},
          {"version", b.version},
          {"scale_version", b.scale_version},
          {"impacts", impacts},
          {"derived_dmia_hours", opt(b.dmia_hours)},
          {"derived_pdma_hours", opt(b.pdma_hours)},
          {"dmia_override", override_json(b.dmia_override)},
          {"pdma_override", override_json(b.pdma_override)},
          {"dmia_hours", opt(b.dmia())},
          {"pdma_hours", opt(b.pdma())},
          {"degraded_mode", b.degraded_mode},
          {"autonomy_hours", opt(b.autonomy_hours)},
          {"validated_by", b.validated_by.empty() ? json(nullptr) : json(b.validated_by)},
          {"validated_on", opt(b.validated_on)},
          {"created_at", b.created_at}};
}

json plan_test_json(const PlanTest& t) {
  return {{"id", t.id},
          {"plan_id", t.plan_id},
          {"held_on", opt(t.held_on)},
          {"planned_on", opt(t.planned_on)},
          {"scenario", t.scenario},
          {"observed_hours", opt(t.observed_hours)},
          {"failures", t.failures}};
}

json plan_json(const Plan& p, const Register& reg) {
  const PlanTest* last = reg.last_test(p.id);
  std::optional<Date> next;
  for (const auto& t : reg.tests)
    if (t.plan_id == p.id && !t.held_on && t.planned_on && (!next || *t.planned_on < *next))
      next = t.planned_on;
  return {{"id", p.id},
          {"plan_kind", p.kind},
          {"title", p.title},
          {"scope", p.scope},
          {"services", p.services},
          {"scenarios", p.scenarios},
          {"covers_it_outage", p.covers_it_outage},
          {"plan_version", p.version},
          {"validated_by", p.validated_by},
          {"validated_on", format_date(p.validated_on)},
          {"review_on", opt(p.review_on)},
          {"last_test_on", last ? opt(last->held_on) : json(nullptr)},
          {"next_test_on", opt(next)}};
}

json register_json(const Register& reg, const std::vector<std::string>& services) {
  auto req = Repository::requirements(reg);
  json resources = json::array(), activities = json::array(), bias = json::array(),
       plans = json::array(), tests = json::array();
  for (const auto& r : reg.resources) {
    auto it = req.find(r.id);
    resources.push_back(
        {{"id", r.id},
         {"name", r.name},
         {"resource_kind", r.kind},
         {"rto_hours", it == req.end() ? json(nullptr) : opt(it->second.rto_hours)},
         {"rpo_hours", it == req.end() ? json(nullptr) : opt(it->second.rpo_hours)}});
  }
  int total = 0;
  for (const auto& a : reg.activities) {
    activities.push_back(activity_json(a, reg));
    total += a.share_hundredths;
  }
  for (const auto& b : reg.bias) bias.push_back(bia_json(b));
  for (const auto& p : reg.plans) plans.push_back(plan_json(p, reg));
  for (const auto& t : reg.tests) tests.push_back(plan_test_json(t));
  return {{"resources", resources},
          {"activities", activities},
          {"bias", bias},
          {"plans", plans},
          {"tests", tests},
          {"services_without_bia", Repository::services_without_bia(reg, services)},
          {"share_percent_total", total / 100.0}};
}

void add_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/establishments/:finess/continuity";
  routes.get(base, RouteKind::api, [&ctx](Request& req) {
    auto est = ctx.registry.visible(req.caller.scope, req.param("finess"));
    auto reg = ctx.repo.load(req.caller.scope, req.param("finess"));
    return Response::json(http::dump(register_json(reg, est.services)));
  });
  routes.add({"POST", base + "/resources", RouteKind::api,
              [&ctx](Request& req) {
                auto in = resource_from_json(http::parse_json_body(req));
                auto r =
                    ctx.repo.add_resource(req.caller.scope, req.param("finess"), in, req.actor());
                return Response::json(
                    http::dump({{"id", r.id}, {"name", r.name}, {"resource_kind", r.kind}}), 201);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/activities", RouteKind::api,
              [&ctx](Request& req) {
                auto in = activity_from_json(http::parse_json_body(req));
                auto a =
                    ctx.repo.add_activity(req.caller.scope, req.param("finess"), in, req.actor());
                Register reg;
                reg.activities.push_back(a);
                return Response::json(http::dump(activity_json(a, reg)), 201);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/activities/:id/bias", RouteKind::api,
              [&ctx](Request& req) {
                auto in = bia_from_json(http::parse_json_body(req));
                auto id = id_param(req, "Activité introuvable.");
                auto b = ctx.repo.save_bia(req.caller.scope, req.param("finess"), id, in,
                                           ctx.today(), req.actor());
                return Response::json(http::dump(bia_json(b)), 201);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/plans", RouteKind::api,
              [&ctx](Request& req) {
                auto in = plan_from_json(http::parse_json_body(req));
                auto p = ctx.repo.add_plan(req.caller.scope, req.param("finess"), in, ctx.today(),
                                           req.actor());
                return Response::json(http::dump(plan_json(p, Register{})), 201);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/plans/:id/tests", RouteKind::api,
              [&ctx](Request& req) {
                auto in = plan_test_from_json(http::parse_json_body(req));
                auto id = id_param(req, "Plan introuvable.");
                auto t = ctx.repo.add_plan_test(req.caller.scope, req.param("finess"), id, in,
                                                ctx.today(), req.actor());
                return Response::json(http::dump(plan_test_json(t)), 201);
              },
              ctx.max_json_bytes});
  // DELETE withdraws a plan (never destroyed): body {"reason": "…"}; answers the withdrawal.
  // Checks: the body (415/400), the plan (404), the second factor (403), the reason (422
  // continuity.reason_required).
  routes.add({"DELETE", base + "/plans/:id", RouteKind::api,
              [&ctx](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);
                auto id = id_param(req, "Plan introuvable.");
                if (!ctx.repo.load(req.caller.scope, req.param("finess")).plan(id))
                  throw UserError::not_found("Plan introuvable.");
                http::require_second_factor(req, "Le retrait d'un plan de continuité");
                auto w = ctx.repo.withdraw(req.caller.scope, req.param("finess"), Record::plan, id,
                                           reason, ctx.today(), req.actor());
                return Response::json(http::dump({{"id", id},
                                                  {"withdrawn_at", w.at},
                                                  {"withdrawn_by", w.by},
                                                  {"withdrawal_reason", w.reason}}));
              },
              ctx.max_json_bytes});
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_page_routes(routes, ctx);
  add_api_routes(routes, ctx);
}

}  // namespace carepilot::continuity
