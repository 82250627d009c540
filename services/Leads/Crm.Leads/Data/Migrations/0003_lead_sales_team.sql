-- The sales team working a lead: a rep's own leads are their team's; marketing's wait in the pool (none) until a team
-- works them. Another team's reps get PERMISSION_DENIED for it and do not see it in lists.
ALTER TABLE leads ADD COLUMN sales_team text;
CREATE INDEX leads_sales_team ON leads (sales_team, position DESC);
