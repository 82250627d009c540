using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc.Security;
using Crm.Testing;
using Grpc.Core;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Tests;

/// <summary>Whose deals a report covers: a rep's own and their team's, a team manager's team's, a vice-president's all.</summary>
public sealed class ReachTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly DateOnly CloseOn = new(2027, 5, 14);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private ForecastsService _service = null!;

    public async ValueTask InitializeAsync() => _service = await ForecastsService.StartAsync(servers, nameof(ReachTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Reps_and_team_managers_see_their_teams_deals_and_their_own_and_a_vice_president_sees_every_deal()
    {
        await _service.PublishAsync(
            Deals.New("nora").Opened(100m, CloseOn, team: "north"),
            Deals.New("nils").Opened(200m, CloseOn, team: "north"),
            Deals.New("sven").Opened(400m, CloseOn, team: "south"),
            Deals.New("nora").Opened(800m, CloseOn));
        var nora = TestCalls.InTeam("north", "nora", Deadline, CrmRoles.OutsideSales);
        var southManager = TestCalls.InTeam("south", "sam", Deadline, CrmRoles.SalesManager);
        var vicePresident = TestCalls.As("vera", Deadline, CrmRoles.SalesManager);

        Assert.Equal(1100m, await PipelineTotalAsync(nora));
        Assert.Equal(400m, await PipelineTotalAsync(southManager));
        Assert.Equal(1500m, await PipelineTotalAsync(vicePresident));
        Assert.Equal(0m, await PipelineTotalAsync(nora, owner: "sven"));

        var forecast = await _service.ForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Year, Within = DateConversions.ToDate(CloseOn), CurrencyCode = "EUR" }, nora);
        Assert.Equal(["nils", "nora"], forecast.Owners.Select(o => o.OwnerId).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_member_of_a_deals_team_from_another_sales_team_has_the_deal_in_their_reports_until_taken_off()
    {
        var deal = Deals.New("nadia");
        var member = (string id) => new Crm.Contracts.Opportunities.TeamMember(id, Crm.Contracts.Opportunities.DealRole.SalesEngineer);
        DealTeamChanged Team(long version, params string[] ids) =>
            new(Guid.NewGuid(), DateTimeOffset.UtcNow, Deals.Customer, deal.OpportunityId, version, "nadia", [.. ids.Select(member)]);
        var stefan = TestCalls.InTeam("south", "stefan", Deadline, CrmRoles.OutsideSales);
        await _service.PublishAsync(deal.Opened(1_600m, CloseOn, team: "north"), Team(3, "stefan"));
        Assert.Equal(1_600m, await PipelineTotalAsync(stefan, owner: "nadia"));

        // An older team arriving late changes nothing; the newer one without him takes the deal out of his reach.
        await _service.PublishAsync(Team(2, "someone-else"));
        Assert.Equal(1_600m, await PipelineTotalAsync(stefan, owner: "nadia"));
        await _service.PublishAsync(Team(4));
        Assert.Equal(0m, await PipelineTotalAsync(stefan, owner: "nadia"));
        Assert.Equal(1_600m, await PipelineTotalAsync(TestCalls.InTeam("north", "nadia", Deadline, CrmRoles.OutsideSales), owner: "nadia"));
    }

    private async Task<decimal> PipelineTotalAsync(CallOptions caller, string owner = "") =>
        MoneyConversions.Read((await _service.PipelineAsync(new Wire.GetPipelineRequest { OwnerId = owner, CurrencyCode = "EUR" }, caller)).Total, "total").Amount;
}
