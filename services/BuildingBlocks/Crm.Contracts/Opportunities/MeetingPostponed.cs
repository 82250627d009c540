namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a meeting moves to a later time (for example because of an open priority-1 problem).</summary>
public sealed record MeetingPostponed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid MeetingId,
    long Version,
    DateTimeOffset PreviousStartsAt,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Reason) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => MeetingId;
}
