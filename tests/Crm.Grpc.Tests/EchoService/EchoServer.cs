using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Crm.Grpc.Server;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Crm.Grpc.Tests.EchoService;

/// <summary>
/// The test service on Crm.Grpc, on Kestrel as in production: one port for gRPC (HTTP/2 cleartext only) and one
/// for gRPC-Web from browsers (HTTP/1.1), with health, reflection and CORS for one allowed origin.
/// </summary>
public sealed class EchoServer : IAsyncLifetime
{
    public const string AllowedOrigin = "https://crm.example";
    private readonly ActivityListener _listener = new()
    {
        // Stands in for OpenTelemetry: with a listener, ASP.NET Core starts an activity per request.
        ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private WebApplication? _app;

    public Uri Http2Address { get; private set; } = null!;

    public Uri Http1Address { get; private set; } = null!;

    /// <summary>gRPC over TLS (HTTP/2 negotiated by ALPN), with <see cref="Certificate"/>.</summary>
    public Uri TlsAddress { get; private set; } = null!;

    /// <summary>A self-signed certificate made for this run; clients pin it.</summary>
    public X509Certificate2 Certificate { get; } = SelfSigned();

    public CancellationRecord Cancellations { get; } = new();

    public ReadinessSwitch Readiness { get; } = new();

    public LogCollector Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        ActivitySource.AddActivityListener(_listener);
        var http2 = Ports.Free();
        var http1 = Ports.Free();
        var tls = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Kestrel's default grace is 5 s; a shorter one lets the idle-stream test prove its point quickly.
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(1.5));
            kestrel.Listen(IPAddress.Loopback, http2, o => o.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, http1, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, tls, o =>
            {
                o.Protocols = HttpProtocols.Http2;
                o.UseHttps(Certificate);
            });
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.AddGrpcServer(o =>
        {
            o.CorsOrigins.Add(AllowedOrigin);
            o.HealthWatchInterval = TimeSpan.FromMilliseconds(100);
        });
        builder.Services.AddSingleton(Cancellations);
        builder.Services.AddHealthChecks().AddCheck(
            "switch", () => Readiness.Ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"), [HealthTags.Ready]);

        _app = builder.Build();
        _app.MapGrpcService<EchoApi>();
        _app.MapGrpcStandardServices();
        await _app.StartAsync();
        Http2Address = new Uri($"http://127.0.0.1:{http2}");
        Http1Address = new Uri($"http://127.0.0.1:{http1}");
        TlsAddress = new Uri($"https://localhost:{tls}");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Round-trip through PKCS#12 so that Kestrel gets a certificate with a usable private key on Linux.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _listener.Dispose();
        Certificate.Dispose();
        Logs.Dispose();
    }
}
