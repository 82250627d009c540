using Crm.Messaging.Outbox;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Messaging.Tests.Outbox;

public sealed class UnconfirmedPublishTests(CrmTestServers servers)
{
    [Fact]
    public async Task A_publish_the_broker_never_confirms_is_abandoned_after_the_timeout_and_its_row_retried()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(UnconfirmedPublishTests));
        await using var publisher = await deployment.StartPublisherAsync("--Messaging:Outbox:RelayEnabled=false", "--Messaging:Outbox:PublishTimeout=00:00:00.500");
        await OutboxRelayTests.WinAsync(publisher, 0, 1);
        var services = publisher.Services;
        var relay = new OutboxRelay(
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<DatabaseSchema>(),
            UnconfirmedBus.Create(),
            services.GetRequiredService<OutboxSignal>(),
            services.GetRequiredService<IOptions<MessagingOptions>>(),
            NullLogger<OutboxRelay>.Instance);

        // A relay that waited for the confirm would hold its batch, its transaction and every later event for good.
        var relayed = await relay.RelayBatchAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, relayed);
        Assert.Equal(1, await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND attempts = 1 AND last_error LIKE '%did not confirm%'"));
        Assert.Equal(0, await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'"));
    }
}
