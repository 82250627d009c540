using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc.Security;
using Crm.Testing;
using Grpc.Core;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

/// <summary>Deals of the past brought from another system: replayed as they happened, each once, all or none.</summary>
public sealed class HistoryImportTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private OpportunitiesService _service = null!;
    private string _customerId = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _service = await OpportunitiesService.StartAsync(servers, nameof(HistoryImportTests));
        _customerId = (await _service.CallAsync((api, o) => api.CreateAccountAsync(new Wire.CreateAccountRequest { Name = "Oscorp" }, o))).CustomerId;
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_deal_of_the_past_publishes_its_events_dated_as_it_happened_once_however_often_it_is_imported()
    {
        var won = Deal("old-crm-17", opened: -400, steps: [Step(-380, Wire.Stage.Proposal), Step(-370, close: -300, category: Wire.ForecastCategory.Commit), Step(-350, Wire.Stage.Closing)]);
        won.WonOn = On(-320);
        var lost = Deal("old-crm-18", opened: -200, steps: [Step(-150, Wire.Stage.Negotiation)]);
        (lost.LostOn, lost.LossReason) = (On(-100), "Chose a competitor");
        var open = Deal("old-crm-19", opened: -30, steps: [Step(-10, Wire.Stage.Proposal)]);

        var first = await ImportAsync(won, lost, open);
        var again = await ImportAsync(won, Deal("old-crm-20", opened: -5, steps: []));

        Assert.Equal((3, 0), (first.Imported, first.AlreadyImported));
        Assert.Equal((1, 1), (again.Imported, again.AlreadyImported));
        var wonDeal = await GetAsync("old-crm-17");
        Assert.Equal((Wire.Stage.Won, Wire.ForecastCategory.Closed, "otto", "north"), (wonDeal.Stage, wonDeal.ForecastCategory, wonDeal.OwnerId, wonDeal.SalesTeam));
        Assert.Equal(Wire.Stage.Lost, (await GetAsync("old-crm-18")).Stage);
        Assert.Equal(Wire.Stage.Proposal, (await GetAsync("old-crm-19")).Stage);

        // Its events, each on its day: opened, moved, revised (the pushed close and the category), moved, won from history.
        var id = Guid.Parse(wonDeal.OpportunityId);
        var opened = Assert.Single(await _service.EventsAsync<OpportunityOpened>(id));
        var moves = await _service.EventsAsync<OpportunityStageChanged>(id);
        var revision = Assert.Single(await _service.EventsAsync<ForecastUpdated>(id));
        var win = Assert.Single(await _service.EventsAsync<OpportunityWon>(id));
        Assert.Equal(Today.AddDays(-400), DateOf(opened.OccurredAt));
        Assert.Equal([(OpportunityStage.Proposal, Today.AddDays(-380)), (OpportunityStage.Closing, Today.AddDays(-350))], moves.Select(m => (m.Stage, DateOnly.FromDateTime(m.OccurredAt.UtcDateTime))));
        Assert.Equal((ForecastCategory.Commit, Today.AddDays(-300), Today.AddDays(-370)), (revision.Category, revision.ExpectedCloseOn, DateOnly.FromDateTime(revision.OccurredAt.UtcDateTime)));
        Assert.Equal((true, Today.AddDays(-320), 5, 25_000m), (win.FromHistory, win.WonOn, (int)win.Version, win.Total.Amount));
        Assert.Empty(win.Lines);
    }

    [Fact]
    public async Task A_request_with_one_bad_deal_writes_none_and_names_the_deal_and_its_field()
    {
        var good = Deal("bad-batch-1", opened: -50, steps: []);
        var backwards = Deal("bad-batch-2", opened: -50, steps: [Step(-20, Wire.Stage.Proposal), Step(-30, Wire.Stage.Closing)]);
        var future = Deal("bad-batch-3", opened: 5, steps: []);
        var wonAsStep = Deal("bad-batch-4", opened: -50, steps: [Step(-20, Wire.Stage.Won)]);
        var bothEnds = Deal("bad-batch-5", opened: -50, steps: []);
        (bothEnds.WonOn, bothEnds.LostOn, bothEnds.LossReason) = (On(-10), On(-9), "both");
        var nobody = Deal("bad-batch-6", opened: -50, steps: []);
        nobody.CustomerId = Guid.NewGuid().ToString();
        var before = await _service.OutboxCountAsync();

        AssertNames(await StatusAsync(good, backwards), "deals[1].steps[1].on");
        AssertNames(await StatusAsync(good, future), "deals[1].opened_on");
        AssertNames(await StatusAsync(good, wonAsStep), "deals[1].steps[0].stage");
        AssertNames(await StatusAsync(good, bothEnds), "deals[1].lost_on");
        AssertNames(await StatusAsync(good, nobody), "deals[1].customer_id");
        AssertNames(await StatusAsync(), "deals");

        Assert.Equal(before, await _service.OutboxCountAsync());
        Assert.Equal(0, await _service.ScalarAsync($"SELECT count(*) FROM opportunities WHERE name LIKE 'bad-batch-%'"));
    }

    [Fact]
    public async Task Only_an_administrator_brings_in_history()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => _service.Api.ImportDealHistoryAsync(
            new Wire.ImportDealHistoryRequest { Deals = { Deal("not-mine", opened: -10, steps: []) } },
            TestCalls.InTeam("north", "nina", TimeSpan.FromSeconds(30), CrmRoles.SalesManager)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    private static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static Crm.Common.Grpc.V1.Date On(int days) => DateConversions.ToDate(Today.AddDays(days));

    private static Wire.HistoricStep Step(int on, Wire.Stage stage = Wire.Stage.Unspecified, int? close = null, Wire.ForecastCategory category = Wire.ForecastCategory.Unspecified) =>
        new() { On = On(on), Stage = stage, CloseDate = close is { } c ? On(c) : null, ForecastCategory = category };

    private Wire.HistoricDeal Deal(string key, int opened, Wire.HistoricStep[] steps) => new()
    {
        ImportKey = key,
        CustomerId = _customerId,
        Name = key,
        OwnerId = "otto",
        SalesTeam = "north",
        Amount = MoneyConversions.ToMoney(25_000m, "EUR"),
        OpenedOn = On(opened),
        CloseDate = On(opened + 90),
        Steps = { steps },
    };

    private Task<Wire.ImportDealHistoryResponse> ImportAsync(params Wire.HistoricDeal[] deals) =>
        _service.CallAsync((api, o) => api.ImportDealHistoryAsync(new Wire.ImportDealHistoryRequest { Deals = { deals } }, o));

    private Task<Status> StatusAsync(params Wire.HistoricDeal[] deals) =>
        _service.StatusOfAsync((api, o) => api.ImportDealHistoryAsync(new Wire.ImportDealHistoryRequest { Deals = { deals } }, o));

    private async Task<Wire.Opportunity> GetAsync(string name)
    {
        var page = await _service.CallAsync((api, o) => api.ListOpportunitiesAsync(new Wire.ListOpportunitiesRequest { Page = new() { PageSize = 200 } }, o));
        return page.Opportunities.Single(d => d.Name == name);
    }

    private static void AssertNames(Status status, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith(field + ":", status.Detail, StringComparison.Ordinal);
    }
}
