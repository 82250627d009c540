-- A sales manager's own judgement of a deal's forecast category, kept beside the owner's, and who gave it.
ALTER TABLE opportunities
    ADD COLUMN IF NOT EXISTS manager_category text NULL,
    ADD COLUMN IF NOT EXISTS judged_by text NULL;
