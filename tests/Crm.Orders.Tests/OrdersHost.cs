extern alias service;

using Crm.Contracts.Opportunities;
using Grpc.Net.Client;
using service::Crm.Orders;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Orders.Tests;

/// <summary>The orders service in this process with the overdue check every 100 ms, its client, and a bus to win deals on.</summary>
internal sealed class OrdersHost : IAsyncDisposable
{
    private readonly InProcessService _service;

    private OrdersHost(InProcessService service)
    {
        _service = service;
        Channel = TestChannels.For(service.GrpcAddress);
        Client = new OrdersClient(Channel);
    }

    public TestClock Clock => _service.Clock;

    public TestResources Resources => _service.Resources;

    public GrpcChannel Channel { get; }

    public OrdersClient Client { get; }

    public static async Task<OrdersHost> StartAsync(CrmTestServers servers, string owner) => await StartAsync(await servers.IsolateAsync(owner));

    /// <summary>A replica on <paramref name="resources"/>, which another one may share.</summary>
    public static async Task<OrdersHost> StartAsync(TestResources resources, params string[] settings) =>
        new(await InProcessService.StartAsync(
            resources,
            CrmResources.Orders,
            builder => builder.AddOrdersService(),
            app => app.MapOrdersService(),
            ["--Orders:OverdueCheckInterval=00:00:00.100", .. settings]));

    /// <summary>Publishes a won deal on the broker, as the opportunities service would.</summary>
    public Task WinAsync(OpportunityWon won) => PublishAsync(won);

    /// <summary>Publishes another service's event on the broker (an account created or updated in the customer master).</summary>
    public Task PublishAsync<TEvent>(TEvent message)
        where TEvent : class =>
        _service.Services.GetRequiredService<IBus>().Publish(message, TestContext.Current.CancellationToken);

    public Task<IReadOnlyList<PublishedEvent>> EventsAsync() => _service.EventsAsync();

    public Task<PublishedEvent> PublishedAsync(string type, Guid aggregateId, long version = 1) => _service.PublishedAsync(type, aggregateId, version);

    public Task<long> CountAsync(string sql) => _service.CountAsync(sql);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _service.DisposeAsync();
    }
}
