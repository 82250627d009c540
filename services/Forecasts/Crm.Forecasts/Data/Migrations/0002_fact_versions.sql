-- Each fact of a forecast entry keeps the version of the event that told it, so that events arriving out of order
-- end in the deal's latest state (a close date revised before a stage change, arriving after it). Existing rows
-- count every fact as told by their newest event.
ALTER TABLE forecast_entries
    ADD COLUMN owner_version       bigint NOT NULL DEFAULT 0,
    ADD COLUMN stage_version       bigint NOT NULL DEFAULT 0,
    ADD COLUMN probability_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN amount_version      bigint NOT NULL DEFAULT 0,
    ADD COLUMN close_on_version    bigint NOT NULL DEFAULT 0,
    ADD COLUMN closed_on_version   bigint NOT NULL DEFAULT 0;
UPDATE forecast_entries SET owner_version = version, stage_version = version, probability_version = version,
    amount_version = version, close_on_version = version, closed_on_version = version;
