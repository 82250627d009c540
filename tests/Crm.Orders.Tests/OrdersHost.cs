using Crm.Contracts.Opportunities;
using Crm.Grpc.Client;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Crm.Orders.Tests;

/// <summary>
/// The orders service in this process, as Program.cs wires it, on a database and virtual host of its own, with a
/// <see cref="TestClock"/> for "today" and the overdue check every 100 ms. Won deals are published on its bus.
/// </summary>
internal sealed class OrdersHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OrdersHost(WebApplication app, TestResources resources, TestClock clock, Uri address)
    {
        _app = app;
        Resources = resources;
        Clock = clock;
        Channel = GrpcChannel.ForAddress(address);
        Client = new OrdersClient(Channel);
    }

    public TestResources Resources { get; }

    public TestClock Clock { get; }

    public GrpcChannel Channel { get; }

    public OrdersClient Client { get; }

    public static async Task<OrdersHost> StartAsync(CrmTestServers servers, string owner)
    {
        var resources = await servers.IsolateAsync(owner);
        var grpc = Ports.Free();
        var http = Ports.Free();
        var builder = WebApplication.CreateBuilder(
        [
            $"--ConnectionStrings:{CrmResources.Orders.Database}={resources.DatabaseConnectionString}",
            $"--ConnectionStrings:{CrmResources.Messaging}={resources.MessagingConnectionString}",
            $"--Kestrel:Endpoints:grpc:Url=http://127.0.0.1:{grpc}",
            "--Kestrel:Endpoints:grpc:Protocols=Http2",
            $"--Kestrel:Endpoints:http:Url=http://127.0.0.1:{http}",
            "--Kestrel:Endpoints:http:Protocols=Http1",
            "--Orders:OverdueCheckInterval=00:00:00.100",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:MassTransit=Error",
            "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
        ]);
        builder.AddServiceDefaults();
        builder.AddOrdersService();
        var clock = new TestClock(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<TimeProvider>(clock);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapOrdersService();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var host = new OrdersHost(app, resources, clock, new Uri($"http://127.0.0.1:{grpc}"));

        // Ready means migrated and connected to the broker, with the consumer's queue bound: a deal won now is booked.
        var health = app.Services.GetRequiredService<HealthCheckService>();
        Assert.True(
            await Poll.UntilAsync(async token => (await health.CheckHealthAsync(token)).Status == HealthStatus.Healthy, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken),
            "the orders service did not become ready");
        return host;
    }

    /// <summary>Publishes a won deal on the broker, as the opportunities service would.</summary>
    public Task WinAsync(OpportunityWon won) =>
        _app.Services.GetRequiredService<IBus>().Publish(won, TestContext.Current.CancellationToken);

    /// <summary>The events written to the outbox, in order.</summary>
    public async Task<IReadOnlyList<PublishedEvent>> EventsAsync()
    {
        await using var connection = new NpgsqlConnection(Resources.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT message_type, aggregate_id, aggregate_version, body, sent_at IS NOT NULL FROM outbox_messages ORDER BY sequence", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var events = new List<PublishedEvent>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var type = reader.GetString(0);
            var name = type[(type.LastIndexOf('.', type.IndexOf(',', StringComparison.Ordinal)) + 1)..type.IndexOf(',', StringComparison.Ordinal)];
            using var body = System.Text.Json.JsonDocument.Parse(reader.GetString(3));
            events.Add(new PublishedEvent(name, reader.GetGuid(1), reader.GetInt64(2), body.RootElement.Clone(), reader.GetBoolean(4)));
        }

        return events;
    }

    /// <summary>Waits until the outbox holds an event of <paramref name="type"/> for <paramref name="aggregateId"/> that the relay has published.</summary>
    public async Task<PublishedEvent> PublishedAsync(string type, Guid aggregateId, long version = 1)
    {
        PublishedEvent? found = null;
        var published = await Poll.UntilAsync(
            async _ => (found = (await EventsAsync()).FirstOrDefault(e => e.Type == type && e.AggregateId == aggregateId && e.Version == version && e.Sent)) is not null,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);
        Assert.True(published, $"no {type} v{version} for {aggregateId} was published");
        return found!;
    }

    /// <summary>Counts rows with a query of the service's own database.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Resources.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM ({sql}) AS counted", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
