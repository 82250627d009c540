using Crm.Contracts.Opportunities;
using Crm.Forecasts.Data;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Forecasts.Consumers;

/// <summary>
/// A deal's team replaces the members kept for it, unless a newer team was told already (events of one deal may arrive
/// out of order): the deal's <c>deal_teams</c> row is locked while the team is written, and keeps its version.
/// </summary>
internal sealed class DealTeamChangedConsumer(ForecastsDbContext db) : InboxConsumer<DealTeamChanged, ForecastsDbContext>(db)
{
    protected override async Task ApplyAsync(DealTeamChanged message, ForecastsDbContext context, CancellationToken cancellationToken)
    {
        var (id, version) = (message.OpportunityId, message.Version);
        var newer = await context.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO deal_teams (opportunity_id, version) VALUES ({id}, {version})
            ON CONFLICT (opportunity_id) DO UPDATE SET version = excluded.version WHERE deal_teams.version < excluded.version
            """,
            cancellationToken);
        if (newer == 0)
        {
            return;
        }

        await context.Database.ExecuteSqlAsync($"DELETE FROM deal_team_members WHERE opportunity_id = {id}", cancellationToken);
        var members = message.Members.Select(m => m.MemberId).Distinct(StringComparer.Ordinal).ToArray();
        await context.Database.ExecuteSqlAsync(
            $"INSERT INTO deal_team_members (opportunity_id, member_id) SELECT {id}, unnest({members})",
            cancellationToken);
    }
}
