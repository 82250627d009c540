using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Forecasts.Domain;
using Crm.Forecasts.Domain.Snapshots;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>What moved in a period since the last snapshot: each deal in reach then and now (<see cref="DealMove"/>).</summary>
internal sealed partial class ForecastsApi
{
    /// <summary>The most deals one answer lists; its summaries count them all.</summary>
    private const int MostChangesListed = 200;

    private static readonly Dictionary<DealMoveKind, string> MoveNames = new()
    {
        [DealMoveKind.Added] = "ADDED",
        [DealMoveKind.Slipped] = "SLIPPED",
        [DealMoveKind.Pushed] = "PUSHED",
        [DealMoveKind.Won] = "WON",
        [DealMoveKind.Lost] = "LOST",
    };

    public override Task<Wire.ForecastChanges> GetForecastChanges(Wire.GetForecastChangesRequest request, ServerCallContext context) => GetForecastChangesAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.ForecastChanges>> GetForecastChangesAsync(Wire.GetForecastChangesRequest request, ServerCallContext context)
    {
        var (bounds, periodStatus) = PeriodAsked(request.Period, request.Within);
        if (bounds is null)
        {
            return periodStatus;
        }

        var today = Today;
        var since = await db.SnapshotRuns.Where(r => r.TakenOn <= today).OrderByDescending(r => r.TakenOn)
            .Select(r => (DateOnly?)r.TakenOn).FirstOrDefaultAsync(context.CancellationToken);
        var moves = since is { } day ? await MovesSinceAsync(day, bounds, context) : [];
        var (currency, currencyStatus) = SummingCurrency.Choose(request.CurrencyCode, moves.Select(m => m.After.Currency));
        if (!currencyStatus.IsOk)
        {
            return currencyStatus;
        }

        var answer = new Wire.ForecastChanges
        {
            Since = DateConversions.ToDate(since),
            StartsOn = DateConversions.ToDate(bounds.StartsOn),
            EndsOn = DateConversions.ToDate(bounds.EndsOn),
            CurrencyCode = currency,
        };
        answer.Moves.AddRange(Enum.GetValues<DealMoveKind>().Select(kind => new Wire.MoveSummary
        {
            Move = MoveNames[kind],
            Count = moves.Count(m => m.Kind == kind),
            Total = MoneyConversions.ToMoney(moves.Where(m => m.Kind == kind).Sum(m => SummingCurrency.AmountIn(m.After, currency)), currency),
        }));
        answer.Deals.AddRange(moves
            .OrderBy(m => m.Kind).ThenByDescending(m => SummingCurrency.AmountIn(m.After, currency)).ThenBy(m => m.After.OpportunityId)
            .Take(MostChangesListed)
            .Select(DealChange));
        return answer;
    }

    /// <summary>
    /// The deals in reach that may have moved: open and due in the period now, closed since the snapshot, or due in the
    /// period then; each as it stood at the snapshot (a left join: a deal opened since has no row then).
    /// </summary>
    private async Task<List<DealMove>> MovesSinceAsync(DateOnly since, PeriodBounds period, ServerCallContext context)
    {
        var (starts, ends) = (period.StartsOn, period.EndsOn);
        var candidates = await (
            from e in EntriesInReach(context).AsNoTracking()
            join s in db.SnapshotDeals.AsNoTracking().Where(s => s.TakenOn == since) on e.OpportunityId equals s.OpportunityId into then
            from s in then.DefaultIfEmpty()
            where ((e.Stage == OpportunityStage.Won || e.Stage == OpportunityStage.Lost) && e.ClosedOn >= since)
                || (e.Stage != null && e.Stage != OpportunityStage.Won && e.Stage != OpportunityStage.Lost && e.CloseOn >= starts && e.CloseOn <= ends)
                || (s != null && s.CloseOn >= starts && s.CloseOn <= ends)
            select new { Entry = e, Before = s })
            .ToListAsync(context.CancellationToken);
        return [.. candidates.Select(c => DealMove.Of(c.Before, c.Entry, since, starts, ends)).OfType<DealMove>()];
    }

    private static Wire.DealChange DealChange(DealMove move)
    {
        var (before, now) = (move.Before, move.After);
        var change = new Wire.DealChange
        {
            OpportunityId = now.OpportunityId.ToString(),
            OwnerId = now.OwnerId ?? string.Empty,
            Move = MoveNames[move.Kind],
            StageBefore = before?.Stage is { } was ? WireStage(was) : string.Empty,
            StageNow = now.Stage is { } stage ? WireStage(stage) : string.Empty,
            CloseBefore = DateConversions.ToDate(before?.CloseOn),
            CloseNow = DateConversions.ToDate(now.IsOpen ? now.CloseOn : now.ClosedOn),
            AmountNow = Amount(now.Amount, now.Currency),
        };
        if (before is not null)
        {
            change.AmountBefore = Amount(before.Amount, before.Currency);
        }

        return change;
    }

    private static Crm.Common.Grpc.V1.Money? Amount(decimal? amount, string? currency) =>
        amount is { } a && currency is { } c ? MoneyConversions.ToMoney(a, c) : null;
}
