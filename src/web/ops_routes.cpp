#include "web/ops_routes.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

#include "common/errors.hpp"

namespace carepilot::web {

const std::map<std::string_view, std::string_view>& embedded_files();

using http::Request;
using http::Response;
using http::RouteKind;

std::string content_type_for(const std::string& path) {
  static const std::map<std::string, std::string> types{
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".webmanifest", "application/manifest+json"}};
  auto ext = std::filesystem::path(path).extension().string();
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

namespace openapi_parts {
const std::map<std::string_view, std::string_view>& embedded_files();
}

std::string openapi_document() {
  static const std::string doc = [] {
    auto base = nlohmann::json::parse(embedded_files().at("openapi.json"));
    for (const auto& [name, text] : openapi_parts::embedded_files()) {
      auto part = nlohmann::json::parse(text);
      for (const auto& [path, item] : part.at("paths").items()) base["paths"][path] = item;
      if (part.contains("components"))
        for (const auto& [kind, defs] : part["components"].items())
          for (const auto& [key, def] : defs.items()) base["components"][kind][key] = def;
    }
    return base.dump();
  }();
  return doc;
}

std::string api_viewer_dir_for(const std::string& dsfr_dir) {
  namespace fs = std::filesystem;
  if (dsfr_dir.empty()) return {};
  // dsfr_dir = <node_modules>/@gouvfr/dsfr/dist
  return (fs::path(dsfr_dir).lexically_normal().parent_path().parent_path().parent_path() /
          "swagger-ui-dist")
      .string();
}

namespace {

// A file under `root` named by the relative path `rel`, never outside it (404 otherwise).
Response static_file(const std::string& root_dir, const std::string& rel) {
  namespace fs = std::filesystem;
  if (root_dir.empty() || rel.empty() || rel.find("..") != std::string::npos ||
      rel.find('\\') != std::string::npos || rel.front() == '/')
    throw UserError::not_found("Fichier introuvable.");
  fs::path root = fs::weakly_canonical(root_dir);
  fs::path file = fs::weakly_canonical(root / rel);
  auto [r_end, f_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  std::error_code ec;
  if (r_end != root.end() || !fs::is_regular_file(file, ec))
    throw UserError::not_found("Fichier introuvable.");
  Response r;
  r.content_type = content_type_for(file.string());
  r.file = file.string();
  r.header("Cache-Control", "public, max-age=86400");
  return r;
}

}  // namespace

void add_ops_routes(http::RouteTable& routes, OpsContext& ctx) {
  routes.get("/healthz", RouteKind::ops,
             [](Request&) { return Response::json(R"({"status":"ok"})"); });
  routes.get("/readyz", RouteKind::ops, [&ctx](Request&) {
    if (ctx.ready && ctx.ready()) return Response::json(R"({"status":"ready"})");
    return Response::json(R"({"status":"unavailable"})", 503);
  });
  routes.get("/metrics", RouteKind::ops, [&ctx](Request&) {
    return Response::text(ctx.metrics(), "text/plain; version=0.0.4; charset=utf-8");
  });
  routes.get(
      "/api/v1/openapi.json", RouteKind::api,
      [](Request&) { return Response::json(openapi_document()); }, false, Access::open);
  routes.get("/static/app/:file([A-Za-z0-9_.-]+)", RouteKind::asset, [](Request& req) {
    std::string key = "static/" + req.param("file");
    auto it = embedded_files().find(key);
    if (it == embedded_files().end()) throw UserError::not_found("Fichier introuvable.");
    return Response::text(std::string(it->second), content_type_for(key))
        .header("Cache-Control", "public, max-age=3600");
  });
  routes.get("/static/dsfr/:path(.+)", RouteKind::asset,
             [&ctx](Request& req) { return static_file(ctx.dsfr_dir, req.param("path")); });
  // The viewer of the API documentation page (/documentation-api): only the two files the
  // page loads, from the npm package.
  routes.get("/static/api/:asset([A-Za-z0-9_.-]+)", RouteKind::asset, [&ctx](Request& req) {
    const std::string name = req.param("asset");
    if (name != "swagger-ui.css" && name != "swagger-ui-bundle.js")
      throw UserError::not_found("Fichier introuvable.");
    return static_file(ctx.api_viewer_dir, name);
  });
}

}  // namespace carepilot::web
