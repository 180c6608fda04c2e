-- Evidence emitted by a module (an exercise, an assessment, a PAQ action …) names its source
-- ("crisis_exercise:12"), so that the module replaces it when the work changes. Evidence
-- entered by hand has an empty source.
ALTER TABLE evidence ADD COLUMN source TEXT NOT NULL DEFAULT '';
CREATE INDEX evidence_source ON evidence(establishment_id, source);
