using Crm.Testing;
using System.Diagnostics;
using Crm.Gateway.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Crm.Opportunities.Grpc.V1;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Http;

namespace Crm.Gateway.Tests;

/// <summary>The customer view against stub services: every section joined, one timeline, signals, and the
/// sections of a service that is down or slow marked, never failing the view.</summary>
public sealed class CustomerViewTests
{
    private readonly CustomerData _customer = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_view_joins_every_department_on_one_timeline_with_signals()
    {
        await using var stubs = await StubServices.StartAsync(Handlers());
        await using var gateway = await GatewayHost.StartAsync(Everything(stubs.Address), TimeSpan.FromSeconds(2));
        var view = await CallAsync(gateway);

        Assert.Equal("Acme Tooling", view.Account.Name);
        Assert.Single(view.Origin.Leads);
        Assert.Single(view.Opportunities);
        Assert.Single(view.UpcomingMeetings);
        Assert.Single(view.Orders);
        Assert.True(view.Credit.OnHold);
        Assert.Single(view.Cases);
        Assert.All(view.Sections, s => Assert.Equal(SectionState.Ok, s.State));

        var times = view.Timeline.Select(e => e.At.ToDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        foreach (var source in new[] { TimelineSource.Lead, TimelineSource.SalesActivity, TimelineSource.Meeting, TimelineSource.Order, TimelineSource.Shipment, TimelineSource.Invoice, TimelineSource.Case, TimelineSource.SupportInteraction })
        {
            Assert.Contains(view.Timeline, e => e.Source == source);
        }

        var credit = Assert.Single(view.Signals, s => s.Kind == SignalKind.CreditHold);
        Assert.Contains("no new orders", credit.Message, StringComparison.Ordinal);
        var p1 = Assert.Single(view.Signals, s => s.Kind == SignalKind.OpenP1BeforeMeeting);
        Assert.Contains("Press controller down", p1.Message, StringComparison.Ordinal);
        Assert.Contains("Contract review", p1.Message, StringComparison.Ordinal);
        Assert.Contains(view.Signals, s => s.Kind == SignalKind.RecentContact && s.Message.StartsWith("Inside Sales", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_support_service_down_the_view_answers_and_marks_support_unavailable()
    {
        await using var stubs = await StubServices.StartAsync(Handlers());
        var services = Everything(stubs.Address);
        services[CrmResources.Support] = new Uri($"http://127.0.0.1:{Ports.Free()}");
        await using var gateway = await GatewayHost.StartAsync(services, TimeSpan.FromSeconds(2));

        var view = await CallAsync(gateway);

        Assert.Equal(SectionState.Unavailable, view.Sections.Single(s => s.Section == "support").State);
        Assert.All(view.Sections.Where(s => s.Section != "support"), s => Assert.Equal(SectionState.Ok, s.State));
        Assert.Empty(view.Cases);
        Assert.Equal("Acme Tooling", view.Account.Name);
        Assert.DoesNotContain(view.Signals, s => s.Kind == SignalKind.OpenP1BeforeMeeting);
    }

    [Fact]
    public async Task A_slow_service_is_marked_timed_out_and_the_view_answers_within_the_section_deadline()
    {
        var handlers = Handlers();
        handlers["/crm.support.v1.SupportService/GetCustomerCases"] = StubServices.Hang();
        await using var stubs = await StubServices.StartAsync(handlers);
        await using var gateway = await GatewayHost.StartAsync(Everything(stubs.Address), TimeSpan.FromMilliseconds(500));

        // The first call pays for JIT and new connections; the second measures the deadline alone.
        await CallAsync(gateway);
        var clock = Stopwatch.StartNew();
        var view = await CallAsync(gateway);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the view took {clock.Elapsed}");
        Assert.Equal(SectionState.TimedOut, view.Sections.Single(s => s.Section == "support").State);
        Assert.True(view.Credit.OnHold);
    }

    [Fact]
    public async Task A_customer_the_customer_master_does_not_know_is_NOT_FOUND()
    {
        var handlers = Handlers();
        handlers["/crm.opportunities.v1.OpportunitiesService/GetCustomerSales"] = StubServices.Fail(5, "no such customer");
        await using var stubs = await StubServices.StartAsync(handlers);
        await using var gateway = await GatewayHost.StartAsync(Everything(stubs.Address), TimeSpan.FromSeconds(2));

        var failure = await Assert.ThrowsAsync<RpcException>(() => CallAsync(gateway));
        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task A_customer_id_that_is_not_a_uuid_is_INVALID_ARGUMENT_naming_the_field()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<CrmService, Uri>(), TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);
        var failure = await Assert.ThrowsAsync<RpcException>(async () => await new CustomerViewService.CustomerViewServiceClient(channel).GetCustomerViewAsync(new GetCustomerViewRequest { CustomerId = "acme" }, Options()));
        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith("customer_id:", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_customers_through_the_customer_master_and_says_what_matched()
    {
        var handlers = Handlers();
        handlers["/crm.opportunities.v1.OpportunitiesService/SearchAccounts"] = StubServices.Reply(new SearchAccountsResponse { Accounts = { _customer.Sales.Account } });
        await using var stubs = await StubServices.StartAsync(handlers);
        await using var gateway = await GatewayHost.StartAsync(Everything(stubs.Address), TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);

        var byName = await new CustomerViewService.CustomerViewServiceClient(channel).SearchCustomersAsync(new SearchCustomersRequest { Query = "acme" }, Options());
        var match = Assert.Single(byName.Matches);
        Assert.Equal(_customer.CustomerId, match.CustomerId);
        Assert.Equal("name", match.MatchedOn);
        var byEmail = await new CustomerViewService.CustomerViewServiceClient(channel).SearchCustomersAsync(new SearchCustomersRequest { Query = "ada@acme.example" }, Options());
        Assert.Equal("email", Assert.Single(byEmail.Matches).MatchedOn);

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await new CustomerViewService.CustomerViewServiceClient(channel).SearchCustomersAsync(new SearchCustomersRequest { Query = "a" }, Options()));
        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith("query:", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_view_asks_every_service_with_the_callers_own_token_and_a_call_without_one_is_refused()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var handlers = Handlers();
        foreach (var (path, reply) in handlers.ToList())
        {
            handlers[path] = http =>
            {
                seen[path] = http.Request.Headers.Authorization.ToString();
                return reply(http);
            };
        }

        await using var stubs = await StubServices.StartAsync(handlers);
        await using var gateway = await GatewayHost.StartAsync(Everything(stubs.Address), TimeSpan.FromSeconds(2));
        using var channel = TestChannels.For(gateway.Address);
        var token = TestIssuer.Default.TokenFor("clara", "customer_service");
        await new CustomerViewService.CustomerViewServiceClient(channel).GetCustomerViewAsync(
            new GetCustomerViewRequest { CustomerId = _customer.CustomerId }, TestCalls.WithToken(token, TimeSpan.FromSeconds(10)));

        Assert.Equal(handlers.Keys.Order(StringComparer.Ordinal), seen.Keys.Order(StringComparer.Ordinal));
        Assert.All(seen.Values, header => Assert.Equal($"Bearer {token}", header));

        seen.Clear();
        using var anonymous = GrpcChannel.ForAddress(gateway.Address);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await new CustomerViewService.CustomerViewServiceClient(anonymous).GetCustomerViewAsync(
            new GetCustomerViewRequest { CustomerId = _customer.CustomerId }, Options()));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Empty(seen);
    }

    private static Dictionary<CrmService, Uri> Everything(Uri stubs) => new()
    {
        [CrmResources.Leads] = stubs, [CrmResources.Opportunities] = stubs, [CrmResources.Orders] = stubs, [CrmResources.Support] = stubs,
    };

    private static CallOptions Options() => new(deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

    private Dictionary<string, Func<HttpContext, Task>> Handlers() => new(StringComparer.Ordinal)
    {
        ["/crm.leads.v1.LeadsService/GetCustomerOrigin"] = StubServices.Reply(_customer.Origin),
        ["/crm.opportunities.v1.OpportunitiesService/GetCustomerSales"] = StubServices.Reply(_customer.Sales),
        ["/crm.orders.v1.OrdersService/GetCustomerOrders"] = StubServices.Reply(_customer.Orders),
        ["/crm.support.v1.SupportService/GetCustomerCases"] = StubServices.Reply(_customer.Cases),
    };

    private async Task<CustomerView> CallAsync(GatewayHost gateway)
    {
        using var channel = TestChannels.For(gateway.Address);
        return await new CustomerViewService.CustomerViewServiceClient(channel).GetCustomerViewAsync(new GetCustomerViewRequest { CustomerId = _customer.CustomerId }, Options());
    }
}
