#include "exposureplatform/routes.hpp"

#include <ctemplate/template.h>

#include <algorithm>
#include <array>
#include <chrono>

#include "common/attachment.hpp"
#include "common/errors.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "exposure/data.hpp"
#include "exposure/report/diff.hpp"
#include "exposure/series.hpp"
#include "http/errors.hpp"
#include "http/json_body.hpp"
#include "http/list.hpp"
#include "http/multipart.hpp"
#include "http/templates.hpp"
#include "http/withdrawal_page.hpp"
#include "jobs/waiting_file.hpp"
#include "registry/page_meta.hpp"

namespace carepilot::exposureplatform {
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

constexpr std::array<const char*, 4> kSeverities{"critical", "high", "medium", "low"};

std::string severity_words(const std::string& s, std::int64_t n) {
  return severity_count_label(s, n);  // labels.yaml, severity_counts
}

std::string severity_badge(const std::string& s) {
  if (s == "critical") return "error";
  if (s == "high") return "warning";
  if (s == "medium") return "new";
  return "info";
}

std::string state_text(State s) {
  return std::string(status_label("exposure_audit", state_name(s)));
}

std::int64_t audit_param(const Request& req) {
  const auto& v = req.param("id");
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    throw UserError::not_found("Cet audit d'exposition n'existe pas.");
  return std::stoll(v);
}

std::size_t finding_param(const Request& req) {
  const auto& v = req.param("n");
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    throw UserError::not_found("Ce constat n'existe pas.");
  return static_cast<std::size_t>(std::stoul(v));
}

std::string base_url(const std::string& finess) {
  return "/etablissements/" + finess + "/exposition";
}

std::string format_label(const std::string& f) {
  if (f == "mixed") return "formats divers";
  if (f == "masscan_xml") return "masscan XML";
  if (f == "masscan_json") return "masscan JSON";
  return "nmap XML";
}

// Findings by severity: "2 critiques, 1 élevé" ("aucun constat" when none).
std::string counts_text(const Audit& a) {
  if (a.state != State::done) return "—";
  std::string out;
  for (const char* s : kSeverities) {
    const std::int64_t n = a.counts.value(s, std::int64_t{0});
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += french_integer(n) + " " + severity_words(s, n);
  }
  return out.empty() ? "aucun constat" : out;
}

std::string score_text(const Audit& a) {
  return a.score ? french_integer(*a.score) : "—";
}

// When the scan ran, as the pages say it: « Analyse du 11/10/2026 » (« … au 12/10/2026 »
// when it ran over two days), « déposée le 30/11/2026 » when the upload came another day,
// and a note when the file gave no time (the audit is then dated by its upload).
void scan_date_into(TemplateDictionary& d, const Audit& a) {
  d.SetValue("SCAN_DAY", french_date_text(a.as_of));
  const std::string to_day = a.scan_to.empty() ? "" : paris_day_of(a.scan_to);
  if (!to_day.empty() && to_day != a.as_of)
    d.AddSectionDictionary("SCAN_TO")->SetValue("SCAN_TO_DAY", french_date_text(to_day));
  const std::string uploaded = paris_day_of(a.created_at);
  if (a.scan_from.empty())
    d.ShowSection("SCAN_UNDATED");
  else if (!uploaded.empty() && uploaded != a.as_of)
    d.AddSectionDictionary("UPLOADED_OTHER_DAY")
        ->SetValue("UPLOAD_DAY", french_date_text(uploaded));
}

void audit_into(TemplateDictionary& row, const Audit& a, const std::string& finess) {
  row.SetValue("URL", base_url(finess) + "/" + std::to_string(a.id));
  row.SetValue("DATE", french_date_text(a.as_of));
  scan_date_into(row, a);
  row.SetValue("FILE", a.file_name + " (" + format_label(a.file_format) + ")");
  row.SetValue("SCORE", score_text(a));
  row.SetValue("COUNTS", counts_text(a));
  row.SetValue("STATE", state_text(a.state));
  row.SetValue("STATE_ID", std::string(state_name(a.state)));
  row.SetValue("STATE_BADGE", jobs::state_badge(a.state));
  if (a.withdrawal.withdrawn()) {
    // Withdrawn: kept and shown, out of the series, the comparisons and the compliance.
    row.SetValue("STATE", "Retiré");
    row.SetValue("STATE_ID", "withdrawn");
    row.SetValue("STATE_BADGE", "info");
    auto* w = row.AddSectionDictionary("WITHDRAWN");
    w->SetValue("W_AT", paris_datetime(a.withdrawal.at));
    w->SetValue("W_BY", actor_label(a.withdrawal.by));
    w->SetValue("W_REASON", a.withdrawal.reason);
  }
  row.SetValue("CREATED", paris_datetime(a.created_at));
  row.SetValue("CREATED_BY", a.created_by.empty() ? "—" : actor_label(a.created_by));
  // The score has no upper bound: it is the sum of the findings' points (data/exposure).
  const auto& data = exposure::builtin_data();
  if (!a.score) return;
  auto* points = row.AddSectionDictionary("SCORE_POINTS");
  points->SetIntValue("SCORE_POINTS", static_cast<long>(*a.score));
  points->SetValue("SCORE_SCALE",
                   "somme des points des constats : critique " +
                       std::to_string(data.weight(exposure::Severity::critical)) + ", élevée " +
                       std::to_string(data.weight(exposure::Severity::high)) + ", moyenne " +
                       std::to_string(data.weight(exposure::Severity::medium)) + ", faible " +
                       std::to_string(data.weight(exposure::Severity::low)) +
                       " ; 0 = aucun constat, plus il est bas, mieux c'est");
}

// The HTML report of a finished audit, rendered when read with the comparison the page
// shows (the stored report document has none).
std::string report_url(const std::string& finess, const Audit& a) {
  return base_url(finess) + "/" + std::to_string(a.id) + "/rapport/telecharger";
}

json files_json(const Audit& a) {
  json out = json::array();
  for (const auto& f : a.files)
    out.push_back({{"file_name", f.file_name},
                   {"format", f.file_format},
                   {"size", f.size},
                   {"sha256", f.sha256}});
  return out;
}

json audit_json(const Audit& a, const std::string& finess) {
  json j{
      {"id", a.id},
      {"state", state_name(a.state)},
      {"date", a.as_of},
      {"date_source", a.scan_from.empty() ? "upload" : "scan"},
      {"scan_from", a.scan_from.empty() ? json(nullptr) : json(a.scan_from)},
      {"scan_to", a.scan_to.empty() ? json(nullptr) : json(a.scan_to)},
      {"file_name", a.file_name},
      {"format", a.file_format},
      {"files", files_json(a)},
      {"size", a.size},
      {"sha256", a.sha256},
      {"score", a.score ? json(*a.score) : json(nullptr)},
      {"counts", a.counts},
      {"hosts", a.hosts},
      {"open_ports", a.open_ports},
      {"previous_id", a.previous_id ? json(*a.previous_id) : json(nullptr)},
      {"error", a.error.empty() ? json(nullptr) : json(a.error)},
      {"evidence_id", a.evidence_id ? json(*a.evidence_id) : json(nullptr)},
      {"created_at", a.created_at},
      {"finished_at", a.finished_at.empty() ? json(nullptr) : json(a.finished_at)},
      {"withdrawn_at", a.withdrawal.withdrawn() ? json(a.withdrawal.at) : json(nullptr)},
      {"withdrawn_by", a.withdrawal.withdrawn() ? json(a.withdrawal.by) : json(nullptr)},
      {"withdrawal_reason", a.withdrawal.withdrawn() ? json(a.withdrawal.reason) : json(nullptr)}};
  const std::string docs = a.evidence_id ? "/etablissements/" + finess + "/preuves/" +
                                               std::to_string(*a.evidence_id) + "/documents/"
                                         : "";
  j["report_url"] = a.state == State::done ? json(report_url(finess, a)) : json(nullptr);
  j["result_url"] =
      a.result_document_id ? json(docs + std::to_string(*a.result_document_id)) : json(nullptr);
  return j;
}

// A date typed in the period's form: ISO (what a date field sends) or « 31/12/2026 » (typed
// by hand where the browser has no date picker).
std::optional<Date> period_date(const std::string& text, bool api) {
  if (auto d = parse_date(text)) return d;
  if (api || text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
  return parse_date(text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2));
}

// The period of the series: ?du=&au= (pages) or ?from=&to= (API), by default the last 365
// days up to today.
std::pair<Date, Date> period_of(const Request& req, const Date& today, const char* from_key,
                                const char* to_key, bool api = false) {
  // The API refuses a date it cannot read like any unreadable parameter (400); the pages
  // say it on the field (422, issue 17 trial: the page had no form and ignored a bad date).
  if (api)
    for (const char* key : {from_key, to_key})
      if (!req.q(key).empty() && !parse_date(req.q(key)))
        throw http::bad_parameter(key, "date AAAA-MM-JJ attendue");
  Date to = today,
       from = std::chrono::year_month_day(std::chrono::sys_days(today) - std::chrono::days(365));
  std::vector<FieldError> errors;
  const char* invalid =
      " : date invalide ; saisissez un jour du calendrier, par exemple 31/12/2026.";
  if (!req.q(from_key).empty()) {
    if (auto d = period_date(req.q(from_key), api))
      from = *d;
    else
      errors.push_back(
          {from_key, "exposure_audit.period", std::string("Début de période") + invalid});
  }
  if (!req.q(to_key).empty()) {
    if (auto d = period_date(req.q(to_key), api))
      to = *d;
    else
      errors.push_back({to_key, "exposure_audit.period", std::string("Fin de période") + invalid});
  }
  if (errors.empty() && to < from)
    errors.push_back({to_key, "exposure_audit.period",
                      "Fin de période : le " + french_date_text(format_date(to)) +
                          " précède le début de la période (" +
                          french_date_text(format_date(from)) +
                          ") ; choisissez une fin postérieure au début."});
  if (!errors.empty()) throw UserError::invalid(errors);
  return {from, to};
}

json series_json(const exposure::SeriesCheck& c) {
  const auto& rule = exposure::builtin_interval_rule();
  json intervals = json::array();
  for (const auto& i : c.intervals)
    intervals.push_back({{"from_audit", i.from.id},
                         {"from_date", format_date(i.from.date)},
                         {"to_audit", i.to.id},
                         {"to_date", format_date(i.to.date)},
                         {"days", i.days},
                         {"verdict", exposure::to_string(i.verdict)},
                         {"text", exposure::interval_text(i)}});
  json audits = json::array();
  for (const auto& a : c.audits) audits.push_back({{"id", a.id}, {"date", format_date(a.date)}});
  return {{"objective", rule.objective},
          {"min_days", rule.min_days},
          {"max_days", rule.max_days},
          {"from", format_date(c.period_from)},
          {"to", format_date(c.period_to)},
          {"audits", audits},
          {"intervals", intervals},
          {"covered", c.covered},
          {"reason", c.reason.empty() ? json(nullptr) : json(c.reason)}};
}

std::string page_error_text(const UserError& err) {
  if (!err.fields().empty()) return page_message(err.fields().front());
  return err.what();
}

Response list_page(Context& ctx, Request& req, int status = 200, const std::string& error = "") {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto audits = ctx.repo.list(req.caller.scope, req.param("finess"));
  TemplateDictionary d("exposure_list");
  d.SetValue("NAME", e.name);
  d.SetValue("BASE", base_url(e.finess_et));
  d.SetValue("MAX_SIZE", jobs::size_limit_text(ctx.repo.settings().max_upload_bytes));
  d.SetValue("MAX_BYTES", std::to_string(ctx.repo.settings().max_upload_bytes));
  if (req.caller.can_write()) d.ShowSection("CAN_WRITE");
  if (!error.empty()) d.AddSectionDictionary("UPLOAD_ERROR")->SetValue("MESSAGE", error);
  const auto& rule = exposure::builtin_interval_rule();
  d.SetValue("OBJECTIVE", rule.objective);
  d.SetIntValue("MIN_DAYS", rule.min_days);
  d.SetIntValue("MAX_DAYS", rule.max_days);
  // The period chosen in the form (?du=&au=); a date that cannot be read, or an end before
  // the start, is said on its field and nothing is checked.
  try {
    const auto period = period_of(req, ctx.today(), "du", "au");
    auto series =
        ctx.repo.series(req.caller.scope, req.param("finess"), period.first, period.second);
    d.SetValue("FROM_VALUE", format_date(period.first));
    d.SetValue("TO_VALUE", format_date(period.second));
    auto* ok = d.AddSectionDictionary("PERIOD_OK");
    ok->SetValue("FROM", french_date_text(format_date(period.first)));
    ok->SetValue("TO", french_date_text(format_date(period.second)));
    if (series.covered)
      d.ShowSection("COVERED");
    else
      d.AddSectionDictionary("NOT_COVERED")->SetValue("REASON", series.reason);
  } catch (const UserError& err) {
    d.SetValue("FROM_VALUE", req.q("du"));
    d.SetValue("TO_VALUE", req.q("au"));
    d.ShowSection("PERIOD_INVALID");
    for (const auto& f : err.fields())
      d.AddSectionDictionary(f.field == "du" ? "ERR_FROM" : "ERR_TO")
          ->SetValue("MESSAGE", f.message);
    if (status == 200) status = 422;
  }
  // The interval of each finished audit with the one before it (whatever the period).
  std::vector<exposure::DatedAudit> done;
  for (const auto& a : audits)
    if (a.state == State::done && !a.withdrawal.withdrawn())
      if (auto dt = parse_date(a.as_of)) done.push_back({a.id, *dt});
  std::map<std::int64_t, std::string> interval_of;
  if (!done.empty()) {
    auto all = exposure::check_series(done, Date{std::chrono::year{1900} / 1 / 1},
                                      Date{std::chrono::year{9999} / 12 / 31});
    for (const auto& i : all.intervals) interval_of[i.to.id] = exposure::interval_text(i);
  }
  if (audits.empty())
    d.ShowSection("NO_AUDIT");
  else
    d.ShowSection("HAS_AUDITS");
  for (const auto& a : audits) {
    auto* row = d.AddSectionDictionary("AUDIT");
    audit_into(*row, a, e.finess_et);
    auto it = interval_of.find(a.id);
    row->SetValue("INTERVAL", a.withdrawal.withdrawn()  ? "retiré, hors de la série"
                              : it != interval_of.end() ? it->second
                              : a.state == State::done  ? "premier audit"
                                                        : "—");
  }
  auto html = http::render_page(
      "exposure_list.tpl", d,
      registry::page_meta(e, "Exposition sur internet", {{"Exposition sur internet", ""}}));
  return Response::html(std::move(html), status);
}

// The scans of an upload: a multipart form (one or several `file` parts: a campaign in
// several files is one audit), a JSON body {"file_name", "content_base64"}, or the raw bytes
// (application/xml, text/xml, application/json, application/octet-stream) with ?file_name=.
// Any other media type: 415.
std::vector<Upload> upload_of(Request& req, std::vector<http::FormPart>& parts) {
  std::vector<Upload> out;
  const auto ct = http::media_type(req);
  if (ct == "multipart/form-data") {
    parts = http::parse_multipart(req);
    for (auto& p : parts)
      // A form's file input with nothing chosen sends an empty part without a name.
      if (p.name == "file" && !(p.filename.empty() && p.body.empty()))
        out.push_back({p.filename, &p.body});
    if (out.empty())
      throw UserError::invalid(
          {{"file", "exposure_audit.empty", "Fichier de scan : choisissez un fichier."}});
  } else if (ct == "application/xml" || ct == "text/xml" || ct == "application/octet-stream") {
    out.push_back({req.q("file_name"), &req.body});
  } else {
    if (ct != "application/json")
      throw http::unsupported_media_type({"multipart/form-data", "application/xml", "text/xml",
                                          "application/octet-stream", "application/json"});
    auto body = http::parse_json_body(req);  // 400 when malformed
    if (!body.is_object())
      throw UserError(400, "request.malformed_json", "Le corps doit être un objet JSON.");
    auto text = [&](const char* key) -> std::string {
      if (!body.contains(key) || body[key].is_null()) return "";
      if (!body[key].is_string())
        throw UserError::invalid(
            {{key, "exposure_audit.type", std::string(field_label(key)) + " : texte attendu."}});
      return body[key].get<std::string>();
    };
    auto& part = parts.emplace_back();
    part.name = "file";
    part.filename = text("file_name");
    try {
      part.body = files::base64_decode(text("content_base64"));
    } catch (const std::invalid_argument&) {
      throw UserError::invalid({{"content_base64", "exposure_audit.base64",
                                 "Fichier de scan : contenu base64 invalide."}});
    }
    out.push_back({part.filename, &part.body});
  }
  return out;
}

// A refusal because of one file of an upload, on the API: the error with the stable code,
// and the file's name as sent (`file_name` of the error and of its field).
Response file_error_response(const FileError& e, const Request& req) {
  auto j = json::parse(http::json_error_body(e, req.request_id));
  j["error"]["file_name"] = e.file_name();
  for (auto& f : j["error"]["fields"]) f["file_name"] = e.file_name();
  return Response::json(http::dump(j), e.status());
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
    if (err.status() != 422 && err.status() != 413 && err.status() != 409) throw;
    return list_page(ctx, req, err.status(), page_error_text(err));
  }
}

std::string port_text(const std::string& protocol, int port) {
  return std::to_string(port) + "/" + protocol;
}

// Private hosts of a mixed scan, left out of the analysis (from the stored result).
std::uint64_t private_hosts_ignored(Context& ctx, const Audit& a) {
  if (a.state != State::done) return 0;
  return ctx.repo.result(a)
      .value("summary", json::object())
      .value("hosts_private_ignored", std::uint64_t{0});
}

// Every open port of every host of a finished audit, as the report lists them: those with
// findings first (by their most severe finding, then host and port as the result orders
// them), then the others, « Aucun constat ». `r` is the page's RESULT section.
void open_ports_into(TemplateDictionary& r, Context& ctx, const Audit& a) {
  const auto result = ctx.repo.result(a);
  const auto findings = ctx.repo.findings(a);
  const auto rank = [](const std::string& severity) {
    static constexpr std::string_view kOrder[] = {"critical", "high", "medium", "low"};
    return static_cast<std::size_t>(std::find(std::begin(kOrder), std::end(kOrder), severity) -
                                    std::begin(kOrder));
  };
  struct Row {
    std::string address, protocol, service;
    int port = 0;
    std::vector<const FindingRow*> findings;  // most severe first (findings()'s order)
    std::size_t worst = 4;
  };
  std::vector<Row> rows;
  for (const auto& h : result.value("hosts", json::array()))
    for (const auto& p : h.value("ports", json::array())) {
      Row row;
      row.address = h.value("address", "");
      row.protocol = p.value("protocol", "");
      row.port = p.value("port", 0);
      row.service = exposure::service_text(p.value("service", ""), p.value("product", ""),
                                           p.value("version", ""));
      for (const auto& f : findings)
        if (f.address == row.address && f.protocol == row.protocol && f.port == row.port) {
          row.findings.push_back(&f);
          row.worst = std::min(row.worst, rank(f.severity));
        }
      rows.push_back(std::move(row));
    }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& x, const Row& y) { return x.worst < y.worst; });
  if (rows.empty())
    r.ShowSection("NO_OPEN_PORT");
  else
    r.ShowSection("HAS_OPEN_PORTS");
  for (const auto& row : rows) {
    auto* d = r.AddSectionDictionary("OPEN_PORT");
    d->SetValue("OPEN_PORT_HOST", row.address);
    d->SetValue("OPEN_PORT_TEXT", port_text(row.protocol, row.port));
    d->SetValue("OPEN_PORT_SERVICE", row.service);
    if (row.findings.empty()) d->ShowSection("PORT_NO_FINDING");
    for (const FindingRow* f : row.findings) {
      auto* fd = d->AddSectionDictionary("PORT_FINDING");
      fd->SetIntValue("PORT_FINDING_INDEX", static_cast<long>(f->index));
      fd->SetValue("PORT_FINDING_BADGE", severity_badge(f->severity));
      fd->SetValue("PORT_FINDING_SEVERITY", std::string(severity_label(f->severity)));
      fd->SetValue("PORT_FINDING_TITLE", f->title);
    }
  }
}

Response show_page(Context& ctx, Request& req, int status = 200, const std::string& error = "") {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
  TemplateDictionary d("exposure_show");
  d.SetValue("BASE", base_url(e.finess_et));
  audit_into(d, a, e.finess_et);
  d.SetIntValue("SIZE", static_cast<long>(a.size));  // x-plural: « 1 octet », « 2 048 octets »
  if (a.files.size() <= 1) {
    d.ShowSection("ONE_FILE");
  } else {
    auto* many = d.AddSectionDictionary("MANY_FILES");
    many->SetIntValue("N_FILES", static_cast<long>(a.files.size()));
    for (const auto& f : a.files) {
      auto* row = many->AddSectionDictionary("SCAN_FILE");
      row->SetValue("FILE_NAME", f.file_name);
      row->SetValue("FILE_FORMAT", format_label(f.file_format));
      row->SetIntValue("FILE_SIZE", static_cast<long>(f.size));
    }
  }
  d.SetValue("SHA256", a.sha256);
  if (!error.empty()) d.AddSectionDictionary("PAQ_ERROR")->SetValue("MESSAGE", error);
  const std::string docs = a.evidence_id ? "/etablissements/" + e.finess_et + "/preuves/" +
                                               std::to_string(*a.evidence_id)
                                         : "";
  if (a.evidence_id) d.AddSectionDictionary("EVIDENCE")->SetValue("EVIDENCE_URL", docs);
  if (a.evidence_id && !a.withdrawal.withdrawn() && req.caller.can_write())
    d.AddSectionDictionary("CAN_WITHDRAW")
        ->SetValue("WITHDRAW_URL", base_url(e.finess_et) + "/" + std::to_string(a.id) + "/retirer");
  if (a.state == State::queued || a.state == State::running) d.ShowSection("PENDING");
  if (a.state == State::failed) d.AddSectionDictionary("FAILED")->SetValue("ERROR", a.error);
  if (a.state == State::done) {
    auto* r = d.AddSectionDictionary("RESULT");
    // The report as it reads now (the comparison with the current previous audit).
    r->SetValue("REPORT_URL", report_url(e.finess_et, a));
    r->SetValue("JSON_URL", docs + "/documents/" + std::to_string(*a.result_document_id));
    // Offered only when there is a previous audit to compare with (not on a first audit).
    if (a.previous_id)
      r->AddSectionDictionary("COMPARE")->SetValue(
          "COMPARE_URL", base_url(e.finess_et) + "/" + std::to_string(a.id) + "/comparaison");
    // The counts under the report's and the terminal's names: hosts read in the scan, of
    // them exposed (an open port; recounted from the stored result, as the report does).
    const auto stored = ctx.repo.result(a);
    long hosts_open = 0;
    for (const auto& h : stored.value("hosts", json::array())) {
      const auto ports = h.find("ports");
      hosts_open += ports != h.end() && ports->is_array() && !ports->empty();
    }
    r->SetIntValue("HOSTS", static_cast<long>(a.hosts));
    r->SetIntValue("HOSTS_OPEN", hosts_open);
    r->SetIntValue("PORTS", static_cast<long>(a.open_ports));
    // Lines of the scan that could not be read (masscan garbage, over-long lines): counted.
    {
      const auto by_kind =
          stored.value("warnings", json::object()).value("by_kind", json::object());
      const std::uint64_t unreadable = by_kind.value("garbage_line", std::uint64_t{0}) +
                                       by_kind.value("long_line", std::uint64_t{0});
      if (unreadable > 0) {
        // « dans les fichiers » for an audit of several files (issue 17 trial).
        auto* u = r->AddSectionDictionary("UNREADABLE");
        u->SetIntValue("UNREADABLE_LINES", static_cast<long>(unreadable));
        u->ShowSection(a.files.size() > 1 ? "SEVERAL_FILES" : "ONE_FILE");
      }
    }
    if (const auto ignored = private_hosts_ignored(ctx, a); ignored > 0)
      r->AddSectionDictionary("PRIVATE_IGNORED")
          ->SetIntValue("IGNORED", static_cast<long>(ignored));
    const auto sent = ctx.repo.paq_actions(a);
    const auto rows = ctx.repo.findings(a);
    if (rows.empty())
      r->ShowSection("NO_FINDING");
    else
      r->ShowSection("HAS_FINDINGS");
    for (const auto& f : rows) {
      auto* row = r->AddSectionDictionary("FINDING");
      row->SetIntValue("INDEX", static_cast<long>(f.index));
      row->SetValue("RULE", f.rule);
      row->SetValue("ADDRESS", f.address);
      row->SetValue("PORT_TEXT", port_text(f.protocol, f.port));
      row->SetValue("SEVERITY", std::string(severity_label(f.severity)));
      row->SetValue("SEVERITY_BADGE", severity_badge(f.severity));
      row->SetValue("TITLE", f.title);
      row->SetValue("DETAIL", f.detail);
      row->SetValue("REMEDIATION", f.remediation);
      row->SetValue("PAQ_URL", base_url(e.finess_et) + "/" + std::to_string(a.id) + "/constats/" +
                                   std::to_string(f.index) + "/paq");
      if (auto it = sent.find(f.source_ref); it != sent.end())
        row->AddSectionDictionary("SENT")->SetValue(
            "ACTION_URL", "/etablissements/" + e.finess_et + "/paq/" + std::to_string(it->second));
      else if (req.caller.can_write())
        row->ShowSection("NOT_SENT");
    }
    open_ports_into(*r, ctx, a);
  }
  std::string flash;
  if (req.q("depose") == "1")
    flash = jobs::upload_flash(a.state, "Scan déposé : l'analyse est lancée en tâche de fond.",
                               "Scan déposé et analysé.");
  if (req.q("retire") == "1") flash = "Audit retiré : il ne compte plus dans la série des audits.";
  auto html =
      http::render_page("exposure_show.tpl", d,
                        registry::page_meta(e, "Audit d'exposition du " + french_date_text(a.as_of),
                                            {{"Exposition sur internet", base_url(e.finess_et)},
                                             {"Audit du " + french_date_text(a.as_of), ""}},
                                            flash));
  return Response::html(std::move(html), status);
}

constexpr const char* kWithdrawAct = "Le retrait d'un audit d'exposition";

// "Retirer l'audit d'exposition du 30/11/2026": the confirmation page naming it.
Response withdraw_page(Context& ctx, Request& req, int status, const std::string& reason,
                       const std::string& error) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto a = ctx.repo.get(req.caller.scope, e.finess_et, audit_param(req));
  http::WithdrawalPage p;
  p.heading = "Retirer l'audit d'exposition du " + french_date_text(a.as_of);
  p.name = e.name;
  p.finess = e.finess_et;
  p.facts = {{"Audit", "Analyse du " + french_date_text(a.as_of)},
             {"Fichier de scan", a.file_name},
             {"Score d'exposition", score_text(a)},
             {"Déposé par", a.created_by.empty() ? "—" : actor_label(a.created_by)}};
  p.act = kWithdrawAct;
  p.consequence =
      "Retiré, l'audit reste consultable avec son rapport, mais ne compte plus dans la série des "
      "audits (intervalle de 45 à 60 jours), dans les comparaisons ni dans la conformité.";
  p.already_title = "Cet audit a déjà été retiré";
  p.action_url = base_url(e.finess_et) + "/" + std::to_string(a.id) + "/retirer";
  p.back_url = base_url(e.finess_et) + "/" + std::to_string(a.id);
  p.back_label = "Retour à l'audit";
  p.current = a.withdrawal;
  p.reason = reason;
  p.error = error;
  if (!a.evidence_id) p.nothing = "Seul un audit analysé se retire : celui-ci n'a pas de résultat.";
  return http::withdrawal_page(
      req, p,
      registry::page_meta(
          e, "Retirer un audit d'exposition",
          {{"Exposition sur internet", base_url(e.finess_et)}, {"Retirer un audit", ""}}),
      status);
}

// The comparison with the previous audit as it is now (an older scan uploaded later, a
// withdrawn audit change it), not the one made by the job.
json diff_of(Context& ctx, const Audit& a) {
  return ctx.repo.diff(a);
}

void exposures_into(TemplateDictionary& d, const char* section, const json& list) {
  for (const auto& x : list) {
    auto* row = d.AddSectionDictionary(section);
    row->SetValue("ADDRESS", x.value("address", ""));
    row->SetValue("PORT_TEXT", port_text(x.value("protocol", ""), x.value("port", 0)));
    row->SetValue("SERVICE", exposure::service_text(x.value("service", ""), x.value("product", ""),
                                                    x.value("version", "")));
  }
}

// New or resolved findings of a comparison, the most severe first, then by host and port,
// with the rule's French title (issue 17 trial: the page listed neither).
void findings_into(TemplateDictionary& d, const char* section, const json& list) {
  auto rank = [](const std::string& s) {
    return static_cast<std::size_t>(std::find(kSeverities.begin(), kSeverities.end(), s) -
                                    kSeverities.begin());
  };
  std::vector<const json*> rows;
  for (const auto& x : list) rows.push_back(&x);
  std::stable_sort(rows.begin(), rows.end(), [&](const json* a, const json* b) {
    return rank(a->value("severity", "")) < rank(b->value("severity", ""));
  });
  for (const json* x : rows) {
    auto* row = d.AddSectionDictionary(section);
    const std::string severity = x->value("severity", "");
    const std::string rule = x->value("rule", "");
    const auto* info = exposure::builtin_data().rule(rule);
    row->SetValue("ADDRESS", x->value("address", ""));
    row->SetValue("PORT_TEXT", port_text(x->value("protocol", ""), x->value("port", 0)));
    row->SetValue("SEVERITY", std::string(severity_label(severity)));
    row->SetValue("SEVERITY_BADGE", severity_badge(severity));
    row->SetValue("TITLE", info ? info->title : std::string("Constat"));
    row->SetValue("DETAIL", x->value("detail", ""));
  }
}

Response diff_page(Context& ctx, Request& req) {
  auto e = ctx.registry.visible(req.caller.scope, req.param("finess"));
  auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
  TemplateDictionary d("exposure_diff");
  d.SetValue("AUDIT_URL", base_url(e.finess_et) + "/" + std::to_string(a.id));
  d.SetValue("NEW_DATE", french_date_text(a.as_of));
  auto diff = diff_of(ctx, a);
  if (diff.is_null()) {
    d.ShowSection("NO_PREVIOUS");
  } else {
    auto* c = d.AddSectionDictionary("COMPARISON");
    c->SetValue("OLD_DATE", french_date_text(diff.value("previous_as_of", "")));
    c->SetValue("OLD_URL", base_url(e.finess_et) + "/" + std::to_string(*a.previous_id));
    c->SetValue("OLD_SCORE", french_integer(diff.value("previous_score", std::int64_t{0})));
    c->SetValue("NEW_SCORE", french_integer(diff.value("score", std::int64_t{0})));
    // A higher score is more exposure (data/exposure weights): say which way it went.
    const auto before = diff.value("previous_score", std::int64_t{0});
    const auto after = diff.value("score", std::int64_t{0});
    c->SetValue("TREND", after > before   ? "exposition en hausse"
                         : after < before ? "exposition en baisse"
                                          : "exposition stable");
    const auto& opened = diff.value("opened", json::array());
    const auto& closed = diff.value("closed", json::array());
    const auto& changed = diff.value("changed_versions", json::array());
    c->SetIntValue("N_OPENED", static_cast<long>(opened.size()));
    c->SetIntValue("N_CLOSED", static_cast<long>(closed.size()));
    c->SetIntValue("N_CHANGED", static_cast<long>(changed.size()));
    exposures_into(*c, "OPENED_ROW", opened);
    exposures_into(*c, "CLOSED_ROW", closed);
    for (const auto& x : changed) {
      auto* row = c->AddSectionDictionary("CHANGED_ROW");
      row->SetValue("ADDRESS", x.value("address", ""));
      row->SetValue("PORT_TEXT", port_text(x.value("protocol", ""), x.value("port", 0)));
      row->SetValue("BEFORE", x.value("before", ""));
      row->SetValue("AFTER", x.value("after", ""));
    }
    if (diff.value("scope_differs", false)) {
      // Hosts the newer scan did not cover: their ports are not « fermées ».
      auto* sc = c->AddSectionDictionary("SCOPE_DIFFERS");
      const auto& not_covered = diff.value("not_covered", json::array());
      exposure::Diff counts;
      counts.hosts_not_covered = diff.value("hosts_not_covered", std::uint64_t{0});
      counts.hosts_not_in_previous = diff.value("hosts_not_in_previous", std::uint64_t{0});
      counts.not_covered.resize(not_covered.size());
      sc->SetValue("SCOPE_TEXT", exposure::scope_text(counts));
      sc->SetIntValue("N_NOT_COVERED", static_cast<long>(not_covered.size()));
      exposures_into(*sc, "NOT_COVERED_ROW", not_covered);
      sc->ShowSection(not_covered.empty() ? "NONE_NOT_COVERED" : "HAS_NOT_COVERED");
    }
    const auto& new_findings = diff.value("new_findings", json::array());
    const auto& resolved = diff.value("resolved_findings", json::array());
    c->SetIntValue("N_NEW_FINDINGS", static_cast<long>(new_findings.size()));
    c->SetIntValue("N_RESOLVED_FINDINGS", static_cast<long>(resolved.size()));
    findings_into(*c, "NEW_FINDING_ROW", new_findings);
    findings_into(*c, "RESOLVED_FINDING_ROW", resolved);
    auto either = [&](const json& list, const char* none, const char* some) {
      c->ShowSection(list.empty() ? none : some);
    };
    either(opened, "NONE_OPENED", "HAS_OPENED");
    either(closed, "NONE_CLOSED", "HAS_CLOSED");
    either(changed, "NONE_CHANGED", "HAS_CHANGED");
    either(new_findings, "NONE_NEW_FINDINGS", "HAS_NEW_FINDINGS");
    either(resolved, "NONE_RESOLVED_FINDINGS", "HAS_RESOLVED_FINDINGS");
  }
  return Response::html(
      http::render_page("exposure_diff.tpl", d,
                        registry::page_meta(e, "Comparaison des audits d'exposition",
                                            {{"Exposition sur internet", base_url(e.finess_et)},
                                             {"Audit du " + french_date_text(a.as_of),
                                              base_url(e.finess_et) + "/" + std::to_string(a.id)},
                                             {"Comparaison", ""}})));
}

Response send_from_form(Context& ctx, Request& req) {
  auto form = http::form_fields(req);
  try {
    bool created = false;
    auto act = ctx.repo.send_to_paq(req.caller.scope, req.param("finess"), audit_param(req),
                                    finding_param(req), http::field(form, "owner"),
                                    http::field(form, "due"), ctx.today(), req.actor(), &created);
    return Response::redirect("/etablissements/" + req.param("finess") + "/paq/" +
                              std::to_string(act.id) + (created ? "?cree=1" : ""));
  } catch (const UserError& err) {
    if (err.status() != 422) throw;
    return show_page(ctx, req, 422, page_error_text(err));
  }
}

}  // namespace

void run_job(Context& ctx, const json& payload) {
  ctx.repo.run_job(payload, ctx.today());
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  const std::string page = "/etablissements/:finess/exposition";
  const std::string api = "/api/v1/establishments/:finess/exposure-audits";
  const std::size_t upload_body = ctx.repo.settings().max_upload_bytes + (1u << 20);
  routes.get(page, RouteKind::page, [&ctx](Request& req) { return list_page(ctx, req); });
  routes.post(
      page, RouteKind::page, [&ctx](Request& req) { return upload_from_form(ctx, req); },
      upload_body);
  // A body beyond even the route's limit: the same page and message, never read.
  routes.too_large([&ctx](Request& req) {
    return list_page(ctx, req, 413, page_error_text(too_large_error(ctx.repo.settings())));
  });
  routes.get(page + "/:id", RouteKind::page, [&ctx](Request& req) { return show_page(ctx, req); });
  routes.get(page + "/:id/comparaison", RouteKind::page,
             [&ctx](Request& req) { return diff_page(ctx, req); });
  routes.get(page + "/:id/rapport/telecharger", RouteKind::page, [&ctx](Request& req) {
    auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
    return Response::text(ctx.repo.report(a), "text/html; charset=utf-8")
        .header("Content-Disposition",
                files::content_disposition("exposition-" + a.as_of + ".html"));
  });
  routes.post(page + "/:id/constats/:n/paq", RouteKind::page,
              [&ctx](Request& req) { return send_from_form(ctx, req); });
  // An audit is never deleted: withdrawn with a reason after a confirmation page.
  routes.get(
      page + "/:id/retirer", RouteKind::page,
      [&ctx](Request& req) { return withdraw_page(ctx, req, 200, "", ""); }, false,
      Access::edit_records);
  routes.post(page + "/:id/retirer", RouteKind::page, [&ctx](Request& req) {
    return http::post_withdrawal(
        req, {kWithdrawAct,
              [&] {
                return !ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req))
                            .withdrawal.withdrawn();  // 404
              },
              [&](const std::string& reason) {
                ctx.repo.withdraw(req.caller.scope, req.param("finess"), audit_param(req), reason,
                                  ctx.today(), req.actor());
              },
              [&](int status, const std::string& reason, const std::string& error) {
                return withdraw_page(ctx, req, status, reason, error);
              },
              base_url(req.param("finess")) + "/" + std::to_string(audit_param(req)) + "?retire=1",
              {}});
  });

  routes.get(api, RouteKind::api, [&ctx](Request& req) {
    json items = json::array();
    for (const auto& a : ctx.repo.list(req.caller.scope, req.param("finess")))
      items.push_back(audit_json(a, req.param("finess")));
    return http::list_response(req, std::move(items), {{"date", "state", "score", "created_at"}});
  });
  routes.post(
      api, RouteKind::api,
      [&ctx](Request& req) {
        std::vector<http::FormPart> parts;
        auto up = upload_of(req, parts);
        Audit a;
        try {
          a = ctx.repo.upload(req.caller.scope, req.param("finess"), up, ctx.today(), req.actor(),
                              ctx.now_s());
        } catch (const FileError& e) {
          return file_error_response(e, req);
        }
        return Response::json(http::dump(audit_json(a, req.param("finess"))), 201)
            .header("Location", "/api/v1/establishments/" + req.param("finess") +
                                    "/exposure-audits/" + std::to_string(a.id));
      },
      upload_body);
  routes.too_large([&ctx](Request&) -> Response { throw too_large_error(ctx.repo.settings()); });
  // DELETE withdraws (an audit is never destroyed): body {"reason": "…"}; answers the withdrawn
  // audit. Checks: the body (415/400), the audit (404), the second factor (403), then
  // Repository::withdraw (409 not finished or already withdrawn, 422 the reason).
  routes.add({"DELETE", api + "/:id", RouteKind::api,
              [&ctx](Request& req) {
                const std::string reason = http::withdrawal_reason_from_json(req);
                auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
                http::require_second_factor(req, kWithdrawAct);
                auto w = ctx.repo.withdraw(req.caller.scope, req.param("finess"), a.id, reason,
                                           ctx.today(), req.actor());
                return Response::json(http::dump(audit_json(w, req.param("finess"))));
              },
              64 * 1024});
  routes.get(api + "/:id", RouteKind::api, [&ctx](Request& req) {
    auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
    auto j = audit_json(a, req.param("finess"));
    if (a.state == State::done) {
      const auto sent = ctx.repo.paq_actions(a);
      json findings = json::array();
      for (const auto& f : ctx.repo.findings(a)) {
        auto it = sent.find(f.source_ref);
        findings.push_back(
            {{"index", f.index},
             {"address", f.address},
             {"protocol", f.protocol},
             {"port", f.port},
             {"rule", f.rule},
             {"title", f.title},
             {"severity", f.severity},
             {"detail", f.detail},
             {"remediation", f.remediation},
             {"paq_action_id", it == sent.end() ? json(nullptr) : json(it->second)}});
      }
      j["findings"] = findings;
      j["private_hosts_ignored"] = private_hosts_ignored(ctx, a);
    }
    return Response::json(http::dump(j));
  });
  routes.get(api + "/:id/comparison", RouteKind::api, [&ctx](Request& req) {
    auto a = ctx.repo.get(req.caller.scope, req.param("finess"), audit_param(req));
    auto diff = diff_of(ctx, a);
    json j{{"audit_id", a.id},
           {"previous_id", a.previous_id && !diff.is_null() ? json(*a.previous_id) : json(nullptr)},
           {"diff", diff}};
    return Response::json(http::dump(j));
  });
  routes.post(api + "/:id/findings/:n/paq", RouteKind::api, [&ctx](Request& req) {
    json body = json::object();
    if (!req.body.empty()) {
      body = http::parse_json_body(req);
      if (!body.is_object())
        throw UserError(400, "request.malformed_json", "Le corps doit être un objet JSON.");
    }
    auto text = [&](const char* key) -> std::string {
      if (!body.contains(key) || body[key].is_null()) return "";
      if (!body[key].is_string())
        throw UserError::invalid(
            {{key, "exposure_audit.type", std::string(field_label(key)) + " : texte attendu."}});
      return body[key].get<std::string>();
    };
    const std::string owner = text("owner"), due = text("due");
    bool created = false;
    auto act =
        ctx.repo.send_to_paq(req.caller.scope, req.param("finess"), audit_param(req),
                             finding_param(req), owner, due, ctx.today(), req.actor(), &created);
    json j{{"paq_action_id", act.id}, {"created", created}, {"source_ref", act.source_ref}};
    return Response::json(http::dump(j), created ? 201 : 200);
  });
  routes.get("/api/v1/establishments/:finess/exposure-audit-series", RouteKind::api,
             [&ctx](Request& req) {
               auto [from, to] = period_of(req, ctx.today(), "from", "to", true);
               auto c = ctx.repo.series(req.caller.scope, req.param("finess"), from, to);
               return Response::json(http::dump(series_json(c)));
             });
}

}  // namespace carepilot::exposureplatform
