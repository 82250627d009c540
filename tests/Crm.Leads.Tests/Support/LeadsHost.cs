extern alias service;

using System.Globalization;
using System.Text.Json;
using Crm.Contracts;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Crm.Leads.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using service::Crm.Leads;

namespace Crm.Leads.Tests.Support;

/// <summary>
/// The leads service as it runs in production (the same wiring as its Program.cs), in this process on free ports,
/// on a database and virtual host of its own for the test class; called through our gRPC client.
/// </summary>
public sealed class LeadsHost(CrmTestServers servers) : IAsyncLifetime
{
    /// <summary>One RPC made through the generated client with the given options: <c>(api, o) =&gt; api.GetLeadAsync(request, o)</c>.</summary>
    public delegate AsyncUnaryCall<TResponse> Rpc<TResponse>(Crm.Leads.Grpc.V1.LeadsService.LeadsServiceClient api, CallOptions options);

    /// <summary>Who calls, as the gateway forwards it until tokens come.</summary>
    public const string User = "ines.inside";

    private WebApplication? _app;
    private GrpcChannel? _channel;

    public TestResources Resources { get; private set; } = null!;

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("not started");

    /// <summary>The generated client of <c>crm.leads.v1.LeadsHost</c>.</summary>
    public Crm.Leads.Grpc.V1.LeadsService.LeadsServiceClient Api { get; private set; } = null!;

    /// <summary>The service's own bus: publishing through it reaches the same exchanges other services publish to.</summary>
    public IBus Bus => _app!.Services.GetRequiredService<IBus>();

    public async ValueTask InitializeAsync()
    {
        Resources = await servers.IsolateAsync("leads");
        var grpc = Ports.Free();
        var http = Ports.Free();
        var builder = WebApplication.CreateBuilder(
        [
            $"--ConnectionStrings:{CrmResources.Leads.Database}={Resources.DatabaseConnectionString}",
            $"--ConnectionStrings:{CrmResources.Messaging}={Resources.MessagingConnectionString}",
            $"--Kestrel:Endpoints:grpc:Url=http://127.0.0.1:{grpc}",
            "--Kestrel:Endpoints:grpc:Protocols=Http2",
            $"--Kestrel:Endpoints:http:Url=http://127.0.0.1:{http}",
            "--Kestrel:Endpoints:http:Protocols=Http1",

            // One message at a time: when a later event has been applied, every earlier one has been handled.
            "--Messaging:ConcurrentMessageLimit=1",
            "--Messaging:PrefetchCount=1",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:MassTransit=Error",
        ]);
        builder.AddServiceDefaults();
        builder.AddLeadsService();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapLeadsService();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var health = _app.Services.GetRequiredService<HealthCheckService>();
        var ready = await Poll.UntilAsync(
            async token => (await health.CheckHealthAsync(token)).Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);
        Assert.True(ready, "the leads service did not become ready");
        _channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{grpc}"));
        Api = new Crm.Leads.Grpc.V1.LeadsService.LeadsServiceClient(_channel);
    }

    /// <summary>Calls an RPC as <see cref="User"/>; a status other than OK throws <see cref="RpcException"/>.</summary>
    public async Task<TResponse> CallAsync<TResponse>(Rpc<TResponse> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await call(Api, TestCalls.As(User, TimeSpan.FromSeconds(30)));
    }

    /// <summary>The status a call that must fail ends with.</summary>
    public async Task<Status> FailureAsync<TResponse>(Rpc<TResponse> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() => CallAsync(call));
        return failure.Status;
    }

    /// <summary>
    /// Calls an RPC that must fail with <paramref name="code"/> and write nothing (no row, no version, no event);
    /// returns the status for the caller to check its message.
    /// </summary>
    public async Task<Status> RefusedAsync<TResponse>(Rpc<TResponse> call, StatusCode code)
    {
        var before = await SnapshotAsync();
        var status = await FailureAsync(call);
        Assert.True(status.StatusCode == code, $"expected {code}, got {status}");
        Assert.Equal(before, await SnapshotAsync());
        return status;
    }

    /// <summary>Bad input: INVALID_ARGUMENT whose message begins with <paramref name="field"/>, and nothing written.</summary>
    public async Task InvalidAsync<TResponse>(Rpc<TResponse> call, string field)
    {
        var status = await RefusedAsync(call, StatusCode.InvalidArgument);
        Assert.True(status.Detail.StartsWith(field + ": ", StringComparison.Ordinal), $"expected a message naming {field}, got \"{status.Detail}\"");
    }

    /// <summary>One number from the service's database.</summary>
    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Resources.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Everything a write could leave behind: rows and versions of every table and the outbox. Two equal snapshots
    /// mean nothing was written in between.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        var counts = new List<long>();
        foreach (var sql in new[]
        {
            "SELECT count(*) FROM leads", "SELECT coalesce(sum(version), 0) FROM leads",
            "SELECT count(*) FROM campaigns", "SELECT coalesce(sum(version), 0) FROM campaigns",
            "SELECT count(*) FROM campaign_costs", "SELECT count(*) FROM outbox_messages",
        })
        {
            counts.Add(await ScalarAsync(sql));
        }

        return string.Join(',', counts);
    }

    /// <summary>The events of <typeparamref name="TEvent"/> that <paramref name="aggregateId"/>'s changes put in the outbox, in order.</summary>
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
            var message = JsonSerializer.Deserialize<TEvent>(reader.GetString(0), SystemTextJsonMessageSerializer.Options)!;
            Assert.Equal(message.Version, reader.GetInt64(1));
            events.Add(message);
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }
}
