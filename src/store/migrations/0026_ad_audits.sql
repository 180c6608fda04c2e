-- Active Directory audits run from the platform (issue 14, "In the platform"): a collection
-- uploaded from an establishment's pages and audited by a background job, or an ADS report
-- (ANSSI) recorded with its level. The uploaded collection lives on disk (ad_audit_dir) until
-- its job ends; the result JSON and the HTML report are documents (evidence_documents, with
-- their SHA-256) of the `ad_audit` evidence the job records.
CREATE TABLE ad_audits (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                  -- collection | ads
  state TEXT NOT NULL,                 -- queued | running | done | failed
  file_name TEXT NOT NULL,
  file_format TEXT NOT NULL,           -- zip | ldif | pdf
  size_bytes @BIGINT@ NOT NULL,
  sha256 TEXT NOT NULL,
  stored_path TEXT NOT NULL DEFAULT '',  -- the collection on disk while it waits; '' after
  as_of TEXT NOT NULL,                 -- the audit's day (ISO)
  job_id @BIGINT@,
  error TEXT NOT NULL DEFAULT '',      -- French, when failed
  level INTEGER,                       -- the level retained (the floor when incomplete)
  level_bounded INTEGER NOT NULL DEFAULT 0,
  complete INTEGER NOT NULL DEFAULT 1,
  counts TEXT NOT NULL DEFAULT '{}',   -- failing findings by severity
  evidence_id @BIGINT@,
  result_document_id @BIGINT@,
  report_document_id @BIGINT@,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  finished_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ad_audits_establishment ON ad_audits (establishment_id, id);
