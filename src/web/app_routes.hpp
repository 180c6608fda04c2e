// Composition of the web application: the services every module needs and the full route
// table (modules' pages and API, plus the operational routes).
#pragma once

#include <memory>
#include <string>

#include "adplatform/routes.hpp"
#include "assessment/routes.hpp"
#include "auth/routes.hpp"
#include "budget/routes.hpp"
#include "continuity/pages/routes.hpp"
#include "continuity/store/lessons.hpp"
#include "evidence/routes.hpp"
#include "exercises/routes.hpp"
#include "exposureplatform/routes.hpp"
#include "funding/routes.hpp"
#include "http/routes.hpp"
#include "identification/routes.hpp"
#include "incidents/pages/routes.hpp"
#include "jobs/routes.hpp"
#include "knowledge/routes.hpp"
#include "paq/routes.hpp"
#include "referential/model.hpp"
#include "registry/repository.hpp"
#include "registry/routes.hpp"
#include "store/database.hpp"
#include "training/routes.hpp"
#include "web/calendar_feed.hpp"
#include "web/ops_routes.hpp"
#include "web/server.hpp"
#include "web/site_pages.hpp"

namespace carepilot::web {

// How long a read of the data generation is trusted (other instances' writes show within it).
inline constexpr std::int64_t kGenerationTtlUs = 50'000;

// The scope whose generation (store/scope_generation.hpp) a cacheable page depends on:
// "ght:7" or "region:52" for a dashboard narrowed to it, else the caller's scope ("nation",
// "region:52", "ght:7", "establishment:123").
std::string page_scope_key(const http::Request& req);

struct AppOptions {
  std::string dsfr_dir;
  std::size_t max_upload_bytes = 32u << 20;
  std::size_t max_json_bytes = 1u << 20;
  // AD audit collections (docs/ad-audit.md « Dans la plateforme »): the folder where they
  // wait for their job (empty: a carepilot-ad-audits folder in the system's temporary
  // folder) and the largest accepted.
  std::string ad_audit_dir;
  std::size_t ad_audit_max_upload_bytes = std::size_t{2048} << 20;
  std::size_t ad_audit_single_body_bytes = 256u << 20;  // larger collections: in chunks
  // Exposure scans (issue 17): the same, for `exposure.run`.
  std::string exposure_dir;
  std::size_t exposure_max_upload_bytes = 64u << 20;
  // Accounts and sessions (issue 3). Off only in tests of handlers, which then run as an
  // anonymous national administrator.
  bool authentication = true;
  auth::AuthOptions auth;
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
  paq::Context& paq() { return paq_ctx_; }
  paq::Repository& paq_repo() { return paq_repo_; }
  assessment::Context& assessment() { return assessment_ctx_; }
  assessment::Repository& assessment_repo() { return assessment_repo_; }
  training::Context& training() { return training_ctx_; }
  training::Repository& training_repo() { return training_repo_; }
  identification::Context& identification() { return identification_ctx_; }
  identification::Repository& identification_repo() { return identification_repo_; }
  knowledge::Repository& knowledge_repo() { return knowledge_repo_; }
  identification::Steps& identification_steps() { return identification_steps_; }
  identification::Declarations& identification_declarations() {
    return identification_declarations_;
  }
  budget::Context& budget() { return budget_ctx_; }
  budget::Repository& budget_repo() { return budget_repo_; }
  exercises::Context& exercises() { return exercises_ctx_; }
  exercises::Repository& exercises_repo() { return exercises_repo_; }
  continuity::Context& continuity() { return continuity_ctx_; }
  continuity::Repository& continuity_repo() { return continuity_repo_; }
  incidents::Context& incidents() { return incidents_ctx_; }
  // Connects the server's hooks to this application: metrics and readiness probes, the
  // data generation of the page cache, and today's date as part of the cache key.
  void attach(Server& server);
  auth::AuthStore& auth_store() { return auth_store_; }
  store::Database& database() { return db_; }
  auth::Context& auth() { return auth_ctx_; }
  jobs::Context& jobs() { return jobs_ctx_; }
  adplatform::Context& adaudit() { return ad_ctx_; }
  adplatform::Repository& adaudit_repo() { return ad_repo_; }
  exposureplatform::Context& exposure() { return exposure_ctx_; }
  exposureplatform::Repository& exposure_repo() { return exposure_repo_; }
  funding::Repository& funding_repo() { return funding_repo_; }
  funding::Proofs& funding_proofs() { return funding_proofs_; }
  funding::Context& funding() { return funding_ctx_; }

 private:
  store::Database& db_;
  AppOptions opts_;
  registry::Repository repo_;
  registry::WebContext registry_ctx_;
  referential::Referential referential_;
  evidence::Repository evidence_repo_;
  evidence::Context evidence_ctx_;
  paq::Repository paq_repo_;
  paq::Context paq_ctx_;
  assessment::Repository assessment_repo_;
  assessment::Context assessment_ctx_;
  training::Repository training_repo_;
  training::Context training_ctx_;
  identification::Repository identification_repo_;
  identification::Steps identification_steps_;
  identification::Badges identification_badges_;
  identification::Declarations identification_declarations_;
  identification::Context identification_ctx_;
  budget::Repository budget_repo_;
  budget::Context budget_ctx_;
  exercises::Repository exercises_repo_;
  exercises::Context exercises_ctx_;
  continuity::Repository continuity_repo_;
  continuity::Lessons continuity_lessons_;
  continuity::Context continuity_ctx_;
  incidents::Repository incidents_repo_;
  incidents::Declarations incidents_declarations_;
  incidents::Attachments incidents_attachments_;
  incidents::Lessons incidents_lessons_;
  incidents::Context incidents_ctx_;
  auth::AuthStore auth_store_;
  auth::Authenticator authenticator_;
  auth::Context auth_ctx_;
  CalendarFeedContext feed_ctx_;
  jobs::Context jobs_ctx_;
  adplatform::Repository ad_repo_;
  adplatform::Context ad_ctx_;
  exposureplatform::Repository exposure_repo_;
  exposureplatform::Context exposure_ctx_;
  funding::Repository funding_repo_;
  funding::Proofs funding_proofs_;
  funding::Context funding_ctx_;
  knowledge::Repository knowledge_repo_;
  knowledge::Context knowledge_ctx_;
  OpsContext ops_;
};

// Registers every module's templates once (idempotent).
void register_all_templates();

}  // namespace carepilot::web
