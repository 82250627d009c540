using Crm.Contracts.Opportunities;
using Crm.Feed.Grpc.V1;
using Crm.Feed.LedgerSample;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Grpc.Core;

namespace Crm.Orders.Tests;

/// <summary>
/// The accounting feed on a real database: positions in the order every reader sees them, with no gap and no
/// duplicate whatever the interleaving of commits; resuming after a position, across a restart of the service; event
/// types granted per client; retention answering OUT_OF_RANGE with the oldest position kept.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class AccountingFeedTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private OrdersHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await OrdersHost.StartAsync(await servers.IsolateAsync(nameof(AccountingFeedTests)), "--Feed:AppendInterval=00:00:00.100");

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Events_from_concurrent_writers_reach_a_subscriber_from_position_0_in_order_with_no_gap_and_no_duplicate()
    {
        const int Count = 100_000;
        var client = new AccountingFeedService.AccountingFeedServiceClient(_host.Channel);
        using var subscription = client.Subscribe(new SubscribeRequest { AfterPosition = 0 }, TestCalls.As("ledger", Deadline, "accounting"));
        var received = ReadAsync(subscription.ResponseStream, Count);

        var written = await FeedWriters.WriteAsync(_host.Resources.DatabaseConnectionString, Count, TestContext.Current.CancellationToken);

        var events = await received;
        Assert.Equal(Enumerable.Range(1, Count).Select(p => (long)p), events.Select(e => e.Position));
        Assert.Equal(written.Order(), events.Select(e => Guid.Parse(e.Id)).Order());
        Assert.All(events.Take(10), e =>
        {
            Assert.Equal("crm.orders.invoice_issued", e.Type);
            Assert.Equal("1.0", e.SpecVersion);
            Assert.Equal("/crm/orders", e.Source);
            Assert.Equal("/feed/v1/schemas/crm.orders.invoice_issued/1.0", e.DataSchema);
            Assert.Equal(Guid.Parse(e.Id), FeedWriters.IdOf(e.Data));
        });
    }

    [Fact]
    public async Task A_subscriber_stopped_mid_stream_resumes_after_its_last_position_with_nothing_lost_even_across_a_restart_of_the_service()
    {
        var written = (await FeedWriters.WriteAsync(_host.Resources.DatabaseConnectionString, 2_000, TestContext.Current.CancellationToken)).ToList();
        var client = new AccountingFeedService.AccountingFeedServiceClient(_host.Channel);
        List<FeedEvent> first;
        using (var subscription = client.Subscribe(new SubscribeRequest { AfterPosition = 0 }, TestCalls.As("ledger", Deadline, "accounting")))
        {
            first = await ReadAsync(subscription.ResponseStream, 700);
        }

        // The service restarts on the same database; more events arrive meanwhile.
        var resources = _host.Resources;
        await _host.DisposeAsync();
        written.AddRange(await FeedWriters.WriteAsync(resources.DatabaseConnectionString, 1_000, TestContext.Current.CancellationToken));
        _host = await OrdersHost.StartAsync(resources, "--Feed:AppendInterval=00:00:00.100");

        client = new AccountingFeedService.AccountingFeedServiceClient(_host.Channel);
        using var resumed = client.Subscribe(new SubscribeRequest { AfterPosition = first[^1].Position }, TestCalls.As("ledger", Deadline, "accounting"));
        var rest = await ReadAsync(resumed.ResponseStream, written.Count - first.Count);

        Assert.Equal(701, rest[0].Position);
        Assert.Equal(Enumerable.Range(1, written.Count).Select(p => (long)p), first.Concat(rest).Select(e => e.Position));
        Assert.Equal(written.Order(), first.Concat(rest).Select(e => Guid.Parse(e.Id)).Order());
    }

    [Fact]
    public async Task A_commit_wakes_the_appender_and_the_subscription_without_waiting_for_their_polls()
    {
        // Polls far longer than the test's patience: only the commits' wake-ups can bring the events in time, the
        // NOTIFY of a writer outside this process first, then an invoice issued by the service's own command.
        await _host.DisposeAsync();
        _host = await OrdersHost.StartAsync(
            await servers.IsolateAsync(nameof(A_commit_wakes_the_appender_and_the_subscription_without_waiting_for_their_polls)),
            "--Feed:AppendInterval=00:01:00", "--Feed:SubscriberPollInterval=00:01:00");
        var client = new AccountingFeedService.AccountingFeedServiceClient(_host.Channel);
        using var subscription = client.Subscribe(new SubscribeRequest(), TestCalls.As("ledger", TimeSpan.FromSeconds(20), "accounting"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var written = await FeedWriters.WriteAsync(_host.Resources.DatabaseConnectionString, 1, TestContext.Current.CancellationToken);

        var received = await ReadAsync(subscription.ResponseStream, 1);

        Assert.Equal(written[0].ToString(), received[0].Id);

        var customer = Guid.NewGuid();
        var deal = Deals.Won(customer);
        await _host.WinAsync(deal);
        var booked = await ReadAsync(subscription.ResponseStream, 1);
        Assert.Equal("crm.orders.order_booked", booked[0].Type);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the events took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_client_receives_only_the_event_types_it_is_granted()
    {
        var customer = Guid.NewGuid();
        var deal = Deals.Won(customer);
        await _host.WinAsync(deal);
        var order = await _host.Client.OrderOfAsync(customer, deal.OpportunityId);
        var invoice = await _host.Client.InvoiceAsync(order.OrderId, _host.Clock.Today.AddDays(30));

        var client = new AccountingFeedService.AccountingFeedServiceClient(_host.Channel);
        var invoicesOnly = TestCalls.WithToken(TestIssuer.Default.Token("ledger", ["accounting"], DateTime.UtcNow.AddMinutes(30), feedTypes: ["crm.orders.invoice_issued"]), Deadline);
        using (var subscription = client.Subscribe(new SubscribeRequest(), invoicesOnly))
        {
            var seen = await ReadAsync(subscription.ResponseStream, 1);
            Assert.Equal("crm.orders.invoice_issued", seen[0].Type);
            Assert.Equal(invoice.InvoiceId, seen[0].Subject);
        }

        // A page of everything after 0 holds the booking too, but not for this client.
        var all = await client.ReadFeedAsync(new ReadFeedRequest { Limit = 1000 }, TestCalls.As("anna", Deadline, "accounting"));
        Assert.Contains(all.Events, e => e.Type == "crm.orders.order_booked" && e.Subject == order.OrderId);
        var granted = await client.ReadFeedAsync(new ReadFeedRequest { Limit = 1000 }, invoicesOnly);
        Assert.All(granted.Events, e => Assert.Equal("crm.orders.invoice_issued", e.Type));
        Assert.Equal(all.HeadPosition, granted.HeadPosition);

        await Refused.WithAsync(StatusCode.PermissionDenied, () => client.ReadFeedAsync(new ReadFeedRequest { EventTypes = { "crm.orders.order_booked" } }, invoicesOnly).ResponseAsync, "event_types");
        await Refused.WithAsync(StatusCode.PermissionDenied, () => client.ReadFeedAsync(new ReadFeedRequest(), TestCalls.As("oskar", Deadline, "order_entry")).ResponseAsync);
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ReadFeedAsync(new ReadFeedRequest { EventTypes = { "crm.orders.nothing" } }, invoicesOnly).ResponseAsync, "event_types");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ReadFeedAsync(new ReadFeedRequest { Limit = 1001 }, invoicesOnly).ResponseAsync, "limit");
    }

    [Fact]
    public async Task A_position_removed_by_retention_answers_out_of_range_naming_the_oldest_kept()
    {
        await _host.DisposeAsync();
        _host = await OrdersHost.StartAsync(
            await servers.IsolateAsync(nameof(A_position_removed_by_retention_answers_out_of_range_naming_the_oldest_kept)),
            "--Feed:AppendInterval=00:00:00.100", "--Feed:MaxEvents=100", "--Feed:RetentionInterval=00:00:00.100");
        await FeedWriters.WriteAsync(_host.Resources.DatabaseConnectionString, 500, TestContext.Current.CancellationToken);
        var client = new AccountingFeedService.AccountingFeedServiceClient(_host.Channel);
        var accounting = TestCalls.As("anna", Deadline, "accounting");
        Assert.True(
            await Poll.UntilAsync(async _ => await _host.CountAsync("SELECT 1 FROM feed_state WHERE head = 500 AND removed_through = 400") == 1, Deadline, TestContext.Current.CancellationToken),
            "retention did not bring the feed down to its last 100 events");
        Assert.Equal(100, await _host.CountAsync("SELECT 1 FROM feed_events"));

        Assert.Contains("the oldest kept is 401", (await Refused.WithAsync(StatusCode.OutOfRange, () => client.ReadFeedAsync(new ReadFeedRequest { AfterPosition = 10 }, accounting).ResponseAsync, "after_position")).Detail, StringComparison.Ordinal);
        using var subscription = client.Subscribe(new SubscribeRequest { AfterPosition = 10 }, accounting);
        Assert.Contains("resume after 400", (await Refused.WithAsync(StatusCode.OutOfRange, () => subscription.ResponseStream.MoveNext(TestContext.Current.CancellationToken), "after_position")).Detail, StringComparison.Ordinal);
        Assert.Equal(401, (await client.ReadFeedAsync(new ReadFeedRequest { AfterPosition = 400, Limit = 1 }, accounting)).Events.Single().Position);
        Assert.Contains("0 to 500", (await Refused.WithAsync(StatusCode.OutOfRange, () => client.ReadFeedAsync(new ReadFeedRequest { AfterPosition = 501 }, accounting).ResponseAsync, "after_position")).Detail, StringComparison.Ordinal);

        // By age: a month on, every event is past the 30 days kept; the head stays where it was.
        _host.Clock.Advance(TimeSpan.FromDays(31));
        Assert.True(await Poll.UntilAsync(async _ => await _host.CountAsync("SELECT 1 FROM feed_events") == 0, Deadline, TestContext.Current.CancellationToken), "retention by age removed nothing");
        Assert.Contains("the oldest kept is 501", (await Refused.WithAsync(StatusCode.OutOfRange, () => client.ReadFeedAsync(new ReadFeedRequest { AfterPosition = 450 }, accounting).ResponseAsync, "after_position")).Detail, StringComparison.Ordinal);
        var empty = await client.ReadFeedAsync(new ReadFeedRequest { AfterPosition = 500 }, accounting);
        Assert.Equal((0, 500L, 500L), (empty.Events.Count, empty.NextAfterPosition, empty.HeadPosition));
    }

    [Fact]
    public async Task A_customers_billing_name_and_address_reach_the_feed_when_they_change_and_only_then()
    {
        var customer = Guid.NewGuid();
        var address = new Crm.Contracts.PostalAddress("Hafenstrasse 1", "Hamburg", null, "20457", "DE");
        var now = DateTimeOffset.UtcNow;
        var client = new AccountingFeedService.AccountingFeedServiceClient(_host.Channel);
        var billingOnly = TestCalls.WithToken(TestIssuer.Default.Token("ledger", ["accounting"], DateTime.UtcNow.AddMinutes(30), feedTypes: ["crm.orders.billing_profile_changed"]), Deadline);
        using var subscription = client.Subscribe(new SubscribeRequest { Latest = true }, billingOnly);

        // Each event waits for the one before it (the service may consume events of two types in either order).
        await LearnAsync(customer, new AccountCreated(Guid.NewGuid(), now, customer, 1, "Harbor Robotics", "Robotics", null, address, "otto"), 1);
        // The owner changes: nothing an accounting system keeps. Then the name changes, and a stale event comes late.
        await LearnAsync(customer, new AccountUpdated(Guid.NewGuid(), now, customer, 2, "Harbor Robotics", "Robotics", null, address, "olivia"), 2);
        await LearnAsync(customer, new AccountUpdated(Guid.NewGuid(), now, customer, 4, "Harbor Robotics GmbH", "Robotics", null, address, "olivia"), 4);
        await _host.PublishAsync(new AccountUpdated(Guid.NewGuid(), now, customer, 3, "Harbor Robotic", "Robotics", null, null, "olivia"));
        await LearnAsync(customer, new AccountUpdated(Guid.NewGuid(), now, customer, 5, "Harbor Robotics GmbH", "Robotics", null, address with { Street = "Kai 7" }, "olivia"), 5);

        var events = await ReadAsync(subscription.ResponseStream, 3);
        Assert.All(events, e => Assert.Equal(("crm.orders.billing_profile_changed", customer.ToString()), (e.Type, e.Subject)));
        var names = events.Select(e => System.Text.Json.JsonDocument.Parse(e.Data).RootElement).Select(d => (d.GetProperty("name").GetString(), d.GetProperty("billingAddress").GetProperty("street").GetString(), d.GetProperty("version").GetInt64())).ToList();
        Assert.Equal([("Harbor Robotics", "Hafenstrasse 1", 1L), ("Harbor Robotics GmbH", "Hafenstrasse 1", 2L), ("Harbor Robotics GmbH", "Kai 7", 3L)], names);
        Assert.Equal(1, await _host.CountAsync($"SELECT 1 FROM billing_profiles WHERE customer_id = '{customer}' AND account_version = 5 AND version = 3"));
    }

    private async Task LearnAsync<TEvent>(Guid customer, TEvent account, long version)
        where TEvent : class
    {
        await _host.PublishAsync(account);
        Assert.True(
            await Poll.UntilAsync(async _ => await _host.CountAsync($"SELECT 1 FROM billing_profiles WHERE customer_id = '{customer}' AND account_version = {version}") == 1, Deadline, TestContext.Current.CancellationToken),
            $"the billing profile did not take the account's version {version}");
    }

    [Fact]
    public async Task The_sample_ledger_resumes_after_a_crash_and_holds_every_event_once()
    {
        var total = (await FeedWriters.WriteAsync(_host.Resources.DatabaseConnectionString, 3_000, TestContext.Current.CancellationToken)).Count;
        await using var ledger = NpgsqlDataSource.Create((await servers.IsolateAsync("ledger-sample")).DatabaseConnectionString);
        var client = new AccountingFeedService.AccountingFeedServiceClient(_host.Channel);
        var sync = new LedgerSync(ledger, client, _ => Task.FromResult(TestIssuer.Default.TokenFor("ledger", "accounting")), NullLogger<LedgerSync>.Instance);
        var cancellationToken = TestContext.Current.CancellationToken;
        await sync.PrepareAsync(cancellationToken);

        // The sample dies a third of the way through; more events arrive while it is down.
        using (var crash = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var running = sync.RunAsync(crash.Token);
            Assert.True(await Poll.UntilAsync(async _ => await sync.LastPositionAsync(cancellationToken) >= 1_000, Deadline, cancellationToken), "the sample wrote nothing");
            await crash.CancelAsync();
            await running;
        }

        var stoppedAt = await sync.LastPositionAsync(cancellationToken);
        Assert.InRange(stoppedAt, 1_000L, total - 1L);
        total += (await FeedWriters.WriteAsync(_host.Resources.DatabaseConnectionString, 1_000, TestContext.Current.CancellationToken)).Count;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var resumed = sync.RunAsync(stop.Token);
        Assert.True(await Poll.UntilAsync(async _ => await sync.LastPositionAsync(cancellationToken) == total, Deadline, cancellationToken), "the sample did not catch up");
        await stop.CancelAsync();
        await resumed;

        await using var count = ledger.CreateCommand("SELECT count(*), count(DISTINCT event_id), min(position), max(position) FROM ledger_entries");
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        Assert.Equal(((long)total, (long)total, 1L, (long)total), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
    }

    private static async Task<List<FeedEvent>> ReadAsync(IAsyncStreamReader<FeedEvent> stream, int count)
    {
        var events = new List<FeedEvent>(count);
        while (events.Count < count && await stream.MoveNext(TestContext.Current.CancellationToken))
        {
            events.Add(stream.Current);
        }

        return events;
    }
}
