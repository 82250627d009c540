-- The customer master: one account per customer, matched on lead conversion by its normalised name.
CREATE TABLE accounts (
    customer_id     uuid PRIMARY KEY,
    name            text        NOT NULL,
    normalized_name text        NOT NULL UNIQUE,
    industry        text,
    website         text,
    street          text,
    city            text,
    region          text,
    postal_code     text,
    country         text,
    owner_id        text,
    created_at      timestamptz NOT NULL,
    version         bigint      NOT NULL
);
CREATE INDEX accounts_name_search ON accounts (lower(name) text_pattern_ops);

CREATE TABLE contacts (
    contact_id       uuid PRIMARY KEY,
    customer_id      uuid        NOT NULL REFERENCES accounts (customer_id),
    first_name       text        NOT NULL,
    last_name        text        NOT NULL,
    title            text,
    email            text,
    normalized_email text,
    phone            text,
    normalized_phone text,
    buying_role      text        NOT NULL,
    added_at         timestamptz NOT NULL
);
CREATE INDEX contacts_customer ON contacts (customer_id);
CREATE INDEX contacts_email ON contacts (normalized_email);
CREATE INDEX contacts_phone ON contacts (normalized_phone);

CREATE TABLE opportunities (
    opportunity_id        uuid PRIMARY KEY,
    customer_id           uuid        NOT NULL REFERENCES accounts (customer_id),
    name                  text        NOT NULL,
    stage                 text        NOT NULL,
    probability           integer     NOT NULL CHECK (probability BETWEEN 0 AND 100),
    amount                numeric     NOT NULL,
    currency              text        NOT NULL,
    close_date            date        NOT NULL,
    forecast_category     text        NOT NULL,
    owner_id              text        NOT NULL,
    lead_id               uuid,
    source                text,
    campaign_id           uuid,
    loss_reason           text,
    purchase_order_number text,
    opened_at             timestamptz NOT NULL,
    closed_at             timestamptz,
    version               bigint      NOT NULL
);
CREATE INDEX opportunities_customer ON opportunities (customer_id);
CREATE INDEX opportunities_owner ON opportunities (owner_id);

CREATE TABLE opportunity_lines (
    line_id        uuid PRIMARY KEY,
    opportunity_id uuid    NOT NULL REFERENCES opportunities (opportunity_id) ON DELETE CASCADE,
    position       integer NOT NULL,
    product_id     uuid    NOT NULL,
    product_name   text    NOT NULL,
    quantity       numeric NOT NULL CHECK (quantity > 0),
    unit_price     numeric NOT NULL,
    currency       text    NOT NULL
);
CREATE INDEX opportunity_lines_opportunity ON opportunity_lines (opportunity_id);

CREATE TABLE activities (
    activity_id    uuid PRIMARY KEY,
    customer_id    uuid        NOT NULL REFERENCES accounts (customer_id),
    opportunity_id uuid,
    kind           text        NOT NULL,
    subject        text        NOT NULL,
    notes          text,
    logged_by      text        NOT NULL,
    department     text        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    logged_at      timestamptz NOT NULL
);
CREATE INDEX activities_customer ON activities (customer_id, occurred_at DESC);

CREATE TABLE meetings (
    meeting_id           uuid PRIMARY KEY,
    customer_id          uuid        NOT NULL REFERENCES accounts (customer_id),
    opportunity_id       uuid,
    subject              text        NOT NULL,
    starts_at            timestamptz NOT NULL,
    ends_at              timestamptz NOT NULL,
    attendee_contact_ids uuid[]      NOT NULL,
    organizer_id         text        NOT NULL,
    postponed            boolean     NOT NULL,
    postpone_reason      text,
    version              bigint      NOT NULL
);
CREATE INDEX meetings_customer ON meetings (customer_id, starts_at);
