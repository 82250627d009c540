-- Every opportunity event's facts, by deal and version: the history the flow forecast learns from (how long deals stay
-- in each stage and where they go next) and backtests on. Rows are only added, never changed.
CREATE TABLE IF NOT EXISTS deal_steps (
    opportunity_id uuid NOT NULL,
    version bigint NOT NULL,
    "on" date NOT NULL,
    owner_id text NULL,
    sales_team text NULL,
    stage text NULL,
    probability integer NULL,
    amount numeric NULL,
    currency text NULL,
    close_on date NULL,
    closed_on date NULL,
    category text NULL,
    CONSTRAINT pk_deal_steps PRIMARY KEY (opportunity_id, version)
);
