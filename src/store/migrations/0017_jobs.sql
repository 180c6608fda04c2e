-- The job queue (docs/jobs.md). A job is claimed by one instance at a time: on PostgreSQL
-- with SELECT … FOR UPDATE SKIP LOCKED, on SQLite under the single writer (BEGIN IMMEDIATE).
-- A claimed job carries a lease (locked_until, Unix seconds); a job whose process died is
-- claimed again once its lease has expired. Times are Unix seconds (UTC).
-- state: pending | running | done | failed. dedupe_key: one row per key (a recurring
-- occurrence is enqueued once, however many instances try).
CREATE TABLE jobs (
  id @PK@,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  dedupe_key TEXT UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
  run_at @BIGINT@ NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  locked_by TEXT,
  locked_until @BIGINT@,
  last_error TEXT NOT NULL DEFAULT '',
  created_at @BIGINT@ NOT NULL,
  started_at @BIGINT@,
  finished_at @BIGINT@
);
CREATE INDEX jobs_due ON jobs(state, run_at);

-- Weekly reminder digest (docs/jobs.md): each user may turn it off on the account page
-- (default on); one row per user and ISO week sent, so that a week is never sent twice.
ALTER TABLE users ADD COLUMN weekly_digest INTEGER NOT NULL DEFAULT 1;
CREATE TABLE reminder_digests (
  user_id @BIGINT@ NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  week TEXT NOT NULL,
  sent_on TEXT NOT NULL,
  sent_at @BIGINT@ NOT NULL,
  PRIMARY KEY (user_id, week)
);
