using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Crm.Contracts.Opportunities;
using Crm.Messaging.Inbox;
using Crm.Messaging.SampleService.Consumers;
using Crm.Messaging.SampleService.Data;
using Crm.Messaging.SampleService.Deals;
using Crm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Messaging.Tests.Inbox;

/// <summary>
/// Groups of events applied in one transaction, driven directly (what MassTransit's concurrent deliveries do by chance),
/// each event on its own consumer and DbContext as in a real delivery.
/// </summary>
public sealed class InboxGroupTests(CrmTestServers servers) : IAsyncLifetime
{
    private readonly List<AsyncServiceScope> _scopes = [];
    private SampleDeployment _deployment = null!;
    private RunningSample _consumer = null!;

    public async ValueTask InitializeAsync()
    {
        _deployment = await SampleDeployment.CreateAsync(servers, nameof(InboxGroupTests));
        _consumer = await _deployment.StartConsumerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await ReturnToPoolAsync();
        await _consumer.DisposeAsync();
    }

    [Fact]
    public async Task Events_applied_together_commit_once_each_in_one_transaction()
    {
        var group = Enumerable.Range(0, 5).Select(n => Booking(DealDesk.Won(n))).ToList();

        var outcomes = await group[0].Consumer.ApplyTogetherAsync(group, TestContext.Current.CancellationToken);

        Assert.All(outcomes, o => Assert.Equal(InboxOutcome.Applied, o));
        Assert.Equal(5, await _deployment.OrdersAsync());

        // Rows written by one transaction carry its id in xmin.
        Assert.Equal(1, await ConsumerScalarAsync("SELECT count(DISTINCT x) FROM (SELECT xmin::text AS x FROM inbox_messages UNION ALL SELECT xmin::text FROM booked_orders) AS written"));
    }

    [Fact]
    public async Task A_duplicate_inside_one_group_and_one_already_applied_are_each_skipped()
    {
        var first = DealDesk.Won(1);
        var second = DealDesk.Won(2);
        var earlier = Booking(first);
        await earlier.Consumer.ApplyTogetherAsync([earlier], TestContext.Current.CancellationToken);
        List<InboxDelivery<OpportunityWon, SampleDbContext>> group = [Booking(second), Booking(first), Booking(second)];

        var outcomes = await group[0].Consumer.ApplyTogetherAsync(group, TestContext.Current.CancellationToken);

        Assert.Equal([InboxOutcome.Applied, InboxOutcome.Duplicate, InboxOutcome.Duplicate], outcomes);
        Assert.Equal(2, await _deployment.OrdersAsync());
        Assert.Equal(1, await ConsumerScalarAsync($"SELECT count(*) FROM booked_orders WHERE event_id = '{second.EventId}'"));
        Assert.Equal(2, await ConsumerScalarAsync("SELECT sum(orders) FROM customer_tallies"));
    }

    [Fact]
    public async Task Events_of_one_aggregate_in_one_group_apply_in_arrival_order_and_a_stale_one_is_skipped()
    {
        var opportunity = DealDesk.DealId(3);
        var group = new long[] { 2, 1, 4, 3, 5 }.Select(v => StageChange(DealDesk.StageChanged(opportunity, v))).ToList();

        var outcomes = await group[0].Consumer.ApplyTogetherAsync(group, TestContext.Current.CancellationToken);

        Assert.Equal([InboxOutcome.Applied, InboxOutcome.Stale, InboxOutcome.Applied, InboxOutcome.Stale, InboxOutcome.Applied], outcomes);
        Assert.Equal(5, await ConsumerScalarAsync($"SELECT version FROM pipeline_entries WHERE opportunity_id = '{opportunity}'"));
        Assert.Equal(3, await ConsumerScalarAsync("SELECT applied FROM pipeline_entries"));
        Assert.Equal(5, await ConsumerScalarAsync("SELECT count(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task A_group_with_a_failing_event_commits_nothing_and_sends_each_event_back_to_be_applied_alone()
    {
        List<InboxDelivery<OpportunityWon, SampleDbContext>> group = [Booking(DealDesk.Won(1)), Booking(DealDesk.Won(2, withLines: false)), Booking(DealDesk.Won(3))];

        await group[0].Consumer.ApplyGroupAsync(group);

        Assert.All(group, d => Assert.Equal(InboxOutcome.Alone, d.Outcome.Result));
        Assert.Equal(0, await _deployment.OrdersAsync());
        Assert.Equal(0, await ConsumerScalarAsync("SELECT count(*) FROM inbox_messages"));

        // Alone, on the same consumers and DbContexts, the good ones apply and the bad one fails by itself.
        Assert.Equal([InboxOutcome.Applied], await group[0].Consumer.ApplyTogetherAsync([group[0]], TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<InvalidOperationException>(() => group[1].Consumer.ApplyTogetherAsync([group[1]], TestContext.Current.CancellationToken));
        Assert.Equal([InboxOutcome.Applied], await group[2].Consumer.ApplyTogetherAsync([group[2]], TestContext.Current.CancellationToken));
        Assert.Equal(2, await _deployment.OrdersAsync());
        Assert.Equal(2, await ConsumerScalarAsync("SELECT count(DISTINCT xmin::text) FROM inbox_messages"));
    }

    [Fact]
    public async Task Each_event_of_a_group_is_applied_in_its_own_trace()
    {
        using var source = new ActivitySource(nameof(Each_event_of_a_group_is_applied_in_its_own_trace));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var events = Enumerable.Range(0, 3).Select(n => DealDesk.Won(n)).ToList();
        var traces = new List<Activity>();
        foreach (var _ in events)
        {
            // Each delivery's consume span starts a trace of its own (no ambient parent).
            Activity.Current = null;
            traces.Add(source.StartActivity("consume", System.Diagnostics.ActivityKind.Consumer)!);
        }

        Activity.Current = null;
        var group = events.Select((e, i) => Booking(e, traces[i])).ToList();

        await group[0].Consumer.ApplyTogetherAsync(group, TestContext.Current.CancellationToken);

        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(1, await ConsumerScalarAsync($"SELECT count(*) FROM booked_orders WHERE event_id = '{events[i].EventId}' AND trace_id = '{traces[i].TraceId}'"));
        }

        traces.ForEach(t => t.Dispose());
    }

    [Fact]
    public async Task Contexts_back_from_the_pool_keep_nothing_of_a_group_nor_of_an_unsaved_publish()
    {
        var group = Enumerable.Range(0, 3).Select(n => Booking(DealDesk.Won(n))).ToList();
        await group[0].Consumer.ApplyTogetherAsync(group, TestContext.Current.CancellationToken);

        // A command that published and failed before its save.
        NewContext().Publish(DealDesk.Won(9));
        var leased = _scopes.Select(s => s.ServiceProvider.GetRequiredService<SampleDbContext>()).ToList();
        await ReturnToPoolAsync();

        var again = Enumerable.Range(0, leased.Count).Select(_ => NewContext()).ToList();
        Assert.Equal(leased.ToHashSet(), again.ToHashSet());
        var connections = new List<DbConnection>();
        foreach (var db in again)
        {
            Assert.False(db.HasUnsignalledEvents);
            Assert.True(db.Database.AutoSavepointsEnabled);
            Assert.Empty(db.ChangeTracker.Entries());
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            connections.Add(db.Database.GetDbConnection());
        }

        // Each is back on a connection of its own, which it closes when it goes back: a group member left on a borrowed
        // connection would not own it, and would keep it open (and a server connection with it) in the pool.
        Assert.Equal(connections.Count, connections.Distinct().Count());
        await ReturnToPoolAsync();
        Assert.All(connections, c => Assert.Equal(ConnectionState.Closed, c.State));
    }

    private async Task ReturnToPoolAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        _scopes.Clear();
    }

    private InboxDelivery<OpportunityWon, SampleDbContext> Booking(OpportunityWon won, Activity? trace = null) =>
        new(new OrderBookingConsumer(NewContext()), won, won.EventId, trace);

    private InboxDelivery<OpportunityStageChanged, SampleDbContext> StageChange(OpportunityStageChanged changed) =>
        new(new PipelineConsumer(NewContext()), changed, changed.EventId, null);

    /// <summary>A DbContext of its own, as each delivery gets from its message scope.</summary>
    private SampleDbContext NewContext()
    {
        var scope = _consumer.Services.CreateAsyncScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<SampleDbContext>();
    }

    private Task<long> ConsumerScalarAsync(string sql) => SampleDeployment.ScalarAsync(_deployment.ConsumerDatabase, sql);
}
