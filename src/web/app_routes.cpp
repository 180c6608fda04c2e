#include "web/app_routes.hpp"

#include <mutex>

#include "http/templates.hpp"

namespace carepilot::web {

void register_all_templates() {
  static std::once_flag once;
  std::call_once(once, [] {
    http::register_templates(http::embedded_files());
    http::register_templates(registry::template_files());
  });
}

WebApp::WebApp(store::Database& db, AppOptions opts)
    : db_(db),
      opts_(std::move(opts)),
      repo_(db, registry::Catalog::builtin()),
      registry_ctx_{db, registry::Catalog::builtin(), repo_, opts_.max_upload_bytes,
                    opts_.max_json_bytes} {
  register_all_templates();
  ops_.dsfr_dir = opts_.dsfr_dir;
}

http::RouteTable WebApp::routes() {
  http::RouteTable t;
  add_ops_routes(t, ops_);
  registry::add_page_routes(t, registry_ctx_);
  registry::add_api_routes(t, registry_ctx_);
  return t;
}

}  // namespace carepilot::web
