using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc.Security;
using Crm.Testing;
using Grpc.Core;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Tests;

/// <summary>Roll-ups by rep, team and everything in reach; by month, quarter and year; by stage and category.</summary>
public sealed class RollupTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly CallOptions VicePresident = TestCalls.As("vera", Deadline, CrmRoles.SalesManager);
    private static readonly decimal QualificationWeight = StageProbability.Default(OpportunityStage.Qualification) / 100m;

    private ForecastsService _service = null!;

    public async ValueTask InitializeAsync() => _service = await ForecastsService.StartAsync(servers, nameof(RollupTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Deals_roll_up_by_group_period_stage_and_category_as_their_events_say_each_caller_seeing_their_reach()
    {
        var (r1, r2, r3) = (Deals.New("ria"), Deals.New("ria"), Deals.New("ria"));
        var (r4, r5, r6) = (Deals.New("rob"), Deals.New("rob"), Deals.New("rob"));
        var e1 = Deals.New("eve");
        await _service.PublishAsync(
            r1.Opened(1000m, Day(2, 20), team: "west"),
            r1.Updated(2, OpportunityStage.Proposal, 40, 1200m, Day(3, 10)),
            r2.Opened(500m, Day(5, 5), team: "west"),
            r3.Opened(800m, Day(3, 1), team: "west"),
            r3.Won(2, 900m, Day(4, 2)),
            r4.Opened(300m, Day(1, 31), team: "west"),
            r4.Lost(2, 300m, Day(2, 15)),
            r5.Opened(700m, Day(6, 30), "USD", team: "west"),
            r6.Opened(400m, Day(7, 1), team: "west"),
            e1.Opened(2000m, Day(2, 1), team: "east"),
            e1.Updated(2, OpportunityStage.Negotiation, 60, 2000m, Day(2, 1), category: ForecastCategory.BestCase));

        // By rep and quarter: an open deal counts in the quarter of its close date, a won or lost one in the quarter it
        // closed in (the deal won on 2 April closes in the second quarter, though it was due in March); a deal in
        // dollars is counted apart, one due in July is outside the two quarters.
        var byOwner = await RollupAsync(Wire.RollupGrouping.ByOwner, Wire.PeriodKind.Quarter, Day(2, 10), 2, VicePresident);
        Assert.Equal(
            [
                ("eve", 0, "NEGOTIATION", "BEST_CASE", 1, 2000m, 1200m),
                ("ria", 0, "PROPOSAL", "COMMIT", 1, 1200m, 480m),
                ("ria", 1, "QUALIFICATION", "", 1, 500m, 500m * QualificationWeight),
                ("ria", 1, "WON", "CLOSED", 1, 900m, 900m),
                ("rob", 0, "LOST", "OMITTED", 1, 300m, 0m),
            ],
            byOwner.Cells.Select(Cell));
        Assert.Equal(("EUR", 1), (byOwner.CurrencyCode, byOwner.OtherCurrencyDeals));
        Assert.Equal([(Day(1, 1), Day(3, 31)), (Day(4, 1), Day(6, 30))], byOwner.Periods.Select(p => (DateOf(p.StartsOn), DateOf(p.EndsOn))));

        await AssertAgreesWithTheForecastAsync(byOwner);

        // West's manager, by team and month: only the west team's deals, month by month.
        var west = await RollupAsync(Wire.RollupGrouping.ByTeam, Wire.PeriodKind.Month, Day(1, 1), 6, TestCalls.InTeam("west", "wes", Deadline, CrmRoles.SalesManager));
        Assert.Equal(
            [
                ("west", 1, "LOST", "OMITTED", 1, 300m, 0m),
                ("west", 2, "PROPOSAL", "COMMIT", 1, 1200m, 480m),
                ("west", 3, "WON", "CLOSED", 1, 900m, 900m),
                ("west", 4, "QUALIFICATION", "", 1, 500m, 500m * QualificationWeight),
            ],
            west.Cells.Select(Cell));
        Assert.Equal(6, west.Periods.Count);

        // A rep of the east team, everything in reach for the year: the east team's deal and nothing of the west's.
        var eve = await RollupAsync(Wire.RollupGrouping.AllInReach, Wire.PeriodKind.Year, Day(8, 8), 1, TestCalls.InTeam("east", "eve", Deadline, CrmRoles.OutsideSales));
        Assert.Equal([(string.Empty, 0, "NEGOTIATION", "BEST_CASE", 1, 2000m, 1200m)], eve.Cells.Select(Cell));
        Assert.Equal(0, eve.OtherCurrencyDeals);
    }

    [Fact]
    public async Task As_the_managers_judge_an_open_deal_counts_in_the_managers_category_where_one_judged_and_a_won_one_as_closed()
    {
        var (judged, unjudged, won) = (Deals.New("mia"), Deals.New("mia"), Deals.New("mia"));
        await _service.PublishAsync(
            judged.Opened(100m, Day(9, 10), team: "judged"),
            judged.Updated(2, OpportunityStage.Proposal, 25, 100m, Day(9, 10), managerCategory: ForecastCategory.BestCase),
            unjudged.Opened(200m, Day(9, 12), team: "judged"),
            unjudged.Updated(2, OpportunityStage.Proposal, 25, 200m, Day(9, 12)),
            won.Opened(300m, Day(9, 1), team: "judged"),
            won.Updated(2, OpportunityStage.Closing, 80, 300m, Day(9, 1), managerCategory: ForecastCategory.Omitted),
            won.Won(3, 300m, Day(9, 5)));
        var manager = TestCalls.InTeam("judged", "jo", Deadline, CrmRoles.SalesManager);

        var reps = await RollupAsync(Wire.RollupGrouping.ByOwner, Wire.PeriodKind.Month, Day(9, 1), 1, manager);
        var managers = await _service.RollupAsync(
            new Wire.GetForecastRollupRequest { GroupBy = Wire.RollupGrouping.ByOwner, Period = Wire.PeriodKind.Month, From = DateConversions.ToDate(Day(9, 1)), AsManagersJudge = true }, manager);

        Assert.Equal([("PROPOSAL", "COMMIT", 2, 300m), ("WON", "CLOSED", 1, 300m)], reps.Cells.Select(c => (c.Stage, c.Category, c.Count, Amount(c.Total))));
        Assert.Equal(
            [("PROPOSAL", "BEST_CASE", 1, 100m), ("PROPOSAL", "COMMIT", 1, 200m), ("WON", "CLOSED", 1, 300m)],
            managers.Cells.Select(c => (c.Stage, c.Category, c.Count, Amount(c.Total))));
    }

    /// <summary>Each period of a roll-up by quarter sums to what the forecast of that quarter says.</summary>
    [Fact]
    public async Task By_branch_each_team_rolls_up_to_the_part_of_the_callers_hierarchy_it_is_in_and_another_directors_teams_stay_out()
    {
        // In 2030, apart from the other tests' deals: a director of inland over the managers of metro (with harbour
        // below it) and of upland; a peer director of coastal.
        var (own, metro, harbour, upland, coastal, elsewhere) = (Deals.New("ida"), Deals.New("max"), Deals.New("hugo"), Deals.New("uma"), Deals.New("cid"), Deals.New("ida"));
        var due = new DateOnly(2030, 3, 10);
        await _service.PublishAsync(
            own.Opened(100m, due, team: "inland"),
            metro.Opened(200m, due, team: "metro"),
            harbour.Opened(400m, due, team: "harbour"),
            upland.Opened(800m, due, team: "upland"),
            coastal.Opened(1_600m, due, team: "coastal"),
            elsewhere.Opened(3_200m, due));
        var director = TestCalls.Managing("inland", "dina", Deadline, "metro", "metro/harbour", "upland");
        var metroManager = TestCalls.Managing("metro", "mona", Deadline, "harbour");
        var vicePresident = TestCalls.Managing(null, "vera", Deadline, "coastal", "inland", "inland/metro", "inland/metro/harbour", "inland/upland");

        async Task<(string, decimal)[]> BranchesAsync(CallOptions caller) =>
            [.. (await RollupAsync(Wire.RollupGrouping.ByBranch, Wire.PeriodKind.Year, due, 1, caller)).Cells.Select(c => (c.Group, Amount(c.Total)))];

        Assert.Equal([("inland", 100m), ("metro", 600m), ("upland", 800m)], await BranchesAsync(director));
        Assert.Equal([("harbour", 400m), ("metro", 200m)], await BranchesAsync(metroManager));
        Assert.Equal([(string.Empty, 3_200m), ("coastal", 1_600m), ("inland", 1_500m)], await BranchesAsync(vicePresident));

        // By team, the director sees each of the four teams and not the peer's.
        var byTeam = await RollupAsync(Wire.RollupGrouping.ByTeam, Wire.PeriodKind.Year, due, 1, director);
        Assert.Equal(["harbour", "inland", "metro", "upland"], byTeam.Cells.Select(c => c.Group), StringComparer.Ordinal);
    }

    private async Task AssertAgreesWithTheForecastAsync(Wire.ForecastRollup rollup)
    {
        for (var quarter = 0; quarter < rollup.Periods.Count; quarter++)
        {
            var forecast = await _service.ForecastAsync(
                new Wire.GetForecastRequest { Period = Wire.PeriodKind.Quarter, Within = rollup.Periods[quarter].StartsOn, CurrencyCode = "EUR" }, VicePresident);
            var cells = rollup.Cells.Where(c => c.Period == quarter).ToList();
            var open = cells.Where(c => c.Stage is not ("WON" or "LOST")).ToList();
            Assert.Equal(Amount(forecast.Total.OpenTotal), open.Sum(c => Amount(c.Total)));
            Assert.Equal(Amount(forecast.Total.Weighted), open.Sum(c => Amount(c.Weighted)));
            Assert.Equal(Amount(forecast.Total.WonTotal), cells.Where(c => c.Stage == "WON").Sum(c => Amount(c.Total)));
            Assert.Equal(forecast.Total.LostCount, cells.Where(c => c.Stage == "LOST").Sum(c => c.Count));
        }
    }

    private static DateOnly Day(int month, int day) => new(2027, month, day);

    private static DateOnly DateOf(Crm.Common.Grpc.V1.Date date) => new(date.Year, date.Month, date.Day);

    private static decimal Amount(Crm.Common.Grpc.V1.Money money) => MoneyConversions.Read(money, "money").Amount;

    private static (string, int, string, string, int, decimal, decimal) Cell(Wire.RollupCell c) =>
        (c.Group, c.Period, c.Stage, c.Category, c.Count, Amount(c.Total), Amount(c.Weighted));

    private Task<Wire.ForecastRollup> RollupAsync(Wire.RollupGrouping groupBy, Wire.PeriodKind period, DateOnly from, int periods, CallOptions caller) =>
        _service.RollupAsync(new Wire.GetForecastRollupRequest { GroupBy = groupBy, Period = period, From = DateConversions.ToDate(from), Periods = periods }, caller);
}
