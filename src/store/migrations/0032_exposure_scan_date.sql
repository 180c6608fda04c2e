-- An exposure audit is dated by when its scan ran, not by its upload day (user trial of the
-- exposure audit): the readers keep the scan's own time (nmap and masscan XML
-- `<nmaprun start=…>` and `<finished time=…>`, masscan JSON records' "timestamp"), stored
-- here next to the upload time (created_at) as UTC ISO timestamps, the earliest and the
-- latest. as_of, the audit's day (series, comparison, evidence), is the Paris day of
-- scan_from; '' when the scan file gives no time, and as_of is then the upload day.
ALTER TABLE exposure_audits ADD COLUMN scan_from TEXT NOT NULL DEFAULT '';
ALTER TABLE exposure_audits ADD COLUMN scan_to TEXT NOT NULL DEFAULT '';
