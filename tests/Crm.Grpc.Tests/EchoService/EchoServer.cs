using Crm.Testing;
using System.Diagnostics;
using System.Net;
using Crm.Gateway;
using Crm.Gateway.Features.Forwarding;
using Crm.Grpc.Hosting;
using Crm.Grpc.Tests.V1;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Crm.Grpc.Tests.EchoService;

/// <summary>
/// The test service wired as every CrmPlatform service is (<c>AddGrpcServer</c>, <c>MapGrpcStandardServices</c>), on
/// Kestrel as in production: one port for gRPC (HTTP/2 cleartext only) and one for gRPC-Web from browsers (HTTP/1.1),
/// with health, reflection and CORS for one allowed origin. In front of it, the platform's gateway, which forwards the
/// echo API to it as it forwards each service's (<see cref="ForwardingOptions"/>), on the same two kinds of port.
/// </summary>
public sealed class EchoServer : IAsyncLifetime
{
    public const string AllowedOrigin = "https://crm.example";
    private readonly ActivityListener _listener = new()
    {
        // Stands in for OpenTelemetry: with a listener, ASP.NET Core starts an activity per request and grpc-dotnet tags it.
        ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private WebApplication? _app;
    private WebApplication? _gateway;

    public Uri Http2Address { get; private set; } = null!;

    public Uri Http1Address { get; private set; } = null!;

    /// <summary>The gateway's gRPC port (HTTP/2 cleartext), forwarding to <see cref="Http2Address"/>.</summary>
    public Uri GatewayHttp2Address { get; private set; } = null!;

    /// <summary>The gateway's HTTP/1.1 port, for gRPC-Web.</summary>
    public Uri GatewayHttp1Address { get; private set; } = null!;

    public CancellationRecord Cancellations { get; } = new();

    public ReadinessSwitch Readiness { get; } = new();

    public LogCollector Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        ActivitySource.AddActivityListener(_listener);
        var http2 = Ports.Free();
        var http1 = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Kestrel's default grace is 5 s; a shorter one lets the resting-stream test prove its point quickly.
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(1.5));
            kestrel.Listen(IPAddress.Loopback, http2, o => o.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, http1, o => o.Protocols = HttpProtocols.Http1);
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);

        // Read by AddGrpcServer, as a service reads Grpc:CorsOrigins from its configuration.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{GrpcServerExtensions.ConfigurationSection}:CorsOrigins:0"] = AllowedOrigin,
            ["Identity:Authority"] = TestIssuer.Default.Address.ToString(),
        });
        builder.AddGrpcServer();
        builder.Services.AddSingleton(Cancellations);
        builder.Services.AddHealthChecks().AddCheck(
            "switch", () => Readiness.Ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"), [HealthTags.Ready]);

        // Health Watch streams what the health check publisher last saw; by default it first runs after 5 s and then
        // every 30 s. The shortest period allowed (1 s) lets the watch test see each change within seconds.
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.Zero;
            o.Period = TimeSpan.FromSeconds(1);
        });
        builder.Services.AddSingleton<IHealthCheckPublisher>(Readiness);

        _app = builder.Build();
        _app.MapGrpcService<EchoApi>();
        _app.MapGrpcStandardServices();
        await _app.StartAsync();
        Http2Address = new Uri($"http://127.0.0.1:{http2}");
        Http1Address = new Uri($"http://127.0.0.1:{http1}");
        _gateway = await StartGatewayAsync(Http2Address);
    }

    /// <summary>The gateway as the platform runs it, with one more route: the echo API, owned by the echo server.</summary>
    private async Task<WebApplication> StartGatewayAsync(Uri echo)
    {
        var http2 = Ports.Free();
        var http1 = Ports.Free();
        var owner = new CrmService("echo", null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, http2, o => o.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, http1, o => o.Protocols = HttpProtocols.Http1);
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{GrpcServerExtensions.ConfigurationSection}:CorsOrigins:0"] = AllowedOrigin,
            [owner.GrpcEndpointKey] = echo.ToString().TrimEnd('/'),
            ["Identity:Authority"] = TestIssuer.Default.Address.ToString(),

            // The protocol tests send many calls from one address and one caller, with a token and without, faster than a
            // person would on an idle machine; the budget for them is not their subject (RateLimitTests in the gateway's).
            ["RateLimits:CallsPerSecond"] = "100000",
            ["RateLimits:Burst"] = "100000",
            ["RateLimits:AnonymousCallsPerSecond"] = "100000",
            ["RateLimits:AnonymousBurst"] = "100000",
        });
        builder.AddGateway();
        builder.Services.Configure<ForwardingOptions>(o => o.Routes.Add(new ServiceRoute(EchoReflection.Descriptor.Services[0], owner)));
        var gateway = builder.Build();
        gateway.MapGateway();
        await gateway.StartAsync();
        GatewayHttp2Address = new Uri($"http://127.0.0.1:{http2}");
        GatewayHttp1Address = new Uri($"http://127.0.0.1:{http1}");
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _listener.Dispose();
        Logs.Dispose();
    }
}
