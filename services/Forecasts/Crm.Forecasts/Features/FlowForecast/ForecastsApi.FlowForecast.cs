using Crm.Contracts.Opportunities;
using Crm.Api;
using Crm.Forecasts.Domain.Flow;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>The flow forecast of the coming periods, for the deals in the caller's reach and by owner.</summary>
internal sealed partial class ForecastsApi
{
    /// <summary>The most periods one answer forecasts.</summary>
    private const int MostPeriods = 8;

    public override Task<Wire.FlowForecast> GetFlowForecast(Wire.GetFlowForecastRequest request, ServerCallContext context) => GetFlowForecastAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.FlowForecast>> GetFlowForecastAsync(Wire.GetFlowForecastRequest request, ServerCallContext context)
    {
        if (request.Periods is < 0 or > MostPeriods)
        {
            return Status.InvalidArgument("periods", $"must be between 1 and {MostPeriods} (1 when unset)");
        }

        var today = Today;
        var (run, periodStatus) = PeriodBounds.Run(request.Period, today, Math.Max(request.Periods, 1));
        if (!periodStatus.IsOk)
        {
            return periodStatus;
        }

        // The deals shown: those in reach (of the rep asked for) open now or won since the first period began.
        var owner = request.OwnerId;
        var firstDay = run[0].StartsOn;
        var shownIds = await EntriesInReach(context).AsNoTracking()
            .Where(e => owner.Length == 0 || e.OwnerId == owner)
            .Where(e => (e.Stage != null && e.Stage != OpportunityStage.Won && e.Stage != OpportunityStage.Lost) || (e.Stage == OpportunityStage.Won && e.ClosedOn >= firstDay))
            .Select(e => e.OpportunityId)
            .ToListAsync(context.CancellationToken);
        var shown = await DealHistories.OfAsync(db, shownIds, context.CancellationToken);
        var (currency, currencyStatus) = SummingCurrency.Choose(request.CurrencyCode, shown.Select(d => d.Currency));
        if (!currencyStatus.IsOk)
        {
            return currencyStatus;
        }

        var periods = run.Select(p => new ForecastWindow(p.StartsOn, p.EndsOn)).ToList();
        // Everything known by the end of today counts (a deal won today is won, one opened today is open); chances count
        // from tomorrow on.
        var asOf = today.AddDays(1);
        var model = await models.AsOfAsync(asOf, token => DealHistories.AllAsync(db, token), context.CancellationToken);
        var forecast = new FlowForecast(model, asOf, periods);
        var deals = shown.Where(d => d.Currency == currency).Select(d => new DealChances(d, forecast.Chances(d))).ToList();
        var answer = new Wire.FlowForecast { AsOf = DateConversions.ToDate(today) };
        answer.Periods.AddRange(Outlook(deals, periods, asOf, currency));
        answer.Owners.AddRange(deals.GroupBy(d => d.Deal.OwnerId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Wire.OwnerFlow { OwnerId = g.Key, Periods = { Outlook([.. g], periods, asOf, currency) } }));
        if (request.OwnerId.Length > 0)
        {
            answer.Deals.AddRange(deals.Where(d => d.Deal.AsOf(asOf) is not null).Select(d => Outlook(d, asOf, currency)));
        }

        return answer;
    }

    private static IEnumerable<Wire.FlowPeriod> Outlook(IReadOnlyList<DealChances> deals, IReadOnlyList<ForecastWindow> periods, DateOnly asOf, string currency) =>
        FlowOutlook.Of(deals, periods, asOf, new Random(1)).Select(o => new Wire.FlowPeriod
        {
            StartsOn = DateConversions.ToDate(o.Period.First),
            EndsOn = DateConversions.ToDate(o.Period.Last),
            Expected = MoneyConversions.ToMoney(Math.Round(o.Flow.Expected, 2), currency),
            Low = MoneyConversions.ToMoney(o.Flow.Low, currency),
            High = MoneyConversions.ToMoney(o.Flow.High, currency),
            StageWeighted = MoneyConversions.ToMoney(o.StageWeighted, currency),
            Committed = MoneyConversions.ToMoney(o.Committed, currency),
            Won = MoneyConversions.ToMoney(o.Won, currency),
        });

    private static Wire.DealOutlook Outlook(DealChances deal, DateOnly asOf, string currency)
    {
        var state = deal.Deal.AsOf(asOf)!;
        return new Wire.DealOutlook
        {
            OpportunityId = deal.Deal.OpportunityId.ToString(),
            OwnerId = deal.Deal.OwnerId,
            Stage = WireStage(state.Stage),
            Amount = MoneyConversions.ToMoney(state.Forecast.Amount, currency),
            Chances = { deal.Chances },
        };
    }
}
