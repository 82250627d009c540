-- The accounting feed (docs/feed.md): the events an accounting system needs, each with a position that grows in the
-- order every reader sees them.
--
-- The outbox's own sequence cannot be that position: sequences are taken before commit, so a row with a lower one can
-- commit after a row with a higher one that a reader has already passed. Instead, each outbox row records its
-- transaction, and the appender copies only rows of transactions older than the oldest one still running (they can
-- no longer gain rows), numbering them in transaction order, one appender at a time.
ALTER TABLE outbox_messages ADD COLUMN xact_id xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX outbox_messages_by_transaction ON outbox_messages (xact_id);

CREATE TABLE feed_events (
    position     bigint      PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    type         text        NOT NULL,
    subject      uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    appended_at  timestamptz NOT NULL DEFAULT now(),
    data         text        NOT NULL
);

CREATE INDEX feed_events_appended ON feed_events (appended_at);

-- One row: how far the appender has looked, the newest position, and the newest one removed by retention.
CREATE TABLE feed_state (
    id             integer PRIMARY KEY CHECK (id = 1),
    scanned_below  xid8    NOT NULL,
    head           bigint  NOT NULL,
    removed_through bigint NOT NULL
);

INSERT INTO feed_state VALUES (1, '0', 0, 0);
