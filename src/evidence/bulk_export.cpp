#include "evidence/bulk_export.hpp"

#include <nlohmann/json.hpp>

#include <regex>

#include "common/errors.hpp"
#include "engine/report_json.hpp"
#include "http/json_body.hpp"
#include "registry/region_param.hpp"
#include "store/clock.hpp"

namespace carepilot::evidence {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

constexpr const char* kJsonLines = "application/jsonl; charset=utf-8";

// `since`: a day (YYYY-MM-DD, from its start in UTC) or a timestamp as the server writes
// them (YYYY-MM-DDTHH:MM:SSZ, e.g. the X-Next-Since of the previous export). Timestamps
// compare as text in that form.
std::string since_param(const Request& req) {
  static const std::regex form(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?)");
  std::string v = req.q("since");
  if (!v.empty() && (!std::regex_match(v, form) || !parse_date(v.substr(0, 10))))
    throw UserError(400, "request.bad_parameter",
                    "Paramètre since invalide (AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SSZ attendu).",
                    {{"since", "request.bad_parameter", "Date ou horodatage UTC attendu."}});
  return v;
}

ScopeFilter filter_param(const Request& req, registry::Repository& registry) {
  ScopeFilter f;
  f.region_code = registry::api_region_param(req, registry);  // 400 for an unknown code
  if (auto g = req.q("ght"); !g.empty()) {
    try {
      std::size_t used = 0;
      f.ght_id = std::stoll(g, &used);
      if (used != g.size()) throw std::invalid_argument(g);
    } catch (const std::exception&) {
      throw UserError(400, "request.bad_parameter", "Paramètre ght invalide.",
                      {{"ght", "request.bad_parameter", "Identifiant de GHT attendu."}});
    }
  }
  return f;
}

Date as_of_param(const Request& req, const Date& today) {
  std::string v = req.q("as_of");
  if (v.empty()) return today;
  auto d = parse_date(v);
  if (!d)
    throw UserError(400, "request.bad_parameter", "Paramètre as_of invalide (AAAA-MM-JJ attendu).",
                    {{"as_of", "request.bad_parameter", "Date AAAA-MM-JJ attendue."}});
  return *d;
}

// The last change of an establishment's data: its registry row or its newest record.
std::string last_change(const Loaded& l) {
  std::string last = l.establishment.updated_at;
  for (const auto& r : l.records) last = std::max(last, r.created_at);
  return last;
}

Response lines(std::string body, const std::string& next_since, std::size_t count) {
  return Response::text(std::move(body), kJsonLines)
      .header("X-Next-Since", next_since)
      .header("X-Record-Count", std::to_string(count));
}

}  // namespace

void add_export_routes(http::RouteTable& routes, Context& ctx) {
  // One line per evidence record of the scope created at or after `since`: its metadata
  // (id, establishment, type, date, who recorded it and when) and the record itself.
  routes.get("/api/v1/export/evidence.jsonl", RouteKind::api, [&ctx](Request& req) {
    const std::string since = since_param(req);
    const auto filter = filter_param(req, ctx.registry);
    const std::string next_since = store::now_utc_iso();  // before reading: nothing missed
    std::string body;
    std::size_t count = 0;
    for (const auto& l : ctx.repo.load_all(req.caller.scope, filter, /*keep_records=*/true)) {
      for (const auto& r : l.records) {
        if (!since.empty() && r.created_at < since) continue;
        body += http::dump({{"finess", l.establishment.finess_et},
                            {"id", r.id},
                            {"type", r.type},
                            {"date", format_date(r.date)},
                            {"created_at", r.created_at},
                            {"created_by", r.created_by},
                            {"record", r.payload}});
        body += '\n';
        ++count;
      }
    }
    return lines(std::move(body), next_since, count);
  });

  // One line per establishment of the scope: its compliance as of `as_of` (default today),
  // obligation by obligation; with `since`, only the establishments whose registry row or
  // evidence changed at or after it.
  routes.get("/api/v1/export/compliance.jsonl", RouteKind::api, [&ctx](Request& req) {
    const std::string since = since_param(req);
    const auto filter = filter_param(req, ctx.registry);
    const Date as_of = as_of_param(req, ctx.today());
    const std::string next_since = store::now_utc_iso();
    std::string body;
    std::size_t count = 0;
    for (const auto& l : ctx.repo.load_all(req.caller.scope, filter, !since.empty())) {
      const std::string changed = last_change(l);
      if (!since.empty() && changed < since) continue;
      json line = json::parse(engine::to_json(ctx.repo.compliance(l, as_of)).dump());
      line["as_of"] = format_date(as_of);
      line["region_code"] = l.establishment.region_code;
      line["ght_id"] = l.establishment.ght_id ? json(*l.establishment.ght_id) : json(nullptr);
      if (!since.empty()) line["changed_at"] = changed;
      body += http::dump(line);
      body += '\n';
      ++count;
    }
    return lines(std::move(body), next_since, count);
  });
}

}  // namespace carepilot::evidence
