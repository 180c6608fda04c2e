-- Electronic identification of professionals (MIE, issue 16; docs/identification.md): per
-- establishment, the populations of users with their headcount (one per kind of
-- data/identification), the access points (local or remote), and for each population ×
-- access point the means of identification in use, the people it covers (<= headcount), the
-- means planned with its date, and the homologation of the means in use. Every change
-- re-emits the establishment's mfa_coverage (source "mfa_coverage") and mfa_trajectory
-- (source "mfa_trajectory") evidence.
CREATE TABLE mie_populations (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  headcount INTEGER NOT NULL CHECK (headcount >= 0),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  UNIQUE (establishment_id, kind)
);

CREATE TABLE mie_access_points (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  location TEXT NOT NULL CHECK (location IN ('local', 'remote')),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  UNIQUE (establishment_id, name)
);

CREATE TABLE mie_cells (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  population_id @BIGINT@ NOT NULL REFERENCES mie_populations(id) ON DELETE CASCADE,
  access_point_id @BIGINT@ NOT NULL REFERENCES mie_access_points(id) ON DELETE CASCADE,
  means TEXT NOT NULL,
  covered INTEGER NOT NULL CHECK (covered >= 0),
  planned_means TEXT NOT NULL DEFAULT '',
  planned_date TEXT,
  homologation_date TEXT,
  homologation_decision TEXT,
  homologation_reserves TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  UNIQUE (population_id, access_point_id)
);
CREATE INDEX mie_cells_establishment ON mie_cells(establishment_id);
