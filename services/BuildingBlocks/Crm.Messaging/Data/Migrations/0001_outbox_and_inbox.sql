-- The transactional outbox: a service's events, written in the same transaction as its state change and
-- published by OutboxRelay. "sequence" orders events; per aggregate, the relay never publishes one before
-- an earlier unsent one.
CREATE TABLE outbox_messages (
    sequence          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id        uuid        NOT NULL UNIQUE,
    message_type      text        NOT NULL,
    aggregate_id      uuid        NOT NULL,
    aggregate_version bigint      NOT NULL,
    body              text        NOT NULL,
    correlation_id    uuid        NOT NULL,
    trace_parent      text,
    trace_state       text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    last_error        text,
    sent_at           timestamptz
);

-- What the relay scans: only unsent rows, so the index stays small however many rows await deletion.
CREATE INDEX outbox_messages_unsent ON outbox_messages (sequence) WHERE sent_at IS NULL;
CREATE INDEX outbox_messages_unsent_by_aggregate ON outbox_messages (aggregate_id, sequence) WHERE sent_at IS NULL;
CREATE INDEX outbox_messages_sent ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;

-- NOTIFY is delivered at commit, and only if the transaction commits: relays in other replicas wake up
-- at once instead of at their next poll. One notification per statement is enough to wake them.
CREATE FUNCTION outbox_messages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('crm_outbox', '');
    RETURN NULL;
END $$;

CREATE TRIGGER outbox_messages_inserted AFTER INSERT ON outbox_messages
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_messages_notify();

-- The inbox: a message id per consumer, recorded in the same transaction as the consumer's effect.
CREATE TABLE inbox_messages (
    consumer    text        NOT NULL,
    message_id  uuid        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

CREATE INDEX inbox_messages_received ON inbox_messages (received_at);

-- The latest version of each aggregate a consumer applied, for consumers that skip stale events.
CREATE TABLE inbox_versions (
    consumer     text   NOT NULL,
    aggregate_id uuid   NOT NULL,
    version      bigint NOT NULL,
    PRIMARY KEY (consumer, aggregate_id)
);
