-- Issue 10: pending invitations can be revoked; an account disabled by a manager remembers
-- the level of that manager (establishment, ght, region, nation), since only that level or
-- above may re-enable it.
ALTER TABLE invitations ADD COLUMN revoked_at TEXT;
ALTER TABLE users ADD COLUMN disabled_level TEXT NOT NULL DEFAULT '';
-- Exercise scenarios: the shared list is national (region_code ''); a regional manager's
-- additions are offered in their region only.
ALTER TABLE exercise_scenarios ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
