-- The audit trail (docs/audit.md): every change of stored data, appended to a hash chain.
-- Each row's hash covers the previous row's hash and the row's own fields, so editing,
-- deleting or reordering a row breaks the chain from that row on. No foreign key: the trail
-- outlives the rows it describes.
CREATE TABLE audit_log (
  seq @BIGINT@ PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  remote TEXT NOT NULL,
  request_id TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  establishment_id @BIGINT@,
  region_code TEXT,
  summary TEXT NOT NULL,
  before_digest TEXT NOT NULL,
  after_digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE INDEX audit_log_establishment ON audit_log(establishment_id, seq);
CREATE INDEX audit_log_region ON audit_log(region_code, seq);

-- The head of the chain: one row, locked by every append (UPDATE first), so that appends
-- from several processes are serialised.
CREATE TABLE audit_head (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  seq @BIGINT@ NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
