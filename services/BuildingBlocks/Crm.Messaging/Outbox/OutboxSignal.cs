using System.Threading.Channels;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Wakes a reader of the outbox (the relay, the orders feed's appender) as soon as a commit stored events, instead of
/// leaving them until its next poll. Signals that arrive while one is pending fold into it: the reader drains
/// everything each time it wakes.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _pending.Writer.TryWrite(true);

    /// <summary>Waits for a signal or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _pending.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look anyway, for rows whose retry time has come.
        }
    }
}
