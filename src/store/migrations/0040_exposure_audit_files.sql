-- One exposure audit from several scan files (issue 17: a campaign split across files, as
-- `carepilot exposure run --input A --input B` reads it): each file of an audit with its name
-- as sent, its format, size and SHA-256 (the duplicate check reads them), in the order sent,
-- and where it waits on disk for the job ('' after). exposure_audits keeps the set's totals:
-- size_bytes is the sum, sha256 that of the single file (or of the set's files' SHA-256
-- in order), file_name the names as sent joined by ", ". Audits from before have no row
-- here: their file is the one of exposure_audits.
CREATE TABLE exposure_audit_files (
  id @PK@,
  audit_id @BIGINT@ NOT NULL REFERENCES exposure_audits(id) ON DELETE CASCADE,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  file_format TEXT NOT NULL,           -- nmap_xml | masscan_xml | masscan_json
  size_bytes @BIGINT@ NOT NULL,
  sha256 TEXT NOT NULL,
  stored_path TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exposure_audit_files_audit ON exposure_audit_files (audit_id, position);
CREATE INDEX exposure_audit_files_sha ON exposure_audit_files (establishment_id, sha256);
