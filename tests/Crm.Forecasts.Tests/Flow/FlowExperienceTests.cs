extern alias service;

using Crm.Contracts.Opportunities;
using service::Crm.Forecasts.Domain.Flow;

namespace Crm.Forecasts.Tests.Flow;

/// <summary>What deals did before a day, counted by stage and age: finished stays count their exit, unfinished ones only
/// the days so far.</summary>
public sealed class FlowExperienceTests
{
    private static readonly DateOnly Opened = new(2026, 1, 5);
    private const int Qualification = (int)OpportunityStage.Qualification;
    private const int Proposal = (int)OpportunityStage.Proposal;

    [Fact]
    public void A_stay_still_running_counts_its_days_so_far_and_no_exit()
    {
        var deal = Deals.New("rep-1");
        var history = Deals.History(
            deal.Opened(1000m, Opened.AddDays(30), on: Opened),
            deal.StageChanged(2, OpportunityStage.Qualification, OpportunityStage.Proposal, 25, Opened.AddDays(3)),
            deal.Lost(3, 1000m, Opened.AddDays(40)))!;
        var experience = new FlowExperience();
        experience.Add(history, Opened.AddDays(10));

        // Qualification: ages 1..3, left for Proposal at age 3. Proposal: ages 1..6 by the start of day 10, not lost yet.
        Assert.Equal(3, experience.Days(Qualification, FlowShape.Band(1)));
        Assert.Equal(1, experience.Exits(Qualification, FlowShape.Band(3), Proposal));
        Assert.Equal(6, experience.Days(Proposal, FlowShape.Band(1)));
        Assert.Equal(0, Enumerable.Range(0, FlowShape.Bands).Sum(b => experience.Exits(Proposal, b, (int)OpportunityStage.Lost)));
        Assert.Equal((1, 1), (experience.Entries(Qualification), experience.Entries(Proposal)));
    }

    [Fact]
    public void Leaving_a_stage_the_day_one_entered_it_is_a_same_day_exit()
    {
        var deal = Deals.New("rep-1");
        var history = Deals.History(
            deal.Opened(1000m, Opened.AddDays(30), on: Opened),
            deal.StageChanged(2, OpportunityStage.Qualification, OpportunityStage.Proposal, 25, Opened))!;
        var experience = new FlowExperience();
        experience.Add(history, Opened.AddDays(2));

        Assert.Equal(1, experience.SameDayExits(Qualification, Proposal));
        Assert.Equal(0, Enumerable.Range(0, FlowShape.Bands).Sum(b => experience.Days(Qualification, b)));
        Assert.Equal(1, experience.Days(Proposal, FlowShape.Band(1)));
    }
}
