// The internet exposure audit in the platform (issue 17, docs/exposure.md « Dans la
// plateforme »): an establishment's scans (nmap XML, masscan XML or JSON) uploaded from its
// pages, written to disk and analysed by a background job (`exposure.run`) with the same
// library calls as `carepilot exposure run`; the result JSON and the HTML report (the scan's
// analysis, without a comparison) stored as documents of the `exposure_audit` evidence
// recorded in the job's transaction (exposure::evidence_record, as `--store` does); the
// comparison and the report with it made when read, against the current previous; findings
// sent to the PAQ; the series of audits checked against the 45–60-day rule (D1.O2.B).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/actor.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/scope.hpp"
#include "common/withdrawal.hpp"
#include "evidence/repository.hpp"
#include "exposure/analysis.hpp"
#include "exposure/report/diff.hpp"
#include "exposure/series.hpp"
#include "jobs/upload_state.hpp"
#include "paq/repository.hpp"
#include "registry/repository.hpp"

namespace carepilot::exposureplatform {

inline constexpr const char* kJobKind = "exposure.run";
// The clock skew allowed between the scanning machine and the server: a scan dated later
// than now plus this is refused at upload.
inline constexpr std::int64_t kClockSkewS = 86400;

// The most files one audit takes (a campaign split by range or by tool).
inline constexpr std::size_t kMaxFiles = 20;

using State = jobs::UploadState;  // jobs/upload_state.hpp
using jobs::state_name;

// One scan file of an audit, as sent.
struct AuditFile {
  std::string file_name, file_format;  // nmap_xml | masscan_xml | masscan_json
  std::int64_t size = 0;
  std::string sha256;
};

// A refused upload because of one of its files: the error, and that file's name as sent
// (the API gives it next to the stable code).
class FileError : public UserError {
 public:
  FileError(UserError e, std::string file_name)
      : UserError(std::move(e)), file_name_(std::move(file_name)) {}
  const std::string& file_name() const { return file_name_; }

 private:
  std::string file_name_;
};

struct Audit {
  std::int64_t id = 0;
  std::int64_t establishment_id = 0;
  State state = State::queued;
  // One file: its name and format; several: the names as sent joined by ", ", the format
  // of the first when they all have it, "mixed" otherwise; the size is their sum, the
  // SHA-256 that of the file (of the files' SHA-256 in order for several).
  std::string file_name, file_format;
  std::int64_t size = 0;
  std::string sha256;
  std::vector<AuditFile> files;  // every file as sent, in order
  // The audit's day (ISO): the Paris day the scan started (scan_from) when its file says
  // so, the upload day otherwise. The series, the comparison and the evidence read it.
  std::string as_of;
  // When the scan ran, as its file says (UTC ISO, the earliest and the latest time); ""
  // when the file gives no time (as_of is then the upload day).
  std::string scan_from, scan_to;
  std::optional<std::int64_t> job_id;
  std::string error;  // French, when failed
  std::optional<std::int64_t> score;
  nlohmann::json counts = nlohmann::json::object();  // findings by severity
  std::int64_t hosts = 0, open_ports = 0;
  std::optional<std::int64_t> previous_id, evidence_id, result_document_id, report_document_id;
  std::string created_at, created_by, finished_at;
  // Its evidence's withdrawal: set when the audit was withdrawn (withdraw()); the audit, its
  // files, result and report stay, out of the series, the comparisons and the compliance.
  Withdrawal withdrawal;
};

struct Upload {
  std::string file_name;
  const std::string* bytes = nullptr;
};

// One finding of a finished audit, flattened host by host in the result's order; `index`
// is its number in that order (the page's and the API's handle).
struct FindingRow {
  std::size_t index = 0;
  std::string address, protocol, rule, title, severity, detail, remediation;
  int port = 0;
  std::string source_ref;  // "exposure_audit:ID:RULE@ADDRESS:PROTOCOL/PORT"
};

struct Settings {
  std::filesystem::path dir;                 // where scans wait for their job
  std::size_t max_upload_bytes = 64u << 20;  // the server buffers the body
};

// The Paris day (ISO, "2026-10-11") of a UTC ISO timestamp as stored ("2026-10-11T08:00:00Z");
// "" when it does not parse.
std::string paris_day_of(const std::string& iso_utc);

// The format of a scan from its first bytes: "nmap_xml", "masscan_xml", "masscan_json", or
// "" when none of them.
std::string sniff_format(const std::string& bytes);

// 413 `exposure_audit.too_large` on field `file`: « Fichier de scan : le fichier dépasse la
// taille autorisée (N Mio). » (the upload and its route's too_large answer).
UserError too_large_error(const Settings& s);

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, evidence::Repository& evidence,
             paq::Repository& paq, Settings settings)
      : db_(db),
        registry_(registry),
        evidence_(evidence),
        paq_(paq),
        settings_(std::move(settings)) {}

  // Checks the upload, one scan or a campaign in several files analysed as one audit (413
  // `exposure_audit.too_large` when they weigh more than the limit together, 422
  // `exposure_audit.too_many_files` beyond kMaxFiles, `exposure_audit.empty`,
  // `exposure_audit.file_type` when a content is neither an nmap XML nor a masscan XML or
  // JSON output, the reading errors, `exposure_audit.future_scan` when a scan says it ran
  // more than kClockSkewS after now_s), writes the files to disk, records the audit dated by
  // its scans (the upload day when no file gives a time) and enqueues its job. 404 outside
  // the scope; 409 `exposure_audit.duplicate` when a file's SHA-256 is that of a file of an
  // audit of the establishment still standing (not failed, evidence not withdrawn) or of
  // another file of the set, checked after the 422s; 409 `exposure_audit.duplicate_scan`
  // when an audit still standing (finished, or waiting for its job) started at the same
  // second with the same open ports (the same scan exported again, other bytes). A refusal
  // because of one file is a FileError naming it; one bad file refuses the lot, and nothing
  // stays stored.
  Audit upload(const Scope& scope, const std::string& finess, const std::vector<Upload>& in,
               const Date& today, const Actor& actor, std::int64_t now_s);
  Audit upload(const Scope& scope, const std::string& finess, const Upload& in, const Date& today,
               const Actor& actor, std::int64_t now_s) {
    return upload(scope, finess, std::vector<Upload>{in}, today, actor, now_s);
  }

  std::vector<Audit> list(const Scope& scope, const std::string& finess);
  Audit get(const Scope& scope, const std::string& finess, std::int64_t id);
  nlohmann::json result(const Audit& a);  // 404 when none
  // The comparison with the previous audit (`previous_id`, known when read: the latest
  // earlier by scan, not withdrawn), the result JSON's `diff`; null when none.
  nlohmann::json diff(const Audit& a);
  std::optional<exposure::Diff> comparison(const Audit& a);
  // The HTML report of a finished audit as it reads now: its stored result with the
  // comparison with its current previous audit (the stored report document has none).
  // 404 when the audit is not finished.
  std::string report(const Audit& a);
  std::string document(std::int64_t document_id);
  // The most severe first (critical, high, medium, low, info), then by host (the result's
  // numeric order) and port; a row's `index` is its place in the result (host by host),
  // which the PAQ form names.
  std::vector<FindingRow> findings(const Audit& a);
  // The existing PAQ actions of audit `a`, by finding source_ref.
  std::map<std::string, std::int64_t> paq_actions(const Audit& a);
  // Creates the PAQ action of finding `index` of audit `id`, or returns the existing one:
  // never two. 404 when the audit is not finished or has no such finding.
  paq::Action send_to_paq(const Scope& scope, const std::string& finess, std::int64_t id,
                          std::size_t index, const std::string& owner, const std::string& due,
                          const Date& today, const Actor& actor, bool* created = nullptr);

  // Never deleted (issue 17 trial: a scan uploaded twice under two names stood in the series
  // for good): withdraws a finished audit with a reason. Its evidence is withdrawn
  // (evidence::Repository::emit without a record), so the audit leaves the series, the
  // comparisons and the compliance; the audit, its files, result, report and PAQ actions
  // stay. 404 outside the scope or when not the establishment's; 409
  // `exposure_audit.not_finished` when it has no evidence (queued, running or failed), 409
  // `exposure_audit.withdrawn` when it already is; 422 `exposure_audit.reason_required` or
  // `reason_too_long` on field `reason` (checked_withdrawal_reason). Audited `withdraw`.
  Audit withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                 const std::string& reason, const Date& today, const Actor& actor);

  // The finished audits of the establishment checked against the 45–60-day rule over
  // [from, to].
  exposure::SeriesCheck series(const Scope& scope, const std::string& finess, const Date& from,
                               const Date& to);

  // The job: analyses the scan of payload {"audit": ID}. A refused scan, or one that is not
  // an internet exposure audit (no host up, private addresses only), marks the audit failed
  // with a French reason; nothing else is stored.
  void run_job(const nlohmann::json& payload, const Date& today);

  const Settings& settings() const { return settings_; }

 private:
  std::optional<Audit> previous_done(soci::session& sql, std::int64_t est_id, std::int64_t id);
  void with_previous(soci::session& sql, Audit& a);
  void refuse_duplicate(std::int64_t establishment_id, const std::string& sha256,
                        const std::string& label, const std::string& name);
  void refuse_same_scan(std::int64_t establishment_id, const exposure::Result& read, bool several);
  void with_files(soci::session& sql, Audit& a);
  // Its evidence's withdrawal (Audit::withdrawal).
  void with_withdrawal(soci::session& sql, Audit& a);

  store::Database& db_;
  registry::Repository& registry_;
  evidence::Repository& evidence_;
  paq::Repository& paq_;
  Settings settings_;
};

}  // namespace carepilot::exposureplatform
