-- Continuity work of an establishment (issue 15; src/continuity/): the register of activities
-- to protect (care services, critical administrative processes, technical platforms) with
-- their owner and share of the establishment's activity (hundredths of a percent), the IT
-- resources they depend on, the business impact analyses (BIA) of each activity — versions
-- kept, the latest validated one counting — and the continuity plans (PCA, PRA, PCRA, PCRI)
-- with their tests. Nothing is deleted: a row is withdrawn with a reason (0022) and kept.
-- A validated BIA of an activity linked to a service emits `bia` evidence (source
-- "continuity_bia:ACTIVITY"); a plan emits `continuity_plan` evidence (source
-- "continuity_plan:PLAN"), which carries the plan's documents (evidence_documents).
CREATE TABLE continuity_resources (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('application', 'infrastructure')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT
);
CREATE INDEX continuity_resources_establishment ON continuity_resources(establishment_id);

CREATE TABLE continuity_activities (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('care_service', 'admin_process', 'technical_platform')),
  service TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL,
  share_hundredths INTEGER NOT NULL CHECK (share_hundredths >= 0 AND share_hundredths <= 10000),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT
);
CREATE INDEX continuity_activities_establishment ON continuity_activities(establishment_id);

-- Which resources an activity depends on (set with the activity).
CREATE TABLE continuity_activity_resources (
  activity_id @BIGINT@ NOT NULL REFERENCES continuity_activities(id) ON DELETE CASCADE,
  resource_id @BIGINT@ NOT NULL REFERENCES continuity_resources(id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, resource_id)
);

-- One version of the BIA of an activity: the impact matrix (JSON {category: {horizon:
-- level}}) on the scale of data/continuity/bia.yaml (its version), the DMIA and PDMA derived
-- from it (NULL: tolerant beyond the longest horizon), their overrides with a
-- justification, the degraded mode and its autonomy, and the validation (who, when).
CREATE TABLE continuity_bias (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  activity_id @BIGINT@ NOT NULL REFERENCES continuity_activities(id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  scale_version INTEGER NOT NULL,
  impacts TEXT NOT NULL,
  dmia_hours INTEGER,
  pdma_hours INTEGER,
  dmia_override_hours INTEGER,
  dmia_justification TEXT NOT NULL DEFAULT '',
  pdma_override_hours INTEGER,
  pdma_justification TEXT NOT NULL DEFAULT '',
  degraded_mode TEXT NOT NULL DEFAULT '',
  autonomy_hours INTEGER,
  validated_by TEXT NOT NULL DEFAULT '',
  validated_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT,
  UNIQUE (activity_id, version)
);
CREATE INDEX continuity_bias_establishment ON continuity_bias(establishment_id);

-- A continuity plan: kind, scope (global, or the services it covers: JSON list of service
-- codes), the scenarios it covers (one per line) and whether the mandatory « indisponibilité
-- informatique » scenario is among them, its version, validation (who, when) and review date.
CREATE TABLE continuity_plans (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('pca', 'pra', 'pcra', 'pcri')),
  title TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('global', 'service')),
  services TEXT NOT NULL DEFAULT '[]',
  scenarios TEXT NOT NULL DEFAULT '',
  covers_it_outage INTEGER NOT NULL DEFAULT 0,
  version TEXT NOT NULL,
  validated_by TEXT NOT NULL,
  validated_on TEXT NOT NULL,
  review_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT
);
CREATE INDEX continuity_plans_establishment ON continuity_plans(establishment_id);

-- A test of a plan: held on a date (field exercise) or planned (held_on NULL, planned_on set:
-- the test plan), the scenario played, the longest interruption observed and what failed.
CREATE TABLE continuity_plan_tests (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  plan_id @BIGINT@ NOT NULL REFERENCES continuity_plans(id) ON DELETE CASCADE,
  held_on TEXT,
  planned_on TEXT,
  scenario TEXT NOT NULL DEFAULT '',
  observed_hours INTEGER,
  failures TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT,
  CHECK (held_on IS NOT NULL OR planned_on IS NOT NULL)
);
CREATE INDEX continuity_plan_tests_plan ON continuity_plan_tests(plan_id);
