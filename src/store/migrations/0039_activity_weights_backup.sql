-- The activity weight of an establishment within its GHT or legal entity (issue 15; CaRE
-- domain 2, D2.O1.C and D2.O1.D: the share of combined activity covered by BIA-based plans
-- and by tested plans is weighed by it). The measure (e.g. the yearly operating budget) is
-- data (data/continuity/ght_coverage.yaml); `measure` records the one the number was given
-- in. An establishment without a row has no declared weight and is listed as such, never
-- counted. A change replaces the row; the audit trail keeps the previous value.
CREATE TABLE establishment_activity_weights (
  establishment_id @BIGINT@ PRIMARY KEY REFERENCES establishments(id) ON DELETE CASCADE,
  weight DOUBLE PRECISION NOT NULL CHECK (weight >= 0),
  measure TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT ''
);

-- The backup posture self-declaration of an establishment (issue 15; CaRE domain 2, D2.O2 and
-- D2.O3; the points are data: data/continuity/backup.yaml): per point, versions of an answer
-- (yes, partial, no) with its date, for independent authentication the way the backup
-- infrastructure authenticates (mode, second factor, a dedicated directory's ADS level, read
-- from an AD audit of the establishment when one is linked), a note and the evidence (one file
-- through common/attachment.hpp, base64). The latest version not withdrawn counts; a version
-- is withdrawn with a reason, never deleted, its evidence kept.
CREATE TABLE continuity_backup_declarations (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  point TEXT NOT NULL,
  version INTEGER NOT NULL,
  answer TEXT NOT NULL,
  declared_on TEXT NOT NULL,
  auth_mode TEXT NOT NULL DEFAULT '',
  second_factor INTEGER,
  ad_level INTEGER,
  ad_audit_id @BIGINT@ REFERENCES ad_audits(id),
  note TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  size_bytes @BIGINT@ NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL DEFAULT '',
  content_base64 TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT,
  UNIQUE (establishment_id, point, version)
);
CREATE INDEX continuity_backup_establishment ON continuity_backup_declarations(establishment_id);
