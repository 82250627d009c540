using Crm.Forecasts.Data;
using Crm.Forecasts.Domain.Flow;
using Crm.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Forecasts.Features;

/// <summary>
/// Every deal's history, read from its steps. The flow is learnt from all of them (how deals move is not any one rep's
/// to withhold, and more deals teach it better); what a report shows is only the deals in the caller's reach.
/// </summary>
internal static class DealHistories
{
    public static async Task<List<DealHistory>> AllAsync(ForecastsDbContext db, CancellationToken cancellationToken)
    {
        var steps = await db.Steps.AsNoTracking().ToListAsync(cancellationToken);
        return [.. steps.GroupBy(s => s.OpportunityId).Select(DealHistory.From).OfType<DealHistory>()];
    }

    /// <summary>The histories of the deals named (their steps read with one query).</summary>
    public static async Task<List<DealHistory>> OfAsync(ForecastsDbContext db, IReadOnlyCollection<Guid> opportunityIds, CancellationToken cancellationToken)
    {
        var ids = opportunityIds.ToArray();
        var steps = await db.Steps.AsNoTracking().Where(s => ids.Contains(s.OpportunityId)).ToListAsync(cancellationToken);
        return [.. steps.GroupBy(s => s.OpportunityId).Select(DealHistory.From).OfType<DealHistory>()];
    }

    /// <summary>Whether a report for <paramref name="reach"/> covers <paramref name="deal"/> (the same rule as the read
    /// model's reach: the caller's team's deals and their own).</summary>
    public static bool InReach(this SalesReach reach, DealHistory deal) =>
        reach.Covers(deal.SalesTeam, deal.OwnerId);
}
