extern alias service;

using Crm.Contracts.Opportunities;
using service::Crm.Forecasts.Domain.Flow;

namespace Crm.Forecasts.Tests.Flow;

/// <summary>A deal's path from its events, and the deal as it stood at the start of a day.</summary>
public sealed class DealHistoryTests
{
    private static readonly DateOnly Opened = new(2026, 1, 5);

    [Fact]
    public void A_day_shows_the_stage_age_and_forecast_of_the_events_before_it_whatever_order_they_came_in()
    {
        var deal = Deals.New("rep-1");
        var history = Deals.History(
            deal.Won(5, 9000m, Opened.AddDays(30)),
            deal.Updated(4, OpportunityStage.Proposal, 25, 9000m, Opened.AddDays(40), Opened.AddDays(12), ForecastCategory.BestCase),
            deal.StageChanged(3, OpportunityStage.Qualification, OpportunityStage.Proposal, 25, Opened.AddDays(10)),
            deal.Opened(8000m, Opened.AddDays(20), team: "team-1", on: Opened))!;

        Assert.Null(history.AsOf(Opened));
        Assert.Equal(new DealState(OpportunityStage.Qualification, 10, new ForecastRevision(Opened, Opened.AddDays(20), ForecastCategory.Pipeline, 10, 8000m)), history.AsOf(Opened.AddDays(10)));
        var later = history.AsOf(Opened.AddDays(13))!;
        Assert.Equal((OpportunityStage.Proposal, 3, ForecastCategory.BestCase, 9000m), (later.Stage, later.Age, later.Forecast.Category, later.Forecast.Amount));
        Assert.NotNull(history.AsOf(Opened.AddDays(30)));
        Assert.Null(history.AsOf(Opened.AddDays(31)));
        Assert.True(history.WonBetween(Opened.AddDays(30), Opened.AddDays(30)));
        Assert.False(history.WonBetween(Opened, Opened.AddDays(29)));
        Assert.Equal(("rep-1", "team-1", 9000m), (history.OwnerId, history.SalesTeam, history.WonAmount));
    }

    [Fact]
    public void Events_without_the_opening_make_no_history()
    {
        var deal = Deals.New("rep-1");
        Assert.Null(Deals.History(deal.StageChanged(2, OpportunityStage.Qualification, OpportunityStage.Proposal, 25, Opened)));
    }
}
