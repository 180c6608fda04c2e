-- Maturity self-assessments (docs/assessment.md): one assessment per establishment and year
-- (a draft until declared), its answers and their attachments, and the declaration that
-- freezes it (an immutable JSON snapshot with its SHA-256 digest). A declaration emits one
-- maturity_assessment evidence record (source "maturity_assessment:YEAR").
CREATE TABLE assessments (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  framework_id TEXT NOT NULL,
  framework_version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'declared')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (establishment_id, year)
);

CREATE TABLE assessment_answers (
  id @PK@,
  assessment_id @BIGINT@ NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  requirement_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  UNIQUE (assessment_id, requirement_id)
);

-- The file's bytes as base64 TEXT (identical handling on both backends); 5 MiB at most.
CREATE TABLE assessment_attachments (
  id @PK@,
  assessment_id @BIGINT@ NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  requirement_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes @BIGINT@ NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assessment_attachments_assessment ON assessment_attachments(assessment_id, requirement_id);

CREATE TABLE assessment_declarations (
  id @PK@,
  assessment_id @BIGINT@ NOT NULL UNIQUE REFERENCES assessments(id) ON DELETE CASCADE,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  declared_date TEXT NOT NULL,
  declared_on TEXT NOT NULL,
  score INTEGER NOT NULL,
  snapshot TEXT NOT NULL,
  digest TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
);
