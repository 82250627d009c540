-- The name and billing address each customer is invoiced under, learnt from the customer master's account events;
-- their changes go on the accounting feed (BillingProfileChanged).
CREATE TABLE billing_profiles (
    customer_id     uuid    PRIMARY KEY,
    name            text    NOT NULL,
    address         jsonb,
    account_version bigint  NOT NULL,
    version         bigint  NOT NULL
);
