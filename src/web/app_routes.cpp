#include "web/app_routes.hpp"

#include <mutex>

#include "common/date.hpp"
#include "store/generation.hpp"

#include "http/templates.hpp"
#include "referential/loader.hpp"

namespace carepilot::web {

void register_all_templates() {
  static std::once_flag once;
  std::call_once(once, [] {
    http::register_templates(http::embedded_files());
    http::register_templates(registry::template_files());
    http::register_templates(evidence::template_files());
  });
}

WebApp::WebApp(store::Database& db, AppOptions opts)
    : db_(db),
      opts_(std::move(opts)),
      repo_(db, registry::Catalog::builtin()),
      registry_ctx_{db, registry::Catalog::builtin(), repo_, opts_.max_upload_bytes,
                    opts_.max_json_bytes},
      referential_(referential::load_default_referential()),
      evidence_repo_(db, repo_, referential_),
      evidence_ctx_{repo_, evidence_repo_, evidence::paris_today, opts_.max_json_bytes} {
  register_all_templates();
  ops_.dsfr_dir = opts_.dsfr_dir;
}

void WebApp::attach(Server& server) {
  ops_.metrics = [&server] { return server.metrics().exposition(); };
  ops_.ready = [&server, this] { return !server.draining() && db_.ping(); };
  server.generation = [this] { return store::current_generation(db_); };
  server.bump_generation = [this] { store::bump_generation(db_); };
  server.cache_salt = [this] { return format_date(evidence_ctx_.today()); };
}

http::RouteTable WebApp::routes() {
  http::RouteTable t;
  add_ops_routes(t, ops_);
  registry::add_page_routes(t, registry_ctx_);
  registry::add_api_routes(t, registry_ctx_);
  evidence::add_routes(t, evidence_ctx_);
  return t;
}

}  // namespace carepilot::web
