using Crm.Api;
using Crm.Contracts;
using Crm.Grpc.Client;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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
        Channel = GrpcChannel.ForAddress(host.GrpcAddress);
    }

    public GrpcChannel Channel { get; }

    public static async Task<ForecastsService> StartAsync(CrmTestServers servers, string owner)
    {
        var resources = await servers.IsolateAsync(owner);
        var host = await InProcessService.StartAsync(resources, CrmResources.Forecasts, b => b.AddForecastsService(), a => a.MapForecastsService());
        return new ForecastsService(host, resources.DatabaseConnectionString);
    }

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
            await Poll.UntilAsync(async _ => await ScalarAsync($"SELECT count(*) FROM inbox_messages WHERE message_id IN ({ids})") == expected, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken),
            "the events were not all consumed");
    }

    public Task<Wire.Pipeline> PipelineAsync(Wire.GetPipelineRequest request) => Channel.UnaryAsync(ForecastsMethods.GetPipeline, request);

    public Task<Wire.Forecast> ForecastAsync(Wire.GetForecastRequest request) => Channel.UnaryAsync(ForecastsMethods.GetForecast, request);

    public async Task<Crm.Grpc.Status> StatusOfAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        try
        {
            await Channel.UnaryAsync(method, request);
            return Crm.Grpc.Status.Ok;
        }
        catch (Crm.Grpc.RpcException e)
        {
            return e.Status;
        }
    }

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
