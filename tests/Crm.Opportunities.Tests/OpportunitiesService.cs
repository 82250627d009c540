extern alias service;

using System.Text.Json;
using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using service::Crm.Opportunities;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

/// <summary>The service hosted in-process on a test class's database and virtual host, with a client and probes of its outbox.</summary>
internal sealed class OpportunitiesService : IAsyncDisposable
{
    private readonly InProcessService _host;
    private readonly string _database;

    private OpportunitiesService(InProcessService host, string database)
    {
        _host = host;
        _database = database;
        Channel = TestChannels.For(host.GrpcAddress);
        Api = new Wire.OpportunitiesService.OpportunitiesServiceClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public Wire.OpportunitiesService.OpportunitiesServiceClient Api { get; }

    /// <summary>
    /// Consumes one message at a time, in the order published: a test that publishes a duplicate and then a sentinel
    /// knows the duplicate was handled once the sentinel was.
    /// </summary>
    public static async Task<OpportunitiesService> StartAsync(CrmTestServers servers, string owner)
    {
        var resources = await servers.IsolateAsync(owner);
        var host = await InProcessService.StartAsync(
            resources, CrmResources.Opportunities, b => b.AddOpportunitiesService(), a => a.MapOpportunitiesService(),
            "--Messaging:ConcurrentMessageLimit=1", "--Messaging:PrefetchCount=1");
        return new OpportunitiesService(host, resources.DatabaseConnectionString);
    }

    /// <summary>Makes <paramref name="call"/> as <paramref name="user"/>: <c>CallAsync((api, o) =&gt; api.GetOpportunityAsync(request, o))</c>.</summary>
    public async Task<TResponse> CallAsync<TResponse>(Func<Wire.OpportunitiesService.OpportunitiesServiceClient, CallOptions, AsyncUnaryCall<TResponse>> call, string user = "rep-ada") =>
        await call(Api, TestCalls.As(user, TimeSpan.FromSeconds(30)));

    /// <summary>The status a call ends with (OK when it succeeds).</summary>
    public async Task<Status> StatusOfAsync<TResponse>(Func<Wire.OpportunitiesService.OpportunitiesServiceClient, CallOptions, AsyncUnaryCall<TResponse>> call)
    {
        try
        {
            await CallAsync(call);
            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }

    /// <summary>Publishes a conversion through the broker and waits until the service has consumed it.</summary>
    public Task ConvertAsync(LeadConverted conversion) => DeliverAsync(conversion);

    /// <summary>Publishes an event through the broker and waits until the service has consumed it.</summary>
    public Task DeliverAsync<TEvent>(TEvent message)
        where TEvent : class, IIntegrationEvent => _host.DeliverAsync(message);

    /// <summary>Publishes an event through the broker without waiting for it.</summary>
    public Task PublishAsync<TEvent>(TEvent message)
        where TEvent : class =>
        _host.Services.GetRequiredService<IBus>().Publish(message, TestContext.Current.CancellationToken);

    /// <summary>The events of <typeparamref name="TEvent"/> the service wrote to its outbox for one aggregate, oldest first.</summary>
    public Task<IReadOnlyList<TEvent>> EventsAsync<TEvent>(Guid aggregateId)
        where TEvent : class, IIntegrationEvent => _host.EventsAsync<TEvent>(aggregateId);

    /// <summary>Every outbox row, to show that a refused call wrote nothing.</summary>
    public Task<long> OutboxCountAsync() => ScalarAsync("SELECT count(*) FROM outbox_messages");

    public async Task<long> ScalarAsync(string sql)
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
