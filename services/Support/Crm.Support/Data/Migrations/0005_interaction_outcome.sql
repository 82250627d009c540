-- How an interaction went (Connected, LeftMessage, NoAnswer, Held, NoShow, Sent), for the activity reports; null when
-- whoever logged it did not say, as for every interaction logged before.
ALTER TABLE interactions ADD COLUMN IF NOT EXISTS outcome text NULL;
