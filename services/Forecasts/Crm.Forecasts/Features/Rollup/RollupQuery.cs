using Crm.Contracts.Opportunities;
using Crm.Forecasts.Domain;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>
/// The one grouped query behind the roll-ups, attainment and snapshots: each deal placed in a period by its day (its
/// expected close while open, the day it was won or lost), and summed by group, period, stage, category and currency.
/// </summary>
internal static class RollupQuery
{
    /// <summary>The rows of <paramref name="periods"/>; with <paramref name="asManagersJudge"/>, each open deal in the
    /// category its manager judged it, where one did (the owner's otherwise).</summary>
    public static async Task<List<RollupRow>> RowsAsync(
        IQueryable<ForecastEntry> deals, Wire.RollupGrouping grouping, Wire.PeriodKind kind, IReadOnlyList<PeriodBounds> periods, CancellationToken cancellationToken, bool asManagersJudge = false)
    {
        var (first, last) = (periods[0].StartsOn, periods[^1].EndsOn);
        var months = PeriodKinds.MonthsIn(kind);

        // The grouping goes into the SQL as a constant, so that the database groups by the one column it names.
        // Branches are teams folded together afterwards (ForecastsApi.GroupNaming): the database groups by team.
        var (byOwner, byTeam) = (grouping == Wire.RollupGrouping.ByOwner, grouping is Wire.RollupGrouping.ByTeam or Wire.RollupGrouping.ByBranch);
        var sources = deals.AsNoTracking().Where(e => e.Stage != null).Select(e => new RollupSource
        {
            Group = EF.Constant(byOwner) ? e.OwnerId : EF.Constant(byTeam) ? e.SalesTeam : null,
            Day = e.Stage == OpportunityStage.Won || e.Stage == OpportunityStage.Lost ? e.ClosedOn : e.CloseOn,
            Stage = e.Stage,
            Category = EF.Constant(asManagersJudge) && e.ManagerCategory != null && e.Stage != OpportunityStage.Won && e.Stage != OpportunityStage.Lost
                ? e.ManagerCategory
                : e.Category,
            Currency = e.Currency,
            Amount = e.Amount,
            Probability = e.Probability,
        });

        return await sources
            .Where(s => s.Day >= first && s.Day <= last)
            .GroupBy(s => new
            {
                s.Group,
                Period = (((s.Day!.Value.Year - first.Year) * 12) + s.Day.Value.Month - first.Month) / months,
                s.Stage,
                s.Category,
                s.Currency,
            })
            .Select(g => new RollupRow
            {
                Group = g.Key.Group,
                Period = g.Key.Period,
                Stage = g.Key.Stage,
                Category = g.Key.Category,
                Currency = g.Key.Currency,
                Deals = g.Count(),
                Total = g.Sum(s => s.Amount),
                Weighted = g.Sum(s => s.Amount * s.Probability / 100m),
            })
            .ToListAsync(cancellationToken);
    }
}
