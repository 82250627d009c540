using Crm.Messaging.SampleService;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Crm.Messaging.Tests;

/// <summary>
/// The sample's publisher and consumer, each with a database of its own, on one virtual host: as hosts in this
/// process, or as processes of their own for the tests that kill them.
/// </summary>
internal sealed class SampleDeployment(string publisherDatabase, string consumerDatabase, string messaging)
{
    /// <summary>The consumer's queue for OpportunityWon, named by the consumer service and the consumer.</summary>
    public const string OrderBookingQueue = "orders.order-booking";

    public string PublisherDatabase { get; } = publisherDatabase;

    public string ConsumerDatabase { get; } = consumerDatabase;

    public string Messaging { get; } = messaging;

    /// <summary>Two databases on the shared servers and the first one's virtual host, or <paramref name="messaging"/>.</summary>
    public static async Task<SampleDeployment> CreateAsync(CrmTestServers servers, string owner, string? messaging = null)
    {
        var publisher = await servers.IsolateAsync(owner + "_publisher");
        var consumer = await servers.IsolateAsync(owner + "_consumer");
        return new SampleDeployment(publisher.DatabaseConnectionString, consumer.DatabaseConnectionString, messaging ?? publisher.MessagingConnectionString);
    }

    public string[] PublisherArgs(params string[] settings) =>
        [$"--ConnectionStrings:{SampleHost.Publisher.Database}={PublisherDatabase}", .. Common(settings)];

    public string[] ConsumerArgs(params string[] settings) =>
        [$"--ConnectionStrings:{SampleHost.Consumer.Database}={ConsumerDatabase}", .. Common(settings)];

    public Task<RunningSample> StartPublisherAsync(params string[] settings) => StartAsync(SampleHost.CreatePublisher(PublisherArgs(settings)).Build());

    public Task<RunningSample> StartConsumerAsync(params string[] settings) => StartConsumerAsync(_ => { }, settings);

    /// <summary>Starts the consumer with something of the test's own added to its services (an observer, say).</summary>
    public Task<RunningSample> StartConsumerAsync(Action<IServiceCollection> configure, params string[] settings)
    {
        var builder = SampleHost.CreateConsumer(ConsumerArgs(settings));
        configure(builder.Services);
        return StartAsync(builder.Build());
    }

    /// <summary>Runs the sample as a process: <c>publish COUNT</c> or <c>consume</c>.</summary>
    public static ChildProcess StartProcess(string[] command, string[] args, Action<string>? onLine = null)
    {
        var layout = RepositoryLayout.Find();
        var assembly = Path.Combine(layout.Root, "tests", "Crm.Messaging.SampleService", "bin", layout.Configuration, "net10.0", "Crm.Messaging.SampleService.dll");
        return ChildProcess.Start(new ChildProcessSpec("sample", "dotnet", [assembly, .. command, .. args], WorkingDirectory: Path.GetDirectoryName(assembly)), onLine);
    }

    /// <summary>A number the consumer's or publisher's database answers.</summary>
    public static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Commits <paramref name="integrationEvent"/> alone through the publisher's outbox (a poison message, say).</summary>
    public static async Task CommitAsync(RunningSample publisher, Crm.Contracts.IIntegrationEvent integrationEvent)
    {
        await using var scope = publisher.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Crm.Messaging.SampleService.Data.SampleDbContext>();
        db.Publish(integrationEvent);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The first message of <paramref name="queue"/>'s error queue, left in it; null when there is none.</summary>
    public async Task<BasicGetResult?> DeadLetterAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(Messaging) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        return await channel.BasicGetAsync(queue + "_error", autoAck: false, TestContext.Current.CancellationToken);
    }

    public Task<long> OrdersAsync() => ScalarAsync(ConsumerDatabase, "SELECT count(*) FROM booked_orders");

    /// <summary>Messages waiting in <paramref name="queue"/> and consumers attached to it, straight from the broker; null when it does not exist.</summary>
    public async Task<(uint Messages, uint Consumers)?> QueueAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(Messaging) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            var found = await channel.QueueDeclarePassiveAsync(queue, TestContext.Current.CancellationToken);
            return (found.MessageCount, found.ConsumerCount);
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until a consumer process has attached to the order-booking queue and its migrations are applied. The bus
    /// attaches while the migrations may still run, so a test that touches the consumer's tables waits for both.
    /// </summary>
    public Task<bool> ConsumerAttachedAsync(TimeSpan timeout) =>
        Poll.UntilAsync(
            async _ => await QueueAsync(OrderBookingQueue) is { Consumers: > 0 }
                && await ScalarAsync(ConsumerDatabase, "SELECT count(*) FROM pg_tables WHERE tablename = 'customer_tallies'") == 1,
            timeout,
            TestContext.Current.CancellationToken);

    private string[] Common(string[] settings) =>
    [
        $"--ConnectionStrings:messaging={Messaging}",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:MassTransit=Error",
        .. settings,
    ];

    /// <summary>Starts a host and waits until its database and bus are ready, so that its queues exist before anyone publishes.</summary>
    private static async Task<RunningSample> StartAsync(IHost host)
    {
        var run = new RunningSample(host);
        await host.StartAsync(TestContext.Current.CancellationToken);
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var ready = await Poll.UntilAsync(
            async token => (await health.CheckHealthAsync(token)).Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);
        if (!ready)
        {
            await run.DisposeAsync();
            Assert.Fail("the sample service did not become ready");
        }

        return run;
    }
}
