#include "web/app_routes.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "auth/mailer.hpp"
#include "common/date.hpp"
#include "evidence/stored.hpp"
#include "funding/data.hpp"
#include "knowledge/data.hpp"
#include "knowledge/how_to.hpp"
#include "knowledge/known.hpp"
#include "store/clock.hpp"
#include "store/generation.hpp"
#include "store/scope_generation.hpp"

#include "http/templates.hpp"
#include "referential/loader.hpp"
#include "registry/catalog.hpp"

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
    http::register_templates(identification::template_files());
    http::register_templates(exercises::template_files());
    http::register_templates(continuity::template_files());
    http::register_templates(incidents::template_files());
    http::register_templates(jobs::template_files());
    http::register_templates(adplatform::template_files());
    http::register_templates(exposureplatform::template_files());
    http::register_templates(knowledge::template_files());
    http::register_templates(funding::template_files());
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
      identification_repo_(db, repo_, evidence_repo_),
      identification_steps_(db, repo_, paq_repo_),
      identification_badges_(db, repo_, identification_repo_.data()),
      identification_declarations_(db, repo_, identification_repo_.data()),
      identification_ctx_{repo_,
                          identification_repo_,
                          identification_steps_,
                          identification_badges_,
                          identification_declarations_,
                          evidence::paris_today,
                          opts_.max_json_bytes},
      budget_repo_(db, repo_, evidence_repo_),
      budget_ctx_{repo_, budget_repo_, evidence::paris_today, opts_.max_json_bytes},
      exercises_repo_(db, repo_, evidence_repo_),
      exercises_ctx_{repo_, exercises_repo_, evidence::paris_today, opts_.max_json_bytes},
      continuity_repo_(db, repo_, evidence_repo_),
      continuity_lessons_(db, repo_, continuity_repo_, paq_repo_),
      continuity_ctx_{repo_, continuity_repo_, evidence::paris_today, opts_.max_json_bytes,
                      &continuity_lessons_},
      incidents_repo_(db, repo_),
      incidents_declarations_(db, repo_),
      incidents_attachments_(db, repo_),
      incidents_lessons_(db, repo_, incidents_repo_, paq_repo_),
      incidents_ctx_{
          repo_,           incidents_repo_,      incidents_declarations_, incidents_attachments_,
          store::now_unix, opts_.max_json_bytes, &incidents_lessons_,     &db},
      auth_store_(db),
      authenticator_(auth_store_, opts_.auth),
      auth_ctx_{authenticator_, auth_store_, repo_, {}, auth::default_hash_cost()},
      feed_ctx_{auth_store_, evidence_repo_, [this] { return evidence_ctx_.today(); },
                opts_.auth.public_url},
      jobs_ctx_{jobs::Queue(db), store::now_unix},
      ad_repo_(db, repo_, evidence_repo_, paq_repo_,
               {opts_.ad_audit_dir.empty()
                    ? std::filesystem::temp_directory_path() / "carepilot-ad-audits"
                    : std::filesystem::path(opts_.ad_audit_dir),
                opts_.ad_audit_max_upload_bytes, opts_.ad_audit_single_body_bytes}),
      ad_ctx_{repo_, ad_repo_, [this] { return evidence_ctx_.today(); }, store::now_unix},
      exposure_repo_(db, repo_, evidence_repo_, paq_repo_,
                     {opts_.exposure_dir.empty()
                          ? std::filesystem::temp_directory_path() / "carepilot-exposure"
                          : std::filesystem::path(opts_.exposure_dir),
                      opts_.exposure_max_upload_bytes}),
      exposure_ctx_{repo_, exposure_repo_, [this] { return evidence_ctx_.today(); },
                    store::now_unix},
      funding_repo_(db, repo_, funding::embedded_data()),
      funding_proofs_(db, repo_, exposure_repo_, ad_repo_, continuity_repo_,
                      funding::embedded_data()),
      funding_ctx_{repo_, funding_repo_, funding_proofs_, [this] { return evidence_ctx_.today(); },
                   opts_.max_json_bytes},
      knowledge_repo_(db, knowledge::embedded_vocabulary(), knowledge::builtin_known_codes()),
      knowledge_ctx_{knowledge_repo_, opts_.max_json_bytes,
                     [this](const Scope& scope) { return auth_store_.region_of(scope); }} {
  register_all_templates();
  // The knowledge base's shipped entries (data/knowledge) are loaded into the database at
  // start-up; an entry already stored (perhaps edited) is left as it is.
  knowledge_repo_.seed(knowledge::embedded_entries(knowledge_repo_.known()),
                       Actor{"carepilot", "", "", ""});
  // The programme's key dates in every calendar subscription.
  feed_ctx_.programme_dates = [this] {
    std::vector<evidence::FeedEvent> out;
    knowledge::SearchQuery q;
    q.kind = "date";
    q.per_page = 100;
    for (const auto& h : knowledge_repo_.search(q).hits) {
      if (!h.entry.date) continue;
      evidence::FeedEvent e;
      e.programme = true;
      e.obligation_id = h.entry.id;
      e.title = h.entry.title;
      e.description = h.entry.summary;
      e.link = knowledge::entry_url(h.entry.id);
      e.deadline = *h.entry.date;
      e.last_day = h.entry.end;
      e.obligations = h.entry.obligations;
      out.push_back(std::move(e));
    }
    return out;
  };
  // … and in each establishment's calendar file.
  evidence_ctx_.programme_dates = feed_ctx_.programme_dates;
  evidence_ctx_.public_url = opts_.auth.public_url;
  // The funding calls' deadlines that wait for the subscriber's candidatures.
  feed_ctx_.scoped_dates = [this](const Scope& scope, const Date& today) {
    return funding::feed_deadlines(funding_repo_, scope, today);
  };
  // … and, for the candidatures covering it, in each establishment's calendar file.
  evidence_ctx_.funding_dates = [this](const Scope& scope, const std::string& finess,
                                       const Date& today) {
    return funding::feed_deadlines(funding_repo_, scope, today, finess);
  };
  // « Comment faire ? » (issue 20): the FAQ entries, referentials and offers linked to an
  // obligation or a funding objective, national content and the offers of `region` only, for
  // `category` ("" any), in knowledge::how_to_before's order (the most specific first).
  auto how_to = [this](const std::string& obligation, const std::string& objective,
                       const std::string& region, const std::string& category,
                       const std::string& except) {
    knowledge::HowToQuery q;
    q.obligation = obligation;
    q.objective = objective;
    q.audience = category;
    q.visible_region = region;
    q.except = except;
    std::vector<evidence::HowTo> out;
    for (const auto& e : knowledge::how_to(knowledge_repo_, q)) {
      std::string label = knowledge::kind_label(e.kind);
      if (!e.region.empty())
        if (const auto* r = registry::Catalog::builtin().region(e.region))
          label += " (" + r->name + ")";
      out.push_back({label, e.title, knowledge::entry_url(e.id)});
    }
    return out;
  };
  // … on each obligation of the compliance page, for the establishment's category …
  evidence_ctx_.how_to = [how_to](const std::string& obligation, const std::string& region,
                                  const std::string& category) {
    return how_to(obligation, "", region, category, "");
  };
  // … and on each objective of a funding candidature (the offers of the candidature's region):
  // the objective's own page first, then what helps with it but the call's own offer, which
  // the reader is already on.
  funding_ctx_.how_to = [this, how_to](const std::string& objective, const std::string& region,
                                       const std::string& call_offer) {
    std::vector<evidence::HowTo> out;
    if (auto e = knowledge_repo_.find(objective); e && e->kind == "objective")
      out.push_back({knowledge::kind_label(e->kind), e->title, knowledge::entry_url(e->id)});
    for (auto& h : how_to("", objective, region, "", call_offer)) out.push_back(std::move(h));
    return out;
  };
  // Stored compliance follows the application's clock (tests pin evidence().today) and is
  // recomputed in the transaction of every registry write (evidence/stored.hpp).
  evidence_repo_.clock = [this] { return evidence_ctx_.today(); };
  repo_.on_written = [this](soci::session& sql, const std::vector<std::int64_t>& ids) {
    evidence::recompute_some(sql, evidence_repo_, ids, evidence_ctx_.today());
  };
  registry_ctx_.summary = [this](const http::Request& req, const std::string& finess) {
    // The compliance summary, then the funding calls open to the establishment.
    return evidence::summary_html(evidence_ctx_, req, finess) +
           funding::establishment_entry_html(funding_ctx_, req, finess);
  };
  // The incidents' dated events in the establishment's history.
  registry_ctx_.history = [this](const http::Request& req, const std::string& finess) {
    return incidents::establishment_history_html(incidents_ctx_, req, finess);
  };
  ops_.dsfr_dir = opts_.dsfr_dir;
  ops_.api_viewer_dir = api_viewer_dir_for(opts_.dsfr_dir);
  auth_ctx_.send_mail = auth::make_mailer(opts_.auth);
  auth_ctx_.hash_cost =
      opts_.auth.test_hash_cost ? auth::minimal_hash_cost() : auth::default_hash_cost();
}

std::string page_scope_key(const http::Request& req) {
  // Dashboards narrowed to a GHT or a region show no more than that scope.
  if (req.path.rfind("/tableau-de-bord", 0) == 0) {
    if (auto g = req.q("ght"); !g.empty()) return "ght:" + g;
    if (auto r = req.q("region"); !r.empty()) return "region:" + r;
  }
  const auto& s = req.caller.scope;
  switch (s.level) {
    case Scope::Level::nation:
      return "nation";
    case Scope::Level::region:
      return "region:" + s.region_code;
    case Scope::Level::ght:
      return "ght:" + std::to_string(s.ght_id);
    case Scope::Level::establishment:
      return "establishment:" + std::to_string(s.establishment_id);
  }
  return "nation";
}

void WebApp::attach(Server& server) {
  if (opts_.authentication)
    server.authenticate = [this](http::Request& req) { authenticator_.authenticate(req); };
  server.check_establishment = [this](const http::Request& req) {
    repo_.visible(req.caller.scope, req.param("finess"));
  };
  ops_.metrics = [&server] { return server.metrics().exposition(); };
  ops_.ready = [&server, this] { return !server.draining() && db_.ping(); };
  // The generation of a page is the global data generation plus the generation of the scope
  // it shows (page_scope_key). Each is read from the database at most every kGenerationTtl; a
  // write made through this instance resets them at once, so this instance always reads its
  // own writes, and another instance's writes show within kGenerationTtl.
  struct Cached {
    std::int64_t value = 0;
    std::int64_t read_at_us = std::numeric_limits<std::int64_t>::min();
    std::int64_t epoch = -1;  // the local-write epoch when read
  };
  struct Generations {
    std::mutex mu;
    std::unordered_map<std::string, Cached> by_key;  // "" = the global generation
    std::atomic<std::int64_t> epoch{0};              // local writes
  };
  auto gens = std::make_shared<Generations>();
  auto now_us = [] {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  };
  auto read = [this, gens, now_us](const std::string& key) {
    auto now = now_us();
    auto epoch = gens->epoch.load();
    {
      std::lock_guard lock(gens->mu);
      auto it = gens->by_key.find(key);
      if (it != gens->by_key.end() && it->second.epoch == epoch &&
          now - it->second.read_at_us < kGenerationTtlUs)
        return it->second.value;
    }
    std::int64_t v =
        key.empty() ? store::current_generation(db_) : store::scope_generation(db_, key);
    std::lock_guard lock(gens->mu);
    if (gens->by_key.size() > 4096) gens->by_key.clear();
    gens->by_key[key] = {v, now, epoch};
    return v;
  };
  server.generation = [read](const http::Request& req) {
    return read("") + read(page_scope_key(req));
  };
  server.bump_generation = [this, gens](const http::Route& route) {
    // A write about one establishment (its routes name :finess) bumped the generations of
    // the scopes containing it in its own transaction (evidence/stored.hpp); the others
    // bump the global one.
    if (route.pattern.find(":finess") == std::string::npos) store::bump_generation(db_);
    gens->epoch.fetch_add(1);
  };
  server.cache_salt = [this] { return format_date(evidence_ctx_.today()); };
}

http::RouteTable WebApp::routes() {
  http::RouteTable t;
  add_ops_routes(t, ops_);
  add_site_pages(t);
  registry::add_page_routes(t, registry_ctx_);
  registry::add_api_routes(t, registry_ctx_);
  evidence::add_routes(t, evidence_ctx_);
  auth::add_routes(t, auth_ctx_);
  paq::add_routes(t, paq_ctx_);
  assessment::add_routes(t, assessment_ctx_);
  training::add_routes(t, training_ctx_);
  budget::add_routes(t, budget_ctx_);
  identification::add_routes(t, identification_ctx_);
  exercises::add_routes(t, exercises_ctx_);
  continuity::add_routes(t, continuity_ctx_);
  // The register refuses instants later than now: the clock the incidents' pages use (tests
  // pin it).
  incidents_repo_.now = [this] { return incidents_ctx_.now(); };
  incidents_declarations_.now = [this] { return incidents_ctx_.now(); };
  incidents::add_routes(t, incidents_ctx_);
  add_calendar_feed_route(t, feed_ctx_);
  jobs::add_routes(t, jobs_ctx_);
  adplatform::add_routes(t, ad_ctx_);
  exposureplatform::add_routes(t, exposure_ctx_);
  funding::add_routes(t, funding_ctx_);
  funding::add_page_routes(t, funding_ctx_);
  knowledge::add_routes(t, knowledge_ctx_);
  return t;
}

}  // namespace carepilot::web
