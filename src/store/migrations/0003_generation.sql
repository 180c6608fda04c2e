-- A counter bumped by every write (web middleware and CLI commands), read by the page cache
-- so that several instances sharing one database never serve a page older than the data.
CREATE TABLE data_generation (
  id @BIGINT@ PRIMARY KEY,
  value @BIGINT@ NOT NULL
);

INSERT INTO data_generation (id, value) VALUES (1, 0);
