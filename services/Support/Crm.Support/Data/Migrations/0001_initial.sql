-- Cases: Customer Service's inquiries and Technical Support's problems, with their service-level targets.
CREATE TABLE cases (
    id                     uuid PRIMARY KEY,
    customer_id            uuid        NOT NULL,
    kind                   text        NOT NULL,
    priority               integer     NOT NULL CHECK (priority BETWEEN 1 AND 4),
    status                 text        NOT NULL,
    subject                text        NOT NULL,
    description            text        NOT NULL,
    assignee_id            text        NOT NULL,
    opened_at              timestamptz NOT NULL,
    respond_by             timestamptz NOT NULL,
    resolve_by             timestamptz NOT NULL,
    responded_at           timestamptz,
    escalation_level       integer     NOT NULL,
    resolution             text        NOT NULL,
    resolved_at            timestamptz,
    resolved_by            text,
    -- Set once each, when the service-level check publishes the breach.
    response_breached_at   timestamptz,
    resolution_breached_at timestamptz,
    version                bigint      NOT NULL
);

CREATE INDEX cases_by_customer ON cases (customer_id, opened_at DESC);
-- What the service-level check scans: only unresolved cases.
CREATE INDEX cases_unresolved ON cases (resolve_by) WHERE status <> 'Resolved';

CREATE TABLE interactions (
    id          uuid PRIMARY KEY,
    case_id     uuid        NOT NULL REFERENCES cases (id),
    customer_id uuid        NOT NULL,
    channel     text        NOT NULL,
    summary     text        NOT NULL,
    logged_by   text        NOT NULL,
    department  text        NOT NULL,
    occurred_at timestamptz NOT NULL
);

CREATE INDEX interactions_by_case ON interactions (case_id, occurred_at);
