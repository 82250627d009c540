-- Each fact of a forecast entry keeps the version of the event that told it, so that events arriving out of order
-- end in the deal's latest state (a close date revised before a stage change, arriving after it). Existing rows
-- count every fact they hold as told by their newest event; a fact they lack stays open to any event that tells it.
ALTER TABLE forecast_entries
    ADD COLUMN owner_version       bigint NOT NULL DEFAULT 0,
    ADD COLUMN stage_version       bigint NOT NULL DEFAULT 0,
    ADD COLUMN probability_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN amount_version      bigint NOT NULL DEFAULT 0,
    ADD COLUMN close_on_version    bigint NOT NULL DEFAULT 0,
    ADD COLUMN closed_on_version   bigint NOT NULL DEFAULT 0;
UPDATE forecast_entries SET
    owner_version       = CASE WHEN owner_id    IS NULL THEN 0 ELSE version END,
    stage_version       = CASE WHEN stage       IS NULL THEN 0 ELSE version END,
    probability_version = CASE WHEN probability IS NULL THEN 0 ELSE version END,
    amount_version      = CASE WHEN amount      IS NULL THEN 0 ELSE version END,
    close_on_version    = CASE WHEN close_on    IS NULL THEN 0 ELSE version END,
    closed_on_version   = CASE WHEN closed_on   IS NULL THEN 0 ELSE version END;
