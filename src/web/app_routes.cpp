#include "web/app_routes.hpp"

#include <atomic>
#include <chrono>
#include <limits>
#include <memory>
#include <mutex>

#include "auth/mailer.hpp"
#include "common/date.hpp"
#include "store/clock.hpp"
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
    http::register_templates(auth::template_files());
    http::register_templates(paq::template_files());
    http::register_templates(assessment::template_files());
    http::register_templates(training::template_files());
    http::register_templates(budget::template_files());
    http::register_templates(exercises::template_files());
    http::register_templates(jobs::template_files());
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
      evidence_ctx_{repo_, evidence_repo_, evidence::paris_today, opts_.max_json_bytes},
      paq_repo_(db, repo_, evidence_repo_),
      paq_ctx_{repo_, paq_repo_, evidence::paris_today, opts_.max_json_bytes},
      assessment_repo_(db, repo_, evidence_repo_),
      assessment_ctx_{repo_, assessment_repo_, evidence::paris_today, opts_.max_json_bytes},
      training_repo_(db, repo_, evidence_repo_),
      training_ctx_{repo_, training_repo_, evidence::paris_today, opts_.max_json_bytes},
      budget_repo_(db, repo_, evidence_repo_),
      budget_ctx_{repo_, budget_repo_, evidence::paris_today, opts_.max_json_bytes},
      exercises_repo_(db, repo_, evidence_repo_),
      exercises_ctx_{repo_, exercises_repo_, evidence::paris_today, opts_.max_json_bytes},
      auth_store_(db),
      authenticator_(auth_store_, opts_.auth),
      auth_ctx_{authenticator_, auth_store_, repo_, {}, auth::default_hash_cost()},
      feed_ctx_{auth_store_, evidence_repo_, [this] { return evidence_ctx_.today(); },
                opts_.auth.public_url},
      jobs_ctx_{jobs::Queue(db), store::now_unix} {
  register_all_templates();
  ops_.dsfr_dir = opts_.dsfr_dir;
  auth_ctx_.send_mail = auth::make_mailer(opts_.auth);
  auth_ctx_.hash_cost =
      opts_.auth.test_hash_cost ? auth::minimal_hash_cost() : auth::default_hash_cost();
}

void WebApp::attach(Server& server) {
  if (opts_.authentication)
    server.authenticate = [this](http::Request& req) { authenticator_.authenticate(req); };
  server.check_establishment = [this](const http::Request& req) {
    repo_.visible(req.caller.scope, req.param("finess"));
  };
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
  auth::add_routes(t, auth_ctx_);
  paq::add_routes(t, paq_ctx_);
  assessment::add_routes(t, assessment_ctx_);
  training::add_routes(t, training_ctx_);
  budget::add_routes(t, budget_ctx_);
  exercises::add_routes(t, exercises_ctx_);
  add_calendar_feed_route(t, feed_ctx_);
  jobs::add_routes(t, jobs_ctx_);
  return t;
}

}  // namespace carepilot::web
