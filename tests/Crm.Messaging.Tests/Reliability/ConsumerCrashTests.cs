using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Npgsql;

namespace Crm.Messaging.Tests.Reliability;

[Trait("Category", "Reliability")]
public sealed class ConsumerCrashTests(CrmTestServers servers)
{
    private const string ConsumerApplication = "killed-consumer";

    [Fact]
    public async Task Consumer_killed_mid_transaction_leaves_no_partial_effect_and_applies_once_after_redelivery()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(ConsumerCrashTests));
        var consumerDatabase = new NpgsqlConnectionStringBuilder(deployment.ConsumerDatabase) { ApplicationName = ConsumerApplication }.ConnectionString;
        var consumerArgs = new SampleDeployment(deployment.PublisherDatabase, consumerDatabase, deployment.Messaging).ConsumerArgs();
        var customer = DealDesk.CustomerOf(0);
        var cancellationToken = TestContext.Current.CancellationToken;

        await using (var consumer = SampleDeployment.StartProcess(["consume"], consumerArgs))
        {
            Assert.True(await deployment.ConsumerAttachedAsync(TimeSpan.FromSeconds(60)), consumer.RecentOutput);
            await using var blocker = new NpgsqlConnection(deployment.ConsumerDatabase);
            await blocker.OpenAsync(cancellationToken);
            await ExecuteAsync(blocker, $"INSERT INTO customer_tallies (customer_id, orders) VALUES ('{customer}', 0)");

            // The consumer writes the order, then blocks on the customer's tally, which we hold: mid-transaction.
            await using var hold = await blocker.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(blocker, $"SELECT * FROM customer_tallies WHERE customer_id = '{customer}' FOR UPDATE");
            await using var publisher = await deployment.StartPublisherAsync();
            await Outbox.OutboxRelayTests.WinAsync(publisher, 0, 1);

            Assert.True(await Poll.UntilAsync(
                async _ => await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{ConsumerApplication}' AND wait_event_type = 'Lock'") == 1,
                TimeSpan.FromSeconds(30),
                cancellationToken));

            Posix.Signal(consumer.Id, Posix.SigKill);
            await consumer.WaitForExitAsync(cancellationToken);
            await hold.RollbackAsync(cancellationToken);
        }

        // Its database session ends as soon as it notices the client is gone, rolling the transaction back.
        Assert.True(await Poll.UntilAsync(
            async _ => await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{ConsumerApplication}'") == 0,
            TimeSpan.FromSeconds(30),
            cancellationToken));
        Assert.Equal(0, await deployment.OrdersAsync());
        Assert.Equal(0, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT orders FROM customer_tallies"));
        Assert.Equal(0, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(*) FROM inbox_messages"));

        await using (var restarted = SampleDeployment.StartProcess(["consume"], consumerArgs))
        {
            Assert.True(await Poll.UntilAsync(async _ => await deployment.OrdersAsync() >= 1, TimeSpan.FromSeconds(60), cancellationToken), restarted.RecentOutput);
            Assert.True(await Poll.UntilAsync(async _ => await deployment.QueueAsync(SampleDeployment.OrderBookingQueue) is { Messages: 0 }, TimeSpan.FromSeconds(30), cancellationToken));
        }

        Assert.Equal(1, await deployment.OrdersAsync());
        Assert.Equal(1, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT orders FROM customer_tallies"));
        Assert.Equal(1, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(*) FROM inbox_messages"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
