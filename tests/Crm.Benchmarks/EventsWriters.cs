using System.Collections.Concurrent;
using System.Diagnostics;
using Crm.Messaging.SampleService.Data;
using Crm.Messaging.SampleService.Deals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Benchmarks;

/// <summary>
/// The workload's commands, as a service runs them: one DbContext per writer, and per command one <c>SaveChanges</c>
/// that commits a won deal and its <c>OpportunityWon</c> together.
/// </summary>
internal sealed class EventsWriters(IHost publisher)
{
    private int _nextDeal;

    /// <summary>Runs <paramref name="events"/> commands from <paramref name="writers"/> concurrent writers as fast as they go.</summary>
    public Task RunAsync(int events, int writers, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(_ => WriteAsync(events / writers, null, cancellationToken)));

    /// <summary>
    /// Runs <paramref name="events"/> commands at <paramref name="rate"/> per second in all, noting when each one
    /// committed in <paramref name="committed"/> (a <see cref="Stopwatch"/> timestamp by event id).
    /// </summary>
    public Task RunAtAsync(int events, int writers, double rate, ConcurrentDictionary<Guid, long> committed, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        return Task.WhenAll(Enumerable.Range(0, writers).Select(w =>
            WriteAsync(events / writers, new Schedule(start, rate / writers, (double)w / writers, committed), cancellationToken)));
    }

    private async Task WriteAsync(int count, Schedule? schedule, CancellationToken cancellationToken)
    {
        await using var scope = publisher.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        for (var i = 0; i < count; i++)
        {
            if (schedule is not null)
            {
                await schedule.WaitForTurnAsync(i, cancellationToken);
            }

            var won = DealDesk.Won(Interlocked.Increment(ref _nextDeal));
            db.Deals.Add(new Deal { Id = won.OpportunityId, CustomerId = won.CustomerId, Stage = "Won", Version = won.Version });
            db.Publish(won);
            await db.SaveChangesAsync(cancellationToken);
            schedule?.Committed.TryAdd(won.EventId, Stopwatch.GetTimestamp());
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>One writer's timetable: each writer keeps its own, offset from the others, so that commands arrive evenly.</summary>
    private sealed record Schedule(long Start, double PerSecond, double Offset, ConcurrentDictionary<Guid, long> Committed)
    {
        public async Task WaitForTurnAsync(int command, CancellationToken cancellationToken)
        {
            var due = Start + (long)((command + Offset) / PerSecond * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }
}
