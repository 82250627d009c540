-- How a logged interaction went (Connected, LeftMessage, NoAnswer, Held, NoShow, Sent), for the activity and call
-- reports; null when whoever logged it did not say, as for every activity logged before.
ALTER TABLE activities ADD COLUMN IF NOT EXISTS outcome text NULL;
