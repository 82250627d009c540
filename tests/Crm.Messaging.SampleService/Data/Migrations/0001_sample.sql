-- The publisher's state: deals won.
CREATE TABLE deals (
    id          uuid PRIMARY KEY,
    customer_id uuid   NOT NULL,
    stage       text   NOT NULL,
    version     bigint NOT NULL
);

-- The consumer's effect: one order per won deal. No unique key on purpose: a second effect would show as a second row.
CREATE TABLE booked_orders (
    id             uuid PRIMARY KEY,
    event_id       uuid    NOT NULL,
    opportunity_id uuid    NOT NULL,
    customer_id    uuid    NOT NULL,
    total          numeric NOT NULL,
    currency       text    NOT NULL,
    trace_id       text
);

-- A second part of the same effect, written after the order in the same transaction.
CREATE TABLE customer_tallies (
    customer_id uuid PRIMARY KEY,
    orders      integer NOT NULL
);

-- A read model that keeps the latest stage of each opportunity.
CREATE TABLE pipeline_entries (
    opportunity_id uuid PRIMARY KEY,
    stage          text    NOT NULL,
    version        bigint  NOT NULL,
    applied        integer NOT NULL
);
