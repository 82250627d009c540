-- The sales team whose deal it is: its manager and reps see and work it, other teams' reps do not (PERMISSION_DENIED).
-- Deals opened before teams were recorded belong to no team: their owners and the managers over all teams work them.
ALTER TABLE opportunities ADD COLUMN sales_team text;
CREATE INDEX opportunities_sales_team ON opportunities (sales_team, position DESC);
