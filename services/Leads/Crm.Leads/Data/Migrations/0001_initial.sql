-- Marketing's campaigns. "position" orders lists (newest first) and is the page token: ids are not ordered.
CREATE TABLE campaigns (
    campaign_id     uuid PRIMARY KEY,
    position        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    name            text        NOT NULL,
    type            text        NOT NULL,
    starts_on       date        NOT NULL,
    ends_on         date,
    budget_amount   numeric,
    budget_currency text,
    -- The currency of the first cost; every later cost must be in it, so that total_cost is one sum.
    cost_currency   text,
    total_cost      numeric     NOT NULL DEFAULT 0,
    version         bigint      NOT NULL,
    launched_at     timestamptz NOT NULL,
    launched_by     text        NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

-- Every cost recorded against a campaign (ROI per source is computed from these).
CREATE TABLE campaign_costs (
    cost_id     uuid PRIMARY KEY,
    campaign_id uuid        NOT NULL REFERENCES campaigns (campaign_id),
    description text        NOT NULL,
    amount      numeric     NOT NULL CHECK (amount > 0),
    currency    text        NOT NULL,
    incurred_on date        NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text        NOT NULL
);

CREATE INDEX campaign_costs_campaign ON campaign_costs (campaign_id);

-- The leads (suspects). Company, contact and qualification are stored whole as captured (jsonb); the normalised
-- e-mail and phone are columns of their own because de-duplication looks them up.
CREATE TABLE leads (
    lead_id                  uuid PRIMARY KEY,
    position                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    status                   text        NOT NULL,
    source                   text        NOT NULL,
    campaign_id              uuid REFERENCES campaigns (campaign_id),
    company                  jsonb       NOT NULL,
    contact                  jsonb       NOT NULL,
    email_key                text,
    phone_key                text,
    notes                    text,
    qualification            jsonb,
    qualified_by             text,
    disqualification_reason  text,
    disqualification_note    text,
    opportunity_id           uuid,
    opportunity_owner_id     text,
    opportunity_name         text,
    converted_by             text,
    converted_at             timestamptz,
    customer_id              uuid,
    captured_at              timestamptz NOT NULL,
    captured_by              text        NOT NULL,
    updated_at               timestamptz NOT NULL,
    version                  bigint      NOT NULL,
    CHECK (email_key IS NOT NULL OR phone_key IS NOT NULL)
);

-- De-duplication's last line: two captures of the same person at the same moment cannot both insert.
CREATE UNIQUE INDEX leads_email_key ON leads (email_key) WHERE email_key IS NOT NULL;
CREATE UNIQUE INDEX leads_phone_key ON leads (phone_key) WHERE phone_key IS NOT NULL;

CREATE INDEX leads_status ON leads (status, position);
CREATE INDEX leads_campaign ON leads (campaign_id, position) WHERE campaign_id IS NOT NULL;
CREATE INDEX leads_customer ON leads (customer_id) WHERE customer_id IS NOT NULL;
