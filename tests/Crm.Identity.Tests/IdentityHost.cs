extern alias service;

using Crm.Api.Clients;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using service::Crm.Identity;

namespace Crm.Identity.Tests;

/// <summary>The identity service in this process with the demo people and one machine client, and a client of it.</summary>
internal sealed class IdentityHost : IAsyncDisposable
{
    public const string DemoPassword = "test-demo-password-1";
    public const string MachineClient = "books";
    public const string MachineSecret = "test-books-secret-1";

    private IdentityHost(InProcessService service)
    {
        Service = service;
        Client = new IdentityClient(service.HttpAddress);
    }

    public InProcessService Service { get; }

    public TestClock Clock => Service.Clock;

    public IdentityClient Client { get; }

    public static async Task<IdentityHost> StartAsync(CrmTestServers servers, string owner) =>
        await StartAsync(await servers.IsolateAsync(owner));

    /// <summary>A replica on <paramref name="resources"/>, which another may share; <paramref name="settings"/> last.</summary>
    public static async Task<IdentityHost> StartAsync(TestResources resources, params string[] settings) =>
        new(await InProcessService.StartAsync(
            resources,
            CrmResources.Identity,
            builder => builder.AddIdentityService(),
            app => app.MapIdentityService(),
            [
                "--Identity:AllowPlainHttp=true",
                $"--Identity:DemoPassword={DemoPassword}",
                $"--Identity:MachineClients:0:ClientId={MachineClient}",
                $"--Identity:MachineClients:0:Secret={MachineSecret}",
                "--Identity:MachineClients:0:Roles:0=accounting",
                .. settings,
            ]));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
    }
}
