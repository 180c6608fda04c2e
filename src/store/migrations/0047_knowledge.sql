-- Issue 20: the knowledge base (FAQ, PGSSI-S referentials and guides, funding objectives, the
-- catalogue of cyber offers, programme dates), loaded from data/knowledge at start-up and
-- edited by national and regional staff. `audiences` and `obligations` are space-separated
-- codes with a space at each end (" pca-pra bia-critical "), so that LIKE '% code %' finds one.
-- `search_title` and `search_body` are the Snowball-French-stemmed, accent-free index terms the
-- application computes (src/knowledge/text.hpp); each database indexes them: FTS5 on SQLite,
-- the `french` text-search configuration on PostgreSQL.
CREATE TABLE knowledge_entries (
  id @PK@,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  theme TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  audiences TEXT NOT NULL,
  obligations TEXT NOT NULL,
  title TEXT NOT NULL,
  sort_date TEXT,
  payload TEXT NOT NULL,
  search_title TEXT NOT NULL,
  search_body TEXT NOT NULL,
  origin TEXT NOT NULL DEFAULT 'data',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX knowledge_entries_kind ON knowledge_entries(kind, title);
@SQLITE@ CREATE VIRTUAL TABLE knowledge_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
@POSTGRESQL@ ALTER TABLE knowledge_entries ADD COLUMN search_vec tsvector
  GENERATED ALWAYS AS (to_tsvector('french'::regconfig, search_title || ' ' || search_body)) STORED;
@POSTGRESQL@ CREATE INDEX knowledge_entries_search ON knowledge_entries USING GIN (search_vec);
-- The shipped entries national staff deleted: start-up loading does not bring them back.
CREATE TABLE knowledge_deleted (
  code TEXT PRIMARY KEY
);
