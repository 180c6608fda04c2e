-- Issue 16: the HospiConnect objectives that carepilot cannot compute from the inventory
-- (framing note, maturity questionnaire, PSSI, RPPS identifiers, HR-driven accounts: data/
-- identification hospiconnect, without `derived`) are declared reached by the establishment,
-- with the day reached, a justification and the document that proves it (checked like every
-- attachment: common/attachment.hpp; stored as base64 text with its SHA-256). A declaration is
-- never deleted: withdrawn with a reason, by whom and when, and kept.
CREATE TABLE mie_hc_declarations (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  objective_id TEXT NOT NULL,
  reached_on TEXT NOT NULL,
  justification TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes @BIGINT@ NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT
);
CREATE INDEX mie_hc_declarations_establishment ON mie_hc_declarations(establishment_id, objective_id);
