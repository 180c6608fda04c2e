// Composition of the web application: the services every module needs and the full route
// table (modules' pages and API, plus the operational routes).
#pragma once

#include <memory>
#include <string>

#include "evidence/routes.hpp"
#include "http/routes.hpp"
#include "referential/model.hpp"
#include "registry/repository.hpp"
#include "registry/routes.hpp"
#include "store/database.hpp"
#include "web/ops_routes.hpp"
#include "web/server.hpp"

namespace carepilot::web {

// How long a read of the data generation is trusted (other instances' writes show within it).
inline constexpr std::int64_t kGenerationTtlUs = 50'000;

struct AppOptions {
  std::string dsfr_dir;
  std::size_t max_upload_bytes = 32u << 20;
  std::size_t max_json_bytes = 1u << 20;
};

// Holds the modules' contexts; must outlive the server that uses its routes.
class WebApp {
 public:
  WebApp(store::Database& db, AppOptions opts);
  http::RouteTable routes();
  OpsContext& ops() { return ops_; }
  registry::Repository& repo() { return repo_; }
  evidence::Context& evidence() { return evidence_ctx_; }
  evidence::Repository& evidence_repo() { return evidence_repo_; }
  // Connects the server's hooks to this application: metrics and readiness probes, the
  // data generation of the page cache, and today's date as part of the cache key.
  void attach(Server& server);

 private:
  store::Database& db_;
  AppOptions opts_;
  registry::Repository repo_;
  registry::WebContext registry_ctx_;
  referential::Referential referential_;
  evidence::Repository evidence_repo_;
  evidence::Context evidence_ctx_;
  OpsContext ops_;
};

// Registers every module's templates once (idempotent).
void register_all_templates();

}  // namespace carepilot::web
