-- Monthly snapshots of compliance (docs/evidence.md, "Tendances et relevés mensuels"):
-- the engine's evaluation of every establishment as of the last day of a month, summarised
-- per scope and per obligation, kept for years. Written by evidence::snapshot_month, one
-- month in one transaction (a new snapshot of a month replaces the old one).
CREATE TABLE snapshot_months (
  month TEXT PRIMARY KEY,
  as_of TEXT NOT NULL,
  establishments INTEGER NOT NULL,
  computed_at TEXT NOT NULL
);
-- with_demo: 1 when demonstration establishments (is_demo) are counted, 0 when left out.
-- scope_kind: nation (scope_key ''), region (code), ght (id), category (sanitaire, medico_social).
-- median_met_bp: median over the scope's establishments of met / applicable, in 1/10000;
-- NULL when no establishment of the scope has an applicable obligation.
CREATE TABLE snapshot_scopes (
  month TEXT NOT NULL REFERENCES snapshot_months(month) ON DELETE CASCADE,
  with_demo INTEGER NOT NULL,
  scope_kind TEXT NOT NULL,
  scope_key TEXT NOT NULL,
  establishments INTEGER NOT NULL,
  median_met_bp INTEGER,
  PRIMARY KEY (month, with_demo, scope_kind, scope_key)
);
CREATE TABLE snapshot_obligations (
  month TEXT NOT NULL REFERENCES snapshot_months(month) ON DELETE CASCADE,
  with_demo INTEGER NOT NULL,
  scope_kind TEXT NOT NULL,
  scope_key TEXT NOT NULL,
  obligation_id TEXT NOT NULL,
  met INTEGER NOT NULL,
  due INTEGER NOT NULL,
  overdue INTEGER NOT NULL,
  not_applicable INTEGER NOT NULL,
  applicable INTEGER NOT NULL,
  PRIMARY KEY (with_demo, scope_kind, scope_key, obligation_id, month)
);
-- One row per establishment and month, with the region, GHT and category it had then;
-- overdue_ids: its overdue obligations, comma-separated in referential order.
CREATE TABLE snapshot_establishments (
  month TEXT NOT NULL REFERENCES snapshot_months(month) ON DELETE CASCADE,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  is_demo INTEGER NOT NULL,
  region_code TEXT NOT NULL,
  ght_id @BIGINT@,
  category TEXT NOT NULL,
  met INTEGER NOT NULL,
  due INTEGER NOT NULL,
  overdue INTEGER NOT NULL,
  not_applicable INTEGER NOT NULL,
  applicable INTEGER NOT NULL,
  overdue_ids TEXT NOT NULL,
  PRIMARY KEY (month, establishment_id)
);
CREATE INDEX snapshot_establishments_by_establishment ON snapshot_establishments(establishment_id, month);
