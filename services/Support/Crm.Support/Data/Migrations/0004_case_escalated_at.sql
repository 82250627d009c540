-- When a case was escalated last, for the shared timeline (cases escalated before this migration have none).
ALTER TABLE cases ADD COLUMN escalated_at timestamptz;
