-- A sales manager's own judgement of each deal's forecast category (ForecastUpdated.ManagerCategory), kept beside the
-- owner's, for the roll-ups as the managers judge.
ALTER TABLE forecast_entries
    ADD COLUMN IF NOT EXISTS manager_category text NULL,
    ADD COLUMN IF NOT EXISTS manager_category_version bigint NOT NULL DEFAULT 0;
