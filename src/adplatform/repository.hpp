// The AD audit in the platform (issue 14, "In the platform", docs/ad-audit.md « Dans la
// plateforme »): an establishment's collections (SharpHound zip, LDIF, ORADAD zip) uploaded
// from its pages, written to disk and audited by a background job (`adaudit.run`) with the
// same library calls as `carepilot ad-audit run`; the result JSON and the HTML report stored
// as documents of the `ad_audit` evidence recorded in the job's transaction; findings sent to
// the PAQ; the comparison with the previous audit; ADS reports (ANSSI) recorded instead.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/actor.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/scope.hpp"
#include "evidence/repository.hpp"
#include "jobs/chunked_upload.hpp"
#include "jobs/queue.hpp"
#include "jobs/upload_state.hpp"
#include "paq/repository.hpp"
#include "registry/repository.hpp"

namespace carepilot::adplatform {

inline constexpr const char* kJobKind = "adaudit.run";

using State = jobs::UploadState;  // jobs/upload_state.hpp
using jobs::state_name;
// A state reads status_label("ad_audit", state_name(s)) (data/labels/labels.yaml).

struct Audit {
  std::int64_t id = 0;
  std::int64_t establishment_id = 0;
  std::string kind;  // collection | ads
  State state = State::queued;
  std::string file_name, file_format;
  std::int64_t size = 0;
  std::string sha256;
  std::string as_of;  // ISO day
  std::optional<std::int64_t> job_id;
  std::string error;  // French, when failed
  std::optional<int> level;
  bool level_bounded = false;
  bool complete = true;
  nlohmann::json counts = nlohmann::json::object();  // failing findings by severity
  std::optional<std::int64_t> evidence_id, result_document_id, report_document_id;
  std::string created_at, created_by, finished_at;
};

// What an upload carries.
struct Upload {
  std::string file_name;
  const std::string* bytes = nullptr;  // the body (or the multipart part), written to disk
};

struct AdsInput {
  std::string date;   // AAAA-MM-JJ
  std::string level;  // 1 to 5
  std::string file_name;
  const std::string* bytes = nullptr;  // the PDF
};

// Severity of a failing finding, from the ANSSI level of its checkpoint: level 1 critical,
// 2 high, 3 medium, 4 and 5 low; a rule without a checkpoint: info. Their French words are
// the tables "severities" and "severity_counts" of data/labels/labels.yaml
// (severity_label, severity_count_label).
std::string severity_of(int anssi_level);
// Every severity severity_of can answer, the most severe first.
const std::vector<std::string_view>& severities();

struct Settings {
  std::filesystem::path dir;                  // where collections wait for their job
  std::size_t max_upload_bytes = 256u << 20;  // largest collection (docs/ad-audit.md)
  // A collection sent in one request body is held in memory by the HTTP server: at most this
  // much; larger ones travel in chunks (jobs/chunked_upload.hpp).
  std::size_t single_body_bytes = 256u << 20;
};

// The largest collection accepted in one body: single_body_bytes, or max_upload_bytes when
// lower.
inline std::size_t single_body_limit(const Settings& s) {
  return s.max_upload_bytes < s.single_body_bytes ? s.max_upload_bytes : s.single_body_bytes;
}

// 413 `ad_audit.too_large` on field `file`: « Collecte Active Directory : le fichier dépasse
// la taille autorisée (N Mio). » (the upload, the chunked upload and the routes' too_large
// answers).
UserError too_large_error(std::size_t limit);

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, evidence::Repository& evidence,
             paq::Repository& paq, Settings settings)
      : db_(db),
        registry_(registry),
        evidence_(evidence),
        paq_(paq),
        settings_(std::move(settings)) {}

  // Checks the upload (413 `ad_audit.too_large` over the limit, 422 `ad_audit.empty`,
  // `ad_audit.file_type` when neither a zip nor LDIF text, `ad_audit.malformed_zip` when the
  // archive cannot be read), writes it to disk, records the audit and enqueues its job.
  // 404 outside the scope. Nothing stays stored when refused.
  Audit upload(const Scope& scope, const std::string& finess, const Upload& in, const Date& today,
               const Actor& actor, std::int64_t now_s);
  // The same for a collection already on disk (a chunked upload taken whole, jobs/
  // chunked_upload.hpp): checked from its first bytes, moved into the waiting directory (same
  // file system), hashed in blocks; never read whole into memory. The file is removed when
  // refused.
  Audit upload_file(const Scope& scope, const std::string& finess,
                    const std::filesystem::path& file, const std::string& file_name,
                    const Date& today, const Actor& actor, std::int64_t now_s);
  // Records an ADS report (date, level 1–5, the PDF) as `ad_audit` evidence with source ADS.
  Audit record_ads(const Scope& scope, const std::string& finess, const AdsInput& in,
                   const Date& today, const Actor& actor);

  std::vector<Audit> list(const Scope& scope, const std::string& finess);
  Audit get(const Scope& scope, const std::string& finess, std::int64_t id);
  // The result JSON of a finished collection audit (404 when none).
  nlohmann::json result(const Audit& a);
  // A stored document's bytes (the HTML report, the JSON, the ADS PDF).
  std::string document(std::int64_t document_id);
  // The finished collection audit before `a` in the establishment, if any.
  std::optional<Audit> previous(const Audit& a);

  // Creates the PAQ action of finding `rule_id` of audit `id` (source_ref
  // "ad_audit:ID:RULE"), or returns the existing one: never two. 404 when the finding is not
  // failing in that audit; then 422 with `input_errors` (the caller's, on the body's shape)
  // and `paq.due` for a malformed due date. `owner` and `due` default to « RSSI » and 90
  // days (30 for a critical finding).
  paq::Action send_to_paq(const Scope& scope, const std::string& finess, std::int64_t id,
                          const std::string& rule_id, const std::string& owner,
                          const std::string& due, const Date& today, const Actor& actor,
                          bool* created = nullptr,
                          const std::vector<FieldError>& input_errors = {});
  // The existing PAQ actions of audit `id`, by rule id.
  std::map<std::string, std::int64_t> paq_actions(const Audit& a);

  // The job: audits the collection of payload {"audit": ID}. A refused collection marks the
  // audit failed with the reader's French reason; nothing else is stored.
  void run_job(const nlohmann::json& payload, const Date& today);

  const Settings& settings() const { return settings_; }
  // The chunked uploads of collections: under dir/envois, so that a completed one is moved,
  // not copied, into the waiting directory.
  jobs::ChunkedUploads uploads() const { return jobs::ChunkedUploads(settings_.dir / "envois"); }

 private:
  registry::Establishment visible(const Scope& scope, const std::string& finess);
  std::optional<Audit> find(soci::session& sql, std::int64_t est_id, std::int64_t id);
  // Checks a zip's headers, records the audit of the collection at `path` and enqueues its
  // job (the file is removed when refused).
  Audit record_collection(const registry::Establishment& est, const std::filesystem::path& path,
                          const std::string& file_name, const std::string& format,
                          std::uint64_t bytes_size, const std::string& sha256, const Date& today,
                          const Actor& actor, std::int64_t now_s);
  // A document of the audit's evidence, written by evidence::write_document.
  std::int64_t insert_document(soci::session& sql, std::int64_t evidence_id,
                               const registry::Establishment& est, const std::string& title,
                               const std::string& file_name, const std::string& content_type,
                               const std::string& bytes, const Actor& actor);

  store::Database& db_;
  registry::Repository& registry_;
  evidence::Repository& evidence_;
  paq::Repository& paq_;
  Settings settings_;
};

}  // namespace carepilot::adplatform
