using MassTransit;

namespace Crm.Messaging.Tests.Reliability;

/// <summary>Counts the faults MassTransit reports for one queue's receive endpoint: one per failed attempt to reconnect.</summary>
internal sealed class EndpointFaults(string queue) : IReceiveEndpointObserver
{
    private int _count;
    private long _lastAt;

    public int Count => Volatile.Read(ref _count);

    /// <summary>When the last fault was reported (<see cref="TimeProvider.GetTimestamp"/> of the system clock).</summary>
    public long LastAt => Interlocked.Read(ref _lastAt);

    public Task Ready(ReceiveEndpointReady ready) => Task.CompletedTask;

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        ArgumentNullException.ThrowIfNull(faulted);
        if (faulted.InputAddress.AbsolutePath.EndsWith("/" + queue, StringComparison.Ordinal))
        {
            Interlocked.Exchange(ref _lastAt, TimeProvider.System.GetTimestamp());
            Interlocked.Increment(ref _count);
        }

        return Task.CompletedTask;
    }
}
