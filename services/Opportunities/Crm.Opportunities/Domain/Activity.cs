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

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset LoggedAt { get; private set; }

    /// <summary>Logs what happened at <paramref name="occurredAt"/> (by default now, <paramref name="at"/>).</summary>
    public static Activity Log(Guid customerId, Guid? opportunityId, ActivityKind kind, string subject, string? notes, string loggedBy, string department, DateTimeOffset? occurredAt, DateTimeOffset at)
    {
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
            OccurredAt = occurredAt ?? at,
            LoggedAt = at,
            Version = 1,
        };
        activity.Raise(new ActivityLogged(
            Guid.CreateVersion7(at), at, customerId, activity.ActivityId, activity.Version, opportunityId, kind, subject, activity.OccurredAt, loggedBy));
        return activity;
    }
}
