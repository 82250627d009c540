-- The customers support may open cases for: the few fields it needs of the customer master, fed by AccountCreated.
CREATE TABLE customers (
    customer_id uuid PRIMARY KEY,
    name        text        NOT NULL,
    known_since timestamptz NOT NULL
);
