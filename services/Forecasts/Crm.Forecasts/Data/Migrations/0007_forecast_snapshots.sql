-- Weekly snapshots of the forecast (ForecastSnapshotTaken). forecast_snapshot_runs holds one row per day snapshots were
-- taken: a replica claims the day with it before taking them, so that they are taken once. forecast_snapshots holds the
-- figures of each rep, team and the company; snapshot_deals each open deal as it stood, to tell what moved since (kept a
-- quarter: older ones are deleted when a new day's are taken).
CREATE TABLE IF NOT EXISTS forecast_snapshot_runs (
    taken_on date PRIMARY KEY,
    period_kind text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    taken_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS forecast_snapshots (
    snapshot_id uuid PRIMARY KEY,
    taken_on date NOT NULL REFERENCES forecast_snapshot_runs (taken_on),
    scope text NOT NULL,
    scope_id text NOT NULL,
    period_kind text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    currency text NOT NULL,
    pipeline numeric NOT NULL,
    best_case numeric NOT NULL,
    commit numeric NOT NULL,
    closed numeric NOT NULL,
    quota numeric NULL,
    version bigint NOT NULL,
    CONSTRAINT forecast_snapshots_one_per_scope UNIQUE (taken_on, scope, scope_id, currency)
);
CREATE TABLE IF NOT EXISTS snapshot_deals (
    taken_on date NOT NULL,
    opportunity_id uuid NOT NULL,
    owner_id text NULL,
    sales_team text NULL,
    stage text NULL,
    category text NULL,
    amount numeric NULL,
    currency text NULL,
    close_on date NULL,
    CONSTRAINT pk_snapshot_deals PRIMARY KEY (taken_on, opportunity_id)
);
