using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CrmPlatform.ServiceDefaults;

/// <summary>What every CrmPlatform service shares: log levels, telemetry, health, problem details, Kestrel endpoints, shutdown.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The HTTP/1.1 port (health, pages) when configuration names no Kestrel endpoint, as in a container.</summary>
    public const int DefaultHttpPort = 8080;

    /// <summary>The HTTP/2 cleartext port (gRPC) when configuration names no Kestrel endpoint.</summary>
    public const int DefaultGrpcPort = 8081;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        LogLevelDefaults.AddTo(builder.Configuration);
        builder.AddCrmTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        builder.Services.AddProblemDetails();

        // In-flight calls and messages get this long to finish after SIGTERM (Kubernetes waits 30 s by default).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));

        var endpoints = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (!endpoints)
            {
                // gRPC needs HTTP/2 and, without TLS, cannot negotiate it: so one port speaks only HTTP/2 and
                // another only HTTP/1.1 for health probes and browsers.
                kestrel.ListenAnyIP(DefaultHttpPort, o => o.Protocols = HttpProtocols.Http1);
                kestrel.ListenAnyIP(DefaultGrpcPort, o => o.Protocols = HttpProtocols.Http2);
            }
        });
        return builder;
    }

    /// <summary>
    /// Adds the exception handler (problem details, never a stack trace) and maps <c>/health</c> (ready: every
    /// dependency reachable) and <c>/alive</c> (the process answers), in every environment, open to probes without a token.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}
