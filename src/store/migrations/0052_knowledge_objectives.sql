-- Issue 20 trial: « Comment faire ? » on each funding objective lists the FAQ entries,
-- referentials and offers linked to it. `objectives` holds an entry's normalised objectives as
-- `obligations` holds its obligations (" D2.O1.C D2.O4 ", LIKE '% code %' finds one); the
-- stored entries take theirs from their payload.
ALTER TABLE knowledge_entries ADD COLUMN objectives TEXT NOT NULL DEFAULT ' ';
@SQLITE@ UPDATE knowledge_entries SET objectives = COALESCE(' ' || (SELECT group_concat(j.value, ' ')
  FROM json_each(knowledge_entries.payload, '$.objectives') j) || ' ', ' ');
@POSTGRESQL@ UPDATE knowledge_entries SET objectives = COALESCE(' ' || (SELECT string_agg(j.value, ' ' ORDER BY j.n)
  FROM jsonb_array_elements_text(knowledge_entries.payload::jsonb -> 'objectives') WITH ORDINALITY AS j(value, n)) || ' ', ' ');
