-- Drip marketing: segments (saved filters over leads), cadences (steps for a segment), each lead's way through a
-- cadence, the touches sent and the calls asked of Inside Sales. The scheduler's own tables (Quartz, clustered) are
-- created by the migration the Quartz module adds (QuartzSchema), from the script Quartz ships.

-- When the person behind a lead was erased: a cadence stops for them.
ALTER TABLE leads ADD COLUMN erased_at timestamptz;

CREATE TABLE segments (
    segment_id uuid PRIMARY KEY,
    position   bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    name       text        NOT NULL,
    -- {"sources": [...], "campaignIds": [...], "industries": [...], "countries": [...], "personas": [...]}
    filter     jsonb       NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE cadences (
    cadence_id       uuid PRIMARY KEY,
    position         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    name             text        NOT NULL,
    segment_id       uuid        NOT NULL REFERENCES segments (segment_id),
    steps            jsonb       NOT NULL,
    status           text        NOT NULL,
    looked_through   timestamptz,
    started_by       text        NOT NULL,
    started_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          bigint      NOT NULL
);

CREATE INDEX cadences_active ON cadences (position) WHERE status = 'Active';

-- One row per cadence and lead: a lead never joins a cadence twice, and a step runs once (the row is claimed FOR
-- UPDATE SKIP LOCKED by whichever replica's sweep comes first, and moves on in the transaction that records the touch).
CREATE TABLE cadence_enrollments (
    cadence_id  uuid        NOT NULL REFERENCES cadences (cadence_id),
    lead_id     uuid        NOT NULL REFERENCES leads (lead_id),
    step        integer     NOT NULL,
    due_at      timestamptz NOT NULL,
    status      text        NOT NULL,
    stop_reason text,
    joined_at   timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (cadence_id, lead_id)
);

CREATE INDEX cadence_enrollments_due ON cadence_enrollments (due_at) WHERE status = 'Active';
CREATE INDEX cadence_enrollments_lead ON cadence_enrollments (lead_id);

CREATE TABLE touches (
    touch_id   uuid PRIMARY KEY,
    lead_id    uuid        NOT NULL REFERENCES leads (lead_id),
    cadence_id uuid        NOT NULL REFERENCES cadences (cadence_id),
    step       integer     NOT NULL,
    channel    text        NOT NULL,
    subject    text        NOT NULL,
    body       text        NOT NULL,
    sent_at    timestamptz NOT NULL,
    -- An e-mail's opt-out link carries this random token, so the link works without signing in and names nobody.
    opt_out_token text UNIQUE,
    UNIQUE (cadence_id, lead_id, step)
);

CREATE INDEX touches_lead ON touches (lead_id, sent_at);

CREATE TABLE call_tasks (
    -- The touch that asked for it has the same id.
    task_id    uuid PRIMARY KEY,
    position   bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    lead_id    uuid        NOT NULL REFERENCES leads (lead_id),
    cadence_id uuid        NOT NULL REFERENCES cadences (cadence_id),
    step       integer     NOT NULL,
    subject    text        NOT NULL,
    script     text        NOT NULL,
    due_at     timestamptz NOT NULL,
    done_at    timestamptz,
    done_by    text,
    outcome    text
);

CREATE INDEX call_tasks_open ON call_tasks (position) WHERE done_at IS NULL;
