using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>
/// Roll-ups: deals counted, summed and weighted by group, period, stage and category. The database groups and sums (one
/// pass over the deals in reach, whatever their number); only the cells come back.
/// </summary>
internal sealed partial class ForecastsApi
{
    /// <summary>The most periods one roll-up covers: two years of months.</summary>
    private const int MostRollupPeriods = 24;

    private static readonly Dictionary<ForecastCategory, string> CategoryNames = new()
    {
        [ForecastCategory.Pipeline] = "PIPELINE",
        [ForecastCategory.BestCase] = "BEST_CASE",
        [ForecastCategory.Commit] = "COMMIT",
        [ForecastCategory.Closed] = "CLOSED",
        [ForecastCategory.Omitted] = "OMITTED",
    };

    public override Task<Wire.ForecastRollup> GetForecastRollup(Wire.GetForecastRollupRequest request, ServerCallContext context) => GetForecastRollupAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.ForecastRollup>> GetForecastRollupAsync(Wire.GetForecastRollupRequest request, ServerCallContext context)
    {
        var (periods, periodStatus) = PeriodsAsked(request.GroupBy, request.Period, request.From, request.Periods);
        if (!periodStatus.IsOk)
        {
            return periodStatus;
        }

        var rows = await RollupQuery.RowsAsync(EntriesInReach(context), request.GroupBy, request.Period, periods, context.CancellationToken, request.AsManagersJudge);
        var (currency, currencyStatus) = SummingCurrency.Choose(request.CurrencyCode, rows.Select(r => (r.Currency, r.Deals)));
        if (!currencyStatus.IsOk)
        {
            return currencyStatus;
        }

        var answer = new Wire.ForecastRollup { CurrencyCode = currency };
        answer.Periods.AddRange(periods.Select(p => new Wire.RollupPeriod { StartsOn = DateConversions.ToDate(p.StartsOn), EndsOn = DateConversions.ToDate(p.EndsOn) }));

        // A deal without an amount yet counts in the cells of the currency summed in, adding nothing.
        var counted = rows.Where(r => r.Currency is null || r.Currency == currency).ToList();
        var groupOf = GroupNaming(request.GroupBy, context);
        answer.OtherCurrencyDeals = rows.Except(counted).Sum(r => r.Deals);
        answer.Cells.AddRange(counted
            .GroupBy(r => (Group: groupOf(r.Group) ?? string.Empty, r.Period, Stage: r.Stage!.Value, r.Category))
            .OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Period).ThenBy(g => StageOrder(g.Key.Stage)).ThenBy(g => g.Key.Category)
            .Select(g => new Wire.RollupCell
            {
                Group = g.Key.Group,
                Period = g.Key.Period,
                Stage = WireStage(g.Key.Stage),
                Category = g.Key.Category is { } category ? CategoryNames[category] : string.Empty,
                Count = g.Sum(r => r.Deals),
                Total = MoneyConversions.ToMoney(g.Sum(r => r.Total ?? 0m), currency),
                Weighted = MoneyConversions.ToMoney(g.Sum(r => r.Weighted ?? 0m), currency),
            }));
        return answer;
    }

    /// <summary>How a row's group (a rep or a team, as the database grouped it) is named in the answer: by branch, each
    /// team becomes the branch of the caller's hierarchy it is in; otherwise as it is.</summary>
    private static Func<string?, string?> GroupNaming(Wire.RollupGrouping grouping, ServerCallContext context)
    {
        if (grouping != Wire.RollupGrouping.ByBranch)
        {
            return group => group;
        }

        var reach = CallerReach.Of(context);
        return reach.BranchOf;
    }

    /// <summary>The consecutive periods a roll-up or a report asks for, once its grouping and count are checked; none,
    /// with the status naming the field at fault, otherwise.</summary>
    private (IReadOnlyList<PeriodBounds> Periods, Status Status) PeriodsAsked(Wire.RollupGrouping groupBy, Wire.PeriodKind period, Crm.Common.Grpc.V1.Date? from, int count)
    {
        var check = new RequestCheck();
        if (groupBy is not (Wire.RollupGrouping.ByOwner or Wire.RollupGrouping.ByTeam or Wire.RollupGrouping.AllInReach or Wire.RollupGrouping.ByBranch))
        {
            check.Fail("group_by", "is required: BY_OWNER, BY_TEAM, ALL_IN_REACH or BY_BRANCH");
        }

        if (count is < 0 or > MostRollupPeriods)
        {
            check.Fail("periods", $"must be between 1 and {MostRollupPeriods} (1 when unset)");
        }

        var day = check.Date(from, "from", required: false);
        return check.Failure is { } invalid ? ([], invalid) : PeriodBounds.Run(period, day ?? Today, Math.Max(count, 1));
    }
}
