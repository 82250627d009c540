-- When Inside Sales qualified the lead, for the shared timeline (leads qualified before this migration have none).
ALTER TABLE leads ADD COLUMN qualified_at timestamptz;
