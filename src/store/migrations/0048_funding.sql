-- Issue 18: candidatures to the CaRE funding calls of data/funding/calls.yaml, from the
-- candidature to the payment. One candidature per call and candidate (a GHT: `ght:ID`, an
-- establishment outside a GHT: `est:ID`), refused twice by the unique key. The state is the
-- candidature's row; every transition is an event (dated, attributed) and an audit entry.
-- Declarations are frozen dossiers (JSON text and its SHA-256), never changed: a completion asked
-- by the ARS is a new declaration. Amounts in cents.
CREATE TABLE funding_candidatures (
  id @PK@,
  call_id TEXT NOT NULL,
  candidate_kind TEXT NOT NULL,
  candidate_key TEXT NOT NULL,
  ght_id @BIGINT@ REFERENCES ghts(id) ON DELETE CASCADE,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  region_code TEXT NOT NULL,
  state TEXT NOT NULL,
  amount_requested_cents @BIGINT@ NOT NULL,
  amount_granted_cents @BIGINT@,
  amount_paid_cents @BIGINT@,
  paid_on TEXT,
  establishments TEXT NOT NULL,
  contacts TEXT NOT NULL,
  prerequisites TEXT NOT NULL,
  exception_until TEXT,
  exception_reason TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (call_id, candidate_key)
);
CREATE INDEX funding_candidatures_region ON funding_candidatures(region_code, call_id, state);
CREATE INDEX funding_candidatures_ght ON funding_candidatures(ght_id);
CREATE INDEX funding_candidatures_establishment ON funding_candidatures(establishment_id);

CREATE TABLE funding_declarations (
  id @PK@,
  candidature_id @BIGINT@ NOT NULL REFERENCES funding_candidatures(id) ON DELETE CASCADE,
  dossier TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  filed_at TEXT NOT NULL,
  filed_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX funding_declarations_candidature ON funding_declarations(candidature_id, id);

-- Files uploaded as the proof of an objective or a prerequisite (checked by
-- common/attachment.hpp), base64 with their SHA-256; the dossier names them by id and digest.
CREATE TABLE funding_files (
  id @PK@,
  candidature_id @BIGINT@ NOT NULL REFERENCES funding_candidatures(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes @BIGINT@ NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX funding_files_candidature ON funding_files(candidature_id);

-- The ARS's verdict on each objective of a declaration: accepted, more_requested, refused.
CREATE TABLE funding_verifications (
  id @PK@,
  candidature_id @BIGINT@ NOT NULL REFERENCES funding_candidatures(id) ON DELETE CASCADE,
  declaration_id @BIGINT@ NOT NULL REFERENCES funding_declarations(id) ON DELETE CASCADE,
  objective_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  by_user TEXT NOT NULL DEFAULT '',
  UNIQUE (declaration_id, objective_id)
);

-- Every transition and message: filed, validated, refused, declared, verified, request, answer,
-- exception, decided, paid.
CREATE TABLE funding_events (
  id @PK@,
  candidature_id @BIGINT@ NOT NULL REFERENCES funding_candidatures(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}',
  on_day TEXT NOT NULL,
  at TEXT NOT NULL,
  by_user TEXT NOT NULL DEFAULT ''
);
CREATE INDEX funding_events_candidature ON funding_events(candidature_id, id);
