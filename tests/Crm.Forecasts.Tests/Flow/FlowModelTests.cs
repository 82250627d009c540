extern alias service;

using Crm.Contracts.Opportunities;
using Crm.SalesHistory;
using service::Crm.Forecasts.Domain.Flow;

namespace Crm.Forecasts.Tests.Flow;

/// <summary>The flow model learnt from generated histories whose truth is known.</summary>
public sealed class FlowModelTests
{
    private static readonly DateOnly From = new(2024, 10, 1);
    private static readonly DateOnly To = new(2026, 9, 30);

    /// <summary>Every rep and team alike: the truth is then one flow, and a Qualification deal's chance of being won
    /// is the product of the chances of moving on (Negotiation moves to Handling objections or straight to Closing).</summary>
    private static readonly SalesTruth Uniform = new() { RepSkillSpread = 0, TeamSkillSpread = 0, RepPaceSpread = 0 };

    [Fact]
    public void A_qualification_deals_chance_of_being_won_is_the_truths()
    {
        var deals = History(new SalesHistorySettings(2, 5, 20_000, From, To, Seed: 11) { Truth = Uniform });
        var m = Uniform.MovesOn;
        var truth = m[0] * m[1] * m[2] * (Uniform.SkipsObjections + ((1 - Uniform.SkipsObjections) * m[3])) * m[4];

        // Learnt a year in, while many deals are still open: those count as not finished, not as lost.
        var model = FlowModel.Learn(deals, From.AddYears(1), FlowSettings.Default);
        var curve = WinCurve.Compute(model.For("team-01", "rep-001"), [365]);

        Assert.InRange(curve.Within(365, OpportunityStage.Qualification, 1), truth - 0.02, truth + 0.02);
    }

    [Fact]
    public void Half_the_deals_won_on_their_first_day_in_closing_and_half_still_open_give_even_odds_each_day()
    {
        // 50 deals opened in Closing on day 0 and won on day 1 (one day in the stage each, and an exit); 50 opened the same
        // day and still open at the start of day 2 (one day each, no exit). Every band without deals takes the first's.
        var opened = new DateOnly(2026, 3, 2);
        var deals = Enumerable.Range(0, 100).Select(i =>
        {
            var deal = Deals.New("rep-1");
            var open = deal.Opened(1000m, opened.AddDays(30), team: "team-1", on: opened, stage: OpportunityStage.Closing);
            return i < 50 ? Deals.History(open, deal.Won(2, 1000m, opened.AddDays(1)))! : Deals.History(open)!;
        }).ToList();

        var curve = WinCurve.Compute(FlowModel.Learn(deals, opened.AddDays(2), FlowSettings.Default).For("team-1", "rep-1"), [1, 2, 3, 30]);

        Assert.Equal(0.5, curve.Within(1, OpportunityStage.Closing, 1), 9);
        Assert.Equal(0.75, curve.Within(2, OpportunityStage.Closing, 1), 9);
        Assert.Equal(0.875, curve.Between(1, 3, OpportunityStage.Closing, 200), 9);
        Assert.Equal(0.25, curve.Between(2, 2, OpportunityStage.Closing, 5), 9);
        Assert.InRange(curve.Within(30, OpportunityStage.Closing, 1), 0.999999, 1);
        Assert.Equal(0, curve.Within(30, OpportunityStage.Qualification, 1));
    }

    [Fact]
    public void Deals_open_longer_than_most_are_given_less_chance_of_being_won_soon()
    {
        var deals = History(new SalesHistorySettings(2, 5, 20_000, From, To, Seed: 12) { Truth = Uniform });
        var model = FlowModel.Learn(deals, To, FlowSettings.Default);
        var curve = WinCurve.Compute(model.For("team-01", "rep-001"), [30]);

        // Closing lasts 15 days at the median, but deals that will be lost linger longer: of the few still in Closing
        // after 90 days, about four in ten will be lost (against 15% of all).
        var (young, old) = (curve.Within(30, OpportunityStage.Closing, 5), curve.Within(30, OpportunityStage.Closing, 90));
        Assert.True(young > old + 0.1, $"5 days in {young:0.000}, 90 days in {old:0.000}");
        Assert.True(curve.Within(30, OpportunityStage.Closing, 5) > curve.Within(30, OpportunityStage.Qualification, 5));
    }

    [Fact]
    public void A_rep_with_no_deals_yet_gets_the_team_flow_and_a_rep_with_many_their_own()
    {
        var settings = new SalesHistorySettings(2, 5, 20_000, From, To, Seed: 13) { Truth = new SalesTruth { RepSkillSpread = 1.0 } };
        var deals = History(settings);
        var model = FlowModel.Learn(deals, To, FlowSettings.Default);
        var reps = SalesHistoryGenerator.Reps(settings).Where(r => r.Team == "team-01").OrderBy(r => r.Skill).ToList();

        Assert.Same(model.For("team-01", "rep-new"), model.For("team-01", "rep-new-2"));
        var chance = (string rep) => WinCurve.Compute(model.For("team-01", rep), [365]).Within(365, OpportunityStage.Qualification, 1);
        var (weakest, newcomer, strongest) = (chance(reps[0].UserId), chance("rep-new"), chance(reps[^1].UserId));
        Assert.True(weakest < newcomer && newcomer < strongest, $"weakest {weakest:0.000}, newcomer {newcomer:0.000}, strongest {strongest:0.000}");
    }

    [Fact]
    public void Backtested_the_calibrated_forecast_beats_the_stage_probabilities_and_its_chances_come_true()
    {
        var deals = History(new SalesHistorySettings(5, 8, 60_000, From, To, Seed: 14));
        var quarters = new[] { new DateOnly(2025, 10, 1), new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1) }
            .Select(q => new ForecastWindow(q, q.AddMonths(3).AddDays(-1))).ToList();

        var report = ForecastBacktest.Run(deals, quarters, FlowSettings.Default);

        Assert.Equal(4 * 40, report.RepPeriods);
        Assert.True(report.Mape[ForecastMethod.Calibrated] < 0.75 * report.Mape[ForecastMethod.StageProbability],
            $"calibrated {report.Mape[ForecastMethod.Calibrated]:0.0}%, stage probability {report.Mape[ForecastMethod.StageProbability]:0.0}%");
        Assert.InRange(report.CalibrationErrorPoints(deals: 200), 0, 5);
        Assert.InRange(report.IntervalCoverage, 0.6, 0.95);
    }

    private static List<DealHistory> History(SalesHistorySettings settings) =>
        [.. SalesHistoryGenerator.Deals(settings).Select(d => Deals.History([.. d.Events])!)];
}
