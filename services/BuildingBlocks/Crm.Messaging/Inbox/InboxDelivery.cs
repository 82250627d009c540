using System.Diagnostics;
using Crm.Contracts;

namespace Crm.Messaging.Inbox;

/// <summary>
/// One event handed to a consumer, waiting to be applied in a group (<see cref="InboxGroup{TEvent, TDbContext}"/>): the
/// consumer instance and its DbContext, the event, and the ambient state its effect must see (its trace and
/// correlation id), wherever the group runs.
/// </summary>
internal sealed class InboxDelivery<TEvent, TDbContext>(InboxConsumer<TEvent, TDbContext> consumer, TEvent message, Guid correlationId, Activity? activity)
    where TEvent : class, IIntegrationEvent
    where TDbContext : MessagingDbContext
{
    private readonly TaskCompletionSource _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<InboxOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InboxConsumer<TEvent, TDbContext> Consumer { get; } = consumer;

    public TEvent Message { get; } = message;

    /// <summary>Completes once the outcome is known; faults with the effect's exception when it failed alone.</summary>
    public Task<InboxOutcome> Outcome => _outcome.Task;

    /// <summary>Completes when this delivery is to run the next group, or when its outcome is known.</summary>
    public Task TurnOrOutcome => Task.WhenAny(_turn.Task, _outcome.Task);

    public void TakeTurn() => _turn.TrySetResult();

    public void Finish(InboxOutcome outcome) => _outcome.TrySetResult(outcome);

    public void Fail(Exception exception) => _outcome.TrySetException(exception);

    /// <summary>Makes this delivery's trace and correlation id current on the flow that applies it, until disposed.</summary>
    public Scope Enter() => new(activity, correlationId);

    /// <summary>Restores the trace and correlation id of the flow that ran the group.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly Activity? _previousActivity;
        private readonly Guid? _previousCorrelation;

        public Scope(Activity? activity, Guid correlationId)
        {
            _previousActivity = Activity.Current;
            _previousCorrelation = MessageCorrelation.Current;
            Activity.Current = activity;
            MessageCorrelation.Current = correlationId;
        }

        public void Dispose()
        {
            Activity.Current = _previousActivity;
            MessageCorrelation.Current = _previousCorrelation;
        }
    }
}
