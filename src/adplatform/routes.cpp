#include "adplatform/routes.hpp"

#include <ctemplate/template.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "adaudit/readers/input_error.hpp"
#include "adaudit/report/diff.hpp"
#include "common/ad_labels.hpp"
#include "common/attachment.hpp"
#include "common/errors.hpp"
#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "http/errors.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/multipart.hpp"
#include "http/templates.hpp"
#include "jobs/waiting_file.hpp"
#include "registry/page_meta.hpp"
#include "store/audit_log.hpp"

namespace carepilot::adplatform {
namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}

const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}

using ctemplate::TemplateDictionary;
using http::Request;
using http::Response;
using http::RouteKind;
using nlohmann::json;

namespace {

std::string severity_badge(const std::string& s) {
  if (s == "critical") return "error";
  if (s == "high") return "warning";
  if (s == "medium") return "new";
  if (s == "low") return "info";
  return "info";
}

std::string string_of(const json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return "";
  if (!body[key].is_string())
    throw UserError::invalid(
        {{key, "ad_audit.type", std::string(field_label(key)) + " : texte attendu."}});
  return body[key].get<std::string>();
}

std::int64_t audit_param(const Request& req) {
  const auto& v = req.param("id");
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    throw UserError::not_found("Cet audit Active Directory n'existe pas.");
  return std::stoll(v);
}

std::string base_url(const std::string& finess) {
  return "/etablissements/" + finess + "/audit-ad";
}

// « 2 »; « 1 (audit incomplet) » (the stored level of an incomplete audit is the retained one,
// adaudit::retained_level, as in its report and result); « non calculé » when no level was
// computed (an audit not finished, failed): one phrase, never a dash after « Niveau ANSSI ».
std::string level_text(const Audit& a) {
  if (!a.level) return "non calculé";
  return std::to_string(*a.level) + (a.complete ? "" : " (audit incomplet)");
}

// Failing findings by severity, as read: "2 critiques, 1 élevée" ("aucun constat" when none).
std::string counts_text(const Audit& a) {
  if (a.kind == "ads") return "—";
  if (a.state != State::done) return "—";
  std::string out;
  for (const auto s : severities()) {
    const std::int64_t n = a.counts.value(std::string(s), std::int64_t{0});
    if (n == 0) continue;
    const std::string label = severity_count_label(s, n);
    if (!out.empty()) out += ", ";
    out += french_integer(n) + " " + label;
  }
  return out.empty() ? "aucun constat" : out;
}

std::string source_text(const Audit& a) {
  if (a.kind == "ads") return "Rapport ADS (ANSSI)";
  return "Collecte " + std::string(a.file_format == "ldif" ? "LDIF" : "zip") + " : " + a.file_name;
}

void audit_into(TemplateDictionary& row, const Audit& a, const std::string& finess) {
  row.SetValue("URL", base_url(finess) + "/" + std::to_string(a.id));
  row.SetValue("ID", std::to_string(a.id));
  row.SetValue("DATE", french_date_text(a.as_of));
  row.SetValue("SOURCE", source_text(a));
  row.SetValue("LEVEL", level_text(a));
  row.SetValue("COUNTS", counts_text(a));
  row.SetValue("STATE", std::string(status_label("ad_audit", state_name(a.state))));
  row.SetValue("STATE_ID", std::string(state_name(a.state)));
  row.SetValue("STATE_BADGE", jobs::state_badge(a.state));
  row.SetValue("CREATED", paris_datetime(a.created_at));
  row.SetValue("CREATED_BY", a.created_by.empty() ? "—" : a.created_by);
  if (!a.complete) row.ShowSection("INCOMPLETE");
}

std::string api_url(const std::string& finess) {
  return "/api/v1/establishments/" + finess + "/ad-audits";
}

// An audit as the API gives it. Until its analysis is done an audit has no completeness and no
// counts (null: not « complete » and « nothing found »); its report and result are API routes
// (a bearer token reads them; the documents' page routes need a session).
json audit_json(const Audit& a, const std::string& finess) {
  const bool done = a.state == State::done;
  const std::string self = api_url(finess) + "/" + std::to_string(a.id);
  return {{"id", a.id},
          {"kind", a.kind},
          {"state", state_name(a.state)},
          {"date", a.as_of},
          {"file_name", a.file_name},
          {"format", a.file_format},
          {"size", a.size},
          {"sha256", a.sha256},
          {"level", a.level ? json(*a.level) : json(nullptr)},
          {"complete", done ? json(a.complete) : json(nullptr)},
          {"counts", done && a.kind == "collection" ? a.counts : json(nullptr)},
          {"error", a.error.empty() ? json(nullptr) : json(a.error)},
          {"evidence_id", a.evidence_id ? json(*a.evidence_id) : json(nullptr)},
          {"created_at", a.created_at},
          {"finished_at", a.finished_at.empty() ? json(nullptr) : json(a.finished_at)},
          {"report_url", done && a.report_document_id ? json(self + "/report") : json(nullptr)},
          {"result_url", done && a.result_document_id ? json(self + "/result") : json(nullptr)}};
}

// The list page, with the upload and ADS forms; `error` shown above them (a refused upload).
Response list_page(Context& ctx, Request& req, int status = 200, const std::string& error = "",
                   const std::string& error_form = "") {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto audits = ctx.repo.list(req.caller.scope, req.param("finess"));
  TemplateDictionary d("ad_list");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e.finess_et));
  d.SetValue("MAX_SIZE", jobs::size_limit_text(ctx.repo.settings().max_upload_bytes));
  d.SetValue("MAX_BYTES", std::to_string(ctx.repo.settings().max_upload_bytes));
  d.SetValue("SINGLE_MAX", std::to_string(single_body_limit(ctx.repo.settings())));
  d.SetValue("SINGLE_MAX_SIZE", jobs::size_limit_text(single_body_limit(ctx.repo.settings())));
  d.SetValue("UPLOADS_API", "/api/v1/establishments/" + e.finess_et + "/ad-audits/uploads");
  d.SetValue("TODAY", format_date(ctx.today()));
  if (req.caller.can_write()) d.ShowSection("CAN_WRITE");
  if (!error.empty()) {
    auto* x = d.AddSectionDictionary(error_form == "ads" ? "ADS_ERROR" : "UPLOAD_ERROR");
    x->SetValue("MESSAGE", error);
  }
  if (audits.empty())
    d.ShowSection("NO_AUDIT");
  else
    d.ShowSection("HAS_AUDITS");
  for (const auto& a : audits) audit_into(*d.AddSectionDictionary("AUDIT"), a, e.finess_et);
  std::string flash;
  if (req.q("ads") == "1") flash = "Rapport ADS enregistré comme preuve.";
  auto html = http::render_page(
      "ad_list.tpl", d,
      registry::page_meta(e, "Audit Active Directory", {{"Audit Active Directory", ""}}, flash));
  return Response::html(std::move(html), status);
}

std::string page_error_text(const UserError& err) {
  if (!err.fields().empty()) return page_message(err.fields().front());
  return err.what();
}

// 415 `request.unsupported_media_type` for an upload of another media type: every accepted
// kind named (the message said « application/json » alone, as if JSON were the only way).
UserError unsupported_media_type() {
  return UserError(415, "request.unsupported_media_type",
                   "Collecte Active Directory : type de contenu non pris en charge. Sont "
                   "acceptés : une archive zip de SharpHound (BloodHound) ou d'un dossier ORADAD "
                   "(application/zip), un export LDIF (application/ldif ou text/ldif), l'un de "
                   "ces fichiers en octets bruts (application/octet-stream), un formulaire "
                   "(multipart/form-data, champ file) ou du JSON {\"file_name\", "
                   "\"content_base64\"} (application/json).");
}

// The same on the page, in its words (no media type on screen).
constexpr const char* kUnsupportedOnPage =
    "Collecte Active Directory : type de fichier non pris en charge. Déposez une archive zip de "
    "SharpHound (BloodHound), un dossier ORADAD compressé en zip ou un export LDIF.";

// The collection of an upload: a multipart form (field `file`), a JSON body {"file_name",
// "content_base64"} (small collections, scripts), or the raw bytes with their media type
// (application/zip, application/octet-stream, application/ldif, text/ldif) and ?file_name=.
// Any other media type: 415.
Upload upload_of(Request& req, std::vector<http::FormPart>& parts) {
  Upload up;
  const auto ct = http::media_type(req);
  if (ct == "multipart/form-data") {
    parts = http::parse_multipart(req);
    for (auto& p : parts)
      if (p.name == "file") {
        up.file_name = p.filename;
        up.bytes = &p.body;
      }
    if (!up.bytes)
      throw UserError::invalid(
          {{"file", "ad_audit.empty", "Collecte Active Directory : choisissez un fichier."}});
  } else if (ct == "application/zip" || ct == "application/x-zip-compressed" ||
             ct == "application/octet-stream" || ct == "application/ldif" || ct == "text/ldif" ||
             ct == "text/x-ldif") {
    up.file_name = req.q("file_name");
    up.bytes = &req.body;
  } else {
    if (ct != "application/json") throw unsupported_media_type();
    auto body = http::parse_json_body(req);  // 400 when malformed
    if (!body.is_object())
      throw UserError(400, "request.malformed_json", "Le corps doit être un objet JSON.");
    auto& part = parts.emplace_back();
    part.name = "file";
    part.filename = string_of(body, "file_name");
    try {
      part.body = files::base64_decode(string_of(body, "content_base64"));
    } catch (const std::invalid_argument&) {
      throw UserError::invalid(
          {{"content_base64", "ad_audit.base64", "Contenu de la collecte : base64 invalide."}});
    }
    up.file_name = part.filename;
    up.bytes = &part.body;
  }
  return up;
}

Response upload_from_form(Context& ctx, Request& req) {
  try {
    std::vector<http::FormPart> parts;
    auto up = upload_of(req, parts);
    auto a = ctx.repo.upload(req.caller.scope, req.param("finess"), up, ctx.today(), req.actor(),
                             ctx.now_s());
    return Response::redirect(base_url(req.param("finess")) + "/" + std::to_string(a.id) +
                              "?depose=1");
  } catch (const UserError& err) {
    if (err.status() == 415) return list_page(ctx, req, 415, kUnsupportedOnPage, "upload");
    if (err.status() != 422 && err.status() != 413) throw;
    return list_page(ctx, req, err.status(), page_error_text(err), "upload");
  }
}

AdsInput ads_of(std::vector<http::FormPart>& parts) {
  AdsInput in;
  for (auto& p : parts) {
    if (p.name == "date") in.date = p.body;
    if (p.name == "level") in.level = p.body;
    if (p.name == "file") {
      in.file_name = p.filename;
      in.bytes = &p.body;
    }
  }
  return in;
}

void finding_into(TemplateDictionary& row, const json& f, const Audit& a,
                  const std::map<std::string, std::int64_t>& sent, const std::string& finess,
                  const Date& today, bool can_write) {
  const std::string rule = f.value("rule_id", "");
  const int level = f.value("anssi_level", json()).is_number() ? f["anssi_level"].get<int>() : 0;
  const std::string sev = severity_of(level);
  row.SetValue("RULE", rule);
  row.SetValue("TITLE", f.value("title", rule));
  row.SetValue("SEVERITY", std::string(severity_label(sev)));
  row.SetValue("SEVERITY_ID", sev);
  row.SetValue("SEVERITY_BADGE", severity_badge(sev));
  row.SetIntValue("COUNT", static_cast<long>(f.value("count", std::int64_t{0})));
  // A rule of no ANSSI level (« Niveau ANSSI — — » on the page before): one phrase.
  row.SetValue("FINDING_LEVEL",
               level > 0 ? "Niveau ANSSI " + std::to_string(level) : "Niveau ANSSI non calculé");
  row.SetValue("DETAIL", f.value("detail", ""));
  row.SetValue("RATIONALE", f.value("rationale", ""));
  row.SetValue("REMEDIATION", f.value("remediation", ""));
  row.SetValue("PAQ_URL",
               base_url(finess) + "/" + std::to_string(a.id) + "/constats/" + rule + "/paq");
  if (auto it = sent.find(rule); it != sent.end()) {
    row.AddSectionDictionary("SENT")->SetValue(
        "ACTION_URL", "/etablissements/" + finess + "/paq/" + std::to_string(it->second));
  } else if (can_write) {
    // A row section of its own: the page's CAN_WRITE would resolve outside this row.
    auto* s = row.AddSectionDictionary("NOT_SENT");
    s->SetValue("DUE",
                format_date(std::chrono::year_month_day(std::chrono::sys_days(today) +
                                                        std::chrono::days(level == 1 ? 30 : 90))));
  }
}

Response show_page(Context& ctx, Request& req, int status = 200, const std::string& error = "") {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
  TemplateDictionary d("ad_show");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e.finess_et));
  audit_into(d, a, e.finess_et);
  d.SetIntValue("SIZE", static_cast<long>(a.size));  // x-plural: « 1 octet », « 2 048 octets »
  d.SetValue("SHA256", a.sha256);
  if (!error.empty()) d.AddSectionDictionary("PAQ_ERROR")->SetValue("MESSAGE", error);
  if (req.caller.can_write()) d.ShowSection("CAN_WRITE");
  const std::string docs = a.evidence_id ? "/etablissements/" + e.finess_et + "/preuves/" +
                                               std::to_string(*a.evidence_id)
                                         : "";
  if (a.evidence_id) d.AddSectionDictionary("EVIDENCE")->SetValue("EVIDENCE_URL", docs);
  if (a.state == State::queued || a.state == State::running) d.ShowSection("PENDING");
  if (a.state == State::failed) d.AddSectionDictionary("FAILED")->SetValue("ERROR", a.error);
  if (a.kind == "ads" && a.report_document_id)
    d.AddSectionDictionary("ADS")->SetValue(
        "PDF_URL", docs + "/documents/" + std::to_string(*a.report_document_id));
  if (a.kind == "collection" && a.state == State::done) {
    auto result = ctx.repo.result(a);
    auto* r = d.AddSectionDictionary("RESULT");
    r->SetValue("REPORT_URL", docs + "/documents/" + std::to_string(*a.report_document_id));
    r->SetValue("JSON_URL", docs + "/documents/" + std::to_string(*a.result_document_id));
    // Offered only when a previous finished audit exists (never on a first audit).
    if (ctx.repo.previous(a))
      r->AddSectionDictionary("COMPARE")->SetValue(
          "COMPARE_URL", base_url(e.finess_et) + "/" + std::to_string(a.id) + "/comparaison");
    // The result's global score is score.global (report/result_json.cpp); absent, no score
    // is shown (a 0 read as « plus bas, meilleur » would be the opposite of the result).
    const auto& scores = result.value("score", json::object());
    if (scores.contains("global") && scores.at("global").is_number_integer())
      r->AddSectionDictionary("SCORE_KNOWN")->SetIntValue("SCORE", scores.at("global").get<int>());
    const auto& cp = result.value("control_paths", json::object());
    r->SetIntValue("EXPOSED_USERS", cp.value("non_privileged_users", 0));
    r->SetIntValue("EXPOSED_COMPUTERS", cp.value("non_privileged_computers", 0));
    const auto& rules = result.value("rules", json::object());
    r->SetIntValue("RULES_TOTAL", rules.value("total", 0));
    r->SetIntValue("RULES_FAILED", rules.value("failed", 0));
    r->SetIntValue("RULES_SKIPPED",
                   static_cast<long>(rules.value("not_evaluated", json::array()).size()));
    if (!a.complete) {
      auto* inc = r->AddSectionDictionary("PARTIAL");
      std::string parts;
      for (const auto& p : result.value("missing_parts", json::array()))
        if (p.is_string())
          parts += (parts.empty() ? "" : ", ") + ad_collection_label(p.get<std::string>());
      inc->SetValue("MISSING", parts.empty() ? "aucune" : parts);
      inc->SetIntValue("LEVEL", *a.level);
      // The level its failing checkpoints alone give (result's level_ceiling), when higher.
      const int ceiling = result.value("level_ceiling", *a.level);
      if (ceiling > *a.level) {
        auto* b = inc->AddSectionDictionary("BETWEEN");
        b->SetIntValue("FLOOR", *a.level);
        b->SetIntValue("CEILING", ceiling);
      }
    }
    const auto sent = ctx.repo.paq_actions(a);
    // Findings by severity, the most severe first.
    auto findings = result.value("findings", json::array());
    std::stable_sort(findings.begin(), findings.end(), [](const json& x, const json& y) {
      auto lv = [](const json& f) {
        return f.value("anssi_level", json()).is_number() ? f["anssi_level"].get<int>() : 9;
      };
      return lv(x) < lv(y);
    });
    if (findings.empty()) r->ShowSection("NO_FINDING");
    for (const auto& f : findings)
      finding_into(*r->AddSectionDictionary("FINDING"), f, a, sent, e.finess_et, ctx.today(),
                   req.caller.can_write());
  }
  std::string flash;
  if (req.q("depose") == "1")
    flash = jobs::upload_flash(a.state, "Collecte déposée : l'audit est lancé en tâche de fond.",
                               "Collecte déposée et auditée.");
  auto html = http::render_page(
      "ad_show.tpl", d,
      registry::page_meta(e, "Audit Active Directory du " + french_date_text(a.as_of),
                          {{"Audit Active Directory", base_url(e.finess_et)},
                           {"Audit du " + french_date_text(a.as_of), ""}},
                          flash));
  return Response::html(std::move(html), status);
}

void diff_entries(TemplateDictionary& d, const char* section,
                  const std::vector<adaudit::DiffEntry>& entries) {
  for (const auto& x : entries) {
    auto* row = d.AddSectionDictionary(section);
    row->SetValue("RULE", x.rule_id);
    row->SetValue("TITLE", x.title);
    row->SetIntValue("OLD", static_cast<long>(x.old_count));
    row->SetIntValue("NEW", static_cast<long>(x.new_count));
    row->SetIntValue("ADDED", static_cast<long>(x.added.size()));
    row->SetIntValue("REMOVED", static_cast<long>(x.removed.size()));
  }
}

Response diff_page(Context& ctx, Request& req) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
  TemplateDictionary d("ad_diff");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e.finess_et));
  d.SetValue("AUDIT_URL", base_url(e.finess_et) + "/" + std::to_string(a.id));
  d.SetValue("NEW_DATE", french_date_text(a.as_of));
  auto prev = a.kind == "collection" && a.state == State::done ? ctx.repo.previous(a)
                                                               : std::optional<Audit>{};
  if (!prev) {
    d.ShowSection("NO_PREVIOUS");
  } else {
    auto diff = adaudit::diff_results(ctx.repo.result(*prev), ctx.repo.result(a));
    auto* c = d.AddSectionDictionary("COMPARISON");
    // Two audits of one day are told apart by their time (Paris time).
    const bool same_day = prev->as_of == a.as_of;
    c->SetValue("NEW_WHEN", same_day ? french_date_text(a.created_at) : french_date_text(a.as_of));
    c->SetValue("OLD_WHEN",
                same_day ? french_date_text(prev->created_at) : french_date_text(prev->as_of));
    if (diff.domains_differ()) {
      auto* w = c->AddSectionDictionary("DOMAINS_DIFFER");
      w->SetValue("OLD_DOMAINS", adaudit::domains_text(diff.old_domains));
      w->SetValue("NEW_DOMAINS", adaudit::domains_text(diff.new_domains));
    }
    if (!diff.new_complete) c->ShowSection("NEW_INCOMPLETE");
    c->SetIntValue("N_NOT_EVALUATED", static_cast<long>(diff.not_evaluated.size()));
    diff_entries(*c, "NOT_EVALUATED_ROW", diff.not_evaluated);
    if (!diff.not_evaluated.empty()) c->ShowSection("HAS_NOT_EVALUATED");
    c->SetValue("OLD_DATE", french_date_text(prev->as_of));
    c->SetValue("OLD_URL", base_url(e.finess_et) + "/" + std::to_string(prev->id));
    c->SetValue("OLD_LEVEL", level_text(*prev));
    c->SetValue("NEW_LEVEL", level_text(a));
    c->SetIntValue("OLD_SCORE", diff.old_score);
    c->SetIntValue("NEW_SCORE", diff.new_score);
    c->SetIntValue("N_ADDED", static_cast<long>(diff.added.size()));
    c->SetIntValue("N_RESOLVED", static_cast<long>(diff.resolved.size()));
    c->SetIntValue("N_UNCHANGED", static_cast<long>(diff.unchanged.size()));
    diff_entries(*c, "ADDED_ROW", diff.added);
    diff_entries(*c, "RESOLVED_ROW", diff.resolved);
    diff_entries(*c, "UNCHANGED_ROW", diff.unchanged);
    if (diff.added.empty()) c->ShowSection("NONE_ADDED");
    if (diff.resolved.empty()) c->ShowSection("NONE_RESOLVED");
    if (diff.unchanged.empty()) c->ShowSection("NONE_UNCHANGED");
  }
  return Response::html(
      http::render_page("ad_diff.tpl", d,
                        registry::page_meta(e, "Comparaison des audits Active Directory",
                                            {{"Audit Active Directory", base_url(e.finess_et)},
                                             {"Audit du " + french_date_text(a.as_of),
                                              base_url(e.finess_et) + "/" + std::to_string(a.id)},
                                             {"Comparaison", ""}})));
}

Response send_from_form(Context& ctx, Request& req) {
  auto form = http::form_fields(req);
  try {
    bool created = false;
    auto act = ctx.repo.send_to_paq(req.caller.scope, req.param("finess"), audit_param(req),
                                    req.param("rule"), http::field(form, "owner"),
                                    http::field(form, "due"), ctx.today(), req.actor(), &created);
    return Response::redirect("/etablissements/" + req.param("finess") + "/paq/" +
                              std::to_string(act.id) + (created ? "?cree=1" : ""));
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return show_page(ctx, req, 422, page_error_text(err));
  }
}

json paq_action_json(const paq::Action& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"source", paq::source_name(a.source)},
          {"source_ref", a.source_ref},
          {"priority", paq::priority_name(a.priority)},
          {"status", paq::status_name(a.status)},
          {"owner", a.owner},
          {"due", a.due ? json(format_date(*a.due)) : json(nullptr)}};
}

// POST …/ad-audits/:id/findings/:rule/paq: an optional JSON body {"owner", "due"}; 201 with
// the action created, 200 with the one that exists (never two).
Response send_from_api(Context& ctx, Request& req) {
  const json body = req.body.empty() ? json::object() : http::parse_json_body(req);
  std::vector<FieldError> errors;
  std::string owner, due;
  if (!body.is_object()) {
    errors.push_back({"body", "ad_audit.type", "Le corps doit être un objet JSON."});
  } else {
    for (auto [key, into] : {std::pair{"owner", &owner}, std::pair{"due", &due}}) {
      if (!body.contains(key) || body[key].is_null()) continue;
      if (body[key].is_string())
        *into = body[key].get<std::string>();
      else
        errors.push_back({key, "ad_audit.type", std::string(key) + " : texte attendu."});
    }
  }
  const auto id = audit_param(req);
  bool created = false;
  auto act = ctx.repo.send_to_paq(req.caller.scope, req.param("finess"), id, req.param("rule"),
                                  owner, due, ctx.today(), req.actor(), &created, errors);
  auto res = Response::json(http::dump(paq_action_json(act)), created ? 201 : 200);
  if (created)
    res.header("Location", "/api/v1/establishments/" + req.param("finess") + "/paq/actions/" +
                               std::to_string(act.id));
  return res;
}

// ---- chunked uploads (jobs/chunked_upload.hpp): collections larger than a request body ---

constexpr const char* kPurpose = "ad_audit";

std::string owner_of(const Request& req) {
  return std::to_string(req.caller.user_id) + ":" + req.caller.user;
}

json upload_json(const jobs::ChunkedUpload& u) {
  return {{"id", u.id},
          {"file_name", u.file_name},
          {"size", u.size},
          {"offset", u.received},
          {"chunk_max", jobs::kMaxChunkBytes}};
}

std::string upload_url(const jobs::ChunkedUpload& u, const std::string& finess) {
  return "/api/v1/establishments/" + finess + "/ad-audits/uploads/" + u.id;
}

// The caller's own upload :upload of the establishment, or 404.
jobs::ChunkedUpload own_upload(Context& ctx, const Request& req) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto u = ctx.repo.uploads().find(req.param("upload"), owner_of(req), e.id, kPurpose);
  if (!u) throw UserError::not_found("Ce dépôt n'existe pas.");
  return *u;
}

// POST …/ad-audits/uploads {"file_name", "size"}: declares a collection sent in chunks. The
// size is checked now, before any byte travels (413 `ad_audit.too_large`).
Response create_upload(Context& ctx, Request& req) {
  auto body = http::parse_json_body(req);
  if (!body.is_object())
    throw UserError(400, "request.malformed_json", "Le corps doit être un objet JSON.");
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  const std::string name = string_of(body, "file_name");
  std::vector<FieldError> errors;
  if (!body.contains("size") || !body["size"].is_number_integer() ||
      body["size"].get<std::int64_t>() < 0)
    errors.push_back({"size", "ad_audit.size",
                      "Taille de la collecte : nombre d'octets attendu (entier positif)."});
  else if (body["size"].get<std::int64_t>() == 0)
    errors.push_back(
        {"size", "ad_audit.empty", "Collecte Active Directory : le fichier est vide."});
  if (!errors.empty()) throw UserError::invalid(std::move(errors));
  const auto size = body["size"].get<std::uint64_t>();
  if (size > ctx.repo.settings().max_upload_bytes)
    throw too_large_error(ctx.repo.settings().max_upload_bytes);
  auto uploads = ctx.repo.uploads();
  uploads.remove_stale(std::chrono::hours(24));
  auto u = uploads.create(owner_of(req), e.id, kPurpose,
                          std::filesystem::path(name).filename().string(), size);
  return Response::json(http::dump(upload_json(u)), 201)
      .header("Location", upload_url(u, e.finess_et));
}

// PUT …/ad-audits/uploads/:upload?offset=N, the chunk's raw bytes (application/octet-stream).
Response put_chunk(Context& ctx, Request& req) {
  if (http::media_type(req) != "application/octet-stream")
    throw http::unsupported_media_type({"application/octet-stream"});
  const std::string off = req.q("offset");
  if (off.empty() || off.size() > 19 || off.find_first_not_of("0123456789") != std::string::npos)
    throw UserError(
        400, "upload.offset_missing",
        "Paramètre offset attendu : la position du morceau dans le fichier, en octets.");
  auto u = own_upload(ctx, req);
  u = ctx.repo.uploads().append(u, std::stoull(off), req.body);
  return Response::json(http::dump(upload_json(u)));
}

// POST …/ad-audits/uploads/:upload/complete: the whole collection goes to the audit, as a
// one-body upload would (same checks, same answer).
Response complete_upload(Context& ctx, Request& req) {
  if (!req.body.empty()) (void)http::parse_json_body(req);  // {} (415, 400 otherwise)
  auto u = own_upload(ctx, req);
  const auto file = ctx.repo.uploads().take(u);
  auto a = ctx.repo.upload_file(req.caller.scope, req.param("finess"), file, u.file_name,
                                ctx.today(), req.actor(), ctx.now_s());
  return Response::json(http::dump(audit_json(a, req.param("finess"))), 201)
      .header("Location", "/api/v1/establishments/" + req.param("finess") + "/ad-audits/" +
                              std::to_string(a.id));
}

}  // namespace

void run_job(Context& ctx, const json& payload) {
  ctx.repo.run_job(payload, ctx.today());
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  const std::string page = "/etablissements/:finess/audit-ad";
  const std::string api = "/api/v1/establishments/:finess/ad-audits";
  // A collection sent in one body is read whole by the server before a handler sees it
  // (RESTinio buffers request bodies): at most single_body_limit, plus room for the multipart
  // envelope; larger ones travel in chunks (the uploads routes below).
  const std::size_t upload_body = single_body_limit(ctx.repo.settings()) + (1u << 20);
  routes.get(page, RouteKind::page, [&ctx](Request& req) { return list_page(ctx, req); });
  routes.post(
      page, RouteKind::page, [&ctx](Request& req) { return upload_from_form(ctx, req); },
      upload_body);
  // A body beyond even the route's limit: the same page and message, never read.
  routes.too_large([&ctx](Request& req) {
    const auto err = too_large_error(single_body_limit(ctx.repo.settings()));
    return list_page(ctx, req, 413, page_error_text(err), "upload");
  });
  routes.post(
      page + "/ads", RouteKind::page,
      [&ctx](Request& req) {
        auto parts = http::parse_multipart(req);
        try {
          ctx.repo.record_ads(req.caller.scope, req.param("finess"), ads_of(parts), ctx.today(),
                              req.actor());
        } catch (const UserError& err) {
          if (err.status() != 422) throw;
          return list_page(ctx, req, 422, page_error_text(err), "ads");
        }
        return Response::redirect(base_url(req.param("finess")) + "?ads=1");
      },
      8u << 20);
  routes.get(page + "/:id", RouteKind::page, [&ctx](Request& req) { return show_page(ctx, req); });
  routes.get(page + "/:id/comparaison", RouteKind::page,
             [&ctx](Request& req) { return diff_page(ctx, req); });
  routes.post(page + "/:id/constats/:rule/paq", RouteKind::page,
              [&ctx](Request& req) { return send_from_form(ctx, req); });

  routes.get(api, RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& a : ctx.repo.list(req.caller.scope, req.param("finess")))
      items.push_back(audit_json(a, req.param("finess")));
    return http::list_response(req, std::move(items), {{"date", "state", "level", "created_at"}});
  });
  routes.post(
      api, RouteKind::api,
      [&ctx](Request& req) {
        std::vector<http::FormPart> parts;
        auto up = upload_of(req, parts);
        auto a = ctx.repo.upload(req.caller.scope, req.param("finess"), up, ctx.today(),
                                 req.actor(), ctx.now_s());
        return Response::json(http::dump(audit_json(a, req.param("finess"))), 201)
            .header("Location", "/api/v1/establishments/" + req.param("finess") + "/ad-audits/" +
                                    std::to_string(a.id));
      },
      upload_body);
  routes.too_large([&ctx](Request&) -> Response {
    throw too_large_error(single_body_limit(ctx.repo.settings()));
  });
  routes.post(api + "/uploads", RouteKind::api,
              [&ctx](Request& req) { return create_upload(ctx, req); });
  routes.add({"PUT", api + "/uploads/:upload", RouteKind::api,
              [&ctx](Request& req) { return put_chunk(ctx, req); }, jobs::kMaxChunkBytes});
  routes.post(api + "/uploads/:upload/complete", RouteKind::api,
              [&ctx](Request& req) { return complete_upload(ctx, req); });
  routes.post(api + "/:id/findings/:rule/paq", RouteKind::api,
              [&ctx](Request& req) { return send_from_api(ctx, req); });
  // The report (HTML; the PDF of an ADS report) and the result JSON of an audit, for a token.
  routes.get(api + "/:id/report", RouteKind::api, [&ctx](Request& req) {
    auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
    if (a.state != State::done || !a.report_document_id)
      throw UserError::not_found("Cet audit n'a pas encore de rapport.");
    const bool pdf = a.kind == "ads";
    auto bytes = ctx.repo.document(*a.report_document_id);
    const auto sha = store::sha256_hex(bytes);
    return Response::text(std::move(bytes), pdf ? "application/pdf" : "text/html; charset=utf-8")
        .header("Content-Disposition",
                files::content_disposition("audit-ad-" + std::to_string(a.id) +
                                           (pdf ? ".pdf" : ".html")))
        .header("X-Content-SHA256", sha);
  });
  routes.get(api + "/:id/result", RouteKind::api, [&ctx](Request& req) {
    auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
    if (a.state != State::done || !a.result_document_id)
      throw UserError::not_found("Cet audit n'a pas encore de résultat.");
    auto bytes = ctx.repo.document(*a.result_document_id);
    const auto sha = store::sha256_hex(bytes);
    return Response::json(bytes).header("X-Content-SHA256", sha);
  });
  routes.get(api + "/:id", RouteKind::api, [&ctx](Request& req) {
    auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
    auto j = audit_json(a, req.param("finess"));
    if (a.kind == "collection" && a.state == State::done) {
      const auto sent = ctx.repo.paq_actions(a);
      json findings = json::array();
      for (const auto& f : ctx.repo.result(a).value("findings", json::array())) {
        const std::string rule = f.value("rule_id", "");
        const int level =
            f.value("anssi_level", json()).is_number() ? f["anssi_level"].get<int>() : 0;
        auto it = sent.find(rule);
        findings.push_back(
            {{"rule_id", rule},
             {"title", f.value("title", "")},
             {"severity", severity_of(level)},
             {"anssi_level", level > 0 ? json(level) : json(nullptr)},
             {"count", f.value("count", 0)},
             {"remediation", f.value("remediation", "")},
             {"paq_action_id", it == sent.end() ? json(nullptr) : json(it->second)}});
      }
      j["findings"] = findings;
    }
    return Response::json(http::dump(j));
  });
}

}  // namespace carepilot::adplatform
