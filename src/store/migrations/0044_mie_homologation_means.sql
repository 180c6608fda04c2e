-- The means a homologation was given for (issue 16 trial: a commission's decision on SMS
-- codes was counted for the OTP application planned next, and carried over when the means in
-- use changed). A homologation recorded before this column was of the means then in use, as
-- the form said (« Homologation du moyen en usage »).
ALTER TABLE mie_cells ADD COLUMN homologation_means TEXT;
UPDATE mie_cells SET homologation_means = means WHERE homologation_date IS NOT NULL;
