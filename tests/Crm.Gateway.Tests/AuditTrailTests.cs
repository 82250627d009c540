using System.Collections.Concurrent;
using System.Globalization;
using Crm.Audit.Grpc.V1;
using Crm.Gateway.Grpc.V1;
using Crm.Grpc.Security;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Crm.Gateway.Tests;

/// <summary>The platform's audit trail at the gateway: every service's trail, merged newest first, paged across all of them.</summary>
public sealed class AuditTrailTests
{
    private static readonly CrmService[] Keepers = [CrmResources.Leads, CrmResources.Opportunities, CrmResources.Forecasts, CrmResources.Orders, CrmResources.Support];

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pages_of_every_service_s_trail_come_back_merged_newest_first_with_nothing_missed_or_repeated()
    {
        // Trails of uneven length and interleaved times: leads has 7, opportunities 3, forecasts none, orders 5, support 1.
        var trails = new Dictionary<string, List<AuditRecord>>(StringComparer.Ordinal)
        {
            ["leads"] = Trail("leads", 7, everyMinutes: 3),
            ["opportunities"] = Trail("opportunities", 3, everyMinutes: 5),
            ["forecasts"] = [],
            ["orders"] = Trail("orders", 5, everyMinutes: 2),
            ["support"] = Trail("support", 1, everyMinutes: 1),
        };
        var asked = new ConcurrentBag<ListAuditRecordsRequest>();
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal)
        {
            ["/crm.audit.v1.AuditService/ListAuditRecords"] = StubServices.Answer(ListAuditRecordsRequest.Parser, request =>
            {
                asked.Add(request);
                return PageOf(trails[Assert.Single(request.Services)], request.Page);
            }),
        });
        await using var gateway = await GatewayHost.StartAsync(Keepers.ToDictionary(k => k, _ => stubs.Address), TimeSpan.FromSeconds(2));
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var api = new AuditTrailService.AuditTrailServiceClient(channel);

        var read = new List<AuditRecord>();
        var token = string.Empty;
        do
        {
            var page = await api.ListAuditRecordsAsync(
                new ListAuditRecordsRequest { Actor = "otto", Page = new() { PageSize = 4, PageToken = token } },
                TestCalls.As("ada", TimeSpan.FromSeconds(20), CrmRoles.Administrator));
            Assert.InRange(page.Records.Count, 1, 4);
            read.AddRange(page.Records);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        var expected = trails.Values.SelectMany(t => t).OrderByDescending(r => r.At).ThenBy(r => r.Service, StringComparer.Ordinal).ThenByDescending(r => r.Id).ToList();
        Assert.Equal(expected, read);
        Assert.All(asked, r => Assert.Equal("otto", r.Actor));
    }

    [Fact]
    public async Task A_trail_whose_times_do_not_follow_its_positions_is_still_read_whole_once()
    {
        // Concurrent writes stamp their time before the insert takes its position: orders' 2 is older than its 1.
        var orders = Trail("orders", 6, everyMinutes: 2);
        (orders[0].At, orders[1].At) = (orders[1].At, orders[0].At);
        (orders[3].At, orders[4].At) = (orders[4].At, orders[3].At);
        var trails = new Dictionary<string, List<AuditRecord>>(StringComparer.Ordinal) { ["orders"] = orders, ["leads"] = Trail("leads", 5, everyMinutes: 3) };
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal)
        {
            ["/crm.audit.v1.AuditService/ListAuditRecords"] = StubServices.Answer(ListAuditRecordsRequest.Parser, request => PageOf(trails[Assert.Single(request.Services)], request.Page)),
        });
        await using var gateway = await GatewayHost.StartAsync(Keepers.ToDictionary(k => k, _ => stubs.Address), TimeSpan.FromSeconds(2));
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var api = new AuditTrailService.AuditTrailServiceClient(channel);

        var read = new List<AuditRecord>();
        var token = string.Empty;
        do
        {
            var page = await api.ListAuditRecordsAsync(
                new ListAuditRecordsRequest { Services = { "orders", "leads" }, Page = new() { PageSize = 3, PageToken = token } },
                TestCalls.As("ada", TimeSpan.FromSeconds(20), CrmRoles.Administrator));
            read.AddRange(page.Records);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(11, read.Count);
        Assert.Equal(trails.Values.SelectMany(t => t).Select(r => (r.Service, r.Id)).Order(), read.Select(r => (r.Service, r.Id)).Order());
    }

    [Fact]
    public async Task Only_the_services_named_are_asked_and_an_unknown_one_is_INVALID_ARGUMENT_naming_services()
    {
        var asked = new ConcurrentBag<string>();
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal)
        {
            ["/crm.audit.v1.AuditService/ListAuditRecords"] = StubServices.Answer(ListAuditRecordsRequest.Parser, request =>
            {
                asked.Add(Assert.Single(request.Services));
                return PageOf(Trail(request.Services[0], 2, everyMinutes: 1), request.Page);
            }),
        });
        await using var gateway = await GatewayHost.StartAsync(Keepers.ToDictionary(k => k, _ => stubs.Address), TimeSpan.FromSeconds(2));
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var api = new AuditTrailService.AuditTrailServiceClient(channel);
        var admin = TestCalls.As("ada", TimeSpan.FromSeconds(20), CrmRoles.Administrator);

        var page = await api.ListAuditRecordsAsync(new ListAuditRecordsRequest { Services = { "orders" } }, admin);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => api.ListAuditRecordsAsync(new ListAuditRecordsRequest { Services = { "gateway" } }, admin).ResponseAsync);

        Assert.Equal(["orders"], asked);
        Assert.All(page.Records, r => Assert.Equal("orders", r.Service));
        Assert.Equal(2, page.Records.Count);
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.StartsWith("services: ", unknown.Status.Detail, StringComparison.Ordinal);
    }

    private static List<AuditRecord> Trail(string service, int count, int everyMinutes) =>
        [.. Enumerable.Range(1, count).Select(i => new AuditRecord
        {
            Service = service,
            Id = i,
            At = Timestamp.FromDateTimeOffset(Start.AddMinutes(i * everyMinutes)),
            Actor = "otto",
            Action = $"/crm.{service}.v1.Method{i}",
            Outcome = AuditOutcome.Applied,
        })];

    /// <summary>A service's page as Crm.Api.Paging cuts it: newest first below the token's position.</summary>
    private static ListAuditRecordsResponse PageOf(List<AuditRecord> trail, Crm.Common.Grpc.V1.PageRequest page)
    {
        var before = page.PageToken.Length == 0 ? long.MaxValue : long.Parse(page.PageToken, CultureInfo.InvariantCulture);
        var below = trail.Where(r => r.Id < before).OrderByDescending(r => r.Id).ToList();
        var taken = below.Take(page.PageSize).ToList();
        return new ListAuditRecordsResponse
        {
            Records = { taken },
            NextPageToken = below.Count > taken.Count ? taken[^1].Id.ToString(CultureInfo.InvariantCulture) : string.Empty,
        };
    }
}
