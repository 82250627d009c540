-- Lead scoring: the score (0 to 100) and its reasons, kept with the lead and updated with every change, so that lists
-- sort and segments filter by it in the database. Leads scored by older rules (score_rules) are scored again at
-- start, in batches (LeadRescoring); engagement counts what the score needs from events.
ALTER TABLE leads
    ADD COLUMN calls_answered      integer NOT NULL DEFAULT 0,
    ADD COLUMN meetings            integer NOT NULL DEFAULT 0,
    ADD COLUMN score               integer NOT NULL DEFAULT 0,
    ADD COLUMN score_contributions jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN score_rules         integer NOT NULL DEFAULT 0;

CREATE INDEX leads_score_rules ON leads (score_rules);
