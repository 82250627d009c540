extern alias service;

using Crm.Contracts.Opportunities;
using Grpc.Net.Client;
using service::Crm.Support;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;

namespace Crm.Support.Tests;

/// <summary>The support service in this process with the service-level check every 100 ms, and its client.</summary>
internal sealed class SupportHost : IAsyncDisposable
{
    private SupportHost(InProcessService service)
    {
        Service = service;
        Channel = TestChannels.For(service.GrpcAddress);
        Client = new SupportClient(Channel);
    }

    public InProcessService Service { get; }

    public TestClock Clock => Service.Clock;

    public GrpcChannel Channel { get; }

    public SupportClient Client { get; }

    public static async Task<SupportHost> StartAsync(CrmTestServers servers, string owner) =>
        new(await InProcessService.StartAsync(
            await servers.IsolateAsync(owner),
            CrmResources.Support,
            builder => builder.AddSupportService(),
            app => app.MapSupportService(),
            "--Support:ServiceLevelCheckInterval=00:00:00.100"));

    /// <summary>A new customer the service knows, announced as the customer master announces one (AccountCreated).</summary>
    public async Task<Guid> KnownCustomerAsync()
    {
        var customerId = Guid.NewGuid();
        await Service.DeliverAsync(new AccountCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 1, "Harbor Robotics", null, null, null, "olga.outside"));
        return customerId;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Service.DisposeAsync();
    }
}
