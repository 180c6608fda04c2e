#include <nlohmann/json.hpp>

#include "assessment/routes.hpp"
#include "common/errors.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"

namespace carepilot::assessment {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

json framework_json(const Framework& f) {
  json scale = json::array();
  for (const auto& l : f.scale) scale.push_back({{"level", l.level}, {"label", l.label}});
  json sections = json::array();
  for (const auto& s : f.sections) {
    json reqs = json::array();
    for (const auto& r : s.requirements)
      reqs.push_back(
          {{"id", r.id}, {"title", r.title}, {"reference", r.reference}, {"weight", r.weight}});
    sections.push_back({{"id", s.id},
                        {"title", s.title},
                        {"reference", s.reference},
                        {"weight", s.weight},
                        {"requirements", reqs}});
  }
  return {{"id", f.id},          {"version", f.version}, {"title", f.title},
          {"source", f.source},  {"scale", scale},       {"not_applicable", f.not_applicable_label},
          {"sections", sections}};
}

json opt(const std::optional<int>& v) {
  return v ? json(*v) : json(nullptr);
}

json score_json(const Score& s) {
  json sections = json::array();
  for (const auto& sc : s.sections)
    sections.push_back({{"id", sc.id},
                        {"title", sc.title},
                        {"score", opt(sc.score)},
                        {"answered_score", opt(sc.answered_score)},
                        {"answered", sc.answered},
                        {"applicable", sc.applicable},
                        {"total", sc.total}});
  return {{"overall", opt(s.overall)},
          {"progress", s.progress},
          {"answered", s.answered},
          {"total", s.total},
          {"sections", sections}};
}

json assessment_json(const Assessment& a) {
  json answers = json::array();
  for (const auto& [id, ans] : a.answers)
    answers.push_back({{"requirement", id},
                       {"level", ans.level == kNotApplicable ? json("na") : json(ans.level)},
                       {"comment", ans.comment},
                       {"updated_at", ans.updated_at},
                       {"updated_by", ans.updated_by}});
  json attachments = json::array();
  for (const auto& at : a.attachments)
    attachments.push_back({{"id", at.id},
                           {"requirement", at.requirement},
                           {"file_name", at.file_name},
                           {"content_type", at.content_type},
                           {"size", at.size},
                           {"sha256", at.sha256},
                           {"created_at", at.created_at},
                           {"created_by", at.created_by}});
  json j{{"year", a.year},
         {"framework", {{"id", a.framework_id}, {"version", a.framework_version}}},
         {"status", a.declared ? "declared" : "draft"},
         {"answers", answers},
         {"attachments", attachments},
         {"score",
          score_json(a.declaration ? score_from_snapshot(a.declaration->snapshot) : a.score())},
         {"unmet", a.unmet()},
         {"created_at", a.created_at},
         {"updated_at", a.updated_at}};
  if (a.declaration)
    j["declaration"] = {{"date", format_date(a.declaration->date)},
                        {"declared_on", format_date(a.declaration->declared_on)},
                        {"score", a.declaration->score},
                        {"digest", a.declaration->digest},
                        {"declared_by", a.declaration->created_by}};
  else
    j["declaration"] = nullptr;
  return j;
}

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw UserError::invalid({{field, "assessment.invalid", field + " : " + message}});
}

std::vector<AnswerInput> answers_from_json(const json& body) {
  if (!body.is_object() || !body.contains("answers") || !body["answers"].is_array())
    bad("answers", "une liste « answers » est attendue.");
  std::vector<AnswerInput> out;
  for (const auto& item : body["answers"]) {
    if (!item.is_object()) bad("answers", "chaque réponse est un objet.");
    AnswerInput in;
    auto req = item.find("requirement");
    if (req == item.end() || !req->is_string()) bad("requirement", "identifiant attendu.");
    in.requirement = req->get<std::string>();
    auto level = item.find("level");
    if (level == item.end() || level->is_null()) {
      in.level = std::nullopt;
    } else if (level->is_string() && level->get<std::string>() == "na") {
      in.level = kNotApplicable;
    } else if (level->is_number_integer()) {
      auto v = level->get<long long>();
      in.level = v < -1000 || v > 1000 ? 1000 : static_cast<int>(v);
      if (*in.level == kNotApplicable) in.level = 1000;  // -1 is not a level of the API
    } else {
      throw UserError::invalid({{"level", "assessment.level_invalid",
                                 "level : un niveau entier de l'échelle ou \"na\" est attendu."}});
    }
    if (auto c = item.find("comment"); c != item.end() && !c->is_null()) {
      if (!c->is_string()) bad("comment", "texte attendu.");
      in.comment = c->get<std::string>();
    }
    out.push_back(std::move(in));
  }
  return out;
}

std::optional<Date> date_field(const json& body, const char* key) {
  if (!body.is_object() || !body.contains(key) || body[key].is_null()) return std::nullopt;
  if (!body[key].is_string()) bad(key, "date AAAA-MM-JJ attendue.");
  auto d = parse_date(body[key].get<std::string>());
  if (!d) bad(key, "date AAAA-MM-JJ attendue.");
  return d;
}

}  // namespace

void add_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/establishments/:finess/assessments";
  routes.get("/api/v1/frameworks", RouteKind::api, [](Request& req) {
    json items = json::array();
    for (const auto& [id, f] : builtin_frameworks()) items.push_back(framework_json(f));
    return http::list_response(req, std::move(items), {{"id", "version"}});
  });
  routes.get(base, RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& s : ctx.repo.list(req.caller.scope, req.param("finess")))
      items.push_back(
          {{"year", s.year},
           {"status", s.declared ? "declared" : "draft"},
           {"score", opt(s.score)},
           {"progress", s.progress},
           {"declared_date", s.declared_date ? json(format_date(*s.declared_date)) : json(nullptr)},
           {"declared_on", s.declared_on ? json(format_date(*s.declared_on)) : json(nullptr)}});
    return http::list_response(req, std::move(items), {{"year", "score", "progress"}});
  });
  routes.get(base + "/:year", RouteKind::api, [&ctx](Request& req) {
    int year = year_param(req);
    auto a = ctx.repo.find(req.caller.scope, req.param("finess"), year);
    if (!a) throw UserError::not_found("Aucune autoévaluation pour cette année.");
    return Response::json(http::dump(assessment_json(*a)));
  });
  routes.add({"PUT", base + "/:year", RouteKind::api,
              [&ctx](Request& req) {
                int year = year_param(req);
                auto body = http::parse_json_body(req);
                auto in = answers_from_json(body);
                auto a = ctx.repo.save_answers(req.caller.scope, req.param("finess"), year, in,
                                               ctx.today(), req.actor());
                return Response::json(http::dump(assessment_json(a)));
              },
              ctx.max_json_bytes});
  routes.post(
      base + "/:year/declaration", RouteKind::api,
      [&ctx](Request& req) {
        int year = year_param(req);
        json body = req.body.empty() ? json::object() : http::parse_json_body(req);
        ctx.repo.find(req.caller.scope, req.param("finess"), year);  // 404 first
        http::require_second_factor(req, "La déclaration de l'autoévaluation");
        DeclarationInput in{date_field(body, "date"), date_field(body, "declared_on")};
        auto a = ctx.repo.declare(req.caller.scope, req.param("finess"), year, in, ctx.today(),
                                  req.actor());
        return Response::json(http::dump(assessment_json(a)), 201);
      },
      ctx.max_json_bytes);
  routes.get(base + "/:year/snapshot", RouteKind::api, [&ctx](Request& req) {
    int year = year_param(req);
    auto a = ctx.repo.find(req.caller.scope, req.param("finess"), year);
    if (!a || !a->declaration) throw UserError::not_found("Aucune déclaration pour cette année.");
    return Response::json(http::dump({{"year", year},
                                      {"digest", a->declaration->digest},
                                      {"algorithm", "sha256"},
                                      {"snapshot_text", a->declaration->snapshot},
                                      {"snapshot", json::parse(a->declaration->snapshot)}}));
  });
  routes.post(
      base + "/:year/paq-actions", RouteKind::api,
      [&ctx](Request& req) {
        int year = year_param(req);
        json body = req.body.empty() ? json::object() : http::parse_json_body(req);
        std::vector<std::string> ids;
        if (body.is_object() && body.contains("requirements")) {
          if (!body["requirements"].is_array()) bad("requirements", "liste attendue.");
          for (const auto& r : body["requirements"]) {
            if (!r.is_string()) bad("requirements", "identifiants attendus.");
            ids.push_back(r.get<std::string>());
          }
        }
        auto created = ctx.repo.to_paq(req.caller.scope, req.param("finess"), year, ids,
                                       ctx.today(), req.actor());
        json items = json::array();
        for (const auto& a : created)
          items.push_back({{"id", a.id}, {"title", a.title}, {"source_ref", a.source_ref}});
        return Response::json(http::dump({{"created", items}}), 201);
      },
      ctx.max_json_bytes);
}

}  // namespace carepilot::assessment
