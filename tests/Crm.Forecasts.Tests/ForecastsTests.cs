using Crm.Api;
using Crm.Contracts.Opportunities;
using Grpc.Core;
using Crm.Testing;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Tests;

public sealed class ForecastsTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly DateOnly EndOfQ1 = new(2027, 3, 31);

    private ForecastsService _service = null!;

    public async ValueTask InitializeAsync() => _service = await ForecastsService.StartAsync(servers, nameof(ForecastsTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task The_pipeline_counts_totals_and_weights_open_deals_by_stage_exactly()
    {
        var owner = "rep-pipeline";
        var (a, b, c, won, lost) = (Deals.New(owner), Deals.New(owner), Deals.New(owner), Deals.New(owner), Deals.New(owner));
        await _service.PublishAsync(
            a.Opened(1000.10m, EndOfQ1), b.Opened(333.33m, EndOfQ1), c.Opened(0.03m, EndOfQ1), won.Opened(5000m, EndOfQ1), lost.Opened(7000m, EndOfQ1),
            b.StageChanged(2, OpportunityStage.Qualification, OpportunityStage.Proposal, 25),
            c.StageChanged(2, OpportunityStage.Qualification, OpportunityStage.HandlingObjections, 60),
            won.Won(2, 5000m, EndOfQ1), lost.Lost(2, 7000m, EndOfQ1),
            Deals.New("rep-other").Opened(999m, EndOfQ1));

        var pipeline = await _service.PipelineAsync(new Wire.GetPipelineRequest { OwnerId = owner });

        Assert.Equal(["QUALIFICATION", "PROPOSAL", "NEGOTIATION", "HANDLING_OBJECTIONS", "CLOSING"], pipeline.Stages.Select(s => s.Stage), StringComparer.Ordinal);
        Assert.Equal([1, 1, 0, 1, 0], pipeline.Stages.Select(s => s.Count));
        Assert.Equal(1000.10m, Amount(pipeline.Stages[0].Total));
        Assert.Equal(100.01m, Amount(pipeline.Stages[0].Weighted));

        // 333.33 × 25 % = 83.3325 and 0.03 × 60 % = 0.018: no rounding on the way.
        Assert.Equal(83.3325m, Amount(pipeline.Stages[1].Weighted));
        Assert.Equal(0.018m, Amount(pipeline.Stages[3].Weighted));
        Assert.Equal(1333.46m, Amount(pipeline.Total));
        Assert.Equal(183.3605m, Amount(pipeline.Weighted));
        Assert.Equal("EUR", pipeline.Total.CurrencyCode);
    }

    [Fact]
    public async Task Deals_in_other_currencies_are_counted_but_not_added()
    {
        var owner = "rep-currencies";
        var (euro, dollar, otherDollar) = (Deals.New(owner), Deals.New(owner), Deals.New(owner));
        await _service.PublishAsync(euro.Opened(100m, EndOfQ1), dollar.Opened(200m, EndOfQ1, "USD"), otherDollar.Opened(300m, EndOfQ1, "USD"));

        var mostCommon = await _service.PipelineAsync(new Wire.GetPipelineRequest { OwnerId = owner });
        var inEuro = await _service.PipelineAsync(new Wire.GetPipelineRequest { OwnerId = owner, CurrencyCode = "EUR" });

        Assert.Equal(("USD", 500m, 3), (mostCommon.Total.CurrencyCode, Amount(mostCommon.Total), mostCommon.Stages[0].Count));
        Assert.Equal(("EUR", 100m, 3), (inEuro.Total.CurrencyCode, Amount(inEuro.Total), inEuro.Stages[0].Count));
    }

    [Fact]
    public async Task Events_out_of_order_and_repeated_end_in_the_latest_state()
    {
        var owner = "rep-out-of-order";
        var first = Deals.New(owner);
        var second = Deals.New(owner);
        var opened = first.Opened(100m, EndOfQ1);
        var stage = first.StageChanged(2, OpportunityStage.Qualification, OpportunityStage.Proposal, 25);

        // The first deal's forecast (version 4) arrives before its opening and its stage changes; the second deal's
        // stage change arrives before its opening, which still tells the owner and amount.
        await _service.PublishAsync(
            first.Updated(4, OpportunityStage.Negotiation, 55, 2000m, EndOfQ1),
            first.StageChanged(3, OpportunityStage.Proposal, OpportunityStage.Negotiation, 50),
            second.StageChanged(2, OpportunityStage.Qualification, OpportunityStage.Closing, 80));
        await _service.PublishAsync(opened, stage, second.Opened(10m, EndOfQ1));
        await _service.PublishAsync(opened, stage with { EventId = Guid.NewGuid() });

        var pipeline = await _service.PipelineAsync(new Wire.GetPipelineRequest { OwnerId = owner });
        var negotiation = pipeline.Stages.Single(s => s.Stage == "NEGOTIATION");
        var closing = pipeline.Stages.Single(s => s.Stage == "CLOSING");
        Assert.Equal((1, 2000m, 1100m), (negotiation.Count, Amount(negotiation.Total), Amount(negotiation.Weighted)));
        Assert.Equal((1, 10m, 8m), (closing.Count, Amount(closing.Total), Amount(closing.Weighted)));
        Assert.Equal([0, 0], pipeline.Stages.Where(s => s.Stage is "QUALIFICATION" or "PROPOSAL").Select(s => s.Count));
    }

    [Fact]
    public async Task A_close_date_revised_before_a_stage_change_counts_even_when_it_arrives_after_it()
    {
        var owner = "rep-late-close-date";
        var deal = Deals.New(owner);

        // Version 2 moved the close into the second quarter; version 3 (a stage change, which carries no close date)
        // arrived first. The deal belongs in Q2, as the opportunity says, not in Q1 where it opened.
        await _service.PublishAsync(deal.Opened(100m, EndOfQ1), deal.StageChanged(3, OpportunityStage.Proposal, OpportunityStage.Negotiation, 50));
        await _service.PublishAsync(deal.Updated(2, OpportunityStage.Proposal, 25, 100m, EndOfQ1.AddMonths(2)));

        var q1 = await _service.ForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Quarter, Within = Date(2027, 2, 15), OwnerId = owner });
        var q2 = await _service.ForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Quarter, Within = Date(2027, 5, 15), OwnerId = owner });
        Assert.Equal(0, q1.Total.OpenCount);
        Assert.Equal((1, 100m, 50m), (q2.Total.OpenCount, Amount(q2.Total.OpenTotal), Amount(q2.Total.Weighted)));
    }

    [Fact]
    public async Task A_close_date_on_the_last_day_of_a_quarter_counts_in_that_quarter_and_not_the_next()
    {
        var owner = "rep-quarters";
        await _service.PublishAsync(Deals.New(owner).Opened(100m, EndOfQ1), Deals.New(owner).Opened(40m, EndOfQ1.AddDays(1)));

        var q1 = await _service.ForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Quarter, Within = Date(2027, 2, 15), OwnerId = owner });
        var q2 = await _service.ForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Quarter, Within = Date(2027, 4, 1), OwnerId = owner });
        var march = await _service.ForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Month, Within = Date(2027, 3, 1), OwnerId = owner });
        var year = await _service.ForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Year, Within = Date(2027, 12, 31), OwnerId = owner });

        Assert.Equal(((2027, 1, 1), (2027, 3, 31)), (Day(q1.StartsOn), Day(q1.EndsOn)));
        Assert.Equal((1, 100m, 10m), (q1.Total.OpenCount, Amount(q1.Total.OpenTotal), Amount(q1.Total.Weighted)));
        Assert.Equal(((2027, 4, 1), (2027, 6, 30)), (Day(q2.StartsOn), Day(q2.EndsOn)));
        Assert.Equal((1, 40m), (q2.Total.OpenCount, Amount(q2.Total.OpenTotal)));
        Assert.Equal(((2027, 3, 1), (2027, 3, 31), 1), (Day(march.StartsOn), Day(march.EndsOn), march.Total.OpenCount));
        Assert.Equal(((2027, 1, 1), (2027, 12, 31), 2), (Day(year.StartsOn), Day(year.EndsOn), year.Total.OpenCount));
    }

    [Fact]
    public async Task The_forecast_shows_open_won_and_lost_deals_of_the_period_by_owner()
    {
        var (ann, ben) = ("team-fc-ann", "team-fc-ben");
        var (annOpen, annWon, annLost, benWon, benLater) = (Deals.New(ann), Deals.New(ann), Deals.New(ann), Deals.New(ben), Deals.New(ben));
        var within = new DateOnly(2028, 5, 10);
        await _service.PublishAsync(
            annOpen.Opened(1000m, within), annOpen.Updated(2, OpportunityStage.Closing, 80, 1250m, within),
            annWon.Opened(500m, within), annWon.Won(2, 650.50m, within),
            annLost.Opened(300m, within), annLost.Lost(2, 300m, within),
            benWon.Opened(100m, within), benWon.Won(2, 99.99m, within.AddDays(-9)),
            benLater.Opened(777m, within.AddMonths(1)));

        var forecast = await _service.ForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Month, Within = Date(2028, 5, 31) });
        var owners = forecast.Owners.Where(o => o.OwnerId.StartsWith("team-fc-", StringComparison.Ordinal)).ToList();

        Assert.Equal([ann, ben], owners.Select(o => o.OwnerId), StringComparer.Ordinal);
        Assert.Equal((1, 1250m, 1000m, 1, 650.50m, 1), (owners[0].OpenCount, Amount(owners[0].OpenTotal), Amount(owners[0].Weighted), owners[0].WonCount, Amount(owners[0].WonTotal), owners[0].LostCount));
        Assert.Equal((0, 1, 99.99m, 0), (owners[1].OpenCount, owners[1].WonCount, Amount(owners[1].WonTotal), owners[1].LostCount));
        Assert.True(forecast.Total.WonCount >= 2);
        Assert.True(Amount(forecast.Total.WonTotal) >= 750.49m);
        var onlyBen = await _service.ForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Month, Within = Date(2028, 5, 31), OwnerId = ben });
        Assert.Equal((ben, 99.99m), (Assert.Single(onlyBen.Owners).OwnerId, Amount(onlyBen.Total.WonTotal)));
    }

    [Fact]
    public async Task Bad_requests_name_the_field()
    {
        AssertNamesField(await _service.StatusOfAsync((api, o) => api.GetForecastAsync(new Wire.GetForecastRequest(), o)), "period");
        AssertNamesField(await _service.StatusOfAsync((api, o) => api.GetForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Month, Within = Date(2027, 2, 29) }, o)), "within");
        AssertNamesField(await _service.StatusOfAsync((api, o) => api.GetForecastAsync(new Wire.GetForecastRequest { Period = Wire.PeriodKind.Year, CurrencyCode = "eu" }, o)), "currency_code");
        AssertNamesField(await _service.StatusOfAsync((api, o) => api.GetPipelineAsync(new Wire.GetPipelineRequest { CurrencyCode = "EURO" }, o)), "currency_code");
    }

    private static void AssertNamesField(Status status, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith(field + ":", status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 9, 0, "periods")]
    [InlineData(0, -1, 0, "periods")]
    [InlineData(-1, 2, 0, "period")]
    [InlineData(2, 1, 9, "quarters")]
    public async Task Flow_forecast_and_accuracy_requests_out_of_range_are_refused_naming_the_field(int period, int periods, int quarters, string field)
    {
        var status = quarters != 0
            ? await _service.StatusOfAsync((api, o) => api.GetForecastAccuracyAsync(new Wire.GetForecastAccuracyRequest { Quarters = quarters }, o))
            : await _service.StatusOfAsync((api, o) => api.GetFlowForecastAsync(new Wire.GetFlowForecastRequest { Period = (Wire.PeriodKind)Math.Max(period, 0), Periods = periods }, o));

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith(field + ":", status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 2, 1, "", "group_by")]
    [InlineData(1, 0, 1, "", "period")]
    [InlineData(1, 2, 25, "", "periods")]
    [InlineData(2, 2, -1, "", "periods")]
    [InlineData(3, 3, 1, "euro", "currency_code")]
    public async Task Rollup_requests_out_of_range_are_refused_naming_the_field(int groupBy, int period, int periods, string currency, string field)
    {
        var status = await _service.StatusOfAsync((api, o) => api.GetForecastRollupAsync(
            new Wire.GetForecastRollupRequest { GroupBy = (Wire.RollupGrouping)groupBy, Period = (Wire.PeriodKind)period, Periods = periods, CurrencyCode = currency }, o));

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith(field + ":", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_and_attainment_need_a_period()
    {
        var changes = await _service.StatusOfAsync((api, o) => api.GetForecastChangesAsync(new Wire.GetForecastChangesRequest { CurrencyCode = "EUR" }, o));
        var attainment = await _service.StatusOfAsync((api, o) => api.GetAttainmentAsync(new Wire.GetAttainmentRequest(), o));

        Assert.All([changes, attainment], status => Assert.Equal((StatusCode.InvalidArgument, true), (status.StatusCode, status.Detail.StartsWith("period:", StringComparison.Ordinal))));
    }

    private static decimal Amount(Shared.Money money) => MoneyConversions.Read(money, "money").Amount;

    private static Shared.Date Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private static (int, int, int) Day(Shared.Date date) => (date.Year, date.Month, date.Day);
}
