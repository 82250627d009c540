using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Contracts.Orders;
using Grpc.Core;
using Crm.Testing;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

public sealed class DealTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly Guid Licence = Guid.Parse("0f5a3c1e-0000-4000-8000-000000000001");
    private static readonly Guid Training = Guid.Parse("0f5a3c1e-0000-4000-8000-000000000002");

    private OpportunitiesService _service = null!;

    public async ValueTask InitializeAsync() => _service = await OpportunitiesService.StartAsync(servers, nameof(DealTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Each_stage_sets_its_default_probability_and_publishes_the_change_with_its_version()
    {
        var id = await OpenAsync("Stark Industries");
        var probabilities = new List<int>();
        foreach (var stage in new[] { Wire.Stage.Proposal, Wire.Stage.Negotiation, Wire.Stage.HandlingObjections, Wire.Stage.Closing })
        {
            var changed = await _service.CallAsync((api, o) => api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = id.ToString(), Stage = stage }, o), user: "rep-bob");
            probabilities.Add(changed.Probability);
        }

        Assert.Equal([25, 50, 60, 80], probabilities);
        var events = await _service.EventsAsync<OpportunityStageChanged>(id);
        Assert.Equal([2L, 3L, 4L, 5L], events.Select(e => e.Version));
        Assert.Equal(
            [OpportunityStage.Qualification, OpportunityStage.Proposal, OpportunityStage.Negotiation, OpportunityStage.HandlingObjections],
            events.Select(e => e.PreviousStage));
        Assert.Equal(OpportunityStage.Closing, events[^1].Stage);
        Assert.Equal(80, events[^1].Probability);
        Assert.All(events, e => Assert.Equal("rep-bob", e.ChangedBy));
        var history = (await GetAsync(id)).StageChanges;
        Assert.Equal([(Wire.Stage.Qualification, Wire.Stage.Proposal), (Wire.Stage.HandlingObjections, Wire.Stage.Closing)], new[] { history[0], history[^1] }.Select(c => (c.From, c.To)));
        Assert.Equal((4, "rep-bob", events[^1].OccurredAt), (history.Count, history[^1].By, history[^1].At.ToDateTimeOffset()));
    }

    [Theory]
    [InlineData(Wire.Stage.Won)]
    [InlineData(Wire.Stage.Lost)]
    [InlineData(Wire.Stage.Unspecified)]
    public async Task Won_lost_and_no_stage_are_refused_naming_the_stage(Wire.Stage stage)
    {
        var id = await OpenAsync("Wayne Enterprises " + stage);
        var outbox = await _service.OutboxCountAsync();

        var status = await _service.StatusOfAsync((api, o) => api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = id.ToString(), Stage = stage }, o));

        AssertNamesField(status, "stage");
        Assert.Equal(outbox, await _service.OutboxCountAsync());
        Assert.Equal(Wire.Stage.Qualification, (await GetAsync(id)).Stage);
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted_and_changes_nothing()
    {
        var id = await OpenAsync("Tyrell Corp");
        await _service.CallAsync((api, o) => api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = id.ToString(), Stage = Wire.Stage.Proposal, ExpectedVersion = 1 }, o));

        var status = await _service.StatusOfAsync((api, o) => api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = id.ToString(), Stage = Wire.Stage.Closing, ExpectedVersion = 1 }, o));

        Assert.Equal(StatusCode.Aborted, status.StatusCode);
        var opportunity = await GetAsync(id);
        Assert.Equal((Wire.Stage.Proposal, 2L), (opportunity.Stage, opportunity.Version));
    }

    [Fact]
    public async Task Updating_the_deal_sets_lines_amount_close_date_probability_and_category_and_publishes_the_forecast()
    {
        var id = await OpenAsync("Cyberdyne Systems");
        var request = new Wire.UpdateDealRequest
        {
            OpportunityId = id.ToString(),
            CloseDate = new Shared.Date { Year = 2027, Month = 6, Day = 30 },
            Probability = 35,
            ForecastCategory = Wire.ForecastCategory.Commit,
            ExpectedVersion = 1,
        };
        request.Lines.Add(Line(Licence, "Licence", "2", 1500.50m));
        request.Lines.Add(Line(Training, "Training day", "1.5", 99.99m));

        var updated = await _service.CallAsync((api, o) => api.UpdateDealAsync(request, o));

        // No amount given: the lines' total, exact in decimal (2 × 1500.50 + 1.5 × 99.99 = 3150.985).
        Assert.Equal(3150.985m, MoneyConversions.Read(updated.Amount, "amount").Amount);
        Assert.Equal((35, Wire.ForecastCategory.Commit, 2L, 2), (updated.Probability, updated.ForecastCategory, updated.Version, updated.Lines.Count));
        Assert.Equal("1.5", updated.Lines[1].Quantity);
        var forecast = Assert.Single(await _service.EventsAsync<ForecastUpdated>(id));
        Assert.Equal((2L, 35, ForecastCategory.Commit, new Money("EUR", 3150.985m), new DateOnly(2027, 6, 30)),
            (forecast.Version, forecast.Probability, forecast.Category, forecast.Amount, forecast.ExpectedCloseOn));

        // Regression: a probability left out set it to 0. Left out, it keeps its value; -1 (older clients) does too.
        var kept = await _service.CallAsync((api, o) => api.UpdateDealAsync(new Wire.UpdateDealRequest { OpportunityId = id.ToString(), Amount = MoneyConversions.ToMoney(4000m, "EUR") }, o));
        Assert.Equal((35, 3L, 2), (kept.Probability, kept.Version, kept.Lines.Count));
        var keptByOldClient = await _service.CallAsync((api, o) => api.UpdateDealAsync(new Wire.UpdateDealRequest { OpportunityId = id.ToString(), Probability = -1, CloseDate = new Shared.Date { Year = 2027, Month = 7, Day = 1 } }, o));
        Assert.Equal((35, 4L), (keptByOldClient.Probability, keptByOldClient.Version));
        var zero = await _service.CallAsync((api, o) => api.UpdateDealAsync(new Wire.UpdateDealRequest { OpportunityId = id.ToString(), Probability = 0 }, o));
        Assert.Equal((0, 5L), (zero.Probability, zero.Version));
        Assert.Equal(0, (await _service.EventsAsync<ForecastUpdated>(id))[^1].Probability);
    }

    /// <summary>Regression: a deal of any number of lines made lists of deals pass the message limit.</summary>
    [Fact]
    public async Task A_deal_takes_at_most_200_lines()
    {
        var id = await OpenAsync("Tyrell");
        var request = new Wire.UpdateDealRequest { OpportunityId = id.ToString() };
        request.Lines.AddRange(Enumerable.Range(0, 201).Select(i => Line(Guid.NewGuid(), $"Part {i}", "1", 1m)));

        AssertNamesField(await _service.StatusOfAsync((api, o) => api.UpdateDealAsync(request, o)), "lines");

        request.Lines.RemoveAt(200);
        Assert.Equal(200, (await _service.CallAsync((api, o) => api.UpdateDealAsync(request, o))).Lines.Count);
    }

    [Theory]
    [InlineData("opportunity_id")]
    [InlineData("probability")]
    [InlineData("amount.currency_code")]
    [InlineData("close_date")]
    [InlineData("lines[1].product_id")]
    [InlineData("lines[0].quantity")]
    [InlineData("lines[1].unit_price.currency_code")]
    [InlineData("amount")]
    [InlineData("lines[1].quantity")]
    [InlineData("lines")]
    public async Task A_bad_deal_update_names_the_field_and_writes_nothing(string field)
    {
        var id = await OpenAsync("Soylent " + field);
        var request = new Wire.UpdateDealRequest { OpportunityId = id.ToString() };
        request.Lines.Add(Line(Licence, "Licence", "1", 10m));
        request.Lines.Add(Line(Training, "Training", "1", 10m));
        switch (field)
        {
            case "opportunity_id": request.OpportunityId = "not-a-uuid"; break;
            case "probability": request.Probability = 101; break;
            case "amount.currency_code": request.Amount = MoneyConversions.ToMoney(5m, "USD"); break;
            case "close_date": request.CloseDate = new Shared.Date { Year = 2027, Month = 2, Day = 30 }; break;
            case "lines[1].product_id": request.Lines[1].ProductId = "x"; break;
            case "lines[0].quantity": request.Lines[0].Quantity = "0"; break;

            // Regression: amounts and quantities too large for anyone's totals were stored, and shared reads failed.
            case "amount": request.Amount = new Shared.Money { CurrencyCode = "EUR", Units = long.MaxValue }; break;
            case "lines[1].quantity": request.Lines[1].Quantity = "1000000.001"; break;
            case "lines":
                request.Lines[0].Quantity = "1000000";
                request.Lines[0].UnitPrice = MoneyConversions.ToMoney(999_999m, "EUR");
                request.Lines[1].Quantity = "1000000";
                request.Lines[1].UnitPrice = MoneyConversions.ToMoney(999_999m, "EUR");
                break;
            default: request.Lines[1].UnitPrice = MoneyConversions.ToMoney(10m, "USD"); break;
        }

        var outbox = await _service.OutboxCountAsync();

        AssertNamesField(await _service.StatusOfAsync((api, o) => api.UpdateDealAsync(request, o)), field);
        Assert.Equal(outbox, await _service.OutboxCountAsync());
        var unchanged = await GetAsync(id);
        Assert.Equal((1L, 0), (unchanged.Version, unchanged.Lines.Count));
    }

    [Fact]
    public async Task A_won_deal_publishes_everything_orders_needs_to_book_the_order()
    {
        var id = await OpenAsync("Oscorp");
        var opened = await GetAsync(id);
        var request = new Wire.WinOpportunityRequest
        {
            OpportunityId = id.ToString(),
            ShipTo = new Shared.PostalAddress { Street = "Dock 4", City = "Hamburg", PostalCode = "20457", Country = "DE" },
            PurchaseOrderNumber = "PO-7781",
            ExpectedVersion = 1,
        };
        request.Lines.Add(Line(Licence, "Licence", "3", 1200m));
        request.Lines.Add(Line(Training, "Training day", "0.5", 800.10m));

        var won = await _service.CallAsync((api, o) => api.WinOpportunityAsync(request, o));

        Assert.Equal((Wire.Stage.Won, 100, 2L, "rep-ada"), (won.Stage, won.Probability, won.Version, won.ClosedBy));
        Assert.NotNull(won.ClosedAt);
        var message = Assert.Single(await _service.EventsAsync<OpportunityWon>(id));
        Assert.Equal((2L, Guid.Parse(opened.CustomerId), "rep-ada"), (message.Version, message.CustomerId, message.OwnerId));
        Assert.Equal(
            [new OpportunityLine(Licence, "Licence", 3m, new Money("EUR", 1200m)), new OpportunityLine(Training, "Training day", 0.5m, new Money("EUR", 800.10m))],
            message.Lines);
        Assert.Equal(new Money("EUR", 4000.05m), message.Total);
        Assert.Equal(new PostalAddress("Dock 4", "Hamburg", null, "20457", "DE"), message.ShipTo);
        Assert.Equal("PO-7781", message.PurchaseOrderNumber);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), message.WonOn);
    }

    [Fact]
    public async Task A_won_deal_without_a_ship_to_ships_to_the_account_address()
    {
        var id = await OpenAsync("Hooli");
        Assert.Equal("Hooli", (await GetAsync(id)).Name);
        var request = new Wire.WinOpportunityRequest { OpportunityId = id.ToString() };
        request.Lines.Add(Line(Licence, "Licence", "1", 10m));

        await _service.CallAsync((api, o) => api.WinOpportunityAsync(request, o));

        var message = Assert.Single(await _service.EventsAsync<OpportunityWon>(id));
        Assert.Equal(new PostalAddress("Hauptstr. 1", "Berlin", null, "10115", "DE"), message.ShipTo);
    }

    [Fact]
    public async Task A_deal_of_a_customer_on_credit_hold_is_not_won_until_the_hold_is_released()
    {
        var id = await OpenAsync("Initrode");
        var customerId = Guid.Parse((await GetAsync(id)).CustomerId);
        const string Reason = "invoice INV-000031 overdue since 2026-03-02 (due 2026-03-01), 1200.00 EUR open";
        await _service.DeliverAsync(new CreditStatusChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 1, CreditStatus.Good, CreditStatus.Hold, Reason));
        var request = new Wire.WinOpportunityRequest { OpportunityId = id.ToString() };
        request.Lines.Add(Line(Licence, "Licence", "1", 10m));

        var refused = await _service.StatusOfAsync((api, o) => api.WinOpportunityAsync(request, o));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("credit hold (" + Reason + ")", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(Reason, (await _service.CallAsync((api, o) => api.GetAccountAsync(new Wire.GetAccountRequest { CustomerId = customerId.ToString() }, o))).CreditHoldReason);
        Assert.Empty(await _service.EventsAsync<OpportunityWon>(id));
        Assert.Equal(Wire.Stage.Qualification, (await GetAsync(id)).Stage);

        // A stale hold (version 1 again, redelivered late) after the release changes nothing.
        await _service.DeliverAsync(new CreditStatusChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 2, CreditStatus.Hold, CreditStatus.Good, "every overdue invoice is paid"));
        await _service.DeliverAsync(new CreditStatusChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 1, CreditStatus.Good, CreditStatus.Hold, Reason));

        var won = await _service.CallAsync((api, o) => api.WinOpportunityAsync(request, o));
        Assert.Equal(Wire.Stage.Won, won.Stage);
        Assert.Single(await _service.EventsAsync<OpportunityWon>(id));
    }

    [Theory]
    [InlineData("lines")]
    [InlineData("lines[0].unit_price")]
    [InlineData("lines[0].product_name")]
    [InlineData("ship_to.country")]
    public async Task Winning_needs_final_lines_with_product_quantity_and_price(string field)
    {
        var id = await OpenAsync("Vandelay " + field);
        var request = new Wire.WinOpportunityRequest { OpportunityId = id.ToString() };
        if (field != "lines")
        {
            request.Lines.Add(Line(Licence, "Licence", "1", 10m));
        }

        switch (field)
        {
            case "lines[0].unit_price": request.Lines[0].UnitPrice = null; break;
            case "lines[0].product_name": request.Lines[0].ProductName = " "; break;
            case "ship_to.country": request.ShipTo = new Shared.PostalAddress { Street = "a", City = "b", PostalCode = "c", Country = "Germany" }; break;
            default: break;
        }

        AssertNamesField(await _service.StatusOfAsync((api, o) => api.WinOpportunityAsync(request, o)), field);
        Assert.Empty(await _service.EventsAsync<OpportunityWon>(id));
        Assert.Equal(Wire.Stage.Qualification, (await GetAsync(id)).Stage);
    }

    [Fact]
    public async Task A_lost_deal_keeps_its_reason_and_no_longer_changes()
    {
        var id = await OpenAsync("Initrode");
        await _service.CallAsync((api, o) => api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = id.ToString(), Stage = Wire.Stage.Negotiation }, o));
        AssertNamesField(await _service.StatusOfAsync((api, o) => api.LoseOpportunityAsync(new Wire.LoseOpportunityRequest { OpportunityId = id.ToString(), Reason = "  " }, o)), "reason");

        var lost = await _service.CallAsync((api, o) => api.LoseOpportunityAsync(new Wire.LoseOpportunityRequest { OpportunityId = id.ToString(), Reason = "Chose a competitor" }, o));

        Assert.Equal((Wire.Stage.Lost, 0, "Chose a competitor", 3L), (lost.Stage, lost.Probability, lost.LossReason, lost.Version));
        var message = Assert.Single(await _service.EventsAsync<OpportunityLost>(id));
        Assert.Equal((3L, OpportunityStage.Negotiation, "Chose a competitor"), (message.Version, message.LastStage, message.Reason));

        var win = new Wire.WinOpportunityRequest { OpportunityId = id.ToString() };
        win.Lines.Add(Line(Licence, "Licence", "1", 10m));
        Assert.Equal(StatusCode.FailedPrecondition, (await _service.StatusOfAsync((api, o) => api.WinOpportunityAsync(win, o))).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, (await _service.StatusOfAsync((api, o) => api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = id.ToString(), Stage = Wire.Stage.Closing }, o))).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, (await _service.StatusOfAsync((api, o) => api.UpdateDealAsync(new Wire.UpdateDealRequest { OpportunityId = id.ToString(), Probability = 50 }, o))).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, (await _service.StatusOfAsync((api, o) => api.LoseOpportunityAsync(new Wire.LoseOpportunityRequest { OpportunityId = id.ToString(), Reason = "again" }, o))).StatusCode);
        Assert.Equal(3L, (await GetAsync(id)).Version);
    }

    [Fact]
    public async Task An_unknown_opportunity_is_not_found()
    {
        var unknown = Guid.NewGuid().ToString();
        Assert.Equal(StatusCode.NotFound, (await _service.StatusOfAsync((api, o) => api.GetOpportunityAsync(new Wire.GetOpportunityRequest { OpportunityId = unknown }, o))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await _service.StatusOfAsync((api, o) => api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = unknown, Stage = Wire.Stage.Proposal }, o))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await _service.StatusOfAsync((api, o) => api.LoseOpportunityAsync(new Wire.LoseOpportunityRequest { OpportunityId = unknown, Reason = "r" }, o))).StatusCode);
    }

    [Fact]
    public async Task Opportunities_are_listed_by_customer_owner_and_openness_a_page_at_a_time()
    {
        var first = await OpenAsync("Massive Dynamic");
        var customer = (await GetAsync(first)).CustomerId;
        var second = Guid.NewGuid();
        await _service.ConvertAsync(Conversions.Of("Massive Dynamic Inc.", "nina@massive.example", second));
        var third = Guid.NewGuid();
        await _service.ConvertAsync(Conversions.Of("Massive Dynamic", "walter@massive.example", third));
        await _service.CallAsync((api, o) => api.LoseOpportunityAsync(new Wire.LoseOpportunityRequest { OpportunityId = third.ToString(), Reason = "no budget" }, o));

        var all = await _service.CallAsync((api, o) => api.ListOpportunitiesAsync(new Wire.ListOpportunitiesRequest { CustomerId = customer, OwnerId = "rep-ada" }, o));
        var open = await _service.CallAsync((api, o) => api.ListOpportunitiesAsync(new Wire.ListOpportunitiesRequest { CustomerId = customer, OpenOnly = true, Page = new Shared.PageRequest { PageSize = 1 } }, o));
        var nextPage = await _service.CallAsync((api, o) => api.ListOpportunitiesAsync(new Wire.ListOpportunitiesRequest { CustomerId = customer, OpenOnly = true, Page = new Shared.PageRequest { PageSize = 1, PageToken = open.NextPageToken } }, o));
        var nobody = await _service.CallAsync((api, o) => api.ListOpportunitiesAsync(new Wire.ListOpportunitiesRequest { CustomerId = customer, OwnerId = "rep-nobody" }, o));

        Assert.Equal(3, all.Opportunities.Count);
        Assert.Equal(
            new[] { first.ToString(), second.ToString() }.Order(StringComparer.Ordinal),
            open.Opportunities.Concat(nextPage.Opportunities).Select(o => o.OpportunityId).Order(StringComparer.Ordinal),
            StringComparer.Ordinal);
        Assert.Equal(string.Empty, nextPage.NextPageToken);
        Assert.Empty(nobody.Opportunities);
        AssertNamesField(await _service.StatusOfAsync((api, o) => api.ListOpportunitiesAsync(new Wire.ListOpportunitiesRequest { CustomerId = "42" }, o)), "customer_id");
    }

    internal static void AssertNamesField(Status status, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith(field + ":", status.Detail, StringComparison.Ordinal);
    }

    private static Wire.OpportunityLine Line(Guid product, string name, string quantity, decimal price) =>
        new() { ProductId = product.ToString(), ProductName = name, Quantity = quantity, UnitPrice = MoneyConversions.ToMoney(price, "EUR") };

    private async Task<Guid> OpenAsync(string company)
    {
        var conversion = Conversions.Of(company, null);
        await _service.ConvertAsync(conversion);
        return conversion.OpportunityId;
    }

    private Task<Wire.Opportunity> GetAsync(Guid id) =>
        _service.CallAsync((api, o) => api.GetOpportunityAsync(new Wire.GetOpportunityRequest { OpportunityId = id.ToString() }, o));
}
