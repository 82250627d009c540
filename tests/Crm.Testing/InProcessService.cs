using System.Text.Json;
using Crm.Contracts;
using CrmPlatform.LocalServers;
using MassTransit;
using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Xunit;

namespace Crm.Testing;

/// <summary>
/// A service under test in this process, wired as its Program.cs wires it, on a database and virtual host of its own,
/// listening on free loopback ports, with a <see cref="TestClock"/> for "now". It starts ready: migrated, connected to
/// the broker with its queues bound. Its events are read back from its outbox.
/// </summary>
public sealed class InProcessService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessService(WebApplication app, TestResources resources, TestClock clock, Uri grpcAddress, Uri httpAddress)
    {
        _app = app;
        Resources = resources;
        Clock = clock;
        GrpcAddress = grpcAddress;
        HttpAddress = httpAddress;
    }

    public TestResources Resources { get; }

    public TestClock Clock { get; }

    /// <summary>Its gRPC endpoint (HTTP/2 cleartext).</summary>
    public Uri GrpcAddress { get; }

    /// <summary>Its HTTP/1.1 endpoint (health, pages, the identity service's OpenID Connect endpoints).</summary>
    public Uri HttpAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts <paramref name="service"/>: <paramref name="add"/> and <paramref name="map"/> are its
    /// <c>AddXxxService</c> and <c>MapXxxService</c>; <paramref name="settings"/> are extra <c>--Key=value</c> arguments.</summary>
    public static async Task<InProcessService> StartAsync(
        TestResources resources, CrmService service, Action<WebApplicationBuilder> add, Action<WebApplication> map, params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(map);
        var grpc = Ports.Free();
        var http = Ports.Free();
        var builder = WebApplication.CreateBuilder(
        [
            $"--ConnectionStrings:{service.Database}={resources.DatabaseConnectionString}",
            $"--ConnectionStrings:{CrmResources.Messaging}={resources.MessagingConnectionString}",
            $"--Kestrel:Endpoints:grpc:Url=http://127.0.0.1:{grpc}",
            "--Kestrel:Endpoints:grpc:Protocols=Http2",
            $"--Kestrel:Endpoints:http:Url=http://127.0.0.1:{http}",
            "--Kestrel:Endpoints:http:Protocols=Http1",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:MassTransit=Error",
            "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
            .. TestIssuer.Default.Settings,
            .. settings,
        ]);
        builder.AddServiceDefaults();
        add(builder);
        var clock = new TestClock(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<TimeProvider>(clock);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var started = new InProcessService(app, resources, clock, new Uri($"http://127.0.0.1:{grpc}"), new Uri($"http://127.0.0.1:{http}"));
        var health = app.Services.GetRequiredService<HealthCheckService>();
        HealthReport? report = null;
        if (!await Poll.UntilAsync(async token => (report = await health.CheckHealthAsync(token)).Status == HealthStatus.Healthy, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken))
        {
            await started.DisposeAsync();
            var checks = report?.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description} {e.Value.Exception?.Message}");
            throw new TimeoutException($"the {service.Name} service did not become ready in 60 s: {string.Join("; ", checks ?? [])}");
        }

        return started;
    }

    /// <summary>The events the service wrote to its outbox, in order.</summary>
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
            // "Crm.Contracts.Orders.OrderBooked, Crm.Contracts" -> "OrderBooked"
            var type = reader.GetString(0);
            var comma = type.IndexOf(',', StringComparison.Ordinal);
            var name = type[(type.LastIndexOf('.', comma) + 1)..comma];
            using var body = JsonDocument.Parse(reader.GetString(3));
            events.Add(new PublishedEvent(name, reader.GetGuid(1), reader.GetInt64(2), body.RootElement.Clone(), reader.GetBoolean(4)));
        }

        return events;
    }

    /// <summary>The events of <typeparamref name="TEvent"/> that <paramref name="aggregateId"/>'s changes put in the outbox, in order, as records.</summary>
    public async Task<IReadOnlyList<TEvent>> EventsAsync<TEvent>(Guid aggregateId)
        where TEvent : class, IIntegrationEvent
    {
        await using var connection = new NpgsqlConnection(Resources.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT body, aggregate_version FROM outbox_messages WHERE aggregate_id = $1 AND message_type LIKE $2 ORDER BY sequence", connection)
        {
            Parameters = { new() { Value = aggregateId }, new() { Value = typeof(TEvent).FullName + ",%" } },
        };
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var events = new List<TEvent>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var message = JsonSerializer.Deserialize<TEvent>(reader.GetString(0), MassTransit.Serialization.SystemTextJsonMessageSerializer.Options)!;
            if (message.Version != reader.GetInt64(1))
            {
                throw new InvalidOperationException($"{typeof(TEvent).Name} {message.EventId} carries version {message.Version}, its outbox row {reader.GetInt64(1)}");
            }

            events.Add(message);
        }

        return events;
    }

    /// <summary>Waits until the relay has published an event of <paramref name="type"/> for <paramref name="aggregateId"/> at <paramref name="version"/>.</summary>
    public async Task<PublishedEvent> PublishedAsync(string type, Guid aggregateId, long version = 1)
    {
        PublishedEvent? found = null;
        var published = await Poll.UntilAsync(
            async _ => (found = (await EventsAsync()).FirstOrDefault(e => e.Type == type && e.AggregateId == aggregateId && e.Version == version && e.Sent)) is not null,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);
        return published ? found! : throw new TimeoutException($"no {type} v{version} of {aggregateId} was published in 30 s");
    }

    /// <summary>
    /// Publishes <paramref name="message"/> (another service's event) through the broker, as its publisher would, and
    /// waits until the service under test has consumed it (its inbox holds the event's id).
    /// </summary>
    public async Task DeliverAsync<TEvent>(TEvent message)
        where TEvent : class, IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(message);
        await Services.GetRequiredService<IBus>().Publish(message, TestContext.Current.CancellationToken);
        var consumed = await Poll.UntilAsync(
            async _ => await CountAsync($"SELECT 1 FROM inbox_messages WHERE message_id = '{message.EventId}'") > 0,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);
        if (!consumed)
        {
            throw new TimeoutException($"the {typeof(TEvent).Name} {message.EventId} was not consumed in 30 s");
        }
    }

    /// <summary>How many rows <paramref name="sql"/> returns from the service's database.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Resources.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM ({sql}) AS counted", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
