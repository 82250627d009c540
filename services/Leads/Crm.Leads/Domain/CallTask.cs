using Crm.Domain;

namespace Crm.Leads.Domain;

/// <summary>A call a cadence asks Inside Sales to make, open until someone records what came of it.</summary>
public sealed class CallTask
{
    private CallTask()
    {
    }

    public Guid TaskId { get; private set; }

    /// <summary>Orders the queue, the longest waiting first; also the page token.</summary>
    public long Position { get; private set; }

    public Guid LeadId { get; private set; }

    public Guid CadenceId { get; private set; }

    public int Step { get; private set; }

    public string Subject { get; private set; } = string.Empty;

    public string Script { get; private set; } = string.Empty;

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public string? DoneBy { get; private set; }

    public string? Outcome { get; private set; }

    /// <summary>The task for the call of <paramref name="touch"/>.</summary>
    public static CallTask For(Touch touch)
    {
        ArgumentNullException.ThrowIfNull(touch);
        return new CallTask
        {
            TaskId = touch.TouchId,
            // Only a lead is called: a customer's contact is their account team's.
            LeadId = touch.LeadId ?? throw new ArgumentException($"touch {touch.TouchId} reached no lead", nameof(touch)),
            CadenceId = touch.CadenceId,
            Step = touch.Step,
            Subject = touch.Subject,
            Script = touch.Body,
            DueAt = touch.SentAt,
        };
    }

    public Result Complete(string outcome, string by, DateTimeOffset at)
    {
        if (DoneAt is not null)
        {
            return DomainError.Precondition($"call task {TaskId} was done by {DoneBy} at {DoneAt:u}");
        }

        Outcome = outcome;
        DoneBy = by;
        DoneAt = at;
        return Result.Done;
    }
}
