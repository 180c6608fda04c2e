#include <set>

#include "common/attachment.hpp"
#include "funding/data.hpp"
#include "funding/routes.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"

namespace carepilot::funding {

using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace routes_api_detail {

json date_or_null(const std::optional<Date>& d) {
  return d ? json(format_date(*d)) : json(nullptr);
}
json cents_or_null(const std::optional<std::int64_t>& c) {
  return c ? json(*c) : json(nullptr);
}

Caller caller_of(const Request& req) {
  return {req.caller.role, req.caller.scope, req.actor()};
}

std::int64_t id_param(const Request& req) {
  const std::string t = req.param("id");
  std::int64_t v = 0;
  try {
    std::size_t used = 0;
    v = std::stoll(t, &used);
    if (used != t.size()) v = 0;
  } catch (...) {
    v = 0;
  }
  if (v <= 0) throw UserError::not_found("Candidature introuvable.");
  return v;
}

// A joined file's id (:item): 404 when it is not one.
std::int64_t item_param(const Request& req) {
  const std::string t = req.param("item");
  if (!t.empty() && t.size() <= 18 && t.find_first_not_of("0123456789") == std::string::npos) {
    const auto v = std::stoll(t);
    if (v > 0) return v;
  }
  throw UserError::not_found("Fichier joint introuvable dans cette candidature.");
}

// The candidature `id` seen by the caller, covering the establishment of the path (404
// otherwise).
Candidature covering(Context& ctx, const Request& req) {
  auto est = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto k = ctx.repo.get(req.caller.scope, id_param(req));
  for (const auto& e : k.establishments)
    if (e.value("id", std::int64_t{0}) == est.id) return k;
  throw UserError::not_found("Candidature introuvable.");
}

std::string text_member(const json& b, const char* key) {
  if (!b.contains(key) || b[key].is_null()) return {};
  if (!b[key].is_string())
    throw UserError::invalid(
        {{key, "request.bad_type", std::string(key) + " : un texte est attendu."}});
  return b[key].get<std::string>();
}

std::string amount_member(const json& b, const char* key) {
  if (!b.contains(key)) return {};
  if (b[key].is_number()) {
    // Euros as a number: 250000 or 250000.5.
    const double v = b[key].get<double>();
    const auto cents = static_cast<std::int64_t>(v * 100 + 0.5);
    return std::to_string(cents / 100) + "," + (cents % 100 < 10 ? "0" : "") +
           std::to_string(cents % 100);
  }
  return text_member(b, key);
}

ProofInput proof_of(const json& j, const std::string& field) {
  ProofInput p;
  if (!j.is_object())
    throw UserError::invalid({{field, "request.bad_type", field + " : un objet est attendu."}});
  http::require_known_members(j, {"evidence_ids", "justification", "reached"});
  if (j.contains("evidence_ids")) {
    if (!j["evidence_ids"].is_array())
      throw UserError::invalid(
          {{field, "request.bad_type", field + " : evidence_ids est une liste de nombres."}});
    for (const auto& e : j["evidence_ids"]) {
      if (!e.is_number_integer())
        throw UserError::invalid(
            {{field, "request.bad_type", field + " : evidence_ids est une liste de nombres."}});
      p.evidence_ids.push_back(e.get<std::int64_t>());
    }
  }
  p.justification = text_member(j, "justification");
  return p;
}

}  // namespace routes_api_detail

using namespace routes_api_detail;

json call_json(const Data& data, const Call& c) {
  json steps = json::array();
  for (const auto& s : c.calendar)
    steps.push_back({{"step", s.step},
                     {"date", date_or_null(s.date)},
                     {"source", s.source},
                     {"note", s.note.empty() ? json(nullptr) : json(s.note)}});
  json prereqs = json::array();
  for (const auto& p : c.prerequisites)
    prereqs.push_back({{"id", p.id}, {"label", p.label}, {"pieces", p.pieces}});
  json objectives = json::array();
  for (const auto& o : c.objectives)
    objectives.push_back(
        {{"id", o.id},
         {"label", o.label},
         {"target", o.target},
         {"pieces", o.pieces},
         {"scope", o.scope},
         {"rule", o.rule.empty() ? json(nullptr) : json(o.rule)},
         {"declarative", o.declarative.empty() ? json(nullptr) : json(o.declarative)}});
  json eligible = json::array();
  for (const auto& k : c.eligible)
    if (auto ck = data.kind(k)) eligible.push_back({{"id", ck->id}, {"label", ck->label}});
  return {{"id", c.id},
          {"prefix", c.prefix},
          {"label", c.label},
          {"legal_text", c.legal_text},
          {"legal_date", format_date(c.legal_date)},
          {"text_public", c.text_public},
          {"envelope_cents", cents_or_null(c.envelope_cents)},
          {"ceiling_cents", cents_or_null(c.ceiling_cents)},
          {"ceiling_source", c.ceiling_source},
          {"facts", c.facts.empty() ? json(nullptr) : json(c.facts)},
          {"eligible", eligible},
          {"calendar", steps},
          {"prerequisites", prereqs},
          {"objectives", objectives}};
}

json candidature_json(const Data& data, const Candidature& k) {
  json events = json::array();
  for (const auto& e : k.events)
    events.push_back({{"kind", e.kind},
                      {"from_state", e.from_state},
                      {"to_state", e.to_state},
                      {"text", e.text},
                      {"on", e.on_day},
                      {"at", e.at},
                      {"by", e.by}});
  json decls = json::array();
  for (const auto& d : k.declarations) {
    json v = json::array();
    for (const auto& x : d.verifications)
      v.push_back({{"objective", x.objective_id},
                   {"outcome", x.outcome},
                   {"comment", x.comment},
                   {"at", x.at},
                   {"by", x.by}});
    decls.push_back({{"id", d.id},
                     {"filed_at", d.filed_at},
                     {"filed_by", d.filed_by},
                     {"late", d.late},
                     {"sha256", d.sha256},
                     {"dossier", d.dossier},
                     {"verifications", v}});
  }
  // The payments, oldest first: they add up to amount_paid_cents.
  json payments = json::array();
  for (const auto& e : k.events)
    if (e.kind == "paid")
      payments.push_back({{"paid_on", e.detail.value("paid_on", e.on_day)},
                          {"amount_cents", e.detail.value("amount_paid_cents", std::int64_t{0})},
                          {"at", e.at},
                          {"by", e.by}});
  const Call* c = data.call(k.call_id);
  return {{"id", k.id},
          {"call", k.call_id},
          {"call_label", c ? c->label : k.call_id},
          {"candidate_kind", k.candidate_kind},
          {"ght_id", k.ght_id ? json(*k.ght_id) : json(nullptr)},
          {"ght_name", k.ght_id ? json(k.ght_name) : json(nullptr)},
          {"region", k.region_code},
          {"state", k.state},
          {"state_label", state_label(k)},
          {"amount_requested_cents", k.amount_requested_cents},
          {"amount_granted_cents", cents_or_null(k.amount_granted_cents)},
          {"amount_paid_cents", cents_or_null(k.amount_paid_cents)},
          {"paid_on", k.paid_on.empty() ? json(nullptr) : json(k.paid_on)},
          {"payments", payments},
          {"establishments", k.establishments},
          {"contacts", k.contacts},
          {"prerequisites", k.prerequisites},
          {"exception", k.exception_until.empty()
                            ? json(nullptr)
                            : json{{"until", k.exception_until}, {"reason", k.exception_reason}}},
          {"created_at", k.created_at},
          {"created_by", k.created_by},
          {"events", events},
          {"declarations", decls}};
}

std::set<std::int64_t> visible_establishments(Context& ctx, const Scope& scope,
                                              const Candidature& k) {
  std::set<std::int64_t> out;
  for (const auto& e : k.establishments) {
    const auto id = e.value("id", std::int64_t{0});
    if (id && ctx.registry.find_by_id(scope, id)) out.insert(id);
  }
  return out;
}

json objectives_json(Context& ctx, const Scope& scope, const Candidature& k) {
  json out = json::array();
  const Call* call = ctx.repo.data().call(k.call_id);
  if (!call) return out;
  const Date today = ctx.today();
  const auto computed = ctx.proofs.compute(k, today);
  const auto proposed = ctx.proofs.propose(k, computed, today);
  const auto visible = visible_establishments(ctx, scope, k);
  for (const auto& o : call->objectives) {
    json item = {{"id", o.id},
                 {"label", o.label},
                 {"computed", nullptr},
                 {"proposed", json::array()},
                 {"declared", nullptr}};
    // Once declared, what the dossier froze beside today's recomputation (issue 18 trial: the
    // API answered only `computed`): the declaration, its digest, when the computation was
    // frozen, and the computation itself.
    if (const auto held = frozen_objective(k, o.id)) {
      const json& f = held->item;
      const json* computed_then =
          f.contains("computed") && f["computed"].is_object() ? &f["computed"] : nullptr;
      item["declared"] = {
          {"declaration_id", held->declaration->id},
          {"filed_at", held->declaration->filed_at},
          {"sha256", held->declaration->sha256},
          {"reached", f.value("reached", false)},
          {"justification", f.value("justification", std::string()).empty()
                                ? json(nullptr)
                                : json(f.value("justification", std::string()))},
          {"computed_in_declaration_id", held->computed_in->id},
          {"computed_at", held->computed_in->filed_at},
          {"computed", computed_then
                           ? json{{"rule", computed_then->value("rule", std::string())},
                                  {"verdict", computed_then->value("verdict", "unknown")},
                                  {"words", computed_then->value("words", std::string())},
                                  {"records", computed_then->value("records", json::array())}}
                           : json(nullptr)}};
    }
    if (auto it = computed.find(o.id); it != computed.end())
      item["computed"] = {
          {"rule", it->second.rule},
          {"verdict", verdict_code(it->second.verdict)},
          {"words", it->second.words},
          {"missing", it->second.missing.empty() ? json(nullptr) : json(it->second.missing)},
          {"records", it->second.records}};
    if (auto it = proposed.find(o.id); it != proposed.end())
      for (auto e : it->second) {
        if (!visible.count(e.establishment_id)) e.link.clear();
        item["proposed"].push_back(evidence_json(e));
      }
    out.push_back(std::move(item));
  }
  return out;
}

json totals_json(const Data& data, const std::vector<Candidature>& all) {
  json out = json::array();
  for (const auto& c : data.calls) {
    std::map<std::string, json> regions;
    json total = {{"candidatures", 0},  {"requested_cents", 0}, {"refused_requested_cents", 0},
                  {"granted_cents", 0}, {"paid_cents", 0},      {"by_state", json::object()}};
    auto add = [](json& t, const Candidature& k) {
      t["candidatures"] = t["candidatures"].get<long long>() + 1;
      // The live candidatures' requests; a refused one's apart (issue 18 trial).
      const char* key = k.state == "refused" ? "refused_requested_cents" : "requested_cents";
      t[key] = t[key].get<long long>() + k.amount_requested_cents;
      t["granted_cents"] = t["granted_cents"].get<long long>() + k.amount_granted_cents.value_or(0);
      t["paid_cents"] = t["paid_cents"].get<long long>() + k.amount_paid_cents.value_or(0);
      t["by_state"][k.state] = t["by_state"].value(k.state, 0) + 1;
    };
    for (const auto& k : all) {
      if (k.call_id != c.id) continue;
      auto [it, fresh] = regions.try_emplace(k.region_code, json{{"region", k.region_code},
                                                                 {"candidatures", 0},
                                                                 {"requested_cents", 0},
                                                                 {"refused_requested_cents", 0},
                                                                 {"granted_cents", 0},
                                                                 {"paid_cents", 0},
                                                                 {"by_state", json::object()}});
      add(it->second, k);
      add(total, k);
    }
    json by_region = json::array();
    for (auto& [_, r] : regions) by_region.push_back(r);
    out.push_back({{"call", c.id},
                   {"label", c.label},
                   {"envelope_cents", cents_or_null(c.envelope_cents)},
                   {"total", total},
                   {"regions", by_region}});
  }
  return out;
}

json establishment_view(Context& ctx, const Scope& scope, const registry::Establishment& est) {
  const Data& data = ctx.repo.data();
  const Date today = ctx.today();
  const bool in_ght = est.ght_id.has_value();
  const std::string kind = in_ght ? "ght" : data.kind_of_type(est.type);
  json calls = json::array();
  auto mine = ctx.repo.list(scope);
  for (const auto& c : data.calls) {
    std::optional<Candidature> k;
    for (const auto& x : mine)
      if (x.call_id == c.id && (x.candidate_key == "est:" + std::to_string(est.id) ||
                                (in_ght && x.ght_id && *x.ght_id == *est.ght_id)))
        k = x;
    // The proof is computed for the candidature, or for the candidature the establishment
    // would file (its GHT's, or its own).
    Candidature basis;
    if (k) {
      basis = *k;
    } else {
      basis.call_id = c.id;
      basis.establishment_id = est.id;
      basis.ght_id = est.ght_id;
      basis.establishments = json::array();
      if (in_ght) {
        registry::EstablishmentFilter f;
        f.ght_id = est.ght_id;
        f.per_page = 200;
        for (const auto& e : ctx.registry.list(Scope::ght(*est.ght_id), f).items)
          basis.establishments.push_back({{"id", e.id}, {"finess", e.finess_et}, {"name", e.name}});
      } else {
        basis.establishments.push_back(
            {{"id", est.id}, {"finess", est.finess_et}, {"name", est.name}});
      }
    }
    const auto computed = ctx.proofs.compute(basis, today);
    const auto proposed = ctx.proofs.propose(basis, computed, today);
    const auto visible = visible_establishments(ctx, scope, basis);
    std::set<std::string> declared;
    if (k && !k->declarations.empty())
      for (const auto& d : k->declarations)
        for (const auto& o : d.dossier["objectives"])
          if (o.value("reached", false)) declared.insert(o["id"].get<std::string>());
    json objectives = json::array();
    for (const auto& o : c.objectives) {
      json item = {{"id", o.id}, {"label", o.label}, {"target", o.target}, {"scope", o.scope}};
      std::string lacks;
      if (auto it = computed.find(o.id); it != computed.end()) {
        item["computed"] = {{"rule", it->second.rule},
                            {"verdict", verdict_code(it->second.verdict)},
                            {"words", it->second.words},
                            {"records", it->second.records}};
        if (it->second.verdict != Verdict::met)
          lacks = it->second.missing.empty() ? it->second.words : it->second.missing;
      } else {
        item["computed"] = nullptr;
        if (!declared.count(o.id)) {
          lacks = "À déclarer avec sa preuve :";
          for (std::size_t i = 0; i < o.pieces.size(); ++i) lacks += (i ? ", " : " ") + o.pieces[i];
          lacks += ".";
        }
      }
      item["proposed"] = json::array();
      if (auto it = proposed.find(o.id); it != proposed.end())
        for (auto e : it->second) {
          if (!visible.count(e.establishment_id)) e.link.clear();
          item["proposed"].push_back(evidence_json(e));
        }
      item["declared"] = declared.count(o.id) > 0;
      item["lacks"] = lacks.empty() ? json(nullptr) : json(lacks);
      objectives.push_back(item);
    }
    auto open = c.date("candidature_open"), close = c.date("candidature_close");
    calls.push_back({{"call", c.id},
                     {"label", c.label},
                     {"eligible", !kind.empty() && c.accepts(kind)},
                     {"candidate_kind", kind.empty() ? json(nullptr) : json(kind)},
                     {"window_open", (!open || !(today < *open)) && (!close || !(*close < today))},
                     {"candidature", k ? json{{"id", k->id}, {"state", k->state}} : json(nullptr)},
                     {"objectives", objectives}});
  }
  return {{"finess_et", est.finess_et}, {"name", est.name}, {"calls", calls}};
}

void add_routes(http::RouteTable& t, Context& ctx) {
  t.get("/api/v1/funding/calls", RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& c : ctx.repo.data().calls) items.push_back(call_json(ctx.repo.data(), c));
    return http::list_response(req, std::move(items), {{"id"}, 100, 200});
  });
  t.get("/api/v1/funding/candidatures", RouteKind::api, [&ctx](Request& req) {
    const std::string call = req.q("call"), state = req.q("state");
    if (!call.empty() && !ctx.repo.data().call(call))
      throw http::bad_parameter("call", "un appel de /api/v1/funding/calls");
    // An unknown state is refused, not answered with an empty list (docs/api.md).
    if (!state.empty() && std::find_if(std::begin(kStates), std::end(kStates), [&](const char* x) {
                            return state == x;
                          }) == std::end(kStates))
      throw http::bad_parameter("state",
                                "filed, refused, operational, declared, more_requested, "
                                "verified, decided ou paid");
    auto all = ctx.repo.list(req.caller.scope, call);
    json items = json::array();
    for (const auto& k : all)
      if (state.empty() || k.state == state) {
        json j = candidature_json(ctx.repo.data(), k);
        j.erase("declarations");
        j.erase("events");
        items.push_back(j);
      }
    return http::list_response(req, std::move(items), {{"id", "state", "call"}, 100, 200},
                               {{"totals", totals_json(ctx.repo.data(), all)}});
  });
  t.get("/api/v1/establishments/:finess/funding", RouteKind::api, [&ctx](Request& req) {
    auto est = ctx.registry.visible(req.caller.scope, req.param("finess"));
    return Response::json(http::dump(establishment_view(ctx, req.caller.scope, est)));
  });
  t.get("/api/v1/establishments/:finess/funding/candidatures/:id", RouteKind::api,
        [&ctx](Request& req) {
          auto k = covering(ctx, req);
          json j = candidature_json(ctx.repo.data(), k);
          j["objectives"] = objectives_json(ctx, req.caller.scope, k);
          return Response::json(http::dump(j));
        });

  // A joined file (a prerequisite's or an objective's proof), for whoever reads the
  // candidature: its bytes with their stored type, as an attachment.
  t.get("/api/v1/establishments/:finess/funding/candidatures/:id/files/:item", RouteKind::api,
        [&ctx](Request& req) {
          const auto k = covering(ctx, req);
          const auto f = ctx.repo.joined_file(req.caller.scope, k.id, item_param(req));
          return Response::text(f.bytes, f.content_type)
              .header("Content-Disposition", files::content_disposition(f.file_name))
              .header("X-Content-SHA256", f.sha256);
        });

  const std::size_t body = ctx.max_json_bytes;
  t.post(
      "/api/v1/establishments/:finess/funding/candidatures", RouteKind::api,
      [&ctx](Request& req) {
        auto est = ctx.registry.visible(req.caller.scope, req.param("finess"));
        auto b = http::parse_json_body(req);
        http::require_known_members(b, {"call", "as_ght", "establishments", "contacts",
                                        "prerequisites", "amount_requested"});
        CandidatureInput in;
        in.call_id = text_member(b, "call");
        in.as_ght = b.value("as_ght", false);
        const json establishments = b.value("establishments", json::array()),
                   contacts = b.value("contacts", json::array());
        for (const auto& e : establishments)
          if (e.is_string()) in.establishments.push_back(e.get<std::string>());
        for (const auto& c : contacts)
          if (c.is_string()) in.contacts.push_back(c.get<std::string>());
        const json prerequisites = b.value("prerequisites", json::object());
        for (const auto& [id, p] : prerequisites.items())
          in.prerequisites[normalise_id(id)] = proof_of(p, "prerequisites");
        in.amount_requested = amount_member(b, "amount_requested");
        auto k = ctx.repo.file(caller_of(req), est.finess_et, in, ctx.today());
        json j = candidature_json(ctx.repo.data(), k);
        j["objectives"] = objectives_json(ctx, req.caller.scope, k);
        return Response::json(http::dump(j), 201);
      },
      body);
  // `second_factor`: the act freezes proof (the declaration) or completes it (the answer to the
  // national instruction, by whoever may declare), which needs the second factor.
  auto transition =
      [&t, &ctx, body](
          const std::string& suffix, std::optional<Access> access,
          std::function<Candidature(const Caller&, Candidature&, const json&, const Date&)> act,
          const char* second_factor = nullptr) {
        t.post(
            "/api/v1/establishments/:finess/funding/candidatures/:id/" + suffix, RouteKind::api,
            [&ctx, act, second_factor](Request& req) {
              auto k = covering(ctx, req);
              if (second_factor) http::require_second_factor(req, second_factor);
              auto b = http::parse_json_body(req);
              if (!b.is_object())
                throw UserError(400, "request.malformed_json", "Un objet JSON est attendu.");
              auto out = act(caller_of(req), k, b, ctx.today());
              json j = candidature_json(ctx.repo.data(), out);
              j["objectives"] = objectives_json(ctx, req.caller.scope, out);
              return Response::json(http::dump(j));
            },
            body, access);
      };
  transition("ars-decision", Access::edit_registry,
             [&ctx](const Caller& c, Candidature& k, const json& b, const Date& today) {
               http::require_known_members(b, {"validate", "reason"});
               if (!b.contains("validate") || !b["validate"].is_boolean())
                 throw UserError::invalid({{"validate", "funding.validate_required",
                                            "validate : true (valider) ou false (refuser)."}});
               return ctx.repo.ars_decide(c, k.id, b["validate"].get<bool>(),
                                          text_member(b, "reason"), today);
             });
  transition(
      "declarations", std::nullopt,
      [&ctx](const Caller& c, Candidature& k, const json& b, const Date& today) {
        http::require_known_members(b, {"objectives"});
        std::map<std::string, ObjectiveDeclarationInput> objectives;
        const json given = b.value("objectives", json::object());
        for (const auto& [id, o] : given.items()) {
          ObjectiveDeclarationInput in;
          in.proof = proof_of(o, "objectives");
          in.reached = o.value("reached", false);
          objectives[normalise_id(id)] = in;
        }
        std::vector<std::int64_t> ids;
        for (const auto& [_, o] : objectives)
          ids.insert(ids.end(), o.proof.evidence_ids.begin(), o.proof.evidence_ids.end());
        return ctx.repo.declare(c, k.id, objectives, ctx.proofs.compute(k, today), today,
                                ctx.proofs.describe_evidence(k, ids));
      },
      "La déclaration des objectifs atteints");
  transition("verifications", Access::edit_registry,
             [&ctx](const Caller& c, Candidature& k, const json& b, const Date& today) {
               http::require_known_members(b, {"verdicts"});
               std::map<std::string, std::pair<std::string, std::string>> v;
               const json given = b.value("verdicts", json::object());
               if (!given.is_object())
                 throw UserError::invalid(
                     {{"verdicts", "request.bad_type", "verdicts : un objet par objectif."}});
               for (const auto& [id, x] : given.items()) {
                 const std::string field = "verdicts." + normalise_id(id);
                 if (!x.is_object())
                   throw UserError::invalid(
                       {{field, "request.bad_type", field + " : un objet est attendu."}});
                 v[normalise_id(id)] = {text_member(x, "outcome"), text_member(x, "comment")};
               }
               return ctx.repo.verify(c, k.id, v, today);
             });
  transition("requests", Access::edit_registry,
             [&ctx](const Caller& c, Candidature& k, const json& b, const Date& today) {
               http::require_known_members(b, {"text"});
               return ctx.repo.national_request(c, k.id, text_member(b, "text"), today);
             });
  transition(
      "answers", std::nullopt,
      [&ctx](const Caller& c, Candidature& k, const json& b, const Date& today) {
        http::require_known_members(b, {"text"});
        return ctx.repo.answer(c, k.id, text_member(b, "text"), today);
      },
      "La réponse à l'instruction nationale");
  transition("exception", Access::edit_registry,
             [&ctx](const Caller& c, Candidature& k, const json& b, const Date& today) {
               http::require_known_members(b, {"until", "reason"});
               // An unreadable date is named with the other refusals (nullopt).
               return ctx.repo.grant_exception(c, k.id, parse_date(text_member(b, "until")),
                                               text_member(b, "reason"), today);
             });
  transition("decision", Access::edit_registry,
             [&ctx](const Caller& c, Candidature& k, const json& b, const Date& today) {
               http::require_known_members(b, {"amount_granted", "reason"});
               return ctx.repo.decide(c, k.id, amount_member(b, "amount_granted"), today,
                                      text_member(b, "reason"));
             });
  transition("payment", Access::edit_registry,
             [&ctx](const Caller& c, Candidature& k, const json& b, const Date& today) {
               http::require_known_members(b, {"paid_on", "amount"});
               return ctx.repo.pay(c, k.id, parse_date(text_member(b, "paid_on")),
                                   amount_member(b, "amount"), today);
             });
}

}  // namespace carepilot::funding
