using System.Text.Json;
using Crm.Api;
using Crm.Gateway.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Orders.Grpc.V1;
using Crm.Testing;
using CrmPlatform.AppHost.Demo;
using CrmPlatform.ServiceDefaults;
using Npgsql;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// Two processes of every service against one PostgreSQL and one RabbitMQ, as two pods of each Deployment would run:
/// both consume each queue, both relay each outbox, both answer calls through both gateways. A deal won through the
/// gateway has each of its effects once, and no event is left behind or dead-lettered.
/// </summary>
public sealed class ReplicaTests(PlatformFixture platform)
{
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(60);
    private readonly Journey _journey = new(platform);

    [Fact]
    public async Task Two_replicas_of_every_service_share_the_work_with_no_duplicate_effect_and_no_lost_event()
    {
        var services = CrmResources.All.Where(s => s != CrmResources.Web).ToList();
        Assert.All(services, s => Assert.Equal(PlatformFixture.Replicas, platform.InstancesOf(s.Name).Count));
        using var broker = platform.BrokerManagement();
        await BothReplicasConsumeEveryQueueAsync(broker);

        var company = $"Twin Presses {Guid.NewGuid():N}"[..24];
        var deal = await _journey.AnOpenDealAsync(company, ("Ines", "Roth"), 60000m, "Press line");
        await _journey.CallAsync((api, o) => api.Opportunities.LogActivityAsync(new LogActivityRequest
        {
            CustomerId = deal.CustomerId, OpportunityId = deal.OpportunityId, Kind = ActivityKind.Call, Subject = "Agreed the terms",
            Department = Crm.Common.Grpc.V1.Department.OutsideSales,
        }, o), "otto");
        await _journey.CallAsync((api, o) => api.Opportunities.WinOpportunityAsync(new WinOpportunityRequest
        {
            OpportunityId = deal.OpportunityId,
            Lines = { new OpportunityLine { ProductId = "7f3c2a10-5b1e-4c7d-9a41-0c2f8e6d1a01", ProductName = "Press", Quantity = "1", UnitPrice = MoneyConversions.ToMoney(60000m, "EUR") } },
        }, o), "otto");
        var view = await _journey.EventuallyAsync(
            "the order is booked",
            () => _journey.CallAsync((api, o) => api.CustomerView.GetCustomerViewAsync(new GetCustomerViewRequest { CustomerId = deal.CustomerId }, o)),
            v => v.Orders.Any(o => o.OpportunityId == deal.OpportunityId && o.Status == OrderStatus.Booked));

        // Nothing lost: every outbox is drained and every queue is empty, with nothing dead-lettered.
        await EveryOutboxIsSentAsync(services);
        await EveryQueueIsDrainedAsync(broker);

        // Nothing doubled: one order and one OrderBooked for the deal, and each record once on the customer's timeline.
        var orders = platform.DatabaseAsAdministrator(CrmResources.Orders.Database!);
        Assert.Equal(1, await CountAsync(orders, "SELECT count(*) FROM orders WHERE opportunity_id = $1::uuid", deal.OpportunityId));
        Assert.Equal(1, await CountAsync(orders, "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%OrderBooked%' AND body LIKE '%' || $1 || '%'", deal.OpportunityId));
        view = await _journey.CallAsync((api, o) => api.CustomerView.GetCustomerViewAsync(new GetCustomerViewRequest { CustomerId = deal.CustomerId }, o));
        var repeated = view.Timeline.Where(e => e.ReferenceId.Length > 0).GroupBy(e => (e.Source, e.ReferenceId, e.Summary)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"on the timeline more than once: {string.Join(", ", repeated)}");
        Assert.Single(view.Orders, o => o.OpportunityId == deal.OpportunityId);
    }

    [Fact]
    public async Task A_person_signed_in_at_either_identity_replica_is_accepted_by_every_replica()
    {
        // The replicas share their signing keys through their database: a token from the second is as good as one from
        // the first, on both gateways and every service replica behind them.
        using var second = new DemoPeople(platform.AddressOf(platform.InstancesOf(CrmResources.Identity.Name)[1], CrmResources.HttpEndpoint), platform.DemoPassword);
        var token = await second.TokenOfAsync("otto", TestContext.Current.CancellationToken);
        for (var call = 0; call < 2 * PlatformFixture.Replicas; call++)
        {
            var pipeline = await platform.Gateway.Forecasts.GetPipelineAsync(
                new Crm.Forecasts.Grpc.V1.GetPipelineRequest { OwnerId = "otto", CurrencyCode = "EUR" }, TestCalls.WithToken(token, TimeSpan.FromSeconds(20)));
            Assert.NotNull(pipeline);
        }
    }

    private static async Task BothReplicasConsumeEveryQueueAsync(HttpClient broker)
    {
        // Consumers connect once their service is up: poll until every service queue has one from each replica.
        var queues = await PollAsync(broker, q => q.Where(IsServiceQueue).All(x => x.Consumers == PlatformFixture.Replicas) && q.Any(IsServiceQueue));
        var missing = queues.Where(IsServiceQueue).Where(q => q.Consumers != PlatformFixture.Replicas).Select(q => $"{q.Name} ({q.Consumers})").ToList();
        Assert.True(missing.Count == 0, $"queues without a consumer in each replica: {string.Join(", ", missing)}");
    }

    private static async Task EveryQueueIsDrainedAsync(HttpClient broker)
    {
        var queues = await PollAsync(broker, q => q.All(x => x.Messages == 0));
        var left = queues.Where(q => q.Messages > 0).Select(q => $"{q.Name} ({q.Messages})").ToList();
        Assert.True(left.Count == 0, $"messages left in queues: {string.Join(", ", left)}");
    }

    private async Task EveryOutboxIsSentAsync(IEnumerable<CrmService> services)
    {
        foreach (var service in services.Where(s => s.Database is not null && s != CrmResources.Identity))
        {
            var database = platform.DatabaseAsAdministrator(service.Database!);
            await _journey.EventuallyAsync(
                $"the {service.Name} outbox is sent",
                () => CountAsync(database, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", string.Empty),
                unsent => unsent == 0);
        }
    }

    // A service's consumer queues are named after it (orders.order-booking); its error and skipped queues end in
    // _error and _skipped; each process's own bus queue has another name.
    private static bool IsServiceQueue(BrokerQueue queue) =>
        !queue.Name.EndsWith("_error", StringComparison.Ordinal) && !queue.Name.EndsWith("_skipped", StringComparison.Ordinal)
        && CrmResources.All.Any(s => queue.Name.StartsWith(s.Name + ".", StringComparison.Ordinal));

    private static async Task<IReadOnlyList<BrokerQueue>> PollAsync(HttpClient broker, Func<IReadOnlyList<BrokerQueue>, bool> done)
    {
        var deadline = DateTime.UtcNow + Settled;
        while (true)
        {
            var queues = await QueuesAsync(broker);
            if (done(queues) || DateTime.UtcNow > deadline)
            {
                return queues;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TestContext.Current.CancellationToken);
        }
    }

    private static async Task<IReadOnlyList<BrokerQueue>> QueuesAsync(HttpClient broker)
    {
        using var document = JsonDocument.Parse(await broker.GetStringAsync(new Uri("queues", UriKind.Relative), TestContext.Current.CancellationToken));
        return [.. document.RootElement.EnumerateArray().Select(q => new BrokerQueue(
            q.GetProperty("name").GetString()!,
            q.TryGetProperty("consumers", out var consumers) ? consumers.GetInt32() : 0,
            q.TryGetProperty("messages", out var messages) ? messages.GetInt64() : 0))];
    }

    private static async Task<long> CountAsync(string connectionString, string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("$1", StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private sealed record BrokerQueue(string Name, int Consumers, long Messages);
}
