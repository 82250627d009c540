using Crm.Messaging.Outbox;

namespace Crm.Orders.Features.AccountingFeed;

/// <summary>
/// What wakes the feed's parts without waiting for their next poll: the appender when events were committed to the
/// outbox (by this process's commands, through <see cref="IOutboxCommitted"/>, or by a replica that sends NOTIFY
/// <c>crm_outbox</c>), and every waiting subscription when events were appended (here, or in another replica: its
/// NOTIFY <c>crm_feed</c> comes through <see cref="FeedNotifications"/>).
/// </summary>
public sealed class FeedWakeups : IOutboxCommitted
{
    // The relay's own kind of signal: signals while one is pending fold into it, and a timed-out wait leaves nothing behind.
    private readonly OutboxSignal _outbox = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OutboxCommitted() => _outbox.Notify();

    void IOutboxCommitted.Committed() => OutboxCommitted();

    /// <summary>Wakes every subscription waiting in <see cref="WaitForAppendAsync"/>.</summary>
    public void Appended() => Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits until events were committed to the outbox, or <paramref name="timeout"/>.</summary>
    public Task WaitForOutboxAsync(TimeSpan timeout, CancellationToken cancellationToken) => _outbox.WaitAsync(timeout, cancellationToken);

    /// <summary>Waits until events were appended, or <paramref name="timeout"/>.</summary>
    public async Task WaitForAppendAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _appended).Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The poll interval passed: look anyway.
        }
    }
}
