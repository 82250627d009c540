-- The return on each source and campaign: a converted lead learns from OpportunityWon what its deal brought, so that
-- won revenue is attributed back to the lead's source and campaign with no join across services.
ALTER TABLE leads
    ADD COLUMN won_on       date,
    ADD COLUMN won_amount   numeric(19, 4),
    ADD COLUMN won_currency text,
    ADD CHECK ((won_on IS NULL) = (won_amount IS NULL) AND (won_on IS NULL) = (won_currency IS NULL));

-- OpportunityWon names the opportunity; a report takes the leads captured in a period.
CREATE INDEX leads_opportunity ON leads (opportunity_id) WHERE opportunity_id IS NOT NULL;
CREATE INDEX leads_captured_at ON leads (captured_at);
