using Crm.Forecasts.Domain.Flow;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>How each way of forecasting did over the past quarters, for the reps in the caller's reach.</summary>
internal sealed partial class ForecastsApi
{
    /// <summary>The most quarters one backtest covers.</summary>
    private const int MostQuarters = 8;

    private static readonly Dictionary<ForecastMethod, string> MethodNames = new()
    {
        [ForecastMethod.StageProbability] = "STAGE_PROBABILITY",
        [ForecastMethod.RepCategories] = "REP_CATEGORIES",
        [ForecastMethod.Calibrated] = "CALIBRATED",
    };

    public override Task<Wire.ForecastAccuracy> GetForecastAccuracy(Wire.GetForecastAccuracyRequest request, ServerCallContext context) => GetForecastAccuracyAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.ForecastAccuracy>> GetForecastAccuracyAsync(Wire.GetForecastAccuracyRequest request, ServerCallContext context)
    {
        if (request.Quarters is < 0 or > MostQuarters)
        {
            return Status.InvalidArgument("quarters", $"must be between 1 and {MostQuarters} (4 when unset)");
        }

        var today = Today;
        var (thisQuarter, _) = PeriodBounds.Of(Wire.PeriodKind.Quarter, today);
        var count = request.Quarters == 0 ? 4 : request.Quarters;
        var quarters = Enumerable.Range(1, count).Reverse()
            .Select(back => thisQuarter!.StartsOn.AddMonths(-3 * back))
            .Select(first => new ForecastWindow(first, first.AddMonths(3).AddDays(-1)))
            .ToList();
        var reach = CallerReach.Of(context);
        var all = await DealHistories.AllAsync(db, context.CancellationToken);
        var (currency, currencyStatus) = SummingCurrency.Choose(request.CurrencyCode, all.Where(reach.InReach).Select(d => d.Currency));
        if (!currencyStatus.IsOk)
        {
            return currencyStatus;
        }

        // The flow is learnt from every deal; the reps are measured on the deals in reach in one currency (no exchange rates).
        var report = ForecastBacktest.Run(all, quarters, FlowSettings.Default, d => reach.InReach(d) && d.Currency == currency);

        var answer = new Wire.ForecastAccuracy { RangeCoverage = report.IntervalCoverage, RepQuarters = report.RepPeriods };
        answer.Methods.AddRange(report.Mape.Select(m => new Wire.MethodAccuracy { Method = MethodNames[m.Key], MapePercent = m.Value }));
        answer.Calibration.AddRange(report.Calibration.Select(b => new Wire.CalibrationBand { Decile = b.Decile, Deals = b.Deals, Given = b.Given, Won = b.Won }));
        return answer;
    }
}
