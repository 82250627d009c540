-- One row per opportunity, built from its events; a column stays null until an event has told it.
CREATE TABLE forecast_entries (
    opportunity_id uuid PRIMARY KEY,
    customer_id    uuid   NOT NULL,
    owner_id       text,
    stage          text,
    probability    integer,
    amount         numeric,
    currency       text,
    close_on       date,
    closed_on      date,
    version        bigint NOT NULL
);
CREATE INDEX forecast_entries_owner ON forecast_entries (owner_id);
CREATE INDEX forecast_entries_close_on ON forecast_entries (close_on);
CREATE INDEX forecast_entries_closed_on ON forecast_entries (closed_on);
