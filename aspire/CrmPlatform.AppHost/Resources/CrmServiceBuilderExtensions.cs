using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;

namespace CrmPlatform.AppHost.Resources;

/// <summary>Every service, the gateway and the web app are added the same way.</summary>
public static class CrmServiceBuilderExtensions
{
    /// <summary>
    /// The project as resource <paramref name="service"/>.Name with two endpoints: <c>grpc</c> (HTTP/2 only, since gRPC
    /// without TLS cannot negotiate it) and <c>http</c> (HTTP/1.1: health, pages), which other resources find as
    /// <c>services__{name}__grpc__0</c>; healthy when its <c>/health</c> answers (its database and broker reachable).
    /// </summary>
    public static IResourceBuilder<CrmServiceResource> AddCrmService<TProject>(
        this IDistributedApplicationBuilder builder, CrmService service, LocalSettings settings)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(settings);
        var index = CrmResources.All.ToList().IndexOf(service);

        // Built in the app host's own configuration (`./build.sh run` builds the app host with every service).
        var projectPath = new TProject().ProjectPath;
        var projectDirectory = Path.GetDirectoryName(projectPath)!;
        var program = Path.Combine(projectDirectory, "bin", RepositoryLayout.BuildConfiguration, "net10.0", Path.GetFileNameWithoutExtension(projectPath));
        if (!File.Exists(program))
        {
            throw new ServerStartException($"{program} is not built: run `dotnet build CrmPlatform.sln -c {RepositoryLayout.BuildConfiguration}` (./build.sh run does)");
        }

        var project = builder.AddInstance(service.Name, service, program, projectDirectory, settings.Port(5100 + index), settings.Port(5200 + index));

        // More replicas (--replicas N) run the same program beside it on ports of their own, as more pods would; what
        // is wired to the service next (its database, broker user, settings, references) reaches them through
        // ReplicaWiring when the app starts. The web app keeps one: its people's circuits live in one process.
        if (settings.Replicas > 1 && service != CrmResources.Web)
        {
            ReplicaWiring.SubscribeOnce(builder);
            for (var replica = 2; replica <= settings.Replicas; replica++)
            {
                var copy = builder.AddInstance($"{service.Name}-{replica}", service, program, projectDirectory, Ports.Free(), Ports.Free())
                    .WithParentRelationship(project);
                project.Resource.Replicas.Add(copy.Resource);
            }
        }

        project.Resource.OwnAnnotations = project.Resource.Annotations.Count;
        return project;
    }

    /// <summary>
    /// One process of the program with two endpoints: <c>grpc</c> (HTTP/2 only, since gRPC without TLS cannot
    /// negotiate it) and <c>http</c> (HTTP/1.1: health, pages); healthy when its <c>/health</c> answers.
    /// </summary>
    private static IResourceBuilder<CrmServiceResource> AddInstance(
        this IDistributedApplicationBuilder builder, string name, CrmService service, string program, string projectDirectory, int grpcPort, int httpPort)
    {
        // No proxy in front: a service that is down refuses connections, as it does behind a Kubernetes Service, so
        // callers see UNAVAILABLE at once rather than a proxy that accepts and then holds the call until its deadline.
        var project = builder.AddResource(new CrmServiceResource(name, program, projectDirectory))
            .WithEndpoint(CrmResources.GrpcEndpoint, e =>
            {
                e.UriScheme = "http";
                e.Transport = "http2";
                e.Port = grpcPort;
                e.TargetPort = grpcPort;
                e.IsProxied = false;
            })
            .WithHttpEndpoint(port: httpPort, targetPort: httpPort, name: CrmResources.HttpEndpoint, isProxied: false)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithOtlpExporter()
            // Every replica reports as its service, as every pod of a Deployment does.
            .WithEnvironment("OTEL_SERVICE_NAME", service.Name)
            // What Aspire sets for its projects on a developer's machine: telemetry reaches the dashboard within a
            // second, not after the exporters' production defaults (5 s for spans, 60 s for metrics).
            .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "1000")
            .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "1000")
            .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "1000");

        // Kestrel listens on each endpoint with its one protocol.
        var grpc = project.GetEndpoint(CrmResources.GrpcEndpoint);
        var http = project.GetEndpoint(CrmResources.HttpEndpoint);
        return project.WithHttpReadinessCheck("/health", http).WithEnvironment(context =>
        {
            context.EnvironmentVariables["Kestrel__Endpoints__grpc__Url"] = ReferenceExpression.Create($"http://127.0.0.1:{grpc.Property(EndpointProperty.TargetPort)}");
            context.EnvironmentVariables["Kestrel__Endpoints__grpc__Protocols"] = "Http2";
            context.EnvironmentVariables["Kestrel__Endpoints__http__Url"] = ReferenceExpression.Create($"http://127.0.0.1:{http.Property(EndpointProperty.TargetPort)}");
            context.EnvironmentVariables["Kestrel__Endpoints__http__Protocols"] = "Http1";
        });
    }

    /// <summary>The service's own database on <paramref name="postgres"/>, referenced and waited for.</summary>
    public static IResourceBuilder<CrmServiceResource> WithOwnDatabase(
        this IResourceBuilder<CrmServiceResource> project, IResourceBuilder<IResourceWithConnectionString> postgres, CrmService service)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(service);
        var database = postgres.AddDatabase(service.Database ?? throw new ArgumentException($"{service.Name} owns no database", nameof(service)));
        return project.WithReference(database).WaitFor(database);
    }
}
