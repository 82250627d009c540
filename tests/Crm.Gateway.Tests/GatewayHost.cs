extern alias gateway;

using System.Net;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using gateway::Crm.Gateway;

namespace Crm.Gateway.Tests;

/// <summary>The gateway's own wiring on an HTTP/2 port, pointed at the given service endpoints.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<GatewayHost> StartAsync(IReadOnlyDictionary<CrmService, Uri> services, TimeSpan sectionTimeout, IReadOnlyDictionary<string, string?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var port = Ports.Free();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["CustomerView:SectionTimeout"] = sectionTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Identity:Authority"] = TestIssuer.Default.Address.ToString(),
        };
        foreach (var (service, address) in services)
        {
            settings[service.GrpcEndpointKey] = address.ToString().TrimEnd('/');
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGateway();
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync();
        return new GatewayHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
