namespace Crm.Opportunities.Domain;

/// <summary>A meeting with the customer; postponing it moves it later and marks it.</summary>
internal sealed class Meeting
{
    public Guid MeetingId { get; init; }

    public Guid CustomerId { get; init; }

    public Guid? OpportunityId { get; init; }

    public required string Subject { get; init; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public List<Guid> AttendeeContactIds { get; init; } = [];

    public required string OrganizerId { get; init; }

    public bool Postponed { get; set; }

    public string? PostponeReason { get; set; }

    /// <summary>1 when scheduled, one more for each postponement.</summary>
    public long Version { get; set; }
}
