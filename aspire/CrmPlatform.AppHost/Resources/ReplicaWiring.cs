using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.AppHost.Resources;

/// <summary>
/// Gives a service's replicas what was wired to the service after it was added (its database, broker user, settings,
/// references, waits), and tells everything that references the service where each replica listens, as
/// <c>services__{name}__grpc__1</c> and on beside Aspire's <c>__0</c>: service discovery then takes turns between them.
/// It runs when the app starts, so that wiring added at any point (a test's settings too) is shared.
/// </summary>
internal sealed class ReplicaWiring
{
    public static void SubscribeOnce(IDistributedApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ReplicaWiring)))
        {
            return;
        }

        builder.Services.AddSingleton<ReplicaWiring>();
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            Apply(e.Model);
            return Task.CompletedTask;
        });
    }

    private static void Apply(DistributedApplicationModel model)
    {
        var services = model.Resources.OfType<CrmServiceResource>().ToList();
        foreach (var service in services.Where(s => s.Replicas.Count > 0))
        {
            var shared = service.Annotations.Skip(service.OwnAnnotations).ToList();
            foreach (var replica in service.Replicas)
            {
                foreach (var annotation in shared.Select(CopyOf).OfType<IResourceAnnotation>())
                {
                    replica.Annotations.Add(annotation);
                }
            }
        }

        // After the copies, so that a replica of the gateway learns of the services' replicas too.
        foreach (var caller in model.Resources.OfType<CrmServiceResource>().ToList())
        {
            var referenced = caller.Annotations.OfType<ResourceRelationshipAnnotation>()
                .Where(r => r.Type == "Reference").Select(r => r.Resource).OfType<CrmServiceResource>()
                .Where(s => s.Replicas.Count > 0).Distinct().ToList();
            foreach (var service in referenced)
            {
                caller.Annotations.Add(new EnvironmentCallbackAnnotation(context => AddReplicaEndpoints(context, service)));
            }
        }
    }

    // A new annotation that does what the service's does: Aspire evaluates each annotation instance once, so the same
    // instance on two resources would configure only one of them.
    private static IResourceAnnotation? CopyOf(IResourceAnnotation annotation) => annotation switch
    {
        EnvironmentCallbackAnnotation environment => new EnvironmentCallbackAnnotation(context => environment.Callback(context)),
        CommandLineArgsCallbackAnnotation arguments => new CommandLineArgsCallbackAnnotation(context => arguments.Callback(context)),
        WaitAnnotation wait => new WaitAnnotation(wait.Resource, wait.WaitType, wait.ExitCode),
        ResourceRelationshipAnnotation relationship => new ResourceRelationshipAnnotation(relationship.Resource, relationship.Type),
        _ => null,
    };

    private static void AddReplicaEndpoints(EnvironmentCallbackContext context, CrmServiceResource service)
    {
        for (var i = 0; i < service.Replicas.Count; i++)
        {
            foreach (var endpoint in new[] { CrmResources.GrpcEndpoint, CrmResources.HttpEndpoint })
            {
                context.EnvironmentVariables[$"services__{service.Name}__{endpoint}__{i + 1}"] = service.Replicas[i].GetEndpoint(endpoint);
            }
        }
    }
}
