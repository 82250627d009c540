using Crm.Grpc.Security;
using CrmPlatform.ServiceDefaults;
using Grpc.AspNetCore.HealthChecks;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Crm.Grpc.Hosting;

/// <summary>
/// The gRPC server every CrmPlatform service and the gateway run: <c>builder.AddGrpcServer()</c>, then
/// <c>app.MapGrpcService&lt;LeadsApi&gt;()</c> and <c>app.MapGrpcStandardServices()</c>.
/// </summary>
public static class GrpcServerExtensions
{
    /// <summary>The configuration section of <see cref="GrpcServerOptions"/>.</summary>
    public const string ConfigurationSection = "Grpc";

    /// <summary>The headers a browser page may read from a gRPC-Web response.</summary>
    private static readonly string[] ExposedHeaders = ["grpc-status", "grpc-message", "grpc-encoding", "grpc-accept-encoding"];

    /// <summary>Registers grpc-dotnet with the 4 MiB limits and optional gzip, server reflection, the standard health
    /// service answering from the readiness checks, CORS for gRPC-Web limited to the configured origins, and (unless
    /// <paramref name="validateTokens"/> is false, for the identity service that issues them) access token validation.</summary>
    public static TBuilder AddGrpcServer<TBuilder>(this TBuilder builder, bool validateTokens = true)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (validateTokens)
        {
            builder.AddTokenValidation();
        }

        var settings = new GrpcServerOptions();
        builder.Configuration.GetSection(ConfigurationSection).Bind(settings);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = settings.MaxReceiveMessageSize;
            o.MaxSendMessageSize = settings.MaxSendMessageSize;
            o.ResponseCompressionAlgorithm = settings.ResponseCompression;
            o.EnableDetailedErrors = false;
            o.Interceptors.Add<DenialAuditInterceptor>();
            o.Interceptors.Add<WithheldFieldsInterceptor>();
        });
        builder.Services.AddGrpcReflection();

        // The health service runs the readiness checks on each Check (no cache), as /health does; the liveness check is
        // there too so that a server with no dependency (the gateway) reports SERVING rather than UNKNOWN.
        builder.Services.AddGrpcHealthChecks(o => o.Services.Map(string.Empty, r => r.Tags.Contains(HealthTags.Ready, StringComparer.Ordinal) || r.Tags.Contains(HealthTags.Live, StringComparer.Ordinal)));
        PublishOneAtATime(builder.Services);
        builder.Services.AddCors(o => o.AddDefaultPolicy(policy => policy
            .WithOrigins([.. settings.CorsOrigins])
            .WithMethods("POST")
            .AllowAnyHeader()
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    /// <summary>Wraps the gRPC health service's publisher (the one registered by the package that serves it) in a
    /// <see cref="OneAtATimeHealthPublisher"/>.</summary>
    private static void PublishOneAtATime(IServiceCollection services)
    {
        var grpcHealth = typeof(GrpcHealthChecksOptions).Assembly;
        var registered = services.Where(d => d.ServiceType == typeof(IHealthCheckPublisher) && d.ImplementationType?.Assembly == grpcHealth).ToList();
        foreach (var descriptor in registered)
        {
            var publisher = descriptor.ImplementationType!;
            services.Remove(descriptor);
            services.AddSingleton<IHealthCheckPublisher>(sp => new OneAtATimeHealthPublisher((IHealthCheckPublisher)ActivatorUtilities.CreateInstance(sp, publisher)));
        }
    }

    /// <summary>Serves gRPC-Web (binary and text) beside gRPC for every endpoint, with CORS, then checks the caller's
    /// token, and maps <c>grpc.health.v1.Health</c> (open, for probes) and server reflection (<c>grpc.reflection.v1</c>
    /// and <c>v1alpha</c>, for signed-in callers).</summary>
    /// <param name="app">The service's application.</param>
    /// <param name="beforeAuthorization">Middleware that must know who calls but run before a call is refused (the
    /// gateway's rate limits, which count callers without a valid token too).</param>
    public static WebApplication MapGrpcStandardServices(this WebApplication app, Action<WebApplication>? beforeAuthorization = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        // CORS first, so that a browser's preflight (which carries no token) is answered; gRPC-Web is turned into gRPC
        // before the token check, so that a refusal reaches the browser as a gRPC-Web status.
        app.UseCors();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.UseAuthentication();
        beforeAuthorization?.Invoke(app);
        app.UseAuthorization();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService();
        return app;
    }
}
