-- Evidence is never deleted (issue 12): a record is withdrawn with a reason, by whom and
-- when. A withdrawn record (withdrawn_at not NULL) no longer counts for compliance but stays
-- in the establishment's history; the audit trail holds the act.
ALTER TABLE evidence ADD COLUMN withdrawn_at TEXT;
ALTER TABLE evidence ADD COLUMN withdrawn_by TEXT;
ALTER TABLE evidence ADD COLUMN withdrawal_reason TEXT;

-- Documents carried by evidence records (issue 12, point 2): one row per version, never
-- updated nor deleted by the application (a record's documents go only with its
-- establishment). A new upload under the same title is the next version.
CREATE TABLE evidence_documents (
  id @PK@,
  evidence_id @BIGINT@ NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  version INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes @BIGINT@ NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  author TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  UNIQUE (evidence_id, title, version)
);
