// JSON API of the identification inventory: /api/v1/establishments/:finess/identification.
#include <charconv>
#include <nlohmann/json.hpp>

#include "common/labels.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "identification/routes.hpp"

namespace carepilot::identification {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

json share_json(const Share& s) {
  auto p = s.permille();
  return {{"accesses", s.accesses},
          {"covered", s.covered},
          {"share", p ? json(static_cast<double>(*p) / 1000.0) : json(nullptr)}};
}

json cell_fields(const Cell& c);

// A cell's verdict: status, reason, the rules its means breaks and, when that means is
// compliant, the people of the population not on it.
json verdict_json(const Verdict& v) {
  return {{"status", status_code(v.status)},
          {"reason", v.reason},
          {"rules_failed", v.rules_failed},
          {"uncovered", v.uncovered}};
}

json cell_json(const Cell& c, const Inventory& inv) {
  json j{{"population_id", c.population_id}, {"access_point_id", c.access_point_id}};
  for (const auto& p : inv.populations)
    if (p.id == c.population_id) j["population"] = p.kind;
  for (const auto& a : inv.access_points)
    if (a.id == c.access_point_id) j["access_point"] = a.name;
  j.update(cell_fields(c));
  return j;
}

json cell_fields(const Cell& c) {
  return {{"means", c.means},
          {"covered", c.covered},
          {"planned_means", c.planned_means.empty() ? json(nullptr) : json(c.planned_means)},
          {"planned_date", c.planned_date ? json(format_date(*c.planned_date)) : json(nullptr)},
          {"homologation",
           c.homologation ? json{{"commission_date", format_date(c.homologation->commission_date)},
                                 {"decision", c.homologation->decision},
                                 {"reserves", c.homologation->reserves},
                                 {"means", c.homologation->means}}
                          : json(nullptr)}};
}

Date as_of_param(const Request& req, const Date& today) {
  auto q = req.q("as_of");
  if (q.empty()) return today;
  auto d = parse_date(q);
  // docs/api.md: 400 request.bad_parameter naming the parameter (by its label in the message).
  if (!d) {
    const std::string message =
        std::string(field_label("as_of")) + " : date attendue au format AAAA-MM-JJ.";
    throw UserError(400, "request.bad_parameter", message,
                    {{"as_of", "request.bad_parameter", message}});
  }
  return *d;
}

}  // namespace

json matrix_json(const Data& data, const Inventory& inv, const Date& as_of) {
  auto cov = coverage(data, inv, as_of);
  json pops = json::array(), aps = json::array(), cells = json::array();
  for (std::size_t i = 0; i < inv.populations.size(); ++i) {
    const auto& p = inv.populations[i];
    pops.push_back({{"id", p.id},
                    {"population", p.kind},
                    {"headcount", p.headcount},
                    {"coverage", share_json(cov.populations[i].share)}});
  }
  for (const auto& a : inv.access_points)
    aps.push_back(
        {{"id", a.id}, {"name", a.name}, {"access_kind", a.kind}, {"location", a.location}});
  for (const auto& c : inv.cells) {
    if (auto v = evaluate(data, inv, c, as_of)) {
      auto j = cell_json(c, inv);
      j.update(verdict_json(*v));
      cells.push_back(std::move(j));
    }
  }
  // The crossings left blank, by population code and access point name: no trajectory while
  // there is one.
  json blanks = json::array();
  for (const auto& b : cov.blanks) {
    json x;
    for (const auto& p : inv.populations)
      if (p.id == b.population_id) x["population"] = p.kind;
    for (const auto& a : inv.access_points)
      if (a.id == b.access_point_id) x["access_point"] = a.name;
    blanks.push_back(std::move(x));
  }
  return {{"as_of", format_date(as_of)},
          {"populations", pops},
          {"access_points", aps},
          {"cells", cells},
          {"coverage", share_json(cov.overall)},
          {"counts",
           {{"cells", cov.cells},
            {"compliant", cov.compliant},
            {"non_compliant", cov.non_compliant},
            {"planned", cov.planned},
            {"no_access", cov.no_access},
            {"blank", static_cast<int>(cov.blanks.size())}}},
          {"blanks", blanks},
          {"target_date", cov.target_date ? json(format_date(*cov.target_date)) : json(nullptr)}};
}

json objectives_json(const Data& data, const Inventory& inv, const Date& as_of,
                     const std::vector<Declaration>& declarations) {
  const auto current = current_declarations(declarations);
  json out = json::array();
  for (const auto& o : data.objectives) {
    auto it = current.find(o.id);
    auto v = evaluate_objective(data, inv, o, as_of, it == current.end() ? nullptr : &it->second);
    json declaration = nullptr;
    if (!o.derived)
      for (const auto& d : declarations)
        if (d.objective_id == o.id && !d.withdrawal.withdrawn()) declaration = declaration_json(d);
    out.push_back({{"id", o.id},
                   {"year", o.year},
                   {"label", o.label},
                   {"derived", o.derived},
                   {"status", objective_status_code(v.status)},
                   {"reason", v.reason},
                   {"declaration", declaration}});
  }
  return out;
}

json desfire_json(const Data& data, const std::optional<DesfireCheck>& c) {
  if (!c) return nullptr;
  auto v = evaluate_badges(data, *c);
  return {{"key_scheme", c->key_scheme},
          {"own_kms", c->own_kms},
          {"processes_defined", c->processes_defined},
          {"status", badge_status_code(v.status)},
          {"reasons", v.reasons},
          {"source", data.desfire.source}};
}

json step_json(const Step& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"owner", s.owner},
          {"due", format_date(s.due)},
          {"done_on", s.done_on ? json(format_date(*s.done_on)) : json(nullptr)},
          {"paq_action_id", s.paq_action_id ? json(*s.paq_action_id) : json(nullptr)}};
}

FormFields merged_step(const Step& current, const FormFields& given) {
  FormFields f{{"title", current.title},
               {"owner", current.owner},
               {"due", format_date(current.due)},
               {"done_on", current.done_on ? format_date(*current.done_on) : ""}};
  for (const auto& [k, v] : given)
    if (f.count(k)) f[k] = v;
  return f;
}

namespace {

// The step :id of the path (404 when it is not a number: no such step).
std::int64_t step_param(const Request& req) {
  const auto& t = req.param("id");
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), id);
  if (ec != std::errc() || p != t.data() + t.size() || id <= 0)
    throw UserError::not_found("Cette étape n'existe pas.");
  return id;
}

// A body's members as form text (strings; null as empty; anything else refused by the reader).
FormFields step_fields(const json& body) {
  http::require_known_members(body, {"title", "owner", "due", "done_on"});
  FormFields f;
  for (const char* k : {"title", "owner", "due", "done_on"}) {
    if (!body.contains(k)) continue;
    const auto& v = body[k];
    f[k] = v.is_null() ? "" : v.is_string() ? v.get<std::string>() : "?";
  }
  return f;
}

}  // namespace

void add_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/establishments/:finess/identification";
  routes.get(base, RouteKind::api, [&ctx](Request& req) {
    auto as_of = as_of_param(req, ctx.today());
    auto inv = ctx.repo.inventory(req.caller.scope, req.param("finess"));
    auto out = matrix_json(ctx.repo.data(), inv, as_of);
    json history = json::array();
    for (const auto& p : ctx.repo.coverage_history(req.caller.scope, req.param("finess"))) {
      json point = share_json(Share{p.accesses, p.covered});
      point["updated_on"] = format_date(p.day);
      history.push_back(std::move(point));
    }
    out["coverage_history"] = std::move(history);
    json steps = json::array();
    for (const auto& st : ctx.steps.list(req.caller.scope, req.param("finess")))
      steps.push_back(step_json(st));
    out["steps"] = std::move(steps);
    out["hospiconnect"] = {
        {"source", ctx.repo.data().hospiconnect_source},
        {"objectives",
         objectives_json(ctx.repo.data(), inv, as_of,
                         ctx.declarations.list(req.caller.scope, req.param("finess")))}};
    out["desfire"] =
        desfire_json(ctx.repo.data(), ctx.badges.get(req.caller.scope, req.param("finess")));
    return Response::json(http::dump(out));
  });
  routes.add({"POST", base + "/populations", RouteKind::api,
              [&ctx](Request& req) {
                auto in = population_from_json(http::parse_json_body(req));
                auto saved = ctx.repo.save_population(req.caller.scope, req.param("finess"), in,
                                                      ctx.today(), req.actor());
                return Response::json(http::dump({{"id", saved.value.id},
                                                  {"population", saved.value.kind},
                                                  {"headcount", saved.value.headcount}}),
                                      saved.created ? 201 : 200);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/access-points", RouteKind::api,
              [&ctx](Request& req) {
                auto in = access_point_from_json(http::parse_json_body(req));
                auto a = ctx.repo.add_access_point(req.caller.scope, req.param("finess"), in,
                                                   ctx.today(), req.actor());
                return Response::json(http::dump({{"id", a.id},
                                                  {"name", a.name},
                                                  {"access_kind", a.kind},
                                                  {"location", a.location}}),
                                      201);
              },
              ctx.max_json_bytes});
  routes.add({"PUT", base + "/cells", RouteKind::api,
              [&ctx](Request& req) {
                auto in = cell_from_json(http::parse_json_body(req));
                auto saved = ctx.repo.save_cell(req.caller.scope, req.param("finess"), in,
                                                ctx.today(), req.actor());
                auto inv = ctx.repo.inventory(req.caller.scope, req.param("finess"));
                auto j = cell_json(saved.value, inv);
                if (auto v = evaluate(ctx.repo.data(), inv, saved.value, ctx.today()))
                  j.update(verdict_json(*v));
                return Response::json(http::dump(j), saved.created ? 201 : 200);
              },
              ctx.max_json_bytes});
}

void add_step_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/establishments/:finess/identification/steps";
  routes.add({"POST", base, RouteKind::api,
              [&ctx](Request& req) {
                auto body = http::parse_json_body(req);
                auto in = step_from_form(step_fields(body));
                auto st = ctx.steps.add(req.caller.scope, req.param("finess"), in, ctx.today(),
                                        req.actor());
                return Response::json(http::dump(step_json(st)), 201);
              },
              ctx.max_json_bytes});
  routes.add({"PUT", base + "/:id", RouteKind::api,
              [&ctx](Request& req) {
                auto given = step_fields(http::parse_json_body(req));
                const auto id = step_param(req);
                std::optional<Step> current;
                for (auto& x : ctx.steps.list(req.caller.scope, req.param("finess")))
                  if (x.id == id) current = x;
                if (!current) throw UserError::not_found("Cette étape n'existe pas.");
                auto st = ctx.steps.update(req.caller.scope, req.param("finess"), id,
                                           step_from_form(merged_step(*current, given)),
                                           ctx.today(), req.actor());
                for (auto& x : ctx.steps.list(req.caller.scope, req.param("finess")))
                  if (x.id == id) st = x;
                return Response::json(http::dump(step_json(st)));
              },
              ctx.max_json_bytes});
  routes.add(
      {"PUT", "/api/v1/establishments/:finess/identification/desfire", RouteKind::api,
       [&ctx](Request& req) {
         auto in = desfire_from_json(http::parse_json_body(req));
         bool created = false;
         auto c = ctx.badges.save(req.caller.scope, req.param("finess"), in, req.actor(), &created);
         return Response::json(http::dump(desfire_json(ctx.repo.data(), c)), created ? 201 : 200);
       },
       ctx.max_json_bytes});
  routes.post(base + "/:id/paq", RouteKind::api, [&ctx](Request& req) {
    bool created = false;
    auto act = ctx.steps.send_to_paq(req.caller.scope, req.param("finess"), step_param(req),
                                     ctx.today(), req.actor(), &created);
    json j{{"paq_action_id", act.id}, {"created", created}, {"source_ref", act.source_ref}};
    return Response::json(http::dump(j), created ? 201 : 200);
  });
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_page_routes(routes, ctx);
  add_api_routes(routes, ctx);
  add_step_api_routes(routes, ctx);
  add_declaration_routes(routes, ctx);
  add_territory_routes(routes, ctx);
}

namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}

}  // namespace carepilot::identification
