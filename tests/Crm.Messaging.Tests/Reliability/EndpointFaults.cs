using MassTransit;

namespace Crm.Messaging.Tests.Reliability;

/// <summary>Counts the faults MassTransit reports for one queue's receive endpoint: one per failed attempt to reconnect.</summary>
internal sealed class EndpointFaults(string queue) : IReceiveEndpointObserver
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task Ready(ReceiveEndpointReady ready) => Task.CompletedTask;

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        ArgumentNullException.ThrowIfNull(faulted);
        if (faulted.InputAddress.AbsolutePath.EndsWith("/" + queue, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }

        return Task.CompletedTask;
    }
}
