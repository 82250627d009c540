-- The mail room's record of the letters and faxes it sent: a touch is in its queue until it has a row here.
CREATE TABLE touch_dispatches (
    touch_id      uuid PRIMARY KEY REFERENCES touches (touch_id),
    dispatched_at timestamptz NOT NULL,
    dispatched_by text        NOT NULL
);

-- The queue: letters and faxes, the longest waiting first.
CREATE INDEX touches_for_the_mail_room ON touches (sent_at) WHERE channel IN ('Letter', 'Fax');
