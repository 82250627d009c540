-- Team selling: the members of each deal's team beside its owner, with their role (InsideSales, SalesEngineer, Partner,
-- Manager). A member sees and logs everything on the deal, whatever their sales team.
CREATE TABLE IF NOT EXISTS deal_team_members (
    opportunity_id uuid NOT NULL REFERENCES opportunities (opportunity_id) ON DELETE CASCADE,
    member_id text NOT NULL,
    role text NOT NULL,
    added_by text NOT NULL,
    added_at timestamptz NOT NULL,
    CONSTRAINT pk_deal_team_members PRIMARY KEY (opportunity_id, member_id)
);
CREATE INDEX IF NOT EXISTS deal_team_members_member ON deal_team_members (member_id);
