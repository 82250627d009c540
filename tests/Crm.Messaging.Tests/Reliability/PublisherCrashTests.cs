using System.Globalization;
using Crm.Testing;
using CrmPlatform.LocalServers;

namespace Crm.Messaging.Tests.Reliability;

[Trait("Category", "Reliability")]
public sealed class PublisherCrashTests(CrmTestServers servers)
{
    private const int Commands = 1_000;

    [Fact]
    public async Task Publisher_killed_between_commit_and_publish_delivers_every_event_after_it_restarts()
    {
        var deployment = await SampleDeployment.CreateAsync(servers, nameof(PublisherCrashTests));
        await using var consumer = await deployment.StartConsumerAsync();
        var committed = 0;
        var killed = 0;
        var publisherId = 0;
        void Progress(string line)
        {
            if (!line.StartsWith("committed ", StringComparison.Ordinal))
            {
                return;
            }

            // Killed from the publisher's own progress line: right after a commit, before its relay can have
            // published that event, and long before the last command.
            var count = int.Parse(line["committed ".Length..], CultureInfo.InvariantCulture);
            Volatile.Write(ref committed, count);
            var id = Volatile.Read(ref publisherId);
            if (count >= Commands / 2 && id != 0 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                Posix.Signal(id, Posix.SigKill);
            }
        }

        // The publisher commits commands one after another while its relay publishes behind it; SIGKILL lands in
        // the middle, with events committed that the relay has not published (or not marked sent) yet.
        await using (var publisher = SampleDeployment.StartProcess(["publish", Commands.ToString(CultureInfo.InvariantCulture)], deployment.PublisherArgs(), Progress))
        {
            Volatile.Write(ref publisherId, publisher.Id);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(TimeSpan.FromMinutes(2));
            await publisher.WaitForExitAsync(bound.Token);
            Assert.True(Volatile.Read(ref killed) == 1, $"the publisher ended before it was killed, at {Volatile.Read(ref committed)} commands: {publisher.RecentOutput}");
        }

        var committedBeforeKill = await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM deals");
        var unpublishedAtKill = await SampleDeployment.ScalarAsync(deployment.PublisherDatabase, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL");
        Assert.InRange(committedBeforeKill, Commands / 2, Commands - 1);
        Assert.True(unpublishedAtKill > 0, "the kill should have left committed events unpublished");
        Assert.True(await deployment.OrdersAsync() < Commands);

        // The restarted publisher runs the remaining commands; its relay publishes what the killed one left.
        await using (var restarted = SampleDeployment.StartProcess(["publish", Commands.ToString(CultureInfo.InvariantCulture)], deployment.PublisherArgs()))
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(TimeSpan.FromMinutes(2));
            await restarted.WaitForExitAsync(bound.Token);
            Assert.True(restarted.ExitCode == 0, restarted.RecentOutput);
        }

        Assert.True(await Poll.UntilAsync(async _ => await deployment.OrdersAsync() >= Commands, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.Equal(Commands, await deployment.OrdersAsync());
        Assert.Equal(Commands, await SampleDeployment.ScalarAsync(deployment.ConsumerDatabase, "SELECT count(DISTINCT opportunity_id) FROM booked_orders"));
    }
}
