#include "web/app_routes.hpp"

#include <atomic>
#include <chrono>
#include <limits>
#include <memory>
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
  // The generation is read from the database at most every kGenerationTtl; a write made
  // through this instance resets it at once, so this instance always reads its own
  // writes, and another instance's writes show within kGenerationTtl.
  struct Cached {
    std::atomic<std::int64_t> value{0};
    std::atomic<std::int64_t> read_at_us{std::numeric_limits<std::int64_t>::min()};
    std::atomic<std::int64_t> epoch{0};  // local writes
  };
  auto cached = std::make_shared<Cached>();
  auto now_us = [] {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  };
  server.generation = [this, cached, now_us] {
    auto now = now_us();
    auto read_at = cached->read_at_us.load();
    if (read_at != std::numeric_limits<std::int64_t>::min() && now - read_at < kGenerationTtlUs)
      return cached->value.load();
    auto epoch = cached->epoch.load();
    auto v = store::current_generation(db_);
    if (cached->epoch.load() == epoch) {  // no local write meanwhile: safe to keep
      cached->value.store(v);
      cached->read_at_us.store(now);
    }
    return v;
  };
  server.bump_generation = [this, cached] {
    store::bump_generation(db_);
    cached->epoch.fetch_add(1);
    cached->read_at_us.store(std::numeric_limits<std::int64_t>::min());
  };
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
