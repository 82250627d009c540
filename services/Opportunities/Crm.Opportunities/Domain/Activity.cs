using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Domain;

namespace Crm.Opportunities.Domain;

/// <summary>An interaction with the customer on the shared timeline, with who logged it and their department; logged once.</summary>
internal sealed class Activity : AggregateRoot
{
    private Activity()
    {
    }

    public Guid ActivityId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid? OpportunityId { get; private set; }

    public ActivityKind Kind { get; private set; }

    public string Subject { get; private set; } = string.Empty;

    public string? Notes { get; private set; }

    public string LoggedBy { get; private set; } = string.Empty;

    /// <summary>The department's name as in crm.common.v1.Department (INSIDE_SALES, ...).</summary>
    public string Department { get; private set; } = string.Empty;

    /// <summary>How it went, when whoever logged it said.</summary>
    public ActivityOutcome? Outcome { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset LoggedAt { get; private set; }

    /// <summary>Logs what happened when the entry says (by default now, <paramref name="at"/>); the event
    /// names the sales team of whoever logged it, for the activity reports.</summary>
    public static Activity Log(ActivityEntry entry, string loggedBy, string? salesTeam, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (customerId, opportunityId, kind, subject, notes, department, outcome, occurredAt) = entry;
        var activity = new Activity
        {
            ActivityId = Guid.CreateVersion7(at),
            CustomerId = customerId,
            OpportunityId = opportunityId,
            Kind = kind,
            Subject = subject,
            Notes = notes,
            LoggedBy = loggedBy,
            Department = department,
            Outcome = outcome,
            OccurredAt = occurredAt ?? at,
            LoggedAt = at,
            Version = 1,
        };
        activity.Raise(new ActivityLogged(
            Guid.CreateVersion7(at), at, customerId, activity.ActivityId, activity.Version, opportunityId, kind, subject, activity.OccurredAt, loggedBy,
            Enum.TryParse<Department>(department, out var known) ? known : null, outcome, salesTeam));
        return activity;
    }
}
