using Crm.Messaging.Audit;
using Crm.Messaging.Outbox;
using Crm.Messaging.Privacy;
using Crm.Messaging.Recovery;
using Crm.Messaging.Topology;
using CrmPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Messaging;

/// <summary>Connects a service to the broker named by <c>ConnectionStrings__messaging</c> (an AMQP URI).</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// The one line a service needs for events: its database (<c>ConnectionStrings__{db}</c>, migrations applied at
    /// start: the outbox and inbox tables, then the service's own <c>Data/Migrations/*.sql</c>), its DbContext with the
    /// outbox, the relay that publishes it, and MassTransit on RabbitMQ with the consumers registered by
    /// <paramref name="configure"/>.
    /// </summary>
    /// <typeparam name="TDbContext">The service's DbContext; its assembly holds the service's migrations.</typeparam>
    public static IHostApplicationBuilder AddServiceMessaging<TDbContext>(this IHostApplicationBuilder builder, CrmService service, Action<IBusRegistrationConfigurator>? configure = null)
        where TDbContext : MessagingDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        builder.AddServiceDatabase(service);
        builder.Services.AddDatabaseMigrations(typeof(MessagingExtensions).Assembly);
        builder.Services.AddDatabaseMigrations(typeof(TDbContext).Assembly);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddAuditTrail<TDbContext>(service);
        // Pooled: a consumer's message scope and a command's request scope each lease a context instead of building
        // one and its internal services (a sixth of the consumer's CPU went to that). A pooled context keeps nothing
        // of its last use: MessagingDbContext clears its own state when it goes back (see its Dispose).
        builder.Services.AddDbContextPool<TDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>(), sp.GetRequiredService<WriteAuditInterceptor>()));
        builder.Services.AddHostedService<OutboxListener>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddHostedService<MessageRetention>();
        return builder.AddServiceMessaging(service, bus =>
        {
            // Every service with a database erases the people it holds when asked to (Privacy).
            bus.AddConsumer<PersonalDataErasureConsumer<TDbContext>>().Endpoint(e => e.Name = $"{service.Name}.personal-data-erasure");
            configure?.Invoke(bus);
        });
    }

    /// <summary>
    /// Registers MassTransit on RabbitMQ for <paramref name="service"/>, without an outbox (for a service that only
    /// consumes into no database of its own). Queues are durable quorum queues named <c>{service}.{consumer}</c>,
    /// exchanges <c>{publisher}.{event}</c>; publishes wait for the broker's confirm; a failing message is retried
    /// with backoff, then moved to the queue's <c>_error</c> queue and a fault event is published. The bus starts in
    /// the background and reconnects by itself after the broker restarts; <c>/health</c> is not ready meanwhile. A
    /// receive endpoint still not consuming a few seconds after the broker is back is restarted (<see cref="EndpointRecoveryOptions"/>).
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
        builder.Services.Configure<MessagingOptions>(builder.Configuration.GetSection(MessagingOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new BrokerProbe(broker));
        builder.Services.AddSingleton<ReceiveEndpointWatchdog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReceiveEndpointWatchdog>());
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<ReceiveEndpointWatchdog>());
        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit 8.5 reports usage to its vendor's host unless told not to; no service of ours calls out.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new ServiceEndpointNameFormatter(service.Name));
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                endpoint.PrefetchCount = options.PrefetchCount;
                endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                }

                endpoint.UseMessageRetry(retry => retry.Exponential(
                    options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryMinInterval));
            });
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker, host => host.PublisherConfirmation = true);
                rabbit.MessageTopology.SetEntityNameFormatter(new EventEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter));
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
