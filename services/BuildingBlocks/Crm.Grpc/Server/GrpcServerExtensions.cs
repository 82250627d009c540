using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Grpc.Server;

/// <summary>Wiring of the gRPC server: <c>builder.AddGrpcServer()</c> then <c>app.MapGrpcService&lt;LeadsApi&gt;()</c>.</summary>
public static class GrpcServerExtensions
{
    /// <summary>The configuration section of <see cref="GrpcServerOptions"/>.</summary>
    public const string ConfigurationSection = "Grpc";

    /// <summary>Registers the gRPC server, its options (section <c>Grpc</c>), health and reflection.</summary>
    public static TBuilder AddGrpcServer<TBuilder>(this TBuilder builder, Action<GrpcServerOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<GrpcServerOptions>().Bind(builder.Configuration.GetSection(ConfigurationSection));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddSingleton<GrpcCors>();
        builder.Services.AddSingleton<GrpcServiceRegistry>();
        builder.Services.AddSingleton<UnimplementedMethod>();
        return builder;
    }

    /// <summary>Maps every RPC of <typeparamref name="TService"/>'s proto service; fails naming any it lacks.</summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IGrpcService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("call builder.AddGrpcServer() before mapping gRPC services");
        var options = services.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var cors = services.GetRequiredService<GrpcCors>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Crm.Grpc.Server");

        var methods = GrpcServiceBinder.Bind(typeof(TService), TService.Descriptor, options, cors, logger);
        registry.Add(TService.Descriptor);
        var builders = new List<IEndpointConventionBuilder>();
        foreach (var method in methods)
        {
            builders.Add(endpoints.MapPost(method.Path, method.HandleAsync).WithDisplayName("gRPC " + method.Path));
            if (cors.Enabled)
            {
                endpoints.MapMethods(method.Path, ["OPTIONS"], cors.PreflightAsync);
            }
        }

        if (registry.TakeFallback())
        {
            // Literal routes win over parameters, so this answers only what no mapped service serves.
            var unimplemented = services.GetRequiredService<UnimplementedMethod>();
            endpoints.MapPost("/{service}/{method}", unimplemented.HandleAsync).WithDisplayName("gRPC unimplemented");
        }

        return new CompositeConventionBuilder(builders);
    }
}
