extern alias service;

using Crm.Contracts.Opportunities;
using service::Crm.Forecasts.Domain;
using service::Crm.Forecasts.Domain.Snapshots;

namespace Crm.Forecasts.Tests.Snapshots;

/// <summary>How a deal moved for a period since a snapshot, and which day's snapshot is due.</summary>
public sealed class DealMoveTests
{
    private static readonly DateOnly Since = new(2027, 2, 1);
    private static readonly DateOnly Starts = new(2027, 1, 1);
    private static readonly DateOnly Ends = new(2027, 3, 31);

    [Theory]
    [InlineData(null, "Proposal", "2027-03-01", null, "Added")]
    [InlineData("2027-04-15", "Proposal", "2027-03-01", null, "Added")]
    [InlineData("2027-03-01", "Proposal", "2027-04-02", null, "Slipped")]
    [InlineData("2027-03-01", "Proposal", "2027-03-20", null, "Pushed")]
    [InlineData("2027-03-01", "Proposal", "2027-02-20", null, null)]
    [InlineData("2027-03-01", "Proposal", "2027-03-01", null, null)]
    [InlineData("2027-03-01", "Won", "2027-03-01", "2027-02-03", "Won")]
    [InlineData("2027-03-01", "Won", "2027-03-01", "2027-01-20", null)]
    [InlineData(null, "Won", "2027-05-01", "2027-02-03", "Won")]
    [InlineData("2027-03-01", "Lost", "2027-03-01", "2027-04-03", "Lost")]
    [InlineData("2027-05-01", "Lost", "2027-05-01", "2027-04-03", null)]
    [InlineData("2027-05-01", "Proposal", "2027-06-01", null, null)]
    public void A_deal_moved_as_its_close_date_and_outcome_then_and_now_say(string? dueThen, string stageNow, string dueNow, string? closedOn, string? move)
    {
        var before = dueThen is null ? null : new SnapshotDeal { TakenOn = Since, Stage = OpportunityStage.Proposal, CloseOn = DateOnly.Parse(dueThen, System.Globalization.CultureInfo.InvariantCulture) };
        var after = new ForecastEntry
        {
            Stage = Enum.Parse<OpportunityStage>(stageNow),
            CloseOn = DateOnly.Parse(dueNow, System.Globalization.CultureInfo.InvariantCulture),
            ClosedOn = closedOn is null ? null : DateOnly.Parse(closedOn, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Equal(move, DealMove.Of(before, after, Since, Starts, Ends)?.Kind.ToString());
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-30")]
    [InlineData("2026-12-02", "2026-11-30")]
    [InlineData("2026-12-06", "2026-11-30")]
    [InlineData("2026-12-07", "2026-12-07")]
    public void The_snapshot_due_is_the_latest_Monday_up_to_today(string today, string due)
    {
        var day = (string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(day(due), SnapshotSchedule.LatestDue(day(today), DayOfWeek.Monday));
    }
}
