using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc.Security;
using Crm.Testing;
using Grpc.Core;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Tests.Quotas;

/// <summary>Quotas set by sales managers, each seen beside what was won, committed and open against it.</summary>
public sealed class AttainmentTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly CallOptions VicePresident = TestCalls.As("vera", Deadline, CrmRoles.SalesManager);
    private static readonly CallOptions WestManager = TestCalls.InTeam("west", "wes", Deadline, CrmRoles.SalesManager);
    private static readonly CallOptions EastManager = TestCalls.InTeam("east", "eli", Deadline, CrmRoles.SalesManager);

    private ForecastsService _service = null!;

    public async ValueTask InitializeAsync() => _service = await ForecastsService.StartAsync(servers, nameof(AttainmentTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Each_quota_in_reach_shows_what_was_won_committed_and_open_against_it()
    {
        await SetAsync(Wire.QuotaScope.Rep, "ria", 10_000m, WestManager);
        await SetAsync(Wire.QuotaScope.Team, "west", 50_000m, WestManager);
        await SetAsync(Wire.QuotaScope.Company, string.Empty, 100_000m, VicePresident);
        var (won, commit, bestCase, usd, robsWin, eastWin) = (Deals.New("ria"), Deals.New("ria"), Deals.New("ria"), Deals.New("ria"), Deals.New("rob"), Deals.New("eve"));
        await _service.PublishAsync(
            won.Opened(4_000m, Day(2, 1), team: "west"), won.Won(2, 4_000m, Day(2, 10)),
            commit.Opened(3_000m, Day(3, 1), team: "west"), commit.Updated(2, OpportunityStage.Closing, 80, 3_000m, Day(3, 20)),
            bestCase.Opened(2_000m, Day(3, 1), team: "west"), bestCase.Updated(2, OpportunityStage.Proposal, 25, 2_000m, Day(3, 5), category: ForecastCategory.BestCase),
            usd.Opened(9_000m, Day(3, 1), "USD", team: "west"),
            robsWin.Opened(6_000m, Day(1, 15), team: "west"), robsWin.Won(2, 6_000m, Day(1, 20)),
            eastWin.Opened(20_000m, Day(1, 15), team: "east"), eastWin.Won(2, 20_000m, Day(3, 30)));

        // West's manager: the rep's and the team's quotas they keep, not the company's.
        var west = await _service.Api.GetAttainmentAsync(Request(), WestManager);
        Assert.Equal(
            [
                ("Rep ria", 10_000m, 4_000m, 3_000m, 2_000m, 5_000m, 40d, 70d, 1),
                ("Team west", 50_000m, 10_000m, 3_000m, 2_000m, 5_000m, 20d, 26d, 1),
            ],
            west.Quotas.Select(Figures));

        // The vice-president sees every quota; the company's counts every team's deals.
        var all = await _service.Api.GetAttainmentAsync(Request(), VicePresident);
        Assert.Equal(["Rep ria", "Team west", "Company "], all.Quotas.Select(q => $"{q.Quota.Scope} {q.Quota.ScopeId}"), StringComparer.Ordinal);
        Assert.Equal((30_000m, 33d), (Amount(all.Quotas[2].Won), all.Quotas[2].CommittedPercent));

        // The rep sees their own quota and their team's; another team's manager sees none of them.
        var ria = await _service.Api.GetAttainmentAsync(Request(), TestCalls.InTeam("west", "ria", Deadline, CrmRoles.OutsideSales));
        Assert.Equal(["Rep ria", "Team west"], ria.Quotas.Select(q => $"{q.Quota.Scope} {q.Quota.ScopeId}"), StringComparer.Ordinal);
        Assert.Empty((await _service.Api.GetAttainmentAsync(Request(), EastManager)).Quotas);

        // A quarter without quotas has none to show.
        Assert.Empty((await _service.Api.GetAttainmentAsync(new Wire.GetAttainmentRequest { Period = Wire.PeriodKind.Quarter, Within = DateConversions.ToDate(Day(5, 1)) }, VicePresident)).Quotas);
    }

    [Fact]
    public async Task A_team_s_quota_counts_the_deals_of_the_teams_below_it_for_the_director_and_the_vice_president()
    {
        var vicePresident = TestCalls.Managing(null, "vito", Deadline, "coast", "coast/harbour", "inland");
        var director = TestCalls.Managing("coast", "cora", Deadline, "harbour");
        await SetAsync(Wire.QuotaScope.Team, "coast", 40_000m, vicePresident);
        await SetAsync(Wire.QuotaScope.Team, "harbour", 10_000m, director);
        var (coastWin, harbourWin, inlandWin) = (Deals.New("cody"), Deals.New("hank"), Deals.New("ines"));
        await _service.PublishAsync(
            coastWin.Opened(10_000m, Day(1, 15), team: "coast"), coastWin.Won(2, 10_000m, Day(2, 1)),
            harbourWin.Opened(6_000m, Day(1, 15), team: "harbour"), harbourWin.Won(2, 6_000m, Day(2, 2)),
            inlandWin.Opened(7_000m, Day(1, 15), team: "inland"), inlandWin.Won(2, 7_000m, Day(2, 3)));

        // The director's team counts the harbour team's win below it; the harbour team only its own; inland is no part of it.
        foreach (var caller in new[] { director, vicePresident })
        {
            var seen = (await _service.Api.GetAttainmentAsync(Request(), caller)).Quotas.ToDictionary(q => q.Quota.ScopeId, q => Amount(q.Won), StringComparer.Ordinal);
            Assert.Equal((16_000m, 6_000m), (seen["coast"], seen["harbour"]));
        }
    }

    [Fact]
    public async Task Setting_a_quota_again_changes_it_and_each_manager_keeps_only_their_own()
    {
        // Monthly quotas: the other test's quarter shows none of them.
        var first = await SetAsync(Wire.QuotaScope.Rep, "nils", 1_000m, WestManager, Wire.PeriodKind.Month);
        var second = await SetAsync(Wire.QuotaScope.Rep, "nils", 1_500m, WestManager, Wire.PeriodKind.Month);
        Assert.Equal((first.QuotaId, 1L, 2L, 1_500m, "wes"), (second.QuotaId, first.Version, second.Version, Amount(second.Amount), second.SetBy));
        Assert.Equal((Day(2, 1), Day(2, 28)), (DateOf(second.StartsOn), DateOf(second.EndsOn)));
        Assert.Equal(2, await _service.QuotaWritesAuditedAsync("wes"));

        Assert.Equal(StatusCode.PermissionDenied, await StatusAsync(Wire.PeriodKind.Month, Wire.QuotaScope.Rep, "nils", 2_000m, EastManager));
        Assert.Equal(StatusCode.PermissionDenied, await StatusAsync(Wire.PeriodKind.Month, Wire.QuotaScope.Team, "west", 2_000m, EastManager));
        Assert.Equal(StatusCode.PermissionDenied, await StatusAsync(Wire.PeriodKind.Month, Wire.QuotaScope.Company, string.Empty, 2_000m, WestManager));
        Assert.Equal(StatusCode.PermissionDenied, await StatusAsync(Wire.PeriodKind.Month, Wire.QuotaScope.Rep, "ria", 2_000m, TestCalls.InTeam("west", "ria", Deadline, CrmRoles.OutsideSales)));
        Assert.Equal(StatusCode.Aborted, await StatusAsync(Wire.PeriodKind.Month, Wire.QuotaScope.Rep, "nils", 2_000m, WestManager, expectedVersion: 1));
        Assert.Equal(StatusCode.OK, await StatusAsync(Wire.PeriodKind.Month, Wire.QuotaScope.Rep, "nils", 2_000m, VicePresident, expectedVersion: 2));
    }

    [Fact]
    public async Task Whoever_sets_a_quota_keeps_it_and_the_managers_above_see_it_and_a_vice_presidents_rep_quota_reaches_the_reps_manager()
    {
        // Yearly quotas: the other tests' quarter and month show none of them.
        await _service.PublishAsync(Deals.New("wanda").Opened(100m, Day(6, 1), team: "west"), Deals.New("ezra").Opened(100m, Day(6, 1), team: "east"));
        var director = TestCalls.Managing("inland", "dina", Deadline, "metro");
        var metroManager = TestCalls.Managing("metro", "mona", Deadline);
        await SetAsync(Wire.QuotaScope.Rep, "wanda", 5_000m, VicePresident, Wire.PeriodKind.Year);
        await SetAsync(Wire.QuotaScope.Rep, "ezra", 6_000m, VicePresident, Wire.PeriodKind.Year);
        await SetAsync(Wire.QuotaScope.Team, "west", 50_000m, VicePresident, Wire.PeriodKind.Year);
        await SetAsync(Wire.QuotaScope.Team, "metro", 70_000m, director, Wire.PeriodKind.Year);

        async Task<string[]> SeenAsync(CallOptions caller) =>
            [.. (await _service.Api.GetAttainmentAsync(new Wire.GetAttainmentRequest { Period = Wire.PeriodKind.Year, Within = DateConversions.ToDate(Day(2, 14)) }, caller)).Quotas
                .Select(a => $"{a.Quota.Scope} {a.Quota.ScopeId}").Order(StringComparer.Ordinal)];

        // West's manager sees the quota the vice-president set for a rep working west's deals, not east's rep's.
        Assert.Equal(["Rep wanda", "Team west"], await SeenAsync(WestManager), StringComparer.Ordinal);
        Assert.Equal(["Team metro"], await SeenAsync(director), StringComparer.Ordinal);
        Assert.Equal(["Team metro"], await SeenAsync(metroManager), StringComparer.Ordinal);

        // A team's quota is kept by whoever set it: not by the team's own manager, nor by a peer's.
        Assert.Equal(StatusCode.PermissionDenied, await StatusAsync(Wire.PeriodKind.Year, Wire.QuotaScope.Team, "west", 1_000m, WestManager, expectedVersion: 1));
        Assert.Equal(StatusCode.PermissionDenied, await StatusAsync(Wire.PeriodKind.Year, Wire.QuotaScope.Team, "metro", 1_000m, metroManager, expectedVersion: 1));
        Assert.Equal(StatusCode.PermissionDenied, await StatusAsync(Wire.PeriodKind.Year, Wire.QuotaScope.Team, "metro", 1_000m, WestManager, expectedVersion: 1));
        Assert.Equal(StatusCode.OK, await StatusAsync(Wire.PeriodKind.Year, Wire.QuotaScope.Team, "metro", 75_000m, director, expectedVersion: 1));
    }

    [Theory]
    [InlineData(0, "ria", 1000, 2, "scope")]
    [InlineData(1, "ria", 0, 2, "amount")]
    [InlineData(1, "", 1000, 2, "scope_id")]
    [InlineData(3, "west", 1000, 2, "scope_id")]
    [InlineData(1, "ria", 1000, 0, "period")]
    public async Task A_bad_quota_is_refused_naming_the_field(int scope, string scopeId, int amount, int period, string field)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _service.Api.SetQuotaAsync(
            new Wire.SetQuotaRequest { Scope = (Wire.QuotaScope)scope, ScopeId = scopeId, Period = (Wire.PeriodKind)period, Amount = MoneyConversions.ToMoney(amount, "EUR") }, VicePresident).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    private static DateOnly Day(int month, int day) => new(2027, month, day);

    private static DateOnly DateOf(Crm.Common.Grpc.V1.Date date) => new(date.Year, date.Month, date.Day);

    private static decimal Amount(Crm.Common.Grpc.V1.Money money) => MoneyConversions.Read(money, "money").Amount;

    private static Wire.GetAttainmentRequest Request() => new() { Period = Wire.PeriodKind.Quarter, Within = DateConversions.ToDate(Day(2, 14)) };

    private static (string, decimal, decimal, decimal, decimal, decimal, double, double, int) Figures(Wire.QuotaAttainment a) =>
        ($"{a.Quota.Scope} {a.Quota.ScopeId}", Amount(a.Quota.Amount), Amount(a.Won), Amount(a.Commit), Amount(a.BestCase), Amount(a.Pipeline),
            Math.Round(a.AttainmentPercent, 6), Math.Round(a.CommittedPercent, 6), a.OtherCurrencyDeals);

    private Task<Wire.Quota> SetAsync(Wire.QuotaScope scope, string scopeId, decimal amount, CallOptions caller, Wire.PeriodKind period = Wire.PeriodKind.Quarter) =>
        _service.Api.SetQuotaAsync(Quota(period, scope, scopeId, amount), caller).ResponseAsync;

    private async Task<StatusCode> StatusAsync(Wire.PeriodKind period, Wire.QuotaScope scope, string scopeId, decimal amount, CallOptions caller, long expectedVersion = 0)
    {
        try
        {
            await _service.Api.SetQuotaAsync(Quota(period, scope, scopeId, amount, expectedVersion), caller);
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static Wire.SetQuotaRequest Quota(Wire.PeriodKind period, Wire.QuotaScope scope, string scopeId, decimal amount, long expectedVersion = 0) => new()
    {
        Scope = scope,
        ScopeId = scopeId,
        Period = period,
        Within = DateConversions.ToDate(Day(2, 14)),
        Amount = MoneyConversions.ToMoney(amount, "EUR"),
        ExpectedVersion = expectedVersion,
    };
}
