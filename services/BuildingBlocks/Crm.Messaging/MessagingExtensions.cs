using CrmPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Messaging;

/// <summary>Connects a service to the broker named by <c>ConnectionStrings__messaging</c> (an AMQP URI).</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// Registers MassTransit on RabbitMQ for <paramref name="service"/>. The bus starts in the background: a service
    /// comes up while the broker is still down, and <c>/health</c> reports not ready until the bus is connected.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="service">The service, whose name prefixes its queues.</param>
    /// <param name="configure">Registers the service's consumers.</param>
    public static TBuilder AddServiceMessaging<TBuilder>(this TBuilder builder, CrmService service, Action<IBusRegistrationConfigurator>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        var connectionString = builder.Configuration.GetConnectionString(CrmResources.Messaging);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"ConnectionStrings__{CrmResources.Messaging} is not set: the {service.Name} service needs RabbitMQ (amqp://user:password@host:port/vhost)");
        }

        var broker = new Uri(connectionString, UriKind.Absolute);
        builder.Services.AddMassTransit(bus =>
        {
            // Queues are named after the service, so two services with a consumer of the same name never share one.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service.Name, includeNamespace: false));
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker, host => host.PublisherConfirmation = true);
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(20);
        });
        return builder;
    }
}
