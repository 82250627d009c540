namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a meeting with the customer is scheduled.</summary>
public sealed record MeetingScheduled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid MeetingId,
    long Version,
    Guid? OpportunityId,
    string Subject,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string OrganizerId,
    IReadOnlyList<string> AttendeeIds) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => MeetingId;
}
