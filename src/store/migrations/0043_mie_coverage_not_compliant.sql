-- The crossings population × access point that are an access and not compliant (non-compliant
-- or planned) at each measure of the identification inventory (issue 16 trial: a population
-- of 0 people on a non-compliant crossing weighs nothing in the covered share, and the
-- territory counted the establishment « tous les accès conformes » while its matrix had a
-- non-compliant crossing). NULL for the measures taken before this column: unknown, so such a
-- measure never counts as compliant until the inventory's next write.
ALTER TABLE mie_coverage_history ADD COLUMN not_compliant INTEGER;
