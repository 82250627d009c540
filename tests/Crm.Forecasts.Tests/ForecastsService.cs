extern alias service;

using Crm.Api;
using Crm.Contracts;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using service::Crm.Forecasts;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Tests;

/// <summary>The service hosted in-process on a test class's database and virtual host, fed through the broker.</summary>
internal sealed class ForecastsService : IAsyncDisposable
{
    private readonly InProcessService _host;
    private readonly string _database;

    private ForecastsService(InProcessService host, string database)
    {
        _host = host;
        _database = database;
        Channel = TestChannels.For(host.GrpcAddress);
        Api = new Wire.ForecastsService.ForecastsServiceClient(Channel);
    }

    public Wire.ForecastsService.ForecastsServiceClient Api { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The service's "now".</summary>
    public TestClock Clock => _host.Clock;

    /// <summary>The database and virtual host it runs on, for a second replica.</summary>
    public TestResources Resources => _host.Resources;

    public static async Task<ForecastsService> StartAsync(CrmTestServers servers, string owner, params string[] settings) =>
        await StartAsync(await servers.IsolateAsync(owner), settings);

    /// <summary>A replica on <paramref name="resources"/> (another's database and virtual host).</summary>
    public static async Task<ForecastsService> StartAsync(TestResources resources, params string[] settings)
    {
        var host = await InProcessService.StartAsync(resources, CrmResources.Forecasts, b => b.AddForecastsService(), a => a.MapForecastsService(), settings);
        return new ForecastsService(host, resources.DatabaseConnectionString);
    }

    /// <summary>The events the service has written to its outbox (sent or not).</summary>
    public Task<IReadOnlyList<PublishedEvent>> EventsAsync() => _host.EventsAsync();

    /// <summary>A count the database answers.</summary>
    public Task<long> CountAsync(string sql) => ScalarAsync(sql);

    /// <summary>Publishes events through the broker, in this order, and waits until the service has consumed every one.</summary>
    public async Task PublishAsync(params IIntegrationEvent[] events)
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        foreach (var message in events)
        {
            await bus.Publish((object)message, TestContext.Current.CancellationToken);
        }

        var ids = string.Join(",", events.Select(e => $"'{e.EventId}'").Distinct(StringComparer.Ordinal));
        var expected = events.Select(e => e.EventId).Distinct().Count();
        Assert.True(
            await Poll.UntilAsync(async _ => await ScalarAsync($"SELECT count(*) FROM inbox_messages WHERE message_id IN ({ids})") == expected, TimeSpan.FromSeconds(30 + (events.Length / 100)), TestContext.Current.CancellationToken),
            "the events were not all consumed");
    }

    /// <summary>The pipeline, asked as an administrator unless <paramref name="caller"/> says who.</summary>
    public Task<Wire.Pipeline> PipelineAsync(Wire.GetPipelineRequest request, CallOptions? caller = null) => Api.GetPipelineAsync(request, caller ?? Options).ResponseAsync;

    public Task<Wire.Forecast> ForecastAsync(Wire.GetForecastRequest request, CallOptions? caller = null) => Api.GetForecastAsync(request, caller ?? Options).ResponseAsync;

    public Task<Wire.FlowForecast> FlowForecastAsync(Wire.GetFlowForecastRequest request, CallOptions? caller = null) => Api.GetFlowForecastAsync(request, caller ?? Options).ResponseAsync;

    public Task<Wire.ForecastRollup> RollupAsync(Wire.GetForecastRollupRequest request, CallOptions? caller = null) => Api.GetForecastRollupAsync(request, caller ?? Options).ResponseAsync;

    public Task<Wire.ForecastAccuracy> AccuracyAsync(Wire.GetForecastAccuracyRequest request, CallOptions? caller = null) => Api.GetForecastAccuracyAsync(request, caller ?? Options).ResponseAsync;

    /// <summary>The audit records of writes that set a quota.</summary>
    public Task<long> QuotaWritesAuditedAsync(string actor) =>
        ScalarAsync($"SELECT count(*) FROM audit_records WHERE target LIKE 'QuotaSet %' AND actor = '{actor}' AND outcome = 'Applied'");

    /// <summary>The status a call ends with (OK when it succeeds).</summary>
    public async Task<Status> StatusOfAsync<TResponse>(Func<Wire.ForecastsService.ForecastsServiceClient, CallOptions, AsyncUnaryCall<TResponse>> call)
    {
        try
        {
            await call(Api, Options);
            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }

    private static CallOptions Options => TestCalls.As(null, TimeSpan.FromSeconds(30));

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _host.DisposeAsync();
    }
}
