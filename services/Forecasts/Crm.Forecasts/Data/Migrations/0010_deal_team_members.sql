-- Team selling: each deal's team members (DealTeamChanged), so that a member's reports cover the deals they work on
-- whatever their sales team. deal_teams keeps the version of the team last told: an older event arriving late changes nothing.
CREATE TABLE IF NOT EXISTS deal_teams (
    opportunity_id uuid PRIMARY KEY,
    version bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS deal_team_members (
    opportunity_id uuid NOT NULL,
    member_id text NOT NULL,
    CONSTRAINT pk_deal_team_members PRIMARY KEY (opportunity_id, member_id)
);
CREATE INDEX IF NOT EXISTS deal_team_members_member ON deal_team_members (member_id);
