-- The crossings population × access point left blank at each measure of the identification
-- inventory (issue 16 trial: the territory counted an establishment « tous les accès
-- conformes » while crossings of its matrix were still blank: a blank crossing is not known
-- to be fine). NULL for the measures taken before this column: unknown, so such a measure
-- never counts as compliant until the inventory's next write.
ALTER TABLE mie_coverage_history ADD COLUMN blanks INTEGER;
