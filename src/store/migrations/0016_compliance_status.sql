-- Stored compliance (docs/evidence.md, "Stored compliance"): the engine's output, one row per
-- establishment and obligation, kept current in the same transaction as every write that
-- changes the establishment's evidence or registry record, and recomputed for the whole
-- nation when the date changes (`carepilot compliance recompute`). Dashboards, lists of late
-- establishments and exports read these rows with SQL aggregates; `carepilot compliance
-- verify` proves they equal a fresh evaluation.
--   status        met | due | overdue | not_applicable (engine::status_name)
--   status_since  the first date it was computed in this status (kept while unchanged)
--   evidence_ids  the ids of the evidence records the engine used, comma-separated
--   computed_for  the date (Europe/Paris, YYYY-MM-DD) the status was evaluated as of
--   computed_at   when the row was written (UTC, ISO 8601)
CREATE TABLE compliance_status (
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  obligation TEXT NOT NULL,
  status TEXT NOT NULL,
  status_since TEXT NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  deadline TEXT,
  days_left INTEGER,
  days_late INTEGER,
  period TEXT NOT NULL DEFAULT '',
  evidence_ids TEXT NOT NULL DEFAULT '',
  computed_for TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  -- Where the establishment stood when the row was written (for compliance_counts).
  region_code TEXT NOT NULL DEFAULT '',
  ght_id @BIGINT@ NOT NULL DEFAULT 0,
  is_demo INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (establishment_id, obligation)
);

CREATE INDEX compliance_status_computed_for ON compliance_status(computed_for);
CREATE INDEX compliance_status_overdue ON compliance_status(status, establishment_id);

-- The rows of compliance_status counted per (region, GHT (0: none), demonstration flag,
-- obligation, status), kept by delta in the same transactions: a national dashboard is a SUM
-- over a few thousand rows instead of a scan of every establishment's rows.
CREATE TABLE compliance_counts (
  region_code TEXT NOT NULL,
  ght_id @BIGINT@ NOT NULL,
  is_demo INTEGER NOT NULL,
  obligation TEXT NOT NULL,
  status TEXT NOT NULL,
  n @BIGINT@ NOT NULL,
  PRIMARY KEY (region_code, ght_id, is_demo, obligation, status)
);

-- Generations per scope (store/scope_generation.hpp): a write about an establishment bumps
-- the counters of the scopes that contain it ("nation", "region:52", "ght:7",
-- "establishment:123") in its own transaction, so cached dashboards of other scopes stay
-- valid, also across several instances sharing one PostgreSQL.
CREATE TABLE scope_generation (
  scope TEXT PRIMARY KEY,
  value @BIGINT@ NOT NULL DEFAULT 0
);
