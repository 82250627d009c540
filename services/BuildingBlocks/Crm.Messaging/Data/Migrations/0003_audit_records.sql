-- The audit trail: every write the service applied (inserted by the write's own SaveChanges, so in its transaction)
-- and every call it refused. Read newest first, by caller and by method; kept as long as the business needs it
-- (nothing deletes it, and erasure leaves it: it names callers, never the people the records are about).
CREATE TABLE IF NOT EXISTS audit_records (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    roles     text        NOT NULL,
    action    text        NOT NULL,
    target    text        NULL,
    outcome   text        NOT NULL,
    detail    text        NULL,
    peer      text        NOT NULL,
    trace_id  text        NULL
);
CREATE INDEX IF NOT EXISTS audit_records_actor ON audit_records (actor, id DESC);
CREATE INDEX IF NOT EXISTS audit_records_action ON audit_records (action text_pattern_ops, id DESC);
