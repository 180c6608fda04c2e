-- Per-establishment summary of compliance_status (docs/evidence.md, "Stored compliance"): one
-- row per establishment that has stored rows, written in the same transaction as its rows
-- (evidence::recompute_one / recompute_some / recompute_all), so that the number of late
-- establishments of a scope and its most overdue establishments are an index lookup instead
-- of a COUNT(DISTINCT …) and a GROUP BY over every overdue row.
--   overdue        number of its obligations whose status is overdue (0: not late)
--   max_days_late  the largest days_late among them (0 when none)
--   name_search    establishments.name_search (the order of the lists, then the id)
--   region_code, ght_id (0: none), is_demo   as in establishments (the scope filters)
--   computed_for   the date its rows were computed for (Europe/Paris, YYYY-MM-DD)
-- `carepilot compliance verify` checks every row against a recount of compliance_status and
-- the establishment's registry record.
CREATE TABLE compliance_summary (
  establishment_id @BIGINT@ PRIMARY KEY REFERENCES establishments(id) ON DELETE CASCADE,
  overdue INTEGER NOT NULL,
  max_days_late INTEGER NOT NULL,
  name_search TEXT NOT NULL,
  region_code TEXT NOT NULL,
  ght_id @BIGINT@ NOT NULL,
  is_demo INTEGER NOT NULL,
  computed_for TEXT NOT NULL
);

-- Late establishments only (partial indexes), in the order of the lists: the most overdue
-- obligations first, then by name; per region and per GHT for the filtered dashboards.
CREATE INDEX compliance_summary_late ON compliance_summary(overdue DESC, name_search, establishment_id) WHERE overdue > 0;
CREATE INDEX compliance_summary_region_late ON compliance_summary(region_code, overdue DESC, name_search, establishment_id) WHERE overdue > 0;
CREATE INDEX compliance_summary_ght_late ON compliance_summary(ght_id, overdue DESC, name_search, establishment_id) WHERE overdue > 0;

-- Backfill of an upgraded database from the rows already stored (the same recount as
-- evidence::recompute_set and verify); an establishment without rows gets none here either,
-- and the next recomputation writes both.
INSERT INTO compliance_summary (establishment_id, overdue, max_days_late, name_search, region_code, ght_id, is_demo, computed_for)
SELECT c.establishment_id,
       SUM(CASE WHEN c.status = 'overdue' THEN 1 ELSE 0 END),
       MAX(CASE WHEN c.status = 'overdue' THEN COALESCE(c.days_late, 0) ELSE 0 END),
       e.name_search, e.region_code, COALESCE(e.ght_id, 0), e.is_demo, MIN(c.computed_for)
FROM compliance_status c JOIN establishments e ON e.id = c.establishment_id
GROUP BY c.establishment_id, e.name_search, e.region_code, e.ght_id, e.is_demo;

-- Every dashboard refresh asks whether the database holds any real (not demonstration)
-- establishment (registry::Repository::real_establishments, docs/registry.md): counted over
-- this partial index instead of a scan of every establishment.
CREATE INDEX establishments_real ON establishments(id) WHERE is_demo = 0;
