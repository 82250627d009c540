-- An activity is an aggregate of its own, like every record that raises events: it is logged once, at version 1.
ALTER TABLE activities ADD COLUMN version bigint NOT NULL DEFAULT 1;
