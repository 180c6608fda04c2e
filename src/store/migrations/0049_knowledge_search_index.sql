-- Issue 20 (search speed): PostgreSQL's index of the knowledge search is read by every search
-- and written only when staff edit an entry. With GIN's default fast update, new entries wait
-- in an unsorted pending list that every search scans until a VACUUM merges it: after loading
-- 20,000 offers a search took 8 ms instead of under 1 ms. Entries are now written into the
-- index at once, and what waits in the list is merged. SQLite's FTS5 index has no such list.
@POSTGRESQL@ ALTER INDEX knowledge_entries_search SET (fastupdate = off);
@POSTGRESQL@ SELECT gin_clean_pending_list('knowledge_entries_search'::regclass);
