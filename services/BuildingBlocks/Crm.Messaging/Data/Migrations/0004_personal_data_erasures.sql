-- Each erasure of a person this service applied (the event PersonalDataErasureRequested), for the progress an
-- administrator follows. It names the request, never the person.
CREATE TABLE IF NOT EXISTS personal_data_erasures (
    request_id    uuid        PRIMARY KEY,
    requested_at  timestamptz NOT NULL,
    erased_at     timestamptz NOT NULL,
    records       integer     NOT NULL
);
