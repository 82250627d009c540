using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc.Security;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Grpc.Core;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Tests.Snapshots;

/// <summary>The weekly snapshots of the forecast, taken once however many replicas run, and what moved since.</summary>
public sealed class SnapshotTests(CrmTestServers servers)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Snapshots looked for five times a second, so that moving the clock to the next Monday takes them at once.
    private static readonly string[] Settings = ["--Forecasts:Snapshots:CheckInterval=00:00:00.200"];

    [Fact]
    public async Task Each_Monday_one_replica_freezes_every_reps_teams_and_the_companys_forecast_and_then_what_moved_is_told()
    {
        await using var first = await ForecastsService.StartAsync(servers, nameof(SnapshotTests), Settings);
        await using var second = await ForecastsService.StartAsync(first.Resources, Settings);
        var monday = NextMonday(first.Clock.Today);
        var (starts, ends) = QuarterOf(monday);
        var (slips, pushed, wins, loses, added, commits) = (Deals.New("ria"), Deals.New("ria"), Deals.New("ria"), Deals.New("ria"), Deals.New("ria"), Deals.New("ria"));
        var east = Deals.New("eve");
        await first.Api.SetQuotaAsync(
            new Wire.SetQuotaRequest { Scope = Wire.QuotaScope.Rep, ScopeId = "ria", Period = Wire.PeriodKind.Quarter, Within = DateConversions.ToDate(monday), Amount = MoneyConversions.ToMoney(20_000m, "EUR") },
            TestCalls.InTeam("west", "wes", Deadline, CrmRoles.SalesManager));
        await first.PublishAsync(
            slips.Opened(1_000m, ends.AddDays(-5), team: "west"),
            pushed.Opened(2_000m, ends.AddDays(-20), team: "west"),
            wins.Opened(3_000m, ends.AddDays(-10), team: "west"),
            loses.Opened(4_000m, ends.AddDays(-10), team: "west"),
            commits.Opened(6_000m, ends.AddDays(-10), team: "west"),
            commits.Updated(2, OpportunityStage.Closing, 80, 6_000m, ends.AddDays(-10)),
            east.Opened(7_000m, ends.AddDays(-10), team: "east"));

        // Monday comes for both replicas: the week's snapshots are taken once.
        first.Clock.Advance(TimeSpan.FromDays(monday.DayNumber - first.Clock.Today.DayNumber));
        second.Clock.Advance(TimeSpan.FromDays(monday.DayNumber - second.Clock.Today.DayNumber));
        Assert.True(await Poll.UntilAsync(
            async _ => await first.CountAsync($"SELECT count(*) FROM forecast_snapshot_runs WHERE taken_on = '{monday:yyyy-MM-dd}'") == 1,
            Deadline, TestContext.Current.CancellationToken));
        await AssertMondaysSnapshotsAsync(first, monday);
        Assert.Equal(5, await first.CountAsync($"SELECT count(*) FROM forecast_snapshots WHERE taken_on = '{monday:yyyy-MM-dd}'"));
        Assert.Equal(6, await first.CountAsync($"SELECT count(*) FROM snapshot_deals WHERE taken_on = '{monday:yyyy-MM-dd}'"));

        // Then the week's moves: one slips to the next quarter, one is pushed later in this one, one is won, one lost, one
        // opened; the committed one stays as it was.
        await first.PublishAsync(
            slips.Updated(2, OpportunityStage.Proposal, 25, 1_000m, ends.AddDays(10)),
            pushed.Updated(2, OpportunityStage.Proposal, 25, 2_000m, ends.AddDays(-3)),
            wins.Won(2, 3_000m, monday),
            loses.Lost(2, 4_000m, monday),
            added.Opened(5_000m, ends, team: "west"));
        var changes = await first.Api.GetForecastChangesAsync(
            new Wire.GetForecastChangesRequest { Period = Wire.PeriodKind.Quarter }, TestCalls.InTeam("west", "wes", Deadline, CrmRoles.SalesManager));
        Assert.Equal((monday, starts, ends), (DateOf(changes.Since), DateOf(changes.StartsOn), DateOf(changes.EndsOn)));
        Assert.Equal(
            [("ADDED", 1, 5_000m), ("SLIPPED", 1, 1_000m), ("PUSHED", 1, 2_000m), ("WON", 1, 3_000m), ("LOST", 1, 4_000m)],
            changes.Moves.Select(m => (m.Move, m.Count, Amount(m.Total))));
        Assert.Equal(
            [("ADDED", added.OpportunityId), ("SLIPPED", slips.OpportunityId), ("PUSHED", pushed.OpportunityId), ("WON", wins.OpportunityId), ("LOST", loses.OpportunityId)],
            changes.Deals.Select(d => (d.Move, Guid.Parse(d.OpportunityId))));
        var slipped = changes.Deals.Single(d => d.Move == "SLIPPED");
        Assert.Equal(("QUALIFICATION", "PROPOSAL", ends.AddDays(-5), ends.AddDays(10)), (slipped.StageBefore, slipped.StageNow, DateOf(slipped.CloseBefore), DateOf(slipped.CloseNow)));

        // Another team's manager sees none of it.
        var eastChanges = await first.Api.GetForecastChangesAsync(
            new Wire.GetForecastChangesRequest { Period = Wire.PeriodKind.Quarter }, TestCalls.InTeam("east", "eli", Deadline, CrmRoles.SalesManager));
        Assert.All(eastChanges.Moves, m => Assert.Equal(0, m.Count));
    }

    /// <summary>Monday's snapshots: every rep's, team's and the company's pipeline, commits, won and quota, as published.</summary>
    private static async Task AssertMondaysSnapshotsAsync(ForecastsService service, DateOnly monday)
    {
        // The snapshots taken when the replicas started (of the week before) are not Monday's.
        var taken = (await service.EventsAsync())
            .Where(e => e.Type == "ForecastSnapshotTaken" && DateOnly.FromDateTime(e.Body.GetProperty("occurredAt").GetDateTimeOffset().UtcDateTime) == monday)
            .ToList();
        Assert.Equal(
            [
                ("Company", "", 23_000m, 6_000m, 0m, null),
                ("Rep", "eve", 7_000m, 0m, 0m, null),
                ("Rep", "ria", 16_000m, 6_000m, 0m, 20_000m),
                ("Team", "east", 7_000m, 0m, 0m, null),
                ("Team", "west", 16_000m, 6_000m, 0m, null),
            ],
            taken.Select(e => (e.Body.GetProperty("scope").GetString(), e.Body.GetProperty("scopeId").GetString(), e.Amount("pipeline", "amount"), e.Amount("commit", "amount"), e.Amount("closed", "amount"),
                e.Body.GetProperty("quota").ValueKind == System.Text.Json.JsonValueKind.Null ? (decimal?)null : e.Amount("quota", "amount")))
                .OrderBy(s => s.Item1, StringComparer.Ordinal).ThenBy(s => s.Item2, StringComparer.Ordinal));
    }

    /// <summary>The Monday after <paramref name="today"/> (a week on, on a Monday).</summary>
    private static DateOnly NextMonday(DateOnly today) => today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7));

    private static (DateOnly Starts, DateOnly Ends) QuarterOf(DateOnly day)
    {
        var starts = new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1);
        return (starts, starts.AddMonths(3).AddDays(-1));
    }

    private static DateOnly DateOf(Crm.Common.Grpc.V1.Date date) => new(date.Year, date.Month, date.Day);

    private static decimal Amount(Crm.Common.Grpc.V1.Money money) => MoneyConversions.Read(money, "money").Amount;
}
