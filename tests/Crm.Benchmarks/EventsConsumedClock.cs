using System.Collections.Concurrent;
using System.Diagnostics;
using Crm.Contracts;
using MassTransit;

namespace Crm.Benchmarks;

/// <summary>Notes when each event's effect was committed: MassTransit calls PostConsume after the consumer returned,
/// and the inbox consumer returns only after its transaction committed.</summary>
internal sealed class EventsConsumedClock : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, long> _applied = new();
    private int _count;
    private int _expected = int.MaxValue;
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when <paramref name="expected"/> events have been applied since this call.</summary>
    public Task Expect(int expected)
    {
        _applied.Clear();
        _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _count, 0);
        Volatile.Write(ref _expected, expected);
        return _all.Task;
    }

    /// <summary>When the effect of <paramref name="eventId"/> committed, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long? AppliedAt(Guid eventId) => _applied.TryGetValue(eventId, out var at) ? at : null;

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is IIntegrationEvent applied)
        {
            _applied[applied.EventId] = Stopwatch.GetTimestamp();
            if (Interlocked.Increment(ref _count) == Volatile.Read(ref _expected))
            {
                _all.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
