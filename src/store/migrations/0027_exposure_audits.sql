-- Internet exposure audits run from the platform (issue 17): a scan (nmap XML, masscan XML or
-- JSON) uploaded from an establishment's pages and analysed by a background job
-- (`exposure.run`). The scan lives on disk (exposure_dir) until its job ends; the result JSON
-- (with the diff against the previous audit) and the HTML report are documents
-- (evidence_documents, with their SHA-256) of the `exposure_audit` evidence the job records.
CREATE TABLE exposure_audits (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  state TEXT NOT NULL,                 -- queued | running | done | failed
  file_name TEXT NOT NULL,
  file_format TEXT NOT NULL,           -- nmap_xml | masscan_xml | masscan_json
  size_bytes @BIGINT@ NOT NULL,
  sha256 TEXT NOT NULL,
  stored_path TEXT NOT NULL DEFAULT '',  -- the scan on disk while it waits; '' after
  as_of TEXT NOT NULL,                 -- the audit's day (ISO)
  job_id @BIGINT@,
  error TEXT NOT NULL DEFAULT '',      -- French, when failed
  score @BIGINT@,
  counts TEXT NOT NULL DEFAULT '{}',   -- findings by severity
  hosts INTEGER NOT NULL DEFAULT 0,
  open_ports INTEGER NOT NULL DEFAULT 0,
  previous_id @BIGINT@,                -- the audit the diff was made against
  evidence_id @BIGINT@,
  result_document_id @BIGINT@,
  report_document_id @BIGINT@,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  finished_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exposure_audits_establishment ON exposure_audits (establishment_id, id);
