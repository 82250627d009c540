-- The sales team that works each deal (OpportunityOpened.SalesTeam): reps and team managers see their team's deals in
-- the pipeline and the forecast. Deals opened before it is told belong to no team (their owners and every-team roles see them).
ALTER TABLE forecast_entries ADD COLUMN IF NOT EXISTS sales_team text NULL;
CREATE INDEX IF NOT EXISTS forecast_entries_sales_team ON forecast_entries (sales_team) WHERE sales_team IS NOT NULL;
