using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Crm.Api;
using Crm.Feed.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Testing;
using Grpc.Core;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// An accounting system on the feed through the gateway, signed in as a machine client with client credentials: a
/// won deal reaches its subscription as <c>crm.orders.order_booked</c>, and the same event is on the HTTP/JSON page as
/// a CloudEvent whose schema the gateway serves; without a token, or as another department, the feed answers nobody.
/// </summary>
public sealed class AccountingFeedTests(PlatformFixture platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly Journey _journey = new(platform);

    [Fact]
    public async Task An_accounting_system_follows_a_won_deal_on_the_feed_over_grpc_and_http()
    {
        var token = await platform.AccountingSystemTokenAsync();
        var head = (await platform.Gateway.Feed.ReadFeedAsync(new ReadFeedRequest { Limit = 1 }, TestCalls.WithToken(token, Deadline))).HeadPosition;
        using var subscription = platform.Gateway.Feed.Subscribe(new SubscribeRequest { AfterPosition = head }, TestCalls.WithToken(token, Deadline));

        var orderId = await AWonDealsOrderAsync();

        FeedEvent booked;
        do
        {
            Assert.True(await subscription.ResponseStream.MoveNext(TestContext.Current.CancellationToken), "the subscription ended");
            booked = subscription.ResponseStream.Current;
        }
        while (booked.Subject != orderId);
        Assert.Equal("crm.orders.order_booked", booked.Type);
        Assert.True(booked.Position > head);

        using var http = new HttpClient { BaseAddress = platform.GatewayHttpAddress };
        using var page = new HttpRequestMessage(HttpMethod.Get, $"/feed/v1/events?after={booked.Position - 1}&limit=1");
        page.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await http.SendAsync(page, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("application/cloudevents-batch+json", answer.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        using var batch = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var cloudEvent = batch.RootElement.EnumerateArray().Single();
        Assert.Equal(booked.Id, cloudEvent.GetProperty("id").GetString());
        Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
        Assert.Equal(booked.Position.ToString(System.Globalization.CultureInfo.InvariantCulture), cloudEvent.GetProperty("position").GetString());
        Assert.Equal(orderId, cloudEvent.GetProperty("data").GetProperty("orderId").GetString());
        Assert.Contains("rel=\"next\"", answer.Headers.GetValues("Link").Single(), StringComparison.Ordinal);

        using var schema = new HttpRequestMessage(HttpMethod.Get, cloudEvent.GetProperty("dataschema").GetString());
        schema.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var schemaAnswer = await http.SendAsync(schema, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, schemaAnswer.StatusCode);
        Assert.Contains("\"orderId\"", await schemaAnswer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var anonymous = await http.GetAsync(new Uri("/feed/v1/events", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var marketing = new HttpRequestMessage(HttpMethod.Get, "/feed/v1/events");
        marketing.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await platform.TokenOfAsync("maria"));
        using var refused = await http.SendAsync(marketing, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await _journey.StatusOfAsync((api, o) => api.Feed.ReadFeedAsync(new ReadFeedRequest(), o), "maria")).StatusCode);
    }

    /// <summary>A lead through to a won deal; returns the order booked from it.</summary>
    private async Task<string> AWonDealsOrderAsync()
    {
        var opportunity = await _journey.AnOpenDealAsync($"Ledger Mills {Guid.NewGuid():N}"[..20], ("Lia", "Ledger"), 10000m, "Cells");
        await _journey.CallAsync((api, o) => api.Opportunities.WinOpportunityAsync(new WinOpportunityRequest
        {
            OpportunityId = opportunity.OpportunityId, PurchaseOrderNumber = "PO-1",
            Lines = { new OpportunityLine { ProductId = "7f3c2a10-5b1e-4c7d-9a41-0c2f8e6d1a03", ProductName = "Automation cell", Quantity = "1", UnitPrice = MoneyConversions.ToMoney(10000m, "EUR") } },
        }, o), "otto");
        var orders = await _journey.EventuallyAsync(
            "the won deal is an order",
            () => _journey.CallAsync((api, o) => api.Orders.ListOrdersAsync(new Crm.Orders.Grpc.V1.ListOrdersRequest { OpportunityId = opportunity.OpportunityId }, o), "anna"),
            page => page.Orders.Count == 1);
        return orders.Orders[0].OrderId;
    }
}
