using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Forecasts.Domain;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>Forecast: one period by owner; open deals expected to close in it, deals won and lost in it.</summary>
internal sealed partial class ForecastsApi
{
    public override Task<Wire.Forecast> GetForecast(Wire.GetForecastRequest request, ServerCallContext context) => GetForecastAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Forecast>> GetForecastAsync(Wire.GetForecastRequest request, ServerCallContext context)
    {
        var (period, periodStatus) = PeriodAsked(request.Period, request.Within);
        if (period is null)
        {
            return periodStatus;
        }

        var query = EntriesInReach(context).AsNoTracking().Where(e =>
            (e.Stage != OpportunityStage.Won && e.Stage != OpportunityStage.Lost && e.CloseOn >= period.StartsOn && e.CloseOn <= period.EndsOn)
            || ((e.Stage == OpportunityStage.Won || e.Stage == OpportunityStage.Lost) && e.ClosedOn >= period.StartsOn && e.ClosedOn <= period.EndsOn));
        if (request.OwnerId.Length > 0)
        {
            query = query.Where(e => e.OwnerId == request.OwnerId);
        }

        var entries = (await query.ToListAsync(context.CancellationToken)).Where(e => e.Stage is not null).ToList();
        var (currency, status) = SummingCurrency.Choose(request.CurrencyCode, entries.Select(e => e.Currency));
        if (!status.IsOk)
        {
            return status;
        }

        var forecast = new Wire.Forecast
        {
            Period = request.Period,
            StartsOn = DateConversions.ToDate(period.StartsOn),
            EndsOn = DateConversions.ToDate(period.EndsOn),
            Total = OwnerForecast(string.Empty, entries, currency),
        };
        forecast.Owners.AddRange(entries
            .GroupBy(e => e.OwnerId ?? string.Empty, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => OwnerForecast(g.Key, [.. g], currency)));
        return forecast;
    }

    private static Wire.OwnerForecast OwnerForecast(string ownerId, IReadOnlyList<ForecastEntry> entries, string currency)
    {
        var open = entries.Where(e => e.IsOpen).ToList();
        var won = entries.Where(e => e.Stage == OpportunityStage.Won).ToList();
        return new Wire.OwnerForecast
        {
            OwnerId = ownerId,
            OpenCount = open.Count,
            OpenTotal = MoneyConversions.ToMoney(open.Sum(e => SummingCurrency.AmountIn(e, currency)), currency),
            Weighted = MoneyConversions.ToMoney(open.Sum(e => SummingCurrency.WeightedIn(e, currency)), currency),
            WonCount = won.Count,
            WonTotal = MoneyConversions.ToMoney(won.Sum(e => SummingCurrency.AmountIn(e, currency)), currency),
            LostCount = entries.Count(e => e.Stage == OpportunityStage.Lost),
        };
    }
}
