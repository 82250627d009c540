extern alias forecasts;

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Crm.SalesHistory;
using forecasts::Crm.Forecasts.Domain.Flow;

namespace Crm.Benchmarks;

/// <summary>
/// <c>./build.sh bench forecast</c>: a generated two-year history of 200 reps in 20 teams and 200,000 opportunities, whose
/// real stage conversion, time in stage and slipping the generator sets (<see cref="SalesTruth"/>). Each of the last
/// four quarters is forecast on its first day, from what was known before it, by the stage probabilities, by the reps'
/// own commits and by the flow model; each is compared with what the deals open that day won in the quarter. Three
/// histories of different seeds are backtested, and their figures averaged. Before that, the roll-up is timed at a
/// million opportunities against a bare SQL aggregate (<see cref="RollupTiming"/>), and the flow forecast of 200,000
/// deals, the day's first and later ones (<see cref="FlowTiming"/>).
/// </summary>
internal sealed class ForecastBenchmark : IBenchmark
{
    /// <summary>A calibration band with fewer deals says too little to judge.</summary>
    private const int BandDeals = 100;

    public string Name => "forecast";

    /// <summary>Three histories of different seeds: one history's figures swing by several points with its luck.</summary>
    private static readonly int[] Seeds = [1, 2, 3];

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var rollup = await RollupTiming.MeasureAsync(cancellationToken);
        var flow = await FlowTiming.MeasureAsync(cancellationToken);
        var runs = Seeds.Select(Backtest).ToList();
        var mean = (Func<HistoryRun, double> figure) => runs.Average(figure);
        var summary = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"forecast: stage-probability MAPE {mean(r => r.Mape(ForecastMethod.StageProbability)):0.0}%, rep categories MAPE {mean(r => r.Mape(ForecastMethod.RepCategories)):0.0}%, calibrated MAPE {mean(r => r.Mape(ForecastMethod.Calibrated)):0.0}%, calibration error {runs.Max(r => r.CalibrationError):0.0} points, roll-up p99 {rollup.RollupP99:0} ms at 1M opportunities (bare SQL aggregate {rollup.BareP99:0} ms)"));
        summary.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  the truth's own chances: MAPE {mean(r => r.Mape(ForecastMethod.Reference)):0.0}% (the luck no forecast can know); calibrated/truth {mean(r => r.Mape(ForecastMethod.Calibrated)) / mean(r => r.Mape(ForecastMethod.Reference)):0.00}");
        summary.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  roll-up/bare p99 {rollup.Ratio:0.00}; p50 {rollup.RollupP50:0} ms against {rollup.BareP50:0} ms; {rollup.Samples} of each, in turns; the rows written by COPY in {rollup.WriteSeconds:0.0} s");
        summary.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  flow forecast of 200,000 deals ({flow.Steps} steps): the day's first {flow.FirstSeconds:0.0} s (it learns the day's model), later ones p50 {flow.LaterP50:0} ms, p99 {flow.LaterP99:0} ms");
        summary.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  MAPE: the mean over {runs.Count} histories (seeds {string.Join(", ", Seeds)}); calibration error: the worst decile of any history with at least {BandDeals} deals");
        foreach (var run in runs)
        {
            summary.Append(Environment.NewLine).Append(run.Describe());
        }

        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["stage_probability_mape_percent"] = mean(r => r.Mape(ForecastMethod.StageProbability)),
            ["rep_categories_mape_percent"] = mean(r => r.Mape(ForecastMethod.RepCategories)),
            ["calibrated_mape_percent"] = mean(r => r.Mape(ForecastMethod.Calibrated)),
            ["truth_mape_percent"] = mean(r => r.Mape(ForecastMethod.Reference)),
            ["calibration_error_points"] = runs.Max(r => r.CalibrationError),
            ["interval_coverage_percent"] = mean(r => r.Report.IntervalCoverage * 100),
            ["backtest_seconds"] = mean(r => r.BacktestSeconds),
            ["rollup_p99_ms"] = rollup.RollupP99,
            ["rollup_bare_sql_p99_ms"] = rollup.BareP99,
            ["rollup_p50_ms"] = rollup.RollupP50,
            ["rollup_bare_sql_p50_ms"] = rollup.BareP50,
            ["rollup_ratio_p99"] = rollup.Ratio,
            ["flow_forecast_first_seconds"] = flow.FirstSeconds,
            ["flow_forecast_later_p50_ms"] = flow.LaterP50,
            ["flow_forecast_later_p99_ms"] = flow.LaterP99,
        };
        var first = runs[0].Settings;
        var runSettings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["history"] = $"{first.Teams} teams of {first.RepsPerTeam} reps, {first.Opportunities} opportunities, {first.From:yyyy-MM-dd} to {first.To:yyyy-MM-dd}, seeds {string.Join(", ", Seeds)}",
            ["quarters"] = string.Join(", ", Quarters(first).Select(q => q.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            ["calibration_band_min_deals"] = BandDeals.ToString(CultureInfo.InvariantCulture),
            ["rollup"] = $"{RollupTiming.Opportunities} opportunities, a vice-president's four quarters by rep, stage and category",
            ["flow_prior_exits"] = FlowSettings.Default.PriorExits.ToString(CultureInfo.InvariantCulture),
        };
        return new BenchmarkResult(Name, summary.ToString(), figures, runSettings);
    }

    private static HistoryRun Backtest(int seed)
    {
        var settings = new SalesHistorySettings(Teams: 20, RepsPerTeam: 10, Opportunities: 200_000, From: new DateOnly(2024, 10, 1), To: new DateOnly(2026, 9, 30), Seed: seed);
        var clock = Stopwatch.StartNew();
        var generatedDeals = SalesHistoryGenerator.Deals(settings).ToList();
        var deals = generatedDeals.Select(d => DealHistory.From(d.Events.Select(DealStep.Of).OfType<DealStep>())!).ToList();
        var reps = generatedDeals.ToDictionary(d => d.OpportunityId, d => d.Rep);
        var generated = clock.Elapsed.TotalSeconds;
        clock.Restart();

        // The truth's own chances, measured as one more method: the error left when a forecast knows everything but luck.
        var (oracle, random) = (new TruthOracle(settings.Truth, draws: 100), new Random(seed));
        var report = ForecastBacktest.Run(
            deals, Quarters(settings), FlowSettings.Default,
            reference: (deal, state, quarter) => oracle.ChanceOfWinning(reps[deal.OpportunityId], state.Stage, state.Age, 1, quarter.Last.DayNumber - quarter.First.DayNumber + 1, random));
        return new HistoryRun(settings, deals.Count, generated, clock.Elapsed.TotalSeconds, report);
    }

    /// <summary>The last four quarters of the history.</summary>
    private static List<ForecastWindow> Quarters(SalesHistorySettings settings) =>
        [.. Enumerable.Range(0, 4).Select(q => settings.To.AddDays(1).AddMonths(3 * (q - 4))).Select(f => new ForecastWindow(f, f.AddMonths(3).AddDays(-1)))];

    /// <summary>One history's backtest.</summary>
    private sealed record HistoryRun(SalesHistorySettings Settings, int Deals, double GeneratedSeconds, double BacktestSeconds, BacktestReport Report)
    {
        public double CalibrationError => Report.CalibrationErrorPoints(BandDeals);

        public double Mape(ForecastMethod method) => Report.Mape[method];

        public string Describe()
        {
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"  seed {Settings.Seed}: {Deals} opportunities generated in {GeneratedSeconds:0.0} s, {Report.RepPeriods} rep-quarters backtested in {BacktestSeconds:0.0} s; MAPE stage-probability {Mape(ForecastMethod.StageProbability):0.0}%, rep categories {Mape(ForecastMethod.RepCategories):0.0}%, calibrated {Mape(ForecastMethod.Calibrated):0.0}%, truth {Mape(ForecastMethod.Reference):0.0}%; calibration error {CalibrationError:0.0} points; the 80% range held the actual in {Report.IntervalCoverage * 100:0.0}%"));
            text.Append(Environment.NewLine).Append("    given/won by decile:");
            foreach (var band in Report.Calibration)
            {
                text.Append(CultureInfo.InvariantCulture, $" {band.Given * 100:0}/{band.Won * 100:0} ({band.Deals})");
            }

            return text.ToString();
        }
    }
}
