-- The history of an establishment's two-factor coverage (issue 16: « the share of accesses
-- covered by a compliant two-factor means … with its history »): one row per day on which a
-- write changed the identification inventory, holding the coverage that write left (the
-- last write of a day wins). Written by identification::Repository in the write's own
-- transaction; read by the identification page's chart and the API. Never deleted.
CREATE TABLE mie_coverage_history (
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  accesses @BIGINT@ NOT NULL CHECK (accesses >= 0),
  covered @BIGINT@ NOT NULL CHECK (covered >= 0 AND covered <= accesses),
  PRIMARY KEY (establishment_id, day)
);
