-- Issue 15 trial. 1. The `continuity_plan` evidence a continuity plan emits says whether the
-- plan covers the mandatory « indisponibilité informatique » scenario (`covers_it_outage`),
-- which pca-pra now asks for (a plan without it met the obligation and counted in the GHT's
-- 66 %). The evidence emitted before this migration is given the plan's answer; evidence typed
-- by hand is left as it was (without the field it does not count: the scenario is not said).
@SQLITE@ UPDATE evidence SET payload = json_set(payload, '$.covers_it_outage',
  json(CASE WHEN (SELECT p.covers_it_outage FROM continuity_plans p
                  WHERE 'continuity_plan:' || p.id = evidence.source) <> 0
            THEN 'true' ELSE 'false' END))
WHERE source LIKE 'continuity_plan:%'
  AND EXISTS (SELECT 1 FROM continuity_plans p WHERE 'continuity_plan:' || p.id = evidence.source);
@POSTGRESQL@ UPDATE evidence SET payload = (payload::jsonb || jsonb_build_object('covers_it_outage',
  p.covers_it_outage <> 0))::text
FROM continuity_plans p
WHERE evidence.source LIKE 'continuity_plan:%' AND evidence.source = 'continuity_plan:' || p.id;

-- 2. The services involved in a plan test (the register's activities), each with the
-- interruption observed for it during a test held (minutes; NULL: not measured), set against
-- the DMIA of its activity's BIA on the page, the API and the workbook.
CREATE TABLE continuity_plan_test_services (
  id @PK@,
  test_id @BIGINT@ NOT NULL REFERENCES continuity_plan_tests(id) ON DELETE CASCADE,
  activity_id @BIGINT@ NOT NULL REFERENCES continuity_activities(id) ON DELETE CASCADE,
  observed_minutes INTEGER,
  UNIQUE (test_id, activity_id)
);
CREATE INDEX continuity_plan_test_services_test ON continuity_plan_test_services(test_id);
