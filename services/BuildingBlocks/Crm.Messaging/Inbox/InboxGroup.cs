using Crm.Contracts;

namespace Crm.Messaging.Inbox;

/// <summary>
/// Gathers the events one consumer receives at the same time, in one service, into groups that commit in one
/// transaction. There is no thread of its own: the first delivery to arrive runs a group of everything waiting, and
/// when it is done hands the next group to the first delivery that arrived meanwhile. One group at a time per
/// consumer, so that two groups of one process never wait for each other's row locks.
/// </summary>
internal sealed class InboxGroup<TEvent, TDbContext>
    where TEvent : class, IIntegrationEvent
    where TDbContext : MessagingDbContext
{
    /// <summary>The most deliveries one transaction takes; MassTransit's concurrency limit usually keeps groups smaller.</summary>
    private const int MaxSize = 64;

    private readonly Lock _gate = new();
    private readonly List<InboxDelivery<TEvent, TDbContext>> _waiting = [];
    private bool _running;

    /// <summary>
    /// Adds <paramref name="delivery"/> to the next group and returns its outcome once the group is done, running a group
    /// with <paramref name="apply"/> when it is this delivery's turn. <paramref name="apply"/> finishes every delivery
    /// it was given.
    /// </summary>
    public async Task<InboxOutcome> JoinAsync(
        InboxDelivery<TEvent, TDbContext> delivery,
        Func<IReadOnlyList<InboxDelivery<TEvent, TDbContext>>, Task> apply)
    {
        bool turn;
        lock (_gate)
        {
            _waiting.Add(delivery);
            turn = !_running;
            _running = true;
        }

        while (!delivery.Outcome.IsCompleted)
        {
            if (!turn)
            {
                await delivery.TurnOrOutcome;
                turn = true;
                continue;
            }

            await RunNextAsync(apply);
            turn = false;
        }

        return await delivery.Outcome;
    }

    private async Task RunNextAsync(Func<IReadOnlyList<InboxDelivery<TEvent, TDbContext>>, Task> apply)
    {
        // The delivery whose turn it is waits first in line, so the group it takes holds it.
        List<InboxDelivery<TEvent, TDbContext>> group;
        lock (_gate)
        {
            group = _waiting.GetRange(0, Math.Min(_waiting.Count, MaxSize));
            _waiting.RemoveRange(0, group.Count);
        }

        try
        {
            await apply(group);
        }
        finally
        {
            foreach (var member in group)
            {
                // Only if apply left one unfinished: it is then applied alone, which reports its own failure.
                member.Finish(InboxOutcome.Alone);
            }

            lock (_gate)
            {
                if (_waiting.Count > 0)
                {
                    _waiting[0].TakeTurn();
                }
                else
                {
                    _running = false;
                }
            }
        }
    }
}
