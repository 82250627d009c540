extern alias service;

using Crm.Api;
using Crm.Contracts;
using Crm.Grpc.Security;
using Crm.SalesHistory;
using Crm.Testing;
using service::Crm.Forecasts.Domain.Flow;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Tests.Flow;

/// <summary>
/// The flow forecast and its accuracy as the service answers them, from a generated year of two teams' deals fed
/// through the broker: each figure agrees with the events, and a manager sees only their team's.
/// </summary>
public sealed class FlowForecastTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private ForecastsService _service = null!;
    private List<GeneratedDeal> _deals = null!;

    private DateOnly Today => _service.Clock.Today;

    public async ValueTask InitializeAsync()
    {
        _service = await ForecastsService.StartAsync(servers, nameof(FlowForecastTests));
        var settings = new SalesHistorySettings(Teams: 2, RepsPerTeam: 2, Opportunities: 320, From: Today.AddDays(-400), To: Today.AddDays(-1), Seed: 5);
        _deals = [.. SalesHistoryGenerator.Deals(settings)];
        await _service.PublishAsync([.. _deals.SelectMany(d => d.Events)]);
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Each_periods_flow_forecast_is_its_open_deals_chances_times_their_amounts_beside_the_stage_weighted_and_committed_sums()
    {
        var rep = "rep-001";
        var answer = await _service.FlowForecastAsync(new Wire.GetFlowForecastRequest { Period = Wire.PeriodKind.Quarter, Periods = 2, OwnerId = rep });

        var histories = _deals.Where(d => d.Rep.UserId == rep).Select(d => Deals.History([.. d.Events])!).ToList();
        var asOf = Today.AddDays(1);
        var open = histories.Where(h => h.AsOf(asOf) is not null).ToList();
        Assert.Equal(open.Select(h => h.OpportunityId.ToString()).Order(StringComparer.Ordinal), answer.Deals.Select(d => d.OpportunityId).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.NotEmpty(open);
        Assert.Equal(2, answer.Periods.Count);
        Assert.All(answer.Deals, d => Assert.True(d.Chances.All(c => c is >= 0 and <= 1) && d.Chances.Sum() <= 1 + 1e-9, string.Join(", ", d.Chances)));
        Assert.True(answer.Deals.Sum(d => d.Chances.Sum()) > 0, "no open deal was given any chance");

        for (var i = 0; i < answer.Periods.Count; i++)
        {
            var period = answer.Periods[i];
            var (first, last) = (Day(period.StartsOn), Day(period.EndsOn));
            var expected = answer.Deals.Sum(d => (decimal)d.Chances[i] * Amount(d.Amount));
            Assert.Equal(Math.Round(expected, 2), Amount(period.Expected));
            Assert.InRange(Amount(period.Low), 0, Amount(period.High));
            Assert.InRange(Amount(period.High), 0, answer.Deals.Sum(d => Amount(d.Amount)));

            var states = open.Select(h => h.AsOf(asOf)!).Where(s => s.Forecast.CloseOn >= first && s.Forecast.CloseOn <= last).ToList();
            Assert.Equal(states.Sum(s => s.Forecast.Amount * s.Forecast.Probability / 100m), Amount(period.StageWeighted));
            Assert.Equal(states.Where(s => s.Forecast.Category == Contracts.Opportunities.ForecastCategory.Commit).Sum(s => s.Forecast.Amount), Amount(period.Committed));
            Assert.Equal(histories.Where(h => h.WonBetween(first, Today)).Sum(h => h.WonAmount), Amount(period.Won));
        }

        Assert.Equal(rep, Assert.Single(answer.Owners).OwnerId);
    }

    [Fact]
    public async Task A_team_manager_sees_their_teams_flow_forecast_and_accuracy_and_not_the_other_teams()
    {
        var manager = TestCalls.InTeam("team-02", "tess", Deadline, CrmRoles.SalesManager);
        var forecast = await _service.FlowForecastAsync(new Wire.GetFlowForecastRequest { Period = Wire.PeriodKind.Month, Periods = 3 }, manager);
        var accuracy = await _service.AccuracyAsync(new Wire.GetForecastAccuracyRequest { Quarters = 2 }, manager);
        var everyone = await _service.AccuracyAsync(new Wire.GetForecastAccuracyRequest { Quarters = 2 });

        Assert.Equal(["rep-003", "rep-004"], forecast.Owners.Select(o => o.OwnerId), StringComparer.Ordinal);
        Assert.Equal(2 * 2, accuracy.RepQuarters);
        Assert.Equal(4 * 2, everyone.RepQuarters);
        Assert.Equal(everyone.Calibration.Sum(b => b.Deals), OpenAtQuarterStarts(_deals));
        Assert.Equal(accuracy.Calibration.Sum(b => b.Deals), OpenAtQuarterStarts(_deals.Where(d => d.Rep.Team == "team-02")));
        Assert.Equal(["STAGE_PROBABILITY", "REP_CATEGORIES", "CALIBRATED"], everyone.Methods.Select(m => m.Method), StringComparer.Ordinal);
        Assert.All(everyone.Methods, m => Assert.True(m.MapePercent > 0, m.Method));
    }

    /// <summary>How many of these deals were open on the first day of each of the last two quarters before today's.</summary>
    private int OpenAtQuarterStarts(IEnumerable<GeneratedDeal> deals)
    {
        var thisQuarter = new DateOnly(Today.Year, (((Today.Month - 1) / 3) * 3) + 1, 1);
        var starts = new[] { thisQuarter.AddMonths(-6), thisQuarter.AddMonths(-3) };
        return deals.Select(d => Deals.History([.. d.Events])!).Sum(h => starts.Count(s => h.AsOf(s) is not null));
    }

    private static decimal Amount(Shared.Money money) => MoneyConversions.Read(money, "money").Amount;

    private static DateOnly Day(Shared.Date date) => DateConversions.Read(date, "date").Date!.Value;
}
