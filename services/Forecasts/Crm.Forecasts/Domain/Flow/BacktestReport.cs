namespace Crm.Forecasts.Domain.Flow;

/// <summary>How each forecast method did over the periods of a backtest.</summary>
/// <param name="Mape">Each method's mean absolute percentage error over the (rep, period) pairs in which the rep won something.</param>
/// <param name="Calibration">The calibrated forecast's deals by the chance it gave them.</param>
/// <param name="IntervalCoverage">The share of (rep, period) pairs whose revenue fell within the calibrated forecast's 80% range.</param>
/// <param name="RepPeriods">How many (rep, period) pairs were measured.</param>
internal sealed record BacktestReport(IReadOnlyDictionary<ForecastMethod, double> Mape, IReadOnlyList<CalibrationBand> Calibration, double IntervalCoverage, int RepPeriods)
{
    /// <summary>The worst band's distance between chance given and share won, in points, over the bands with at least
    /// <paramref name="deals"/> deals (fewer say too little to judge).</summary>
    public double CalibrationErrorPoints(int deals) =>
        Calibration.Where(b => b.Deals >= deals).Select(b => b.ErrorPoints).DefaultIfEmpty(0).Max();
}
