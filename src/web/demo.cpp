#include "web/demo.hpp"

#include "assessment/demo.hpp"
#include "budget/demo.hpp"
#include "continuity/demo/backup_demo.hpp"
#include "continuity/demo/demo.hpp"
#include "continuity/demo/weights_demo.hpp"
#include "evidence/demo.hpp"
#include "exercises/demo.hpp"
#include "exposureplatform/demo.hpp"
#include "funding/demo.hpp"
#include "identification/demo.hpp"
#include "incidents/demo/demo.hpp"
#include "paq/demo.hpp"
#include "registry/demo.hpp"
#include "store/generation.hpp"
#include "training/demo.hpp"

namespace carepilot::web {

int load_demo_records(WebApp& app, const Date& today) {
  auto& db = app.database();
  int n = evidence::load_demo_evidence(app.evidence_repo(), app.repo(), today);
  paq::seed_demo(app.paq_repo(), app.repo(), today);
  assessment::seed_demo(db, app.repo(), app.evidence_repo(), today);
  training::seed_demo(app.training_repo(), app.repo(), today);
  budget::seed_demo(app.budget_repo(), app.repo(), today);
  identification::seed_demo(app.identification_repo(), app.repo(), today);
  identification::seed_demo_steps(app.identification_steps(), app.repo(), today);
  identification::seed_demo_declarations(app.identification_declarations(), app.repo(), today);
  exercises::seed_demo(db, app.repo(), app.evidence_repo(), today);
  continuity::seed_demo(app.continuity_repo(), app.repo(), today);
  continuity::seed_demo_weights(app.continuity_repo(), app.repo());
  continuity::seed_demo_backup(db, app.repo(), today);
  exposureplatform::seed_demo(app.exposure_repo(), today);
  {
    auto& ctx = app.incidents();
    incidents::seed_demo(ctx.repo, ctx.declarations, app.repo(), ctx.now(), &ctx.attachments);
  }
  funding::seed_demo(app.funding_repo(), app.funding_proofs(), app.repo(), today);
  store::bump_generation(db);
  return n;
}

DemoCounts load_demo(WebApp& app, const Date& today) {
  DemoCounts c;
  auto s = registry::load_demo(app.repo());
  c.establishments = s.establishments;
  c.already_loaded = s.already_loaded;
  c.evidence = load_demo_records(app, today);
  return c;
}

}  // namespace carepilot::web
