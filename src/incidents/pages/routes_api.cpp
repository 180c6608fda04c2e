#include <nlohmann/json.hpp>

#include "common/attachment.hpp"
#include "common/labels.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/multipart.hpp"
#include "http/withdrawal_page.hpp"
#include "incidents/pages/routes.hpp"
#include "incidents/report/declaration_export.hpp"
#include "incidents/report/prefill.hpp"

namespace carepilot::incidents {

namespace api_detail {

using http::Request;
using http::Response;
using nlohmann::json;

std::string str(const json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return {};
  if (body[key].is_string()) return body[key].get<std::string>();
  throw UserError::invalid(
      {{key, "incident.invalid_type", std::string(key) + " : une chaîne est attendue."}});
}

json object_body(const Request& req) {
  auto body = http::parse_json_body(req);
  if (!body.is_object())
    throw UserError::invalid({{"", "incident.invalid_body", "Un objet JSON est attendu."}});
  return body;
}

std::int64_t id_param(const Request& req) {
  const std::string v = req.param("id");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    const long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found("Incident introuvable.");
}

json opt_seconds(const std::optional<std::int64_t>& s) {
  return s ? json(*s) : json(nullptr);
}

json declaration_summary(const Declaration& d) {
  return {{"stage", d.stage},
          {"status", d.submitted() ? "submitted" : "draft"},
          {"submitted_at", d.submitted() ? json(d.submitted_at) : json(nullptr)},
          {"portal_reference", d.portal_reference},
          {"digest", d.digest},
          {"content", d.content}};
}

Response ok(const json& j, int status = 200) {
  return Response::json(http::dump(j), status);
}

// `as_of` of a query: an instant with its offset, or a day AAAA-MM-JJ (its start, Paris time;
// docs/api.md), else now. 400 incident.bad_as_of naming the parameter otherwise.
std::int64_t as_of(const Request& req, const Context& ctx) {
  const std::string q = req.q("as_of");
  if (q.empty()) return ctx.now();
  if (auto i = parse_instant(q)) return i->unix;
  if (q.size() == 10)
    if (const auto start = paris_day_start(q)) return *start;
  throw UserError(400, "incident.bad_as_of",
                  "as_of : date (AAAA-MM-JJ, début du jour à Paris) ou date et heure avec leur "
                  "décalage horaire attendues.",
                  {{"as_of", "incident.bad_as_of",
                    "as_of : date (AAAA-MM-JJ) ou date et heure avec leur décalage horaire "
                    "attendues."}});
}

std::int64_t item_param(const Request& req) {
  const std::string v = req.param("item");
  if (!v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos) {
    const long long n = std::stoll(v);
    if (n > 0) return n;
  }
  throw UserError::not_found("Pièce jointe introuvable.");
}

// The upload's body: a multipart form (parts file, description, event_id) or a JSON object
// {file_name, content_base64, description, event_id}; 415 otherwise, 400 malformed, 422
// content_base64 not base64 or event_id not an integer.
AttachmentInput attachment_body(const Request& req) {
  const auto ct = http::media_type(req);
  if (ct != "multipart/form-data" && ct != "application/json")
    throw http::unsupported_media_type({"multipart/form-data", "application/json"});
  AttachmentInput in;
  std::vector<FieldError> errors;
  const std::string event_label(field_label("attachment_event"));
  if (ct == "multipart/form-data") {
    for (auto& part : http::parse_multipart(req)) {
      if (part.name == "file") {
        in.file_name = part.filename;
        in.bytes = std::move(part.body);
      } else if (part.name == "description") {
        in.description = part.body;
      } else if (part.name == "event_id" && !part.body.empty()) {
        if (part.body.size() <= 18 &&
            part.body.find_first_not_of("0123456789") == std::string::npos)
          in.event_id = std::stoll(part.body);
        else
          errors.push_back({"event_id", "incident.invalid_type",
                            event_label + " : l'identifiant d'un événement est attendu."});
      }
    }
  } else {
    const auto body = object_body(req);
    in.file_name = str(body, "file_name");
    in.description = str(body, "description");
    try {
      in.bytes = files::base64_decode(str(body, "content_base64"));
    } catch (const std::invalid_argument&) {
      errors.push_back(
          {"content_base64", "incident.base64",
           std::string(field_label("incident_attachment")) + " : contenu base64 invalide."});
    }
    if (body.contains("event_id") && !body["event_id"].is_null()) {
      if (body["event_id"].is_number_integer())
        in.event_id = body["event_id"].get<std::int64_t>();
      else
        errors.push_back({"event_id", "incident.invalid_type",
                          event_label + " : l'identifiant d'un événement est attendu."});
    }
  }
  if (!errors.empty()) throw UserError::invalid(errors);
  return in;
}

}  // namespace api_detail

nlohmann::json attachment_json(const Attachment& a, const std::string& finess) {
  using nlohmann::json;
  json j{{"id", a.id},
         {"incident_id", a.incident_id},
         {"file_name", a.file_name},
         {"content_type", a.content_type},
         {"size", a.size},
         {"sha256", a.sha256},
         {"description", a.description},
         {"event_id", a.event_id ? json(*a.event_id) : json(nullptr)},
         {"created_at", a.created_at},
         {"created_by", a.created_by},
         {"status", a.withdrawal.withdrawn() ? "withdrawn" : "current"},
         {"download", "/api/v1/establishments/" + finess + "/incidents/" +
                          std::to_string(a.incident_id) + "/attachments/" + std::to_string(a.id)}};
  if (a.withdrawal.withdrawn())
    j["withdrawal"] = {{"withdrawn_at", a.withdrawal.at},
                       {"withdrawn_by", a.withdrawal.by},
                       {"withdrawal_reason", a.withdrawal.reason}};
  return j;
}

nlohmann::json incident_json(const Incident& inc, const std::vector<Declaration>& declarations,
                             std::int64_t as_of,
                             const std::vector<Repository::StatusChange>& changes) {
  using namespace api_detail;
  // The status as it stood at `as_of` from the dated status history (issue 19 trial: `as_of`
  // of a day the incident was contained answered « closed »), and the changes dated up to then.
  std::vector<std::pair<std::int64_t, std::string>> history;
  json status_changes = json::array();
  for (std::size_t i = 0; i < changes.size(); ++i) {
    history.emplace_back(changes[i].at, changes[i].status);
    if (i == 0 || changes[i].at <= as_of)
      status_changes.push_back({{"status", i == 0 ? std::string("open") : changes[i].status},
                                {"at", utc_text(changes[i].at)},
                                {"author", changes[i].by}});
  }
  const auto then =
      history.empty() ? RegisterCut{0, 0, inc.status, std::nullopt} : status_cut(history, as_of);
  json events = json::array();
  for (const auto& e : inc.events)
    events.push_back({{"id", e.id},
                      {"kind", e.kind},
                      {"at", utc_text(e.at)},
                      {"offset_minutes", e.offset_minutes},
                      {"service", e.service},
                      {"note", e.note}});
  // The events withdrawn (typed wrong): kept, out of the durations and clocks.
  json withdrawn_events = json::array();
  for (const auto& e : inc.withdrawn_events)
    withdrawn_events.push_back({{"id", e.id},
                                {"kind", e.kind},
                                {"at", utc_text(e.at)},
                                {"offset_minutes", e.offset_minutes},
                                {"service", e.service},
                                {"note", e.note},
                                {"withdrawal",
                                 {{"withdrawn_at", e.withdrawal.at},
                                  {"withdrawn_by", e.withdrawal.by},
                                  {"withdrawal_reason", e.withdrawal.reason}}}});
  // The clocks and durations as they stood at `as_of`: the events after it do not count yet.
  std::vector<Event> known;
  for (const auto& e : inc.events)
    if (e.at <= as_of) known.push_back(e);
  const auto d = durations(known, as_of);
  json by_service = json::object();
  for (const auto& [s, v] : d.degraded_by_service) by_service[s] = v;
  json clocks_json = json::array();
  for (const auto& c : clocks(default_catalog(), known, inc.qualification, as_of))
    clocks_json.push_back({{"deadline", c.deadline->id},
                           {"state", std::string(clock_state_code(c.state))},
                           {"due", c.due ? json(utc_text(*c.due)) : json(nullptr)},
                           {"done", c.done_at ? json(utc_text(*c.done_at)) : json(nullptr)},
                           {"seconds", c.seconds},
                           {"source", c.deadline->source}});
  json decls = json::array();
  for (const auto& x : declarations) decls.push_back(declaration_summary(x));
  json resources_json = json::array();
  for (const auto& r : inc.affected_resources)
    resources_json.push_back({{"id", r.id}, {"name", r.name}, {"kind", r.kind}});
  const auto* det = inc.detection();
  // A withdrawn incident (created by mistake) runs no clock.
  if (inc.withdrawal.withdrawn()) clocks_json = json::array();
  return {
      {"id", inc.id},
      {"finess", inc.finess},
      {"title", inc.title},
      {"status", then.status},
      {"closed_at", then.closed_at ? json(utc_text(*then.closed_at)) : json(nullptr)},
      {"status_changes", status_changes},
      {"withdrawn", inc.withdrawal.withdrawn()},
      {"withdrawal", inc.withdrawal.withdrawn() ? json{{"withdrawn_at", inc.withdrawal.at},
                                                       {"withdrawn_by", inc.withdrawal.by},
                                                       {"withdrawal_reason", inc.withdrawal.reason}}
                                                : json(nullptr)},
      {"detected_at", det ? json(utc_text(det->at)) : json(nullptr)},
      {"qualification", inc.qualification},
      {"qualified_at", inc.qualified_at.empty() ? json(nullptr) : json(inc.qualified_at)},
      {"affected_services", inc.affected_services},
      {"affected_resources", resources_json},
      {"events", events},
      {"withdrawn_events", withdrawn_events},
      {"durations",
       {{"to_detect", opt_seconds(d.to_detect)},
        {"to_contain", opt_seconds(d.to_contain)},
        {"to_declare", opt_seconds(d.to_declare)},
        {"to_restore", opt_seconds(d.to_restore)},
        {"degraded", d.degraded},
        {"degraded_ongoing", d.degraded_ongoing},
        {"degraded_by_service", by_service}}},
      {"clocks", clocks_json},
      {"declarations", decls},
      {"as_of", utc_text(as_of)},
      {"created_at", inc.created_at},
      {"updated_at", inc.updated_at}};
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  using namespace api_detail;
  add_page_routes(routes, ctx);
  add_statistics_routes(routes, ctx);
  using http::RouteKind;
  const std::string base = "/api/v1/establishments/:finess/incidents";
  auto full = [&ctx](const Request& req, std::int64_t id, std::int64_t at) {
    const auto finess = req.param("finess");
    return incident_json(ctx.repo.load(req.caller.scope, finess, id),
                         ctx.declarations.list(req.caller.scope, finess, id), at,
                         ctx.repo.status_changes(req.caller.scope, finess, id));
  };

  routes.get(base, RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& inc : ctx.repo.list(req.caller.scope, req.param("finess"))) {
      const auto* det = inc.detection();
      items.push_back({{"id", inc.id},
                       {"title", inc.title},
                       {"status", inc.status},
                       {"withdrawn", inc.withdrawal.withdrawn()},
                       {"detected_at", det ? json(utc_text(det->at)) : json(nullptr)},
                       {"qualification", inc.qualification},
                       {"events", inc.events.size()}});
    }
    return http::list_response(req, std::move(items), {{"detected_at", "title", "status"}});
  });
  routes.post(
      base, RouteKind::api,
      [&ctx, full](Request& req) {
        auto body = object_body(req);
        auto inc = ctx.repo.create(
            req.caller.scope, req.param("finess"),
            {str(body, "title"), str(body, "detected_at"), str(body, "note")}, req.actor());
        return ok(full(req, inc.id, as_of(req, ctx)), 201);
      },
      ctx.max_json_bytes);
  routes.get(base + "/:id", RouteKind::api, [&ctx, full](Request& req) {
    const auto id = id_param(req);
    return ok(full(req, id, as_of(req, ctx)));
  });
  routes.post(
      base + "/:id/events", RouteKind::api,
      [&ctx](Request& req) {
        const auto id = id_param(req);
        auto body = object_body(req);
        auto e = ctx.repo.add_event(
            req.caller.scope, req.param("finess"), id,
            {str(body, "kind"), str(body, "at"), str(body, "service"), str(body, "note")},
            req.actor());
        return ok({{"id", e.id},
                   {"kind", e.kind},
                   {"at", utc_text(e.at)},
                   {"offset_minutes", e.offset_minutes},
                   {"service", e.service},
                   {"note", e.note}},
                  201);
      },
      ctx.max_json_bytes);
  // Withdrawing an event typed wrong ({"reason": …}; the second factor): kept in
  // `withdrawn_events`, out of the durations, clocks, pre-filled declarations and statistics.
  routes.add({"DELETE", base + "/:id/events/:item", RouteKind::api,
              [&ctx, full](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);  // 400, 415
                const auto id = id_param(req);
                const std::string v = req.param("item");
                if (v.empty() || v.size() > 18 ||
                    v.find_first_not_of("0123456789") != std::string::npos)
                  throw UserError(404, "incident.event_not_found", "Événement introuvable.");
                const auto item = static_cast<std::int64_t>(std::stoll(v));
                const auto finess = req.param("finess");
                const auto inc = ctx.repo.load(req.caller.scope, finess, id);
                if (std::any_of(inc.events.begin(), inc.events.end(),
                                [&](const Event& e) { return e.id == item; }))
                  http::require_second_factor(req, "Le retrait d'un événement d'incident");
                ctx.repo.withdraw_event(req.caller.scope, finess, id, item, reason, req.actor());
                return ok(full(req, id, as_of(req, ctx)));
              },
              ctx.max_json_bytes});
  routes.add({"PUT", base + "/:id/qualification", RouteKind::api,
              [&ctx, full](Request& req) {
                const auto id = id_param(req);
                auto body = object_body(req);
                Qualification q;
                // The systems and services touched: service codes and continuity resource ids;
                // one list given alone leaves the other as it was.
                std::optional<AffectedInput> affected;
                auto list_of = [&](const char* key, bool ids) {
                  const auto& v = body[key];
                  bool ok = v.is_array();
                  if (ok)
                    for (const auto& x : v)
                      ok = ok && (ids ? x.is_number_integer() : x.is_string());
                  if (!ok)
                    throw UserError::invalid(
                        {{key, "incident.invalid_type",
                          std::string(field_label(key)) +
                              (ids ? " : une liste d'identifiants de ressources est attendue."
                                   : " : une liste de codes de services est attendue.")}});
                };
                const bool has_services = body.contains("affected_services");
                const bool has_resources = body.contains("affected_resources");
                if (has_services) list_of("affected_services", false);
                if (has_resources) list_of("affected_resources", true);
                if (has_services || has_resources) {
                  const auto cur = ctx.repo.load(req.caller.scope, req.param("finess"), id);
                  affected.emplace();
                  if (has_services)
                    affected->services = body["affected_services"].get<std::vector<std::string>>();
                  else
                    affected->services = cur.affected_services;
                  if (has_resources)
                    affected->resources =
                        body["affected_resources"].get<std::vector<std::int64_t>>();
                  else
                    for (const auto& r : cur.affected_resources)
                      affected->resources.push_back(r.id);
                  body.erase("affected_services");
                  body.erase("affected_resources");
                }
                for (const auto& [k, v] : body.items()) {
                  if (v.is_string()) {
                    q[k] = {v.get<std::string>()};
                  } else if (v.is_array() && std::all_of(v.begin(), v.end(), [](const json& x) {
                               return x.is_string();
                             })) {
                    q[k] = v.get<std::vector<std::string>>();
                  } else {
                    throw UserError::invalid(
                        {{"qualification." + k, "incident.invalid_type",
                          k + " : une chaîne ou une liste de chaînes est attendue."}});
                  }
                }
                ctx.repo.qualify(req.caller.scope, req.param("finess"), id, q, req.actor(),
                                 affected ? &*affected : nullptr);
                return ok(full(req, id, as_of(req, ctx)));
              },
              ctx.max_json_bytes});
  routes.add({"PUT", base + "/:id/status", RouteKind::api,
              [&ctx, full](Request& req) {
                const auto id = id_param(req);
                auto body = object_body(req);
                ctx.repo.set_status(req.caller.scope, req.param("finess"), id, str(body, "status"),
                                    req.actor(), str(body, "at"));
                return ok(full(req, id, as_of(req, ctx)));
              },
              ctx.max_json_bytes});
  // Withdrawing an incident created by mistake ({"reason": …}; the second factor): kept, shown
  // withdrawn, out of the statistics and the clocks; 409 incident.withdrawn when it already is.
  routes.add({"DELETE", base + "/:id", RouteKind::api,
              [&ctx, full](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);  // 400, 415
                const auto id = id_param(req);
                const auto finess = req.param("finess");
                if (!ctx.repo.load(req.caller.scope, finess, id).withdrawal.withdrawn())
                  http::require_second_factor(req, "Le retrait d'un incident");
                ctx.repo.withdraw(req.caller.scope, finess, id, reason, req.actor());
                return ok(full(req, id, as_of(req, ctx)));
              },
              ctx.max_json_bytes});
  routes.get(base + "/:id/declarations/:stage", RouteKind::api, [&ctx](Request& req) {
    const auto id = id_param(req);
    const auto finess = req.param("finess");
    auto inc = ctx.repo.load(req.caller.scope, finess, id);
    auto est = ctx.registry.visible(req.caller.scope, finess);
    const auto all = ctx.declarations.list(req.caller.scope, finess, id);
    for (const auto& d : all)
      if (d.stage == req.param("stage"))
        return ok(declaration_json(inc, est.name, d, previous_stage(all, d.stage)));
    throw UserError::not_found("Aucune déclaration à cette étape.");
  });
  routes.add({"PUT", base + "/:id/declarations/:stage", RouteKind::api,
              [&ctx](Request& req) {
                const auto id = id_param(req);
                auto body = object_body(req);
                DeclarationContent c;
                for (const auto& [k, v] : body.items()) {
                  if (!v.is_string())
                    throw UserError::invalid(
                        {{k, "incident.invalid_type", k + " : une chaîne est attendue."}});
                  c[k] = v.get<std::string>();
                }
                auto d = ctx.declarations.save(req.caller.scope, req.param("finess"), id,
                                               req.param("stage"), c, req.actor());
                return ok(declaration_summary(d));
              },
              ctx.max_json_bytes});
  routes.post(
      base + "/:id/paq-action", RouteKind::api,
      [&ctx](Request& req) {
        if (!ctx.lessons) throw UserError::not_found("Ressource introuvable.");
        const auto id = id_param(req);
        auto body = object_body(req);
        ctx.repo.load(req.caller.scope, req.param("finess"), id);  // 404 before 422
        const auto sent =
            ctx.lessons->send(req.caller.scope, req.param("finess"), id, str(body, "lessons"),
                              paris_day(ctx.now()), req.actor());
        // Each lesson (line) its own action; the first one also at the top level.
        json actions = json::array();
        bool created = false;
        for (const auto& x : sent) {
          created = created || x.created;
          actions.push_back({{"paq_action_id", x.action.id},
                             {"created", x.created},
                             {"source_ref", x.action.source_ref},
                             {"title", x.action.title}});
        }
        const auto& first = sent.front();
        return ok({{"paq_action_id", first.action.id},
                   {"created", first.created},
                   {"source", "incident"},
                   {"source_ref", first.action.source_ref},
                   {"title", first.action.title},
                   {"actions", actions}},
                  created ? 201 : 200);
      },
      ctx.max_json_bytes);
  // Attachments (store/attachments.hpp).
  routes.get(base + "/:id/attachments", RouteKind::api, [&ctx](Request& req) {
    const auto id = id_param(req);
    const auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
    json items = json::array();
    for (const auto& a : ctx.attachments.list(req.caller.scope, e.finess_et, id))
      items.push_back(attachment_json(a, e.finess_et));
    return http::list_response(req, std::move(items), {{"created_at", "file_name", "size"}});
  });
  routes.post(
      base + "/:id/attachments", RouteKind::api,
      [&ctx](Request& req) {
        auto in = attachment_body(req);  // 415, 400, 422 (base64)
        const auto id = id_param(req);
        auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
        ctx.repo.load(req.caller.scope, e.finess_et, id);  // 404 before the file's 4xx
        try {
          return ok(attachment_json(
                        ctx.attachments.add(req.caller.scope, e.finess_et, id, in, req.actor()),
                        e.finess_et),
                    201);
        } catch (const UserError& err) {
          // A file too big or of a refused type: the HTTP statuses of those refusals (413,
          // 415), every field named and the stable codes kept.
          if (err.status() == 422)
            for (const auto& f : err.fields()) {
              if (f.code == "incident.attachment_too_large")
                throw UserError(413, f.code, f.message, err.fields());
              if (f.code == "incident.attachment_type")
                throw UserError(415, f.code, f.message, err.fields());
            }
          throw;
        }
      },
      files::kMaxAttachmentBytes * 2 + (1u << 20));
  routes.get(base + "/:id/attachments/:item", RouteKind::api, [&ctx](Request& req) {
    const auto f =
        ctx.attachments.file(req.caller.scope, req.param("finess"), id_param(req), item_param(req));
    return Response::text(f.bytes, f.info.content_type)
        .header("Content-Disposition", files::content_disposition(f.info.file_name))
        .header("X-Content-SHA256", f.info.sha256);
  });
  routes.add(
      {"DELETE", base + "/:id/attachments/:item", RouteKind::api,
       [&ctx](Request& req) {
         const std::string reason = http::withdrawal_reason_from_json(req);  // 400, 415
         const auto id = id_param(req);
         const auto item = item_param(req);
         const auto finess = req.param("finess");
         bool current = false, found = false;
         for (const auto& a : ctx.attachments.list(req.caller.scope, finess, id))
           if (a.id == item) {
             found = true;
             current = !a.withdrawal.withdrawn();
           }
         if (!found) throw UserError::not_found("Pièce jointe introuvable.");
         if (current) http::require_second_factor(req, "Le retrait d'une pièce jointe d'incident");
         const auto a =
             ctx.attachments.withdraw(req.caller.scope, finess, id, item, reason, req.actor());
         return ok(attachment_json(a, ctx.registry.visible(req.caller.scope, finess).finess_et));
       },
       ctx.max_json_bytes});
  routes.post(
      base + "/:id/declarations/:stage/submit", RouteKind::api,
      [&ctx](Request& req) {
        const auto id = id_param(req);
        auto body = object_body(req);
        auto d = ctx.declarations.submit(req.caller.scope, req.param("finess"), id,
                                         req.param("stage"), str(body, "submitted_at"),
                                         str(body, "portal_reference"), req.actor());
        return ok(declaration_summary(d));
      },
      ctx.max_json_bytes);
}

}  // namespace carepilot::incidents
