-- Evidence records of establishments (docs/evidence.md): one row per fact, its type and
-- date duplicated from the JSON payload (the record in the bundle format) for queries.
CREATE TABLE evidence (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  date TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
);

CREATE INDEX evidence_establishment ON evidence(establishment_id, date);
