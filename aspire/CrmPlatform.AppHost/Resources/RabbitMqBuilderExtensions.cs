using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.AppHost.Resources;

/// <summary>RabbitMQ for the app host: the user's own broker when configuration names one, otherwise ours.</summary>
public static class RabbitMqBuilderExtensions
{
    /// <summary>
    /// The broker named by <c>ConnectionStrings:{name}</c> when configured; otherwise a RabbitMQ node from Debian's
    /// packages with its own port mapper, run as the rabbitmq user on 127.0.0.1 with its data in the data folder.
    /// (Aspire's <c>AddRabbitMQ</c> runs a container, and no container engine is here.)
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMqBroker(
        this IDistributedApplicationBuilder builder, string name, LocalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (builder.ConfiguredServer(name) is { } configured)
        {
            return configured;
        }

        // The node's name stays the same across runs, so that it finds its data again.
        var secrets = LocalSecrets.In(settings);
        var options = new RabbitMqOptions(
            settings.Folder("rabbitmq"), settings.Port(5673), settings.Port(15673), settings.Port(25673), settings.Port(4370), "crm@localhost",
            secrets.Password("rabbitmq-admin"));
        RabbitMqServer.Prepare(options);

        // The node runs with -start_epmd false, so it must find ours listening: running is not enough.
        var epmdCheck = $"{name}-epmd-listens";
        builder.Services.AddHealthChecks().AddReadinessCheck(
            epmdCheck, _ => Task.FromResult(Ports.IsListening(options.EpmdPort)), "not listening yet");
        var epmd = builder.AddLocalServer(new LocalServerResource($"{name}-epmd", RabbitMqServer.EpmdSpec(options)))
            .WithEndpoint(name: "tcp", port: options.EpmdPort, targetPort: options.EpmdPort, isProxied: false)
            .WithHealthCheck(epmdCheck);

        var nodeCheck = $"{name}-ready";
        var management = RabbitMqServer.ManagementClient(options);
        builder.Services.AddHealthChecks().AddReadinessCheck(
            nodeCheck, ct => RabbitMqServer.IsReadyAsync(management, options, ct), "not ready yet");
        var node = new RabbitMqNodeResource(name, options);
        return builder.AddLocalServer(node)
            .WithAnnotation(new LocalSecretsAnnotation(secrets))
            .WithEndpoint(name: "amqp", port: options.AmqpPort, targetPort: options.AmqpPort, scheme: "amqp", isProxied: false)
            .WithEndpoint(name: "management", port: options.ManagementPort, targetPort: options.ManagementPort, scheme: "http", isProxied: false)
            .WithHealthCheck(nodeCheck)
            .WaitFor(epmd);
    }

    /// <summary>
    /// Connects <paramref name="project"/> to the broker as a user of its own (named as the service, its password kept
    /// with the run's secrets), made once our node answers; a broker of the user's own is used as configured.
    /// </summary>
    public static IResourceBuilder<CrmServiceResource> WithOwnBrokerUser(
        this IResourceBuilder<CrmServiceResource> project, IResourceBuilder<IResourceWithConnectionString> messaging, CrmService service)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(messaging);
        ArgumentNullException.ThrowIfNull(service);
        if (messaging.Resource is not RabbitMqNodeResource node)
        {
            return project.WithReference(messaging).WaitFor(messaging);
        }

        var secrets = node.Annotations.OfType<LocalSecretsAnnotation>().Single().Secrets;
        var password = project.ApplicationBuilder.AddParameter($"{service.Name}-broker-password", () => secrets.Password($"rabbitmq-{service.Name}"), secret: true);
        var user = project.ApplicationBuilder.AddResource(new RabbitMqUserResource($"{service.Name}-broker-user", service.Name, node, password.Resource))
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "RabbitMqUser", Properties = [], State = KnownResourceStates.Waiting })
            .OnInitializeResource((resource, e, ct) =>
            {
                // Runs beside the start of everything else: the node it waits for starts after this returns.
                _ = Task.Run(() => CreateWhenNodeAnswersAsync(resource, e, ct), ct);
                return Task.CompletedTask;
            });
        return project.WithEnvironment($"ConnectionStrings__{CrmResources.Messaging}", user.Resource.ConnectionStringExpression).WaitFor(user);
    }

    private static async Task CreateWhenNodeAnswersAsync(RabbitMqUserResource user, InitializeResourceEvent e, CancellationToken cancellationToken)
    {
        try
        {
            using var management = RabbitMqServer.ManagementClient(user.Parent.Options);
            const int minutes = 4;
            if (!await Poll.UntilAsync(ct => RabbitMqServer.IsReadyAsync(management, user.Parent.Options, ct), TimeSpan.FromMinutes(minutes), cancellationToken))
            {
                ResourceLog.ServerSilent(e.Logger, user.Parent.Name, minutes);
                await e.Notifications.PublishUpdateAsync(user, s => s with { State = KnownResourceStates.FailedToStart });
                return;
            }

            await RabbitMqUsers.RemoveGuestAsync(management, cancellationToken);
            await RabbitMqUsers.EnsureAsync(management, user.UserName, await user.Password.GetValueAsync(cancellationToken) ?? string.Empty, "/", cancellationToken);
            await e.Notifications.PublishUpdateAsync(user, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
        }
        catch (HttpRequestException ex)
        {
            ResourceLog.BrokerUserFailed(e.Logger, ex, user.UserName);
            await e.Notifications.PublishUpdateAsync(user, s => s with { State = KnownResourceStates.FailedToStart });
        }
        catch (OperationCanceledException)
        {
            // The app host is stopping.
        }
    }
}
