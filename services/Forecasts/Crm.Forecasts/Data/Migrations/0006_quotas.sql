-- Quotas: what a rep, a team or the company is expected to win in a month, quarter or year; one per scope and period.
-- sales_team is the team whose managers keep the quota (null: a vice-president's), for who sees and changes it.
CREATE TABLE IF NOT EXISTS quotas (
    quota_id uuid PRIMARY KEY,
    scope text NOT NULL,
    scope_id text NOT NULL,
    period_kind text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    amount numeric NOT NULL,
    currency text NOT NULL,
    sales_team text NULL,
    set_by text NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT quotas_one_per_scope_and_period UNIQUE (scope, scope_id, period_kind, starts_on)
);
CREATE INDEX IF NOT EXISTS quotas_period ON quotas (period_kind, starts_on);
