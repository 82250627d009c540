-- Who won or lost a deal, and every move between stages with who made it, for the shared timeline.
ALTER TABLE opportunities ADD COLUMN closed_by text;
CREATE TABLE stage_changes (
    change_id      uuid PRIMARY KEY,
    opportunity_id uuid        NOT NULL REFERENCES opportunities (opportunity_id) ON DELETE CASCADE,
    version        bigint      NOT NULL,
    from_stage     text        NOT NULL,
    to_stage       text        NOT NULL,
    changed_at     timestamptz NOT NULL,
    changed_by     text        NOT NULL
);
CREATE INDEX stage_changes_opportunity ON stage_changes (opportunity_id, version);
