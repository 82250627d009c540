-- Orders booked from won deals (one per opportunity), or recorded as rejected with the reason. Lines and the
-- ship-to address are copied from OpportunityWon and never change, so they are kept whole as JSON.
CREATE TABLE orders (
    id                    uuid PRIMARY KEY,
    customer_id           uuid        NOT NULL,
    opportunity_id        uuid        NOT NULL UNIQUE,
    owner_id              text        NOT NULL,
    status                text        NOT NULL,
    lines                 jsonb       NOT NULL,
    currency              text        NOT NULL,
    total                 numeric     NOT NULL,
    ship_to               jsonb,
    purchase_order_number text,
    rejection_reason      text,
    shipment_id           uuid,
    carrier               text,
    tracking_number       text,
    shipped_at            timestamptz,
    shipped_by            text,
    booked_at             timestamptz NOT NULL,
    version               bigint      NOT NULL
);

CREATE INDEX orders_by_customer ON orders (customer_id, booked_at DESC);

CREATE SEQUENCE invoice_numbers;

CREATE TABLE invoices (
    id          uuid PRIMARY KEY,
    number      text        NOT NULL UNIQUE,
    order_id    uuid        NOT NULL REFERENCES orders (id),
    customer_id uuid        NOT NULL,
    currency    text        NOT NULL,
    amount      numeric     NOT NULL CHECK (amount >= 0),
    paid        numeric     NOT NULL CHECK (paid >= 0 AND paid <= amount),
    due_on      date        NOT NULL,
    status      text        NOT NULL,
    issued_at   timestamptz NOT NULL,
    version     bigint      NOT NULL
);

CREATE INDEX invoices_by_order ON invoices (order_id);
CREATE INDEX invoices_by_customer ON invoices (customer_id, status);
-- What the overdue check scans: only open invoices.
CREATE INDEX invoices_open_by_due_date ON invoices (due_on) WHERE status = 'Open';

CREATE TABLE payments (
    id          uuid PRIMARY KEY,
    invoice_id  uuid        NOT NULL REFERENCES invoices (id),
    amount      numeric     NOT NULL CHECK (amount > 0),
    received_at timestamptz NOT NULL,
    recorded_by text        NOT NULL
);

CREATE INDEX payments_by_invoice ON payments (invoice_id);

-- One row per customer whose invoices were ever checked; a customer without one is in good standing.
CREATE TABLE credit_accounts (
    customer_id uuid PRIMARY KEY,
    status      text        NOT NULL,
    reason      text        NOT NULL,
    since       timestamptz,
    version     bigint      NOT NULL
);
