// JSON API of the continuity register: /api/v1/establishments/:finess/continuity…
#include <nlohmann/json.hpp>

#include "common/attachment.hpp"
#include "continuity/messages.hpp"
#include "continuity/pages/routes.hpp"
#include "continuity/rules/test_durations.hpp"
#include "continuity/store/input.hpp"
#include "http/json_body.hpp"
#include "http/multipart.hpp"
#include "http/withdrawal_page.hpp"

namespace carepilot::continuity {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

json opt(const std::optional<int>& v) {
  return v ? json(*v) : json(nullptr);
}
json opt(const std::optional<Date>& d) {
  return d ? json(format_date(*d)) : json(nullptr);
}

std::int64_t id_param(const Request& req, const char* what) {
  std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found(what);
}

json activity_json(const Activity& a, const Register& reg) {
  const Bia* counting = reg.counting_bia(a.id);
  const Bia* latest = reg.latest_bia(a.id);
  return {{"id", a.id},
          {"name", a.name},
          {"activity_kind", a.kind},
          {"service", a.service.empty() ? json(nullptr) : json(a.service)},
          {"owner", a.owner},
          {"share_percent", a.share_hundredths / 100.0},
          {"resources", a.resource_ids},
          {"latest_version", latest ? json(latest->version) : json(nullptr)},
          {"bia", counting ? json{{"id", counting->id},
                                  {"version", counting->version},
                                  {"validated_on", opt(counting->validated_on)},
                                  {"dmia_hours", opt(counting->dmia())},
                                  {"pdma_hours", opt(counting->pdma())}}
                           : json(nullptr)}};
}

}  // namespace

json bia_json(const Bia& b) {
  json impacts = json::object();
  for (const auto& [cat, row] : b.impacts.levels)
    for (const auto& [h, level] : row) impacts[cat][h] = level;
  auto override_json = [](const std::optional<Override>& o) {
    return o ? json{{"hours", o->hours}, {"justification", o->justification}} : json(nullptr);
  };
  return {{"id", b.id},
          {"activity_id", b.activity_id},
          {"version", b.version},
          {"scale_version", b.scale_version},
          {"impacts", impacts},
          {"derived_dmia_hours", opt(b.dmia_hours)},
          {"derived_pdma_hours", opt(b.pdma_hours)},
          {"dmia_override", override_json(b.dmia_override)},
          {"pdma_override", override_json(b.pdma_override)},
          {"dmia_hours", opt(b.dmia())},
          {"pdma_hours", opt(b.pdma())},
          {"degraded_mode", b.degraded_mode},
          {"autonomy_hours", opt(b.autonomy_hours)},
          {"validated_by", b.validated_by.empty() ? json(nullptr) : json(b.validated_by)},
          {"validated_on", opt(b.validated_on)},
          {"created_at", b.created_at}};
}

// The services involved with the interruption observed for each, against its activity's DMIA
// (rules/test_durations.hpp).
json plan_test_json(const PlanTest& t, const Register& reg) {
  json services = json::array();
  for (const auto& d : service_durations(reg, t)) {
    const Activity* a = reg.activity(d.activity_id);
    services.push_back(
        {{"activity_id", d.activity_id},
         {"activity", a ? json(a->name) : json(nullptr)},
         {"observed_hours", d.observed_minutes ? json(*d.observed_minutes / 60.0) : json(nullptr)},
         {"dmia_hours", opt(d.dmia_hours)},
         {"dmia_known", d.has_bia},
         {"dmia_exceeded", d.exceeded},
         {"excess_hours", d.exceeded ? json(d.excess_minutes / 60.0) : json(nullptr)}});
  }
  return {{"id", t.id},
          {"plan_id", t.plan_id},
          {"held_on", opt(t.held_on)},
          {"planned_on", opt(t.planned_on)},
          {"scenario", t.scenario},
          {"observed_hours", opt(t.observed_hours)},
          {"failures", t.failures},
          {"services", services}};
}

json restore_test_json(const RestoreTest& t) {
  return {{"id", t.id},
          {"resource_id", t.resource_id},
          {"restored_on", format_date(t.held_on)},
          {"restore_hours", t.restore_minutes / 60.0},
          {"data_loss_hours", t.data_loss_minutes / 60.0},
          {"checked_by", t.checked_by},
          {"notes", t.notes}};
}

const char* gap_code(GapKind g) {
  switch (g) {
    case GapKind::ok:
      return "ok";
    case GapKind::untested:
      return "untested";
    case GapKind::rto_exceeded:
      return "rto_exceeded";
    case GapKind::rpo_exceeded:
      return "rpo_exceeded";
    case GapKind::both_exceeded:
      return "both_exceeded";
    case GapKind::no_requirement:
      return "no_requirement";
  }
  return "no_requirement";
}

json plan_document_json(const std::optional<PlanDocument>& d) {
  if (!d) return nullptr;
  return {{"id", d->id},
          {"version", d->version},
          {"file_name", d->file_name},
          {"size", d->size},
          {"sha256", d->sha256},
          {"created_at", d->created_at},
          {"created_by", d->created_by}};
}

json plan_json(const Plan& p, const Register& reg) {
  const PlanTest* last = reg.last_test(p.id);
  std::optional<Date> next;
  for (const auto& t : reg.tests)
    if (t.plan_id == p.id && !t.held_on && t.planned_on && (!next || *t.planned_on < *next))
      next = t.planned_on;
  return {{"id", p.id},
          {"plan_kind", p.kind},
          {"title", p.title},
          {"scope", p.scope},
          {"services", p.services},
          {"scenarios", p.scenarios},
          {"covers_it_outage", p.covers_it_outage},
          {"plan_version", p.version},
          {"validated_by", p.validated_by},
          {"validated_on", format_date(p.validated_on)},
          {"review_on", opt(p.review_on)},
          {"last_test_on", last ? opt(last->held_on) : json(nullptr)},
          {"next_test_on", opt(next)},
          {"document", plan_document_json(p.document)}};
}

evidence::Document upload_plan_document(Context& ctx, Request& req) {
  // The body first (415 / 400): a multipart form (part "file") or a JSON object
  // {"file_name", "content_base64"}.
  const auto ct = http::media_type(req);
  if (ct != "multipart/form-data" && ct != "application/json")
    throw http::unsupported_media_type({"multipart/form-data", "application/json"});
  std::string file_name, bytes;
  bool bad_base64 = false;
  if (ct == "multipart/form-data") {
    for (auto& part : http::parse_multipart(req))
      if (part.name == "file") {
        file_name = part.filename;
        bytes = std::move(part.body);
      }
  } else {
    auto body = http::parse_json_body(req);
    auto text = [&](const char* k) {
      return body.is_object() && body.contains(k) && body[k].is_string()
                 ? body[k].get<std::string>()
                 : std::string();
    };
    file_name = text("file_name");
    try {
      bytes = files::base64_decode(text("content_base64"));
    } catch (const std::invalid_argument&) {
      bad_base64 = true;
    }
  }
  auto id = id_param(req, "Plan introuvable.");
  if (bad_base64) {
    if (!ctx.repo.load(req.caller.scope, req.param("finess")).plan(id))
      throw UserError::not_found("Plan introuvable.");
    throw UserError::invalid({{"content_base64", "continuity.base64",
                               labelled("plan_document") + "contenu base64 invalide."}});
  }
  try {
    return ctx.repo.attach_plan_document(req.caller.scope, req.param("finess"), id, file_name,
                                         bytes, req.actor());
  } catch (const UserError& e) {
    // A file too big or of a type refused: the HTTP statuses of those refusals (413, 415),
    // the field named and the stable code kept.
    if (e.status() == 422 && !e.fields().empty()) {
      const auto& code = e.fields().front().code;
      if (code == "continuity.attachment_too_large")
        throw UserError(413, code, e.fields().front().message, e.fields());
      if (code == "continuity.attachment_type")
        throw UserError(415, code, e.fields().front().message, e.fields());
    }
    throw;
  }
}

Response plan_document_download(Context& ctx, Request& req) {
  auto id = id_param(req, "Plan introuvable.");
  auto f = ctx.repo.plan_document(req.caller.scope, req.param("finess"), id);
  return Response::text(std::move(f.bytes), f.info.content_type)
      .header("Content-Disposition", files::content_disposition(f.info.file_name))
      .header("X-Content-SHA256", f.info.sha256);
}

json register_json(const Register& reg, const std::vector<std::string>& services) {
  auto req = Repository::requirements(reg);
  json resources = json::array(), activities = json::array(), bias = json::array(),
       plans = json::array(), tests = json::array(), restores = json::array();
  for (const auto& r : reg.resources) {
    auto it = req.find(r.id);
    const Requirement required = it == req.end() ? Requirement{} : it->second;
    const auto measured = Repository::measured(reg, r.id);
    const RestoreTest* last = reg.last_restore(r.id);
    auto num = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    resources.push_back({{"id", r.id},
                         {"name", r.name},
                         {"resource_kind", r.kind},
                         {"rto_hours", opt(required.rto_hours)},
                         {"rpo_hours", opt(required.rpo_hours)},
                         {"last_restore", last ? restore_test_json(*last) : json(nullptr)},
                         {"gap", gap_code(gap(required, measured))},
                         {"rto_excess_hours", num(rto_excess(required, measured))},
                         {"rpo_excess_hours", num(rpo_excess(required, measured))}});
  }
  for (const auto& t : reg.restores) restores.push_back(restore_test_json(t));
  int total = 0;
  for (const auto& a : reg.activities) {
    activities.push_back(activity_json(a, reg));
    total += a.share_hundredths;
  }
  for (const auto& b : reg.bias) bias.push_back(bia_json(b));
  for (const auto& p : reg.plans) plans.push_back(plan_json(p, reg));
  for (const auto& t : reg.tests) tests.push_back(plan_test_json(t, reg));
  json withdrawn = json::array();
  for (const auto& w : reg.withdrawn)
    withdrawn.push_back({{"record", w.kind},
                         {"id", w.id},
                         {"label", w.label},
                         {"withdrawn_at", w.withdrawal.at},
                         {"withdrawn_by", w.withdrawal.by},
                         {"withdrawal_reason", w.withdrawal.reason}});
  return {{"resources", resources},
          {"withdrawn", withdrawn},
          {"activities", activities},
          {"bias", bias},
          {"plans", plans},
          {"tests", tests},
          {"restore_tests", restores},
          {"services_without_bia", Repository::services_without_bia(reg, services)},
          {"share_percent_total", total / 100.0}};
}

void add_api_routes(http::RouteTable& routes, Context& ctx) {
  const std::string base = "/api/v1/establishments/:finess/continuity";
  routes.get(base, RouteKind::api, [&ctx](Request& req) {
    auto est = ctx.registry.visible(req.caller.scope, req.param("finess"));
    auto reg = ctx.repo.load(req.caller.scope, req.param("finess"));
    return Response::json(http::dump(register_json(reg, est.services)));
  });
  routes.add({"POST", base + "/resources", RouteKind::api,
              [&ctx](Request& req) {
                auto in = resource_from_json(http::parse_json_body(req));
                auto r =
                    ctx.repo.add_resource(req.caller.scope, req.param("finess"), in, req.actor());
                return Response::json(
                    http::dump({{"id", r.id}, {"name", r.name}, {"resource_kind", r.kind}}), 201);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/activities", RouteKind::api,
              [&ctx](Request& req) {
                auto in = activity_from_json(http::parse_json_body(req));
                auto a =
                    ctx.repo.add_activity(req.caller.scope, req.param("finess"), in, req.actor());
                Register reg;
                reg.activities.push_back(a);
                return Response::json(http::dump(activity_json(a, reg)), 201);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/activities/:id/bias", RouteKind::api,
              [&ctx](Request& req) {
                auto in = bia_from_json(http::parse_json_body(req));
                auto id = id_param(req, "Activité introuvable.");
                auto b = ctx.repo.save_bia(req.caller.scope, req.param("finess"), id, in,
                                           ctx.today(), req.actor());
                return Response::json(http::dump(bia_json(b)), 201);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/plans", RouteKind::api,
              [&ctx](Request& req) {
                auto in = plan_from_json(http::parse_json_body(req));
                auto p = ctx.repo.add_plan(req.caller.scope, req.param("finess"), in, ctx.today(),
                                           req.actor());
                return Response::json(http::dump(plan_json(p, Register{})), 201);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/plans/:id/tests", RouteKind::api,
              [&ctx](Request& req) {
                auto in = plan_test_from_json(http::parse_json_body(req));
                auto id = id_param(req, "Plan introuvable.");
                auto t = ctx.repo.add_plan_test(req.caller.scope, req.param("finess"), id, in,
                                                ctx.today(), req.actor());
                const auto reg = ctx.repo.load(req.caller.scope, req.param("finess"));
                return Response::json(http::dump(plan_test_json(t, reg)), 201);
              },
              ctx.max_json_bytes});
  routes.add({"POST", base + "/resources/:id/restore-tests", RouteKind::api,
              [&ctx](Request& req) {
                auto in = restore_test_from_json(http::parse_json_body(req));
                auto id = id_param(req, "Ressource introuvable.");
                auto t = ctx.repo.add_restore_test(req.caller.scope, req.param("finess"), id, in,
                                                   ctx.today(), req.actor());
                return Response::json(http::dump(restore_test_json(t)), 201);
              },
              ctx.max_json_bytes});
  // The plan's document: multipart, part "file" (PDF, ODT, DOCX … at most 5 Mio). Checks:
  // the body (415 not multipart / 400), the plan (404), the file (413
  // continuity.attachment_too_large, 415 continuity.attachment_type, 422 otherwise).
  routes.add({"POST", base + "/plans/:id/document", RouteKind::api,
              [&ctx](Request& req) {
                auto d = upload_plan_document(ctx, req);
                PlanDocument pd{d.id,     d.version,    d.file_name, d.size,
                                d.sha256, d.created_at, d.created_by};
                return Response::json(http::dump(plan_document_json(pd)), 201);
              },
              files::kMaxAttachmentBytes + (1u << 20)});
  routes.too_large([](Request&) -> Response {
    throw UserError(
        413, "continuity.attachment_too_large",
        labelled("plan_document") + "le fichier dépasse la taille maximale de 5 Mio.",
        {{"plan_document", "continuity.attachment_too_large",
          labelled("plan_document") + "le fichier dépasse la taille maximale de 5 Mio."}});
  });
  routes.get(base + "/plans/:id/document", RouteKind::api,
             [&ctx](Request& req) { return plan_document_download(ctx, req); });
  // DELETE withdraws a BIA version, a plan, a plan test or a restore test (never destroyed): body
  // {"reason": "…"}; answers the withdrawal. Checks: the body (415/400), the record (404), the
  // second factor (403), the reason (422 continuity.reason_required).
  struct Withdrawable {
    const char* path;
    Record what;
    const char* not_found;
    const char* act;
  };
  for (const Withdrawable& w : {Withdrawable{"/bias/:id", Record::bia, "BIA introuvable.",
                                             "Le retrait d'une version de BIA"},
                                Withdrawable{"/plans/:id", Record::plan, "Plan introuvable.",
                                             "Le retrait d'un plan de continuité"},
                                Withdrawable{"/tests/:id", Record::plan_test, "Test introuvable.",
                                             "Le retrait d'un test de plan"},
                                Withdrawable{"/restore-tests/:id", Record::restore_test,
                                             "Test de restauration introuvable.",
                                             "Le retrait d'un test de restauration"}}) {
    routes.add({"DELETE", base + w.path, RouteKind::api,
                [&ctx, w](Request& req) {
                  const std::string reason = http::withdrawal_reason_from_json(req);
                  auto id = id_param(req, w.not_found);
                  auto reg = ctx.repo.load(req.caller.scope, req.param("finess"));
                  const bool current = w.what == Record::bia            ? reg.bia(id) != nullptr
                                       : w.what == Record::plan         ? reg.plan(id) != nullptr
                                       : w.what == Record::restore_test ? reg.restore(id) != nullptr
                                                                        : reg.test(id) != nullptr;
                  if (!current) throw UserError::not_found(w.not_found);
                  http::require_second_factor(req, w.act);
                  auto wd = ctx.repo.withdraw(req.caller.scope, req.param("finess"), w.what, id,
                                              reason, ctx.today(), req.actor());
                  return Response::json(http::dump({{"id", id},
                                                    {"withdrawn_at", wd.at},
                                                    {"withdrawn_by", wd.by},
                                                    {"withdrawal_reason", wd.reason}}));
                },
                ctx.max_json_bytes});
  }
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_page_routes(routes, ctx);
  add_api_routes(routes, ctx);
  add_ght_routes(routes, ctx);
  add_backup_routes(routes, ctx);
  add_lesson_routes(routes, ctx);
}

}  // namespace carepilot::continuity
