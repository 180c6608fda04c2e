-- The users page and GET /api/v1/users at national scale (issue 12, point 11): the search is
-- SQL over the caller's scope, so the accounts are found by their establishment (and role:
-- the establishments without a security officer), their GHT and their region without a scan.
CREATE INDEX users_establishment_role ON users(establishment_id, role);
CREATE INDEX users_ght ON users(ght_id);
CREATE INDEX users_region ON users(region_code);
