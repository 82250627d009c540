using CrmPlatform.LocalServers;
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
        var options = new RabbitMqOptions(
            settings.Folder("rabbitmq"), settings.Port(5673), settings.Port(15673), settings.Port(25673), settings.Port(4370), "crm@localhost");
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
            .WithEndpoint(name: "amqp", port: options.AmqpPort, targetPort: options.AmqpPort, scheme: "amqp", isProxied: false)
            .WithEndpoint(name: "management", port: options.ManagementPort, targetPort: options.ManagementPort, scheme: "http", isProxied: false)
            .WithHealthCheck(nodeCheck)
            .WaitFor(epmd);
    }
}
