// JSON API of the knowledge base: /api/v1/knowledge/search, /api/v1/knowledge/entries…
#include "common/attachment.hpp"
#include "common/text.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "knowledge/data.hpp"
#include "knowledge/known.hpp"
#include "knowledge/routes.hpp"
#include "knowledge/text.hpp"

namespace carepilot::knowledge {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

std::optional<std::string> visible_region(const Context& ctx, const http::Caller& caller) {
  if (!caller.signed_in) return std::string();
  if (caller.scope.level == Scope::Level::nation) return std::nullopt;
  return ctx.region_of ? ctx.region_of(caller.scope) : std::string();
}

Entry visible_entry(const Context& ctx, const http::Request& req, const std::string& ref) {
  auto e = ctx.repo.find(ref);
  if (!e || !Repository::visible(*e, visible_region(ctx, req.caller)))
    throw UserError::not_found("Entrée introuvable.");
  return *e;
}

json search_json(const SearchResult& r, const SearchQuery& q) {
  json items = json::array();
  for (const auto& h : r.hits) {
    json ex = json::array();
    std::string plain;
    for (const auto& s : h.excerpt) {
      ex.push_back({{"text", s.text}, {"hit", s.hit}});
      plain += s.text;
    }
    items.push_back({{"entry", entry_json(h.entry)},
                     {"score", h.score},
                     {"excerpt", plain},
                     {"excerpt_segments", ex}});
  }
  json facets = json::object();
  for (const auto& [name, list] : r.facets) {
    json a = json::array();
    for (const auto& f : list) a.push_back({{"code", f.code}, {"count", f.count}});
    facets[name] = a;
  }
  const int per = std::clamp(q.per_page, 1, 100);
  return {{"query", q.q},
          {"terms", r.terms},
          {"items", items},
          {"total", r.total},
          {"ranked", r.ranked},
          {"any_word", r.any_word},
          {"page", r.page},
          {"per_page", per},
          {"page_count", std::max(1, (r.ranked + per - 1) / per)},
          {"facets", facets}};
}

namespace api_detail {

// The `region` filter: "national" or a known region's code (400 request.bad_parameter else).
std::string region_param(const Request& req) {
  std::string r = req.q("region");
  if (!r.empty() && r != "national" && region_label(r) == r)
    throw http::bad_parameter("region", "« national » ou le code d'une région (52, 11…)");
  return r;
}

// A filter among the vocabulary's codes (data/knowledge/vocabulary.yaml): "" (any) or one of
// `codes`, else 400 request.bad_parameter naming the parameter and listing the codes.
std::string code_param(const Request& req, const std::string& key,
                       const std::vector<std::string>& codes) {
  std::string v = req.q(key);
  if (v.empty() || std::find(codes.begin(), codes.end(), v) != codes.end()) return v;
  std::string list;
  for (const auto& c : codes) list += (list.empty() ? "" : ", ") + c;
  throw http::bad_parameter(key, "l'un de : " + list);
}

// The `objective` filter: a funding call's objective or prerequisite, normalised ("D2.01.C"
// is D2.O1.C).
std::string objective_param(const Request& req, const Repository& repo) {
  std::string v = req.q("objective");
  if (v.empty()) return v;
  auto n = known_objective(repo.known(), v);
  if (!n)
    throw http::bad_parameter("objective",
                              "un objectif ou un prérequis d'un appel à financement (D2.O1.C, "
                              "HC.O2.C, D1.P1…)");
  return *n;
}

// The `obligation` filter: an obligation's id (data/obligations), else 400.
std::string obligation_param(const Request& req, const Repository& repo) {
  std::string v = req.q("obligation");
  if (!v.empty() && !repo.known().obligations.count(v))
    throw http::bad_parameter("obligation", "l'identifiant d'une obligation (pca-pra…)");
  return v;
}

SearchQuery query_of(const Request& req, const Repository& repo) {
  const auto& vocab = repo.vocabulary();
  SearchQuery q;
  q.q = req.q("q");
  if (utf8_length(q.q) > kMaxQueryChars)
    throw UserError(422, "knowledge.query_too_long",
                    "La recherche est limitée à " + std::to_string(kMaxQueryChars) + " caractères.",
                    {{"q", "knowledge.query_too_long",
                      "q : " + std::to_string(kMaxQueryChars) + " caractères au plus."}});
  q.kind = code_param(req, "kind", vocab.kinds);
  q.theme = code_param(req, "theme", vocab.themes);
  q.audience = code_param(req, "audience", vocab.audiences);
  q.region = region_param(req);
  q.obligation = obligation_param(req, repo);
  q.objective = objective_param(req, repo);
  q.page = http::int_query(req, "page", 1, 1, 100000);
  q.per_page = http::int_query(req, "per_page", 20, 1, 100);
  return q;
}

Entry body_entry(Request& req) {
  auto body = http::parse_json_body(req);
  // A misspelt member (`objective` for `objectives`) is refused, not ignored (docs/api.md).
  http::require_known_members(
      body, {"id",          "kind",       "title",    "summary", "theme",    "audiences",
             "obligations", "objectives", "keywords", "region",  "ref",      "doc_kind",
             "version",     "date",       "end",      "paliers", "provider", "offer_kind",
             "cost",        "contact",    "link",     "note",    "source"});
  return entry_from_json(body);
}

}  // namespace api_detail

void add_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/knowledge";
  routes.get(
      base + "/search", RouteKind::api,
      [&ctx](Request& req) {
        auto q = api_detail::query_of(req, ctx.repo);
        q.visible_region = visible_region(ctx, req.caller);
        return Response::json(http::dump(search_json(ctx.repo.search(q), q)));
      },
      true, Access::open);
  routes.get(
      base + "/entries", RouteKind::api,
      [&ctx](Request& req) {
        json items = json::array();
        const std::string kind = api_detail::code_param(req, "kind", ctx.repo.vocabulary().kinds),
                          region = api_detail::region_param(req),
                          objective = api_detail::objective_param(req, ctx.repo),
                          obligation = api_detail::obligation_param(req, ctx.repo);
        auto has = [](const std::vector<std::string>& v, const std::string& x) {
          return std::find(v.begin(), v.end(), x) != v.end();
        };
        const auto visible = visible_region(ctx, req.caller);
        for (const auto& e : ctx.repo.all()) {
          if (!Repository::visible(e, visible)) continue;
          if (!kind.empty() && e.kind != kind) continue;
          if (!objective.empty() && !has(e.objectives, objective)) continue;
          if (!obligation.empty() && !has(e.obligations, obligation)) continue;
          if (!region.empty() && (e.region.empty() ? "national" : e.region) != region) continue;
          items.push_back(entry_json(e));
        }
        return http::list_response(req, std::move(items), {{"id", "kind", "title", "theme"}});
      },
      true, Access::open);
  routes.get(
      base + "/entries/:ref", RouteKind::api,
      [&ctx](Request& req) {
        return Response::json(http::dump(entry_json(visible_entry(ctx, req, req.param("ref")))));
      },
      true, Access::open);
  routes.post(
      base + "/entries", RouteKind::api,
      [&ctx](Request& req) {
        auto e = ctx.repo.save(req.caller.scope, api_detail::body_entry(req), true, req.actor());
        return Response::json(http::dump(entry_json(e)), 201);
      },
      ctx.max_json_bytes, Access::edit_registry);
  routes.add({"PUT", base + "/entries/:ref", RouteKind::api,
              [&ctx](Request& req) {
                auto e = api_detail::body_entry(req);
                if (e.id.empty()) e.id = req.param("ref");
                if (e.id != req.param("ref"))
                  throw UserError::invalid(
                      {{"id", "knowledge.id_mismatch", "id : l'identifiant ne peut pas changer."}});
                // Another region's offer reads as absent (404), as on every path.
                visible_entry(ctx, req, req.param("ref"));
                auto saved = ctx.repo.save(req.caller.scope, e, false, req.actor());
                return Response::json(http::dump(entry_json(saved)));
              },
              ctx.max_json_bytes, false, Access::edit_registry, nullptr});
  // The YAML of every entry, in the shipped format (data/knowledge), and its import back.
  routes.get(
      base + "/export", RouteKind::api,
      [&ctx](Request& req) {
        // What the caller may read: regional offers are not public (visible_region).
        std::vector<Entry> entries;
        const auto visible = visible_region(ctx, req.caller);
        for (auto& e : ctx.repo.all())
          if (Repository::visible(e, visible)) entries.push_back(std::move(e));
        return Response::text(export_yaml(entries, "export de carepilot"),
                              "application/yaml; charset=utf-8")
            .header("Content-Disposition", files::content_disposition("connaissances.yaml"));
      },
      false, Access::open);
  routes.post(
      base + "/import", RouteKind::api,
      [&ctx](Request& req) {
        const auto type = http::media_type(req);
        if (type != "application/yaml" && type != "application/x-yaml" && type != "text/yaml" &&
            type != "text/x-yaml")
          throw UserError(415, "request.unsupported_media_type",
                          "Un fichier YAML (application/yaml) est attendu.");
        auto r = ctx.repo.import_yaml(req.caller.scope, "import.yaml", req.body, req.actor());
        return Response::json(http::dump(
            {{"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged}}));
      },
      kMaxImportBytes, Access::edit_registry);
  routes.add({"DELETE", base + "/entries/:ref", RouteKind::api,
              [&ctx](Request& req) {
                visible_entry(ctx, req, req.param("ref"));  // another region's offer: 404
                ctx.repo.remove(req.caller.scope, req.param("ref"), req.actor());
                return Response::json(http::dump({{"id", req.param("ref")}, {"deleted", true}}));
              },
              64 * 1024, false, Access::edit_registry, nullptr});
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_page_routes(routes, ctx);
  add_api_routes(routes, ctx);
}

}  // namespace carepilot::knowledge
