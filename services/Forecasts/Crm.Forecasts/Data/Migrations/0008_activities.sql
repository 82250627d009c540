-- Every interaction with the customer that sales or support logged (ActivityLogged, InteractionLogged), for the
-- activity and call reports by rep, team, period, kind, outcome and department. Rows are only added, never changed.
CREATE TABLE IF NOT EXISTS logged_activities (
    activity_id uuid PRIMARY KEY,
    customer_id uuid NOT NULL,
    type text NOT NULL,
    outcome text NULL,
    department text NULL,
    logged_by text NOT NULL,
    sales_team text NULL,
    happened_on date NOT NULL
);
CREATE INDEX IF NOT EXISTS logged_activities_happened_on ON logged_activities (happened_on);
